"""The request bar: the method follows the catalog, typed URLs go out as
browsers send them, and malformed text gets a message."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from tests.gui.window_keys import press_key, type_url


def _record_paths(server) -> list[str]:
    """Route every path of `server` to an echo that records the request line."""
    seen: list[str] = []

    def echo(handler) -> None:
        seen.append(handler.path)
        body = json.dumps({"path": handler.path}).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(body)

    class AnyPath(dict):
        def get(self, key, default=None):
            return echo

    server.routes = AnyPath()
    return seen


def _send(qtbot, window, text: str) -> None:
    window.request_bar.set_url_text(text)
    window.flow.on_url_edited(text)
    window.flow.on_send_requested()
    qtbot.waitUntil(lambda: window.flow.task is None, timeout=20_000)


def test_typed_path_sets_catalog_method(qtbot, make_window):
    window = make_window().window
    bar = window.request_bar
    post = window.catalog.find("POST", "/api/v1/user/videos/<youtube_id>/log")
    window.flow.on_endpoint_activated(post)
    assert bar.method() == "POST"
    type_url(qtbot, window, "/api/v1/badges")
    assert bar.method() == "GET"
    assert window.flow.endpoint is window.catalog.find("GET", "/api/v1/badges")


def test_method_picked_by_hand_stays(qtbot, make_window):
    window = make_window().window
    bar = window.request_bar
    type_url(qtbot, window, "/api/v1/badges")
    bar.method_box.setCurrentText("DELETE")  # as a pick in the drop-down
    type_url(qtbot, window, "/api/v1/badges?casing=camel")
    assert bar.method() == "DELETE"
    type_url(qtbot, window, "/api/v1/videos/abc")
    assert bar.method() == "GET"


def test_both_methods_keep_current(qtbot, make_window):
    window = make_window().window
    bar = window.request_bar
    path = "/api/v1/user/videos/abc/log"
    methods = window.catalog.methods_for(path)
    assert "POST" in methods
    window.flow.on_endpoint_activated(
        window.catalog.find("POST", "/api/v1/user/videos/<youtube_id>/log")
    )
    type_url(qtbot, window, path)
    assert bar.method() == "POST"


def test_spaces_sent_as_percent_20(qtbot, make_window, local_server):
    seen = _record_paths(local_server)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/search path?q=a b&r=c%20d+e")
    assert seen == ["/search%20path?q=a%20b&r=c%20d+e"]
    assert window.status_area.level == "info"


def test_tab_in_url_named(qtbot, make_window):
    window = make_window().window
    _send(qtbot, window, "/api/v1/badges\t?x=1")
    text = window.status_area.text()
    assert window.status_area.level == "error"
    assert "U+0009" in text
    assert "%09" in text


def test_host_with_space_named(qtbot, make_window):
    window = make_window().window
    _send(qtbot, window, "http://exa mple.com/x")
    assert "host" in window.status_area.text()
    assert "contains a space" in window.status_area.text()


def test_bad_escape_in_query_named(qtbot, make_window):
    window = make_window().window
    _send(qtbot, window, "/api/v1/badges?q=100%zz")
    text = window.status_area.text()
    assert "'%zz'" in text
    assert "%25" in text


def test_signed_non_utf8_query_named(qtbot, make_window, local_server):
    seen = _record_paths(local_server)
    window = make_window(local_server.base_url).window
    assert window.session.signs(local_server.base_url + "/x")
    _send(qtbot, window, "/api/v1/badges?q=%FF")
    text = window.status_area.text()
    assert window.status_area.level == "error"
    assert "not UTF-8 text (%FF)" in text
    assert seen == []


def test_enter_sends_typed_spaces(qtbot, make_window, local_server):
    seen = _record_paths(local_server)
    window = make_window(local_server.base_url).window
    type_url(qtbot, window, "/a b")
    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        qtbot.keyClick(window.request_bar.url_box, Qt.Key.Key_Return)
    assert seen == ["/a%20b"]


def test_esc_closes_completion_list(qtbot, make_window):
    window = make_window().window
    popup = window.request_bar.url_box.completer().popup()
    cancels = []
    window.actions.cancel.triggered.connect(lambda: cancels.append(True))
    type_url(qtbot, window, "/api/v1/badges")
    shown_while_typing = popup.isVisible()

    press_key(qtbot, Qt.Key.Key_Escape)

    assert shown_while_typing
    assert not popup.isVisible()
    assert cancels == []
    assert window.request_bar.url_text() == "/api/v1/badges"


def test_second_esc_cancels_request(qtbot, make_window):
    window = make_window().window
    popup = window.request_bar.url_box.completer().popup()
    cancels = []
    window.actions.cancel.triggered.connect(lambda: cancels.append(True))
    type_url(qtbot, window, "/api/v1/badges")

    press_key(qtbot, Qt.Key.Key_Escape)
    press_key(qtbot, Qt.Key.Key_Escape)

    assert not popup.isVisible()
    assert cancels == [True]
