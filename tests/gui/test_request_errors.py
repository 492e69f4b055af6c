"""Each failure a user can meet shows a message in the window and lands in history."""

from __future__ import annotations

import socket
import time
from datetime import date

import pytest
from PySide6.QtCore import Qt

from ka_explorer.oauth1.profiles import LIVE_PROFILE, find_profile
from ka_explorer.ui import colors
from ka_explorer.ui.messages import Dialogs
from tests.gui.window_keys import press, press_key, type_text, type_url


def _send(qtbot, window, text: str) -> None:
    window.request_bar.set_url_text(text)
    window.flow.on_url_edited(text)
    window.flow.on_send_requested()
    qtbot.waitUntil(lambda: window.flow.task is None, timeout=20_000)
    qtbot.waitUntil(lambda: not window.request_bar.cancel_button.isEnabled())


def _latest(window):
    return window.history_model.entry_at(0)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_malformed_url_shows_message(qtbot, make_window):
    window = make_window().window
    _send(qtbot, window, "htp:/nowhere")
    assert window.status_area.level == "error"
    assert "htp:/nowhere" in window.status_area.text()
    assert _latest(window).url == "htp:/nowhere"
    assert not _latest(window).ok
    assert Dialogs.shown == []


def test_unfilled_path_parameter_named(qtbot, make_window):
    window = make_window().window
    _send(qtbot, window, "/api/v1/videos/<video_id>")
    assert "video_id" in window.status_area.text()
    assert _latest(window).outcome == "invalid request"


def test_refused_connection_shows_message(qtbot, make_window):
    window = make_window(f"http://127.0.0.1:{_closed_port()}").window
    _send(qtbot, window, "/api/v1/badges")
    assert "connection refused" in window.status_area.text()
    assert window.status_area.level == "error"
    assert _latest(window).outcome == "connection refused"
    assert window.response_pane.status_chip.text() == "connection refused"


def test_html_instead_of_json_explained(qtbot, make_window, local_server):
    page = b"<!doctype html><html><head><title>Welcome</title></head></html>"
    local_server.routes["/api/v1/badges"] = (200, "text/html", page)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/api/v1/badges")
    text = window.status_area.text()
    assert "HTML" in text or "html" in text
    assert window.status_area.level == "error"
    assert window.response_pane.tabs.currentWidget() is window.response_pane.raw_tab
    assert not _latest(window).ok


def test_plain_text_401_shown(qtbot, make_window, local_server):
    body = b"OAuth error. Invalid signature."
    local_server.routes["/api/v1/badges"] = (401, "text/plain", body)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/api/v1/badges")
    assert "Invalid signature" in window.status_area.text()
    assert "sign" in window.status_area.text().lower()
    assert _latest(window).outcome == "401 Unauthorized"


def test_timeout_names_its_setting(qtbot, make_window):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection but never answers
    try:
        port = listener.getsockname()[1]
        window = make_window(f"http://127.0.0.1:{port}").window
        timeout_box = window.request_bar.timeout_box
        press(qtbot, timeout_box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(qtbot, timeout_box, "0.5")
        started = time.monotonic()
        _send(qtbot, window, "/api/v1/badges")
        assert time.monotonic() - started < 10
    finally:
        listener.close()
    text = window.status_area.text()
    assert "did not answer after 0.5 s" in text
    assert "raise the timeout in the Timeout box at the top right (now 0.5 s)." in text
    assert _latest(window).outcome == "timeout"
    assert window.response_pane.status_chip.text() == "timeout"


def test_removed_endpoint_404_names_date(qtbot, make_window, local_server):
    live = find_profile(LIVE_PROFILE).with_base_url(local_server.base_url)
    window = make_window(today=date(2024, 1, 1), profiles=[live]).window
    _send(qtbot, window, "/api/v1/badges")
    text = window.status_area.text()
    assert "Khan Academy removed GET /api/v1/badges on 2020-01-06" in text
    assert "Use the local replica profile" in text
    assert window.response_pane.removal_label.text() == "removed 2020-01-06"
    assert _latest(window).outcome == "404 Not Found"


def test_replica_404_names_its_date(qtbot, make_window, local_server):
    window = make_window(
        local_server.base_url, today=date(2019, 12, 1), as_of=date(2020, 2, 1)
    ).window
    _send(qtbot, window, "/api/v1/badges")
    text = window.status_area.text()
    assert "the replica's date is 2020-02-01 (--as-of)" in text
    assert "removed GET /api/v1/badges on 2020-01-06" in text
    assert "an --as-of date before 2020-01-06" in text
    assert window.response_pane.removal_label.text() == "removed 2020-01-06"


def test_window_usable_after_failure(qtbot, make_window, local_server):
    local_server.routes["/api/v1/badges"] = (200, "application/json", b"[1, 2, 3]")
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "htp:/bad")
    _send(qtbot, window, "/api/v1/badges")
    assert window.status_area.level == "info"
    assert window.json_model.rowCount() == 3
    assert [e.ok for e in window.history_model.entries()] == [True, False]


