"""How a sign-in ends in the window: denial, wrong password, profile callbacks."""

from __future__ import annotations

import dataclasses
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ka_explorer.oauth1.profiles import REPLICA_PROFILE, Profile, bundled_profiles
from ka_explorer.replica import DEMO
from ka_explorer.ui.signin import DENIED_MESSAGE, is_denial
from tests.e2e.window_driver import (
    deny_access,
    open_sign_in,
    press_enter_in_url_bar,
    run_js,
    sign_in,
)
from tests.loopback_server import send_reply, serving

WRONG_LOGIN = f"""
document.querySelector('#login-form [name=identifier]').value = '{DEMO.username}';
document.querySelector('#login-form [name=password]').value = 'not-the-password';
document.querySelector('#login-form [name=login]').click();
"""
ACTIVE_FIELD = "document.activeElement ? document.activeElement.name || '' : ''"


def replica_profile(**changes) -> Profile:
    """Return the bundled replica profile with `changes` applied."""
    profile = next(p for p in bundled_profiles() if p.name == REPLICA_PROFILE)
    return dataclasses.replace(profile, **changes)


def test_deny_ends_flow_like_cancel(qtbot, open_window, replica):
    window = open_window(replica).window
    window.request_bar.set_url_text("/api/v1/user")
    dialog = open_sign_in(qtbot, window)

    deny_access(qtbot, window, dialog)

    qtbot.waitUntil(lambda: window.status_area.text() == DENIED_MESSAGE)
    assert window.signin.dialog is None
    assert not window.signin.active()
    assert window.flow.pending is None
    assert not window.session.signed_in()
    assert "approve" not in window.status_area.text()


def test_denial_fields_recognized():
    assert is_denial("http://127.0.0.1/cb?denied=T1")
    assert is_denial("http://127.0.0.1/cb?oauth_problem=user_refused")
    assert is_denial("http://127.0.0.1/cb?error=access_denied")
    assert not is_denial("http://127.0.0.1/cb?oauth_token=T1&oauth_verifier=V")
    assert not is_denial("http://127.0.0.1/cb?error=")


def test_wrong_password_shown_once(qtbot, open_window, replica):
    window = open_window(replica).window
    window.request_bar.set_url_text("/api/v1/user")
    dialog = open_sign_in(qtbot, window)

    with qtbot.waitSignal(dialog.page_alert_read, timeout=20_000) as alert:
        run_js(qtbot, dialog.page, WRONG_LOGIN)

    assert alert.args[0].startswith(f"Wrong username or password for {DEMO.username}")
    assert not dialog.status_area.isVisible()
    assert dialog.status_area.text() == ""
    page_text = run_js(qtbot, dialog.page, "document.body.innerText")
    assert page_text.count("Wrong username or password") == 1


def test_wrong_password_focuses_password(qtbot, open_window, replica):
    window = open_window(replica).window
    window.request_bar.set_url_text("/api/v1/user")
    dialog = open_sign_in(qtbot, window)
    # Chromium applies autofocus once the page has rendered, after the load.
    qtbot.waitUntil(
        lambda: run_js(qtbot, dialog.page, ACTIVE_FIELD) == "identifier",
        timeout=10_000,
    )

    with qtbot.waitSignal(dialog.page_alert_read, timeout=20_000):
        run_js(qtbot, dialog.page, WRONG_LOGIN)

    qtbot.waitUntil(
        lambda: run_js(qtbot, dialog.page, ACTIVE_FIELD) == "password",
        timeout=10_000,
    )


def test_registered_callback_url_caught(qtbot, open_window, replica):
    # Nothing listens on port 9; the dialog stops the redirect before a load.
    registered = "http://127.0.0.1:9/registered/oauth-callback"
    parts = open_window(replica, profiles=[replica_profile(callback=registered)])
    window = parts.window
    assert window.signin.callback_urls() == (registered, registered)
    window.request_bar.set_url_text("/api/v1/user")
    dialog = open_sign_in(qtbot, window)
    assert dialog.page.callback == registered

    with qtbot.waitSignal(window.response_shown, timeout=30_000) as shown:
        sign_in(qtbot, dialog)

    assert shown.args[0].status == 200
    assert parts.session.signed_in()


def test_profile_oob_reads_pin(qtbot, open_window, replica):
    parts = open_window(replica, profiles=[replica_profile(callback="oob")])
    window = parts.window
    assert window.signin.callback_urls() == ("oob", "")
    window.request_bar.set_url_text("/api/v1/user")
    dialog = open_sign_in(qtbot, window)

    with qtbot.waitSignal(window.response_shown, timeout=30_000) as shown:
        sign_in(qtbot, dialog)

    assert shown.args[0].status == 200
    assert parts.session.signed_in()


class _JsonTokenHandler(BaseHTTPRequestHandler):
    """Returns a JSON body, not a form-encoded token, for every POST."""

    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps(self.server.token_body, indent=2).encode()
        send_reply(self, 200, "application/json", body)

    def log_message(self, format, *args) -> None:  # noqa: A002
        pass


@pytest.fixture
def json_token_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _JsonTokenHandler)
    server.token_body = {}
    with serving(server, "json-token-server"):
        yield server


def test_json_token_body_quoted_on_one_line(qtbot, open_window, json_token_server):
    json_token_server.token_body = {"error": "invalid_client", "token": "t" * 400}
    profile = Profile(
        name="JSON provider",
        base_url=json_token_server.base_url,
        request_token_url="/oauth/request_token",
        authorize_url="/oauth/authorize",
        access_token_url="/oauth/access_token",
        consumer_key="json-key",
        public_secrets={"consumer_secret": "json-secret"},
    )
    window = open_window(json_token_server, profiles=[profile]).window

    with qtbot.waitSignal(window.signin.failed, timeout=10_000) as failed:
        window.actions.sign_in.trigger()

    message = failed.args[0]
    assert "\n" not in message
    assert 'returned: { "error": "invalid_client", "token": "ttt' in message
    assert message.endswith("…")
    assert len(message) < 600
    assert window.status_area.text() == message


def test_pending_request_waits_then_sends(qtbot, open_window, replica):
    window = open_window(replica).window
    window.request_bar.set_url_text("/api/v1/user")
    dialog = open_sign_in(qtbot, window)
    with qtbot.waitSignal(window.response_shown, timeout=30_000):
        sign_in(qtbot, dialog)
    assert window.flow.pending is None
    with qtbot.waitSignal(window.response_shown, timeout=20_000) as again:
        press_enter_in_url_bar(qtbot, window)
    assert again.args[0].status == 200
