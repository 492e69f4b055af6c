"""Which requests the profile's keys sign, and the message for a 401."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ka_explorer.oauth1.profiles import REPLICA_PROFILE
from tests.gui.window_keys import press, press_enter_in_url_bar, type_text

FOREIGN_401 = b"OAuth error. Invalid consumer."


def _send(qtbot, window, text: str):
    window.request_bar.set_url_text(text)
    with qtbot.waitSignal(window.response_shown, timeout=20_000) as shown:
        press_enter_in_url_bar(qtbot, window)
    return shown.args[0]


def _recording_401(seen: list):
    def answer(handler) -> None:
        seen.append(handler.headers.get("Authorization"))
        handler.send_response(401)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", str(len(FOREIGN_401)))
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(FOREIGN_401)

    return answer


def test_other_origin_gets_no_credentials(qtbot, make_window, local_server, replica):
    seen: list = []
    local_server.routes["/401"] = _recording_401(seen)
    parts = make_window(replica.base_url)
    parts.session.store_token("stored-token", "stored-token-secret")

    exchange = _send(qtbot, parts.window, f"{local_server.base_url}/401")

    text = parts.window.status_area.text()
    assert exchange.status == 401
    assert seen == [None]
    assert exchange.signature is None
    assert (
        f"Not signed: {local_server.base_url} is not the profile's server "
        f"({replica.base_url})"
    ) in text
    assert "Invalid consumer" in text
    assert parts.session.signed_in()
    assert "signed in" in parts.window.request_bar.profile_state.full_text()


def test_other_origin_starts_no_sign_in(qtbot, make_window, local_server, replica):
    seen: list = []
    local_server.routes["/api/v1/user"] = _recording_401(seen)
    window = make_window(replica.base_url).window

    _send(qtbot, window, f"{local_server.base_url}/api/v1/user")

    assert seen == [None]
    assert not window.signin.active()
    assert window.signin.dialog is None


def test_curl_for_other_origin_unsigned(qtbot, make_window, local_server):
    parts = make_window("http://127.0.0.1:9")
    parts.session.store_token("stored-token", "stored-token-secret")
    window = parts.window
    window.request_bar.set_url_text(f"{local_server.base_url}/api/v1/user")

    window.actions.copy_curl.trigger()

    command = QGuiApplication.clipboard().text()
    assert command.startswith("curl ")
    assert "oauth" not in command.lower()


def test_same_origin_still_signed(qtbot, make_window, replica):
    parts = make_window(replica.base_url)

    url = f"{replica.base_url}/api/v1/badges/categories"

    exchange = _send(qtbot, parts.window, url)

    assert exchange.status == 200
    assert exchange.signature is not None
    assert "Not signed" not in parts.window.status_area.text()


def _set_consumer_secret(qtbot, window, secret: str) -> None:
    """Open Keys…, type a consumer secret and save, as a user does."""
    window.request_bar.keys_button.click()
    dialog = window.profile_dialog
    type_text(qtbot, dialog.secret, secret)
    press(qtbot, dialog.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_wrong_secret_diagnosed_on_open_endpoint(qtbot, make_window, replica):
    parts = make_window(replica.base_url)
    window = parts.window
    _set_consumer_secret(qtbot, window, "wrongsecret")

    exchange = _send(qtbot, window, "/api/v1/badges/categories")

    text = window.status_area.text()
    assert exchange.status == 401
    assert parts.session.profile.name == REPLICA_PROFILE
    assert "Likely cause: The base strings are identical, so the signing key " in text
    assert "check the consumer secret" in text
    assert "sign-in" not in text.lower()
    assert "Sign in" not in text
    assert "Expected base string:" in window.status_area.toolTip()
