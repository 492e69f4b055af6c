"""The History tab: rows keep profile, form and response; restore, send again,
persistence across restarts, and the URL drop-down."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView

from ka_explorer.oauth1.profiles import LIVE_PROFILE, REPLICA_PROFILE, find_profile
from ka_explorer.paths import config_dir
from ka_explorer.ui.history_flow import RESTART_NOTE
from ka_explorer.ui.history_tab import BODY_CAP_BYTES, URL_COLUMN
from ka_explorer.ui.settings import WindowSettings
from tests.gui.window_keys import press
from tests.loopback_server import send_reply

BIG_BODY = b'"' + b"x" * (BODY_CAP_BYTES + 10) + b'"'


class _Counting(BaseHTTPRequestHandler):
    """Replies with JSON naming the server and the path, and counts requests."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._reply()

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        self._reply()

    def _reply(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        self.server.paths.append((self.command, self.path, body))
        if self.path.startswith("/big"):
            reply = BIG_BODY
        else:
            reply = json.dumps({"server": self.server.label, "path": self.path,
                                "body": body}).encode()
        send_reply(self, 200, "application/json", reply)

    def log_message(self, format, *args) -> None:  # noqa: A002
        pass


def _start(label: str):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    server.daemon_threads = True
    server.label = label
    server.paths = []
    server.base_url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, name=f"server-{label}")
    thread.start()
    return server, thread


@pytest.fixture
def servers():
    started = [_start("a"), _start("b")]
    yield [server for server, _ in started]
    for server, thread in started:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _two_profiles(make_window, servers):
    """A window whose replica profile uses server a and live profile server b."""
    live = find_profile(LIVE_PROFILE).with_base_url(servers[1].base_url)
    replica = find_profile(REPLICA_PROFILE)
    return make_window(servers[0].base_url, profiles=[replica, live])


def _send(qtbot, window, text: str, method: str = "GET"):
    window.request_bar.set_method(method)
    window.request_bar.set_url_text(text)
    window.flow.on_url_edited(text)
    with qtbot.waitSignal(window.response_shown, timeout=20_000) as shown:
        window.flow.on_send_requested()
    return shown.args[0]


def _select_profile(window, name: str) -> None:
    window.flow.on_profile_selected(name)
    assert window.session.profile.name == name


def test_restore_brings_profile_and_response(qtbot, make_window, servers):
    window = _two_profiles(make_window, servers).window
    first = _send(qtbot, window, "/first")
    _select_profile(window, LIVE_PROFILE)
    _send(qtbot, window, "/second")
    hits = len(servers[0].paths) + len(servers[1].paths)

    window.flow.on_history_activated(1)

    assert window.session.profile.name == REPLICA_PROFILE
    assert window.request_bar.url_text() == "/first"
    assert window.flow.exchange is first
    assert json.loads(window.flow.exchange.body)["server"] == "a"
    assert window.status_area.text().startswith("From history:")
    assert len(servers[0].paths) + len(servers[1].paths) == hits


def test_enter_and_double_click_restore(qtbot, make_window, servers):
    window = _two_profiles(make_window, servers).window
    _send(qtbot, window, "/one")
    _send(qtbot, window, "/two")
    view = window.response_pane.history_view
    window.response_pane.tabs.setCurrentWidget(view)
    view.setCurrentIndex(window.history_model.index(1, 0))
    press(qtbot, view, Qt.Key.Key_Return)
    assert window.request_bar.url_text() == "/one"
    rect = view.visualRect(window.history_model.index(0, URL_COLUMN))
    # Qt takes a double-click only on the row of the press before it.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.request_bar.url_text() == "/two"
    assert [path for _, path, _ in servers[0].paths] == ["/one", "/two"]


def test_send_again_resends_with_form(qtbot, make_window, servers):
    window = _two_profiles(make_window, servers).window
    window.param_form.add_free_row("body", "note", "hi there")
    _send(qtbot, window, "/form", "POST")
    window.param_form.remove_free_row("note")
    _select_profile(window, LIVE_PROFILE)
    menu = window.response_pane.history_view.context_menu(0)
    send_again = [a for a in menu.actions() if a.text() == "Send again"][0]

    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        send_again.trigger()

    assert servers[0].paths[-1] == ("POST", "/form", "note=hi+there")
    assert servers[1].paths == []
    assert window.param_form.body_pairs() == (("note", "hi there"),)
    assert len(window.history_model.entries()) == 2


