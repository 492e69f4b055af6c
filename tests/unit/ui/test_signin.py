"""SignInController: cancelling before the sign-in dialog opens."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.loopback_server import serving

RELEASE_AFTER_S = 20


class _SlowRequestTokenHandler(BaseHTTPRequestHandler):
    """Responds to every POST with 404 once the server's `release` event is set."""

    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.release.wait(RELEASE_AFTER_S)
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    def log_message(self, format, *args) -> None:  # noqa: A002
        pass


@pytest.fixture
def slow_provider():
    """A provider whose request-token step waits until the test releases it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowRequestTokenHandler)
    server.release = threading.Event()
    with serving(server, "slow-provider"):
        yield server
        server.release.set()


def test_cancel_before_dialog_emits_cancelled(qtbot, make_window, slow_provider):
    window = make_window(slow_provider.base_url).window
    signin = window.signin
    signin.start()
    assert signin.active()

    with qtbot.waitSignal(signin.cancelled, timeout=5_000):
        signin.cancel()

    assert not signin.active()
    assert signin.dialog is None


def test_step_failure_after_cancel_is_silent(qtbot, make_window, slow_provider):
    window = make_window(slow_provider.base_url).window
    signin = window.signin
    signin.start()
    signin.cancel()

    with qtbot.assertNotEmitted(signin.failed, wait=200):
        slow_provider.release.set()
        qtbot.waitUntil(lambda: not window.runner.running(), timeout=20_000)

    assert not signin.active()


def test_cancel_without_sign_in_emits_nothing(qtbot, make_window, slow_provider):
    signin = make_window(slow_provider.base_url).window.signin

    with qtbot.assertNotEmitted(signin.cancelled):
        signin.cancel()

    assert not signin.active()
