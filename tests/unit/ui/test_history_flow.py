"""History rows end with an outcome: replaced, cancelled, failed sign-in, and
they reach history.json like other failures."""

from __future__ import annotations

import json
import threading

import pytest

from ka_explorer.paths import config_dir
from ka_explorer.ui.request_flow import REPLACED

RELEASE_AFTER_S = 20


@pytest.fixture
def hang_release():
    """An event that the /hang route waits for; set at the end of the test."""
    release = threading.Event()
    yield release
    release.set()


def _hanging_route(release: threading.Event):
    def reply(handler) -> None:
        release.wait(RELEASE_AFTER_S)
        body = b'{"late": true}'
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(body)

    return reply


def _start_send(window, text: str) -> None:
    window.request_bar.set_method("GET")
    window.request_bar.set_url_text(text)
    window.flow.on_url_edited(text)
    window.flow.on_send_requested()


def _wait_idle(qtbot, window) -> None:
    """Wait until the request has ended and its row is saved by a worker."""
    qtbot.waitUntil(lambda: window.flow.task is None, timeout=20_000)
    qtbot.waitUntil(
        lambda: all(task.name != "save history" for task in window.runner.running()),
        timeout=20_000,
    )


def _stored_entries() -> list[dict]:
    return json.loads((config_dir() / "history.json").read_text())["entries"]


@pytest.fixture
def hang_server(local_server, hang_release):
    local_server.routes["/hang"] = _hanging_route(hang_release)
    local_server.routes["/ok"] = (200, "application/json", b'{"ok": true}')
    return local_server


def test_replaced_request_row_ends(qtbot, make_window, hang_server, hang_release):
    parts = make_window(hang_server.base_url)
    window = parts.window
    _start_send(window, "/hang?first")
    _start_send(window, "/ok?second")
    _wait_idle(qtbot, window)
    hang_release.set()

    replaced = window.history_model.entry_at(1)
    assert window.history_model.entry_at(0).outcome == "200 OK"
    assert replaced.url == "/hang?first"
    assert replaced.outcome == REPLACED
    assert not replaced.ok
    assert "GET /hang?first was cancelled" in replaced.message
    stored = [e for e in _stored_entries() if e["typed_url"] == "/hang?first"]
    assert len(stored) == 1
    assert stored[0]["outcome"] == REPLACED
    assert stored[0]["error_kind"] == "cancelled"


def test_replaced_row_after_restart(qtbot, make_window, hang_server, hang_release):
    parts = make_window(hang_server.base_url)
    _start_send(parts.window, "/hang?restart")
    _start_send(parts.window, "/ok")
    _wait_idle(qtbot, parts.window)
    hang_release.set()
    parts.close()

    window = make_window(hang_server.base_url).window

    urls = [entry.url for entry in window.history_model.entries()]
    row = window.history_model.entry_at(urls.index("/hang?restart"))
    assert row.outcome == REPLACED
    assert not row.ok


def test_refused_request_keeps_own_row(qtbot, make_window, hang_server, hang_release):
    window = make_window(hang_server.base_url).window
    _start_send(window, "/hang?slow")
    _start_send(window, "htp:/bad url")
    hang_release.set()
    _wait_idle(qtbot, window)

    rows = window.history_model.entries()
    assert [row.url for row in rows[:2]] == ["htp:/bad url", "/hang?slow"]
    assert rows[0].outcome == "invalid request"
    assert rows[1].outcome == "200 OK"


def test_cancelled_request_row_ends(qtbot, make_window, hang_server, hang_release):
    window = make_window(hang_server.base_url).window
    _start_send(window, "/hang?cancel")
    qtbot.wait(200)
    window.flow.on_cancel_requested()
    _wait_idle(qtbot, window)

    row = window.history_model.entry_at(0)
    assert row.outcome == "cancelled"
    assert not row.ok
    assert [e["outcome"] for e in _stored_entries()][-1] == "cancelled"


def test_closed_window_stores_running_row(qtbot, make_window, hang_server,
                                          hang_release):
    parts = make_window(hang_server.base_url)
    _start_send(parts.window, "/hang?closed")
    hang_release.set()
    parts.close()

    stored = _stored_entries()[-1]
    assert stored["typed_url"] == "/hang?closed"
    assert stored["outcome"] == "cancelled: window closed"


def test_failed_sign_in_ends_row(qtbot, make_window, local_server):
    # The request token URL returns 404, so the sign-in fails before its dialog.
    window = make_window(local_server.base_url).window
    with qtbot.waitSignal(window.signin.failed, timeout=20_000):
        _start_send(window, "/api/v1/user")
    qtbot.waitUntil(lambda: not window.signin.active(), timeout=20_000)

    row = window.history_model.entry_at(0)
    assert row.outcome == "sign-in failed"
    assert row.message.startswith("Sign-in failed:")
    assert not row.ok
    assert window.flow.pending is None
    assert _stored_entries()[-1]["outcome"] == "sign-in failed"


def test_sign_in_cancel_ends_row(qtbot, make_window, local_server):
    window = make_window(local_server.base_url).window
    _start_send(window, "/api/v1/user")
    waiting = window.history_model.entry_at(0)

    window.flow.on_cancel_requested()
    qtbot.waitUntil(
        lambda: window.history_model.entry_at(0).outcome != waiting.outcome
    )

    row = window.history_model.entry_at(0)
    assert waiting.outcome == "waiting for sign-in"
    assert waiting.ok
    assert row.outcome == "cancelled: sign-in cancelled"
    assert not row.ok
    assert len(window.history_model.entries()) == 1
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=20_000)