@pytest.mark.parametrize("body", [b"null", b"  null\n"])
def test_null_body_explained(qtbot, make_window, local_server, body):
    local_server.routes["/api/v1/videos/nope"] = (200, "application/json", body)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/api/v1/videos/nope")
    assert "no access or not found" in window.status_area.text()
    assert "no access or not found" in window.response_pane.json_tab.notice.text()


def _slow_body(handler) -> None:
    """Send a JSON array slowly: 64 chunks, 50 ms apart."""
    chunk = b"[" + b"1," * 4096
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(chunk) * 64))
    handler.send_header("Connection", "close")
    handler.end_headers()
    try:
        for _ in range(64):
            handler.wfile.write(chunk)
            handler.wfile.flush()
            time.sleep(0.05)
    except OSError:
        pass  # the client went away after the cancel


def test_escape_cancels_mid_download(qtbot, make_window, local_server):
    local_server.routes["/api/v1/topictree"] = _slow_body
    window = make_window(local_server.base_url).window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.request_bar.set_url_text("/api/v1/topictree")
    window.flow.on_send_requested()
    progress = window.response_pane.progress
    qtbot.waitUntil(lambda: progress.maximum() == 1000 and progress.value() > 0)
    with qtbot.waitSignal(window.flow.exchange_received, timeout=10_000) as received:
        press(qtbot, window.request_bar.url_box, Qt.Key.Key_Escape)
    assert received.args[0].error.kind == "cancelled"
    assert "cancelled" in window.status_area.text()
    assert window.request_bar.send_button.isEnabled()
    assert window.history_model.entry_at(0).outcome == "cancelled"


def test_unclosed_ipv6_bracket_explained(qtbot, make_window):
    window = make_window().window
    type_url(qtbot, window, "http://[::1/x")

    press_key(qtbot, Qt.Key.Key_Return)

    text = window.status_area.text()
    assert "The URL 'http://[::1/x' is not valid" in text
    assert "IPv6" in text
    assert _latest(window).url == "http://[::1/x"
    assert _latest(window).outcome == "invalid request"


def _headers_then_stall(handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    handler.wfile.write(b"[1,")
    handler.wfile.flush()
    time.sleep(3)


def _short_body(handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "100")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.write(b"[1, 2")


def _corrupt_gzip(handler) -> None:
    body = b"\x1f\x8b\x08\x00not really gzip data"
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Content-Length", str(len(body)))
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.write(body)


@pytest.mark.parametrize(
    ("route", "chip", "message"),
    [
        (_headers_then_stall, "200 OK · timed out", "the body stopped after 3 B"),
        (_short_body, "200 OK · incomplete", "closed the connection after"),
        (_corrupt_gzip, "200 OK · corrupt body", "could not be decompressed"),
    ],
)
def test_failed_body_not_shown_as_ok(
    qtbot, make_window, local_server, route, chip, message
):
    local_server.routes["/api/v1/badges"] = route
    window = make_window(local_server.base_url).window
    window.request_bar.set_timeout(1.0)

    _send(qtbot, window, "/api/v1/badges")

    assert window.response_pane.status_chip.text() == chip
    red = colors.color("chip_red", dark=False)
    assert red in window.response_pane.status_chip.styleSheet()
    assert message in window.status_area.text()
    assert window.status_area.level == "error"


def test_invalid_url_marks_previous_response(qtbot, make_window, local_server):
    local_server.routes["/api/v1/badges"] = (200, "application/json", b"[1, 2]")
    window = make_window(local_server.base_url).window
    pane = window.response_pane
    _send(qtbot, window, "/api/v1/badges")

    _send(qtbot, window, "/api/v1/videos/<video_id>")

    assert pane.previous_label.isVisible()
    assert pane.previous_label.full_text() == "previous: GET /api/v1/badges"
    assert colors.color("chip_grey", dark=False) in pane.status_chip.styleSheet()
    assert window.status_area.level == "error"
    assert "video_id" in window.status_area.text()


def test_next_response_clears_previous_mark(qtbot, make_window, local_server):
    local_server.routes["/api/v1/badges"] = (200, "application/json", b"[1, 2]")
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/api/v1/badges")
    _send(qtbot, window, "htp:/bad")

    _send(qtbot, window, "/api/v1/badges")

    assert not window.response_pane.previous_label.isVisible()
    assert window.response_pane.status_chip.text() == "200 OK"


def test_unclosed_bracket_kept_in_history(qtbot, make_window):
    first = make_window()
    type_url(qtbot, first.window, "http://[::1/x?oauth_token=secret&a=1")
    press_key(qtbot, Qt.Key.Key_Return)
    first.close()

    second = make_window().window
    box = second.request_bar.url_box
    history = [box.itemText(i) for i in range(box.count())]

    assert history == ["http://[::1/x?a=1"]
