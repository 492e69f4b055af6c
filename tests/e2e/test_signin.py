"""Sign-in through the embedded browser against the replica, as a user does it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ka_explorer.oauth1.profiles import REPLICA_PROFILE
from ka_explorer.replica import DEMO
from tests.e2e.window_driver import (
    click_endpoint,
    log_in,
    open_sign_in,
    press_enter_in_url_bar,
    run_js,
    sign_in,
    wait_for_element,
)
from tests.gui.window_keys import focus, key_target, press_key
from tests.replica_signin import access_token, authorize


def test_login_required_endpoint_signs_in_and_shows_user(qtbot, open_window, replica):
    parts = open_window(replica)
    window = parts.window
    click_endpoint(qtbot, window, "GET", "/api/v1/user")
    dialog = open_sign_in(qtbot, window)
    assert dialog.profile.isOffTheRecord()

    with qtbot.waitSignal(window.response_shown, timeout=30_000) as shown:
        sign_in(qtbot, dialog)
    exchange = shown.args[0]
    assert exchange.status == 200
    assert parts.session.signed_in()
    assert parts.session.store.get(REPLICA_PROFILE, "token")
    assert window.response_pane.status_chip.text() == "200 OK"

    model = window.json_model
    keys = [model.index(row, 0).data() for row in range(model.rowCount())]
    username_row = keys.index("username")
    value = model.index(username_row, 1).data()
    assert value == DEMO.username

    view = window.response_pane.json_tab.view
    view.setCurrentIndex(model.index(username_row, 0))
    window.actions.copy_path.trigger()
    assert QGuiApplication.clipboard().text() == "$.username"


def test_oob_pin_read_from_page(qtbot, open_window, replica):
    window = open_window(replica).window
    window.signin.use_oob = True
    window.request_bar.set_url_text("/api/v1/user")
    dialog = open_sign_in(qtbot, window)
    with qtbot.waitSignal(window.response_shown, timeout=30_000):
        sign_in(qtbot, dialog)
    assert window.response_pane.status_chip.text() == "200 OK"
    assert window.session.signed_in()


def test_cancel_sign_in_keeps_window_usable(qtbot, open_window, replica):
    window = open_window(replica).window
    window.request_bar.set_url_text("/api/v1/user")
    dialog = open_sign_in(qtbot, window)
    with qtbot.waitSignal(window.signin.cancelled, timeout=10_000):
        dialog.cancel_button.click()
    assert window.signin.dialog is None
    assert "cancelled" in window.status_area.text()
    assert not window.session.signed_in()
    assert window.history_model.entry_at(0).url == "/api/v1/user"


def test_navigation_off_provider_blocked(qtbot, open_window, replica):
    window = open_window(replica).window
    window.request_bar.set_url_text("/api/v1/user")
    dialog = open_sign_in(qtbot, window)
    run_js(qtbot, dialog.page, "window.location.href = 'http://localhost:9/elsewhere';")
    qtbot.waitUntil(lambda: "Blocked" in dialog.status_area.text(), timeout=10_000)
    assert "localhost:9" in dialog.status_area.text()
    assert dialog.page.url().toString().startswith(replica.base_url)


def test_wrong_consumer_secret_reported(qtbot, open_window, replica):
    parts = open_window(replica)
    parts.session.store.set(REPLICA_PROFILE, "consumer_secret", "wrong-secret")
    window = parts.window
    window.request_bar.set_url_text("/api/v1/user")
    with qtbot.waitSignal(window.signin.failed, timeout=20_000):
        press_enter_in_url_bar(qtbot, window)
    assert window.status_area.level == "error"
    assert "Sign-in failed" in window.status_area.text()
    assert "401" in window.status_area.text()
    assert window.signin.dialog is None


def test_revoked_token_explained_and_removed(qtbot, open_window, replica):
    token, secret = access_token(
        authorize(replica.base_url, DEMO.username, DEMO.password)
    )
    parts = open_window(replica)
    parts.session.store_token(token, secret)
    window = parts.window
    window.request_bar.set_url_text("/api/v1/user")
    with qtbot.waitSignal(window.response_shown, timeout=20_000) as accepted:
        press_enter_in_url_bar(qtbot, window)
    assert accepted.args[0].status == 200

    assert replica.revoke_access_token(token) is True
    with qtbot.waitSignal(window.response_shown, timeout=20_000) as rejected:
        press_enter_in_url_bar(qtbot, window)

    assert rejected.args[0].status == 401
    assert window.response_pane.status_chip.text().startswith("401")
    assert f"Invalid access token: {token}" in window.status_area.text()
    assert "Sign in again" in window.status_area.text()
    assert not parts.session.signed_in()


WRONG_LOGIN = f"""
document.querySelector('#login-form [name=identifier]').value = '{DEMO.username}';
document.querySelector('#login-form [name=password]').value = 'not-the-password';
document.querySelector('#login-form [name=login]').click();
"""


def test_wrong_password_alert_until_next_page(qtbot, open_window, replica):
    window = open_window(replica).window
    window.request_bar.set_url_text("/api/v1/user")
    dialog = open_sign_in(qtbot, window)

    with qtbot.waitSignal(dialog.page_alert_read, timeout=20_000):
        run_js(qtbot, dialog.page, WRONG_LOGIN)
    alert = dialog.page_alert
    wait_for_element(qtbot, dialog, "login-form")
    log_in(qtbot, dialog)

    assert alert.startswith(f"Wrong username or password for {DEMO.username}")
    qtbot.waitUntil(lambda: dialog.page_alert == "", timeout=10_000)
    assert not dialog.status_area.isVisible()


def test_escape_on_page_cancels_sign_in(qtbot, open_window, replica):
    window = open_window(replica).window
    window.request_bar.set_url_text("/api/v1/user")
    dialog = open_sign_in(qtbot, window)
    focus(qtbot, dialog.view)
    page_has_focus = dialog.view.isAncestorOf(key_target())

    with qtbot.waitSignal(window.signin.cancelled, timeout=10_000):
        press_key(qtbot, Qt.Key.Key_Escape)

    assert page_has_focus
    assert window.signin.dialog is None
    assert "Sign-in cancelled" in window.status_area.text()
