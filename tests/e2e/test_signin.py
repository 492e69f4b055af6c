"""Sign-in through the embedded browser against the replica, as a user does it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ka_explorer.oauth1.profiles import REPLICA_PROFILE
from ka_explorer.replica import DEMO
from ka_explorer.ui.endpoint_model import PATH_COLUMN

FILL_LOGIN = f"""
document.querySelector('#login-form [name=identifier]').value = '{DEMO.username}';
document.querySelector('#login-form [name=password]').value = '{DEMO.password}';
document.querySelector('#login-form [name=login]').click();
"""
APPROVE = "document.querySelector('#approval-form [name=approve]').click();"


def _run_js(qtbot, page, script: str):
    results = []
    page.runJavaScript(script, 0, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    return results[0]


def _wait_for_element(qtbot, dialog, element_id: str) -> None:
    script = f"!!document.getElementById('{element_id}')"
    qtbot.waitUntil(lambda: _run_js(qtbot, dialog.page, script) is True, timeout=20_000)


def _click_endpoint(qtbot, window, method: str, url: str) -> None:
    panel = window.endpoint_panel
    index = panel.view_index_of(window.catalog.find(method, url))
    index = index.siblingAtColumn(PATH_COLUMN)
    panel.view.scrollTo(index)
    rect = panel.view.visualRect(index)
    qtbot.mouseClick(
        panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )


def _open_sign_in(qtbot, window):
    with qtbot.waitSignal(window.signin.dialog_opened, timeout=20_000) as opened:
        qtbot.keyClick(window.request_bar.url_box.lineEdit(), Qt.Key.Key_Return)
    dialog = opened.args[0]
    _wait_for_element(qtbot, dialog, "login-form")
    return dialog


def _sign_in(qtbot, dialog) -> None:
    _run_js(qtbot, dialog.page, FILL_LOGIN)
    _wait_for_element(qtbot, dialog, "approval-form")
    _run_js(qtbot, dialog.page, APPROVE)


def test_login_required_endpoint_signs_in_and_shows_user(qtbot, open_window, replica):
    parts = open_window(replica)
    window = parts.window
    _click_endpoint(qtbot, window, "GET", "/api/v1/user")
    dialog = _open_sign_in(qtbot, window)
    assert dialog.profile.isOffTheRecord()

    with qtbot.waitSignal(window.response_shown, timeout=30_000) as shown:
        _sign_in(qtbot, dialog)
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
    dialog = _open_sign_in(qtbot, window)
    with qtbot.waitSignal(window.response_shown, timeout=30_000):
        _sign_in(qtbot, dialog)
    assert window.response_pane.status_chip.text() == "200 OK"
    assert window.session.signed_in()


def test_cancel_sign_in_keeps_window_usable(qtbot, open_window, replica):
    window = open_window(replica).window
    window.request_bar.set_url_text("/api/v1/user")
    dialog = _open_sign_in(qtbot, window)
    with qtbot.waitSignal(window.signin.cancelled, timeout=10_000):
        dialog.cancel_button.click()
    assert window.signin.dialog is None
    assert "cancelled" in window.status_area.text()
    assert not window.session.signed_in()
    assert window.history_model.entry_at(0).url == "/api/v1/user"


def test_navigation_off_provider_blocked(qtbot, open_window, replica):
    window = open_window(replica).window
    window.request_bar.set_url_text("/api/v1/user")
    dialog = _open_sign_in(qtbot, window)
    _run_js(
        qtbot, dialog.page, "window.location.href = 'http://localhost:9/elsewhere';"
    )
    qtbot.waitUntil(lambda: "Blocked" in dialog.status_area.text(), timeout=10_000)
    assert "localhost:9" in dialog.status_area.text()
    assert dialog.page.url().toString().startswith(replica.base_url)


def test_provider_denial_shown_in_dialog(qtbot, open_window, replica):
    window = open_window(replica).window
    window.request_bar.set_url_text("/api/v1/user")
    dialog = _open_sign_in(qtbot, window)
    _run_js(qtbot, dialog.page, FILL_LOGIN)
    _wait_for_element(qtbot, dialog, "approval-form")
    _run_js(
        qtbot,
        dialog.page,
        "document.querySelector('#approval-form [name=deny]').click();",
    )
    qtbot.waitUntil(lambda: dialog.status_area.level == "error", timeout=20_000)
    assert "not granted" in dialog.status_area.text()
    assert not window.session.signed_in()


def test_wrong_consumer_secret_reported(qtbot, open_window, replica):
    parts = open_window(replica)
    parts.session.store.set(REPLICA_PROFILE, "consumer_secret", "wrong-secret")
    window = parts.window
    window.request_bar.set_url_text("/api/v1/user")
    with qtbot.waitSignal(window.signin.failed, timeout=20_000):
        qtbot.keyClick(window.request_bar.url_box.lineEdit(), Qt.Key.Key_Return)
    assert window.status_area.level == "error"
    assert "Sign-in failed" in window.status_area.text()
    assert "401" in window.status_area.text()
    assert window.signin.dialog is None


def test_revoked_token_explained_and_removed(qtbot, open_window, replica):
    parts = open_window(replica)
    parts.session.store_token("revoked-token", "revoked-secret")
    window = parts.window
    window.request_bar.set_url_text("/api/v1/user")
    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        qtbot.keyClick(window.request_bar.url_box.lineEdit(), Qt.Key.Key_Return)
    assert window.response_pane.status_chip.text().startswith("401")
    assert "Sign in again" in window.status_area.text()
    assert not parts.session.signed_in()