def test_big_body_not_kept(qtbot, make_window, servers):
    window = _two_profiles(make_window, servers).window
    _send(qtbot, window, "/big")
    entry = window.history_model.entry_at(0)
    assert entry.exchange is None
    cells = [window.history_model.index(0, c).data() for c in range(8)]
    assert "not kept (over 2 MiB)" in cells[7]
    _send(qtbot, window, "/small")
    window.flow.on_history_activated(1)
    assert "not kept (over 2 MiB)" in window.status_area.text()
    assert window.flow.exchange.spec.url.endswith("/small")


def test_history_survives_restart_without_secrets(qtbot, make_window, servers):
    parts = _two_profiles(make_window, servers)
    parts.session.store_token("history-token", "history-token-secret")
    _send(qtbot, parts.window, "/kept?oauth_token=typed-secret&q=1")
    _select_profile(parts.window, LIVE_PROFILE)
    refused = f"http://127.0.0.1:{_closed_port()}/refused"
    parts.window.request_bar.set_url_text(refused)
    parts.window.flow.on_send_requested()
    qtbot.waitUntil(lambda: parts.window.flow.task is None, timeout=20_000)
    parts.window.flow.on_send_requested()  # the same URL, failed again
    qtbot.waitUntil(lambda: parts.window.flow.task is None, timeout=20_000)
    parts.close()

    text = (config_dir() / "history.json").read_text()
    assert "typed-secret" not in text
    assert "history-token" not in text
    assert '"server"' not in text  # no response body

    window = _two_profiles(make_window, servers).window
    entries = window.history_model.entries()
    assert [e.url for e in entries][:3] == [refused, refused,
                                            "/kept?oauth_token=****&q=1"]
    assert entries[0].profile == LIVE_PROFILE
    assert entries[2].profile == REPLICA_PROFILE
    assert not entries[0].ok
    assert "connection refused" in entries[0].message
    assert entries[2].kept_note == RESTART_NOTE
    window.flow.on_history_activated(2)
    assert window.session.profile.name == REPLICA_PROFILE
    assert RESTART_NOTE in window.status_area.text()


def test_history_bounded_to_limit(qtbot, make_window, servers):
    window = _two_profiles(make_window, servers).window
    model = window.history_model
    model.limit = 3
    for number in range(5):
        _send(qtbot, window, f"/n{number}")
    assert [e.url for e in model.entries()] == ["/n4", "/n3", "/n2"]


def test_url_column_takes_room(qtbot, make_window, servers):
    window = _two_profiles(make_window, servers).window
    _send(qtbot, window, "/api/items?q=" + "long" * 20)
    view = window.response_pane.history_view
    window.response_pane.tabs.setCurrentWidget(view)
    view.resize(1000, 300)
    qtbot.waitUntil(lambda: view.columnWidth(URL_COLUMN) > 300)
    header = view.horizontalHeader()
    for column in range(header.count()):
        if column != URL_COLUMN:
            assert view.columnWidth(column) < view.columnWidth(URL_COLUMN)
            mode = header.sectionResizeMode(column)
            assert mode == QHeaderView.ResizeMode.Interactive


def test_dropdown_keeps_typed_once(qtbot, make_window, servers):
    typed = "/api/items?q=a%20b+c~ü"
    parts = _two_profiles(make_window, servers)
    _send(qtbot, parts.window, typed)
    _send(qtbot, parts.window, typed)
    box = parts.window.request_bar.url_box
    items = [box.itemText(i) for i in range(box.count())]
    assert items == [typed]
    parts.close()
    assert WindowSettings().history() == [typed]
    window = _two_profiles(make_window, servers).window
    box = window.request_bar.url_box
    assert [box.itemText(i) for i in range(box.count())] == [typed]
    _send(qtbot, window, typed)
    assert [box.itemText(i) for i in range(box.count())] == [typed]


def test_clear_empties_history(qtbot, make_window, servers):
    window = _two_profiles(make_window, servers).window
    _send(qtbot, window, "/gone")
    menu = window.response_pane.history_view.context_menu(0)
    [a for a in menu.actions() if a.text() == "Clear history"][0].trigger()
    assert window.history_model.entries() == []
    assert json.loads((config_dir() / "history.json").read_text())["entries"] == []


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_context_menu_opens_on_row(qtbot, make_window, servers):
    window = _two_profiles(make_window, servers).window
    _send(qtbot, window, "/menu")
    view = window.response_pane.history_view
    menu = view.context_menu(0)
    assert [a.text() for a in menu.actions() if a.text()] == [
        "Restore request and response", "Send again", "Clear history"]
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    assert view.indexAt(QPoint(1, 1)).row() == 0
