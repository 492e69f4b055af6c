"""The JSON tab on extreme bodies: deep nesting, huge strings and keys, wide
objects. Each must show, search and copy without stalling the window."""

from __future__ import annotations

import json
import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ka_explorer.ui.json_model import DISPLAY_CHARS, TOOLTIP_CHARS, VALUE_COLUMN
from ka_explorer.ui.json_tab import EXPAND_LIMIT
from tests.gui.window_keys import press, press_enter_in_url_bar, type_text

DEPTH = 900


def _send(qtbot, window, path: str, body: bytes, server) -> None:
    server.routes[path] = (200, "application/json", body)
    window.request_bar.set_url_text(path)
    with qtbot.waitSignal(window.response_shown, timeout=30_000):
        press_enter_in_url_bar(qtbot, window)


def _search(qtbot, window, text: str) -> str:
    tab = window.response_pane.json_tab
    type_text(qtbot, tab.search_box, text)
    press(qtbot, tab.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: " of " in tab.hits_label.text(), timeout=20_000)
    return tab.hits_label.text()


def test_huge_string_shown_short_and_fast(qtbot, make_window, local_server):
    window = make_window(local_server.base_url).window
    body = json.dumps({"text": "line\n" * 6_000_000}).encode()
    _send(qtbot, window, "/api/v1/badges", body, local_server)
    model = window.json_model
    index = model.index(0, VALUE_COLUMN)

    started = time.perf_counter()
    for _ in range(200):  # a view requests it again at every paint
        shown = model.data(index, Qt.ItemDataRole.DisplayRole)
    elapsed = time.perf_counter() - started

    assert shown == "line⏎ " * (DISPLAY_CHARS // len("line\n")) + "…"
    assert elapsed < 0.5
    assert len(model.data(index, Qt.ItemDataRole.ToolTipRole)) == TOOLTIP_CHARS + 1


def test_huge_key_shown_short(qtbot, make_window, local_server):
    window = make_window(local_server.base_url).window
    key = "k" * 1_000_000
    _send(qtbot, window, "/api/v1/badges", json.dumps({key: 1}).encode(), local_server)
    model = window.json_model
    index = model.index(0, 0)

    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "k" * DISPLAY_CHARS + "…"
    assert len(model.data(index, Qt.ItemDataRole.ToolTipRole)) == TOOLTIP_CHARS + 1


def test_deep_nesting_expands_searches_copies(qtbot, make_window, local_server):
    window = make_window(local_server.base_url).window
    body = ("[" * DEPTH + '"deep"' + "]" * DEPTH).encode()
    _send(qtbot, window, "/api/v1/badges", body, local_server)
    tab = window.response_pane.json_tab

    shown = tab.expand_all()
    hits = _search(qtbot, window, "deep")
    window.actions.copy_value.trigger()

    assert shown == DEPTH
    assert hits == "1 of 1"
    assert tab.current_index().data() == "[0]"
    assert QGuiApplication.clipboard().text() == "deep"


def test_wide_object_expands_and_searches(qtbot, make_window, local_server):
    window = make_window(local_server.base_url).window
    wide = {f"key{i}": i for i in range(200_000)}
    _send(qtbot, window, "/api/v1/badges", json.dumps(wide).encode(), local_server)
    tab = window.response_pane.json_tab

    shown = tab.expand_all()
    hits = _search(qtbot, window, "key199999")
    window.actions.copy_path.trigger()

    assert EXPAND_LIMIT <= shown < EXPAND_LIMIT + 1000
    assert tab.notice.isVisible()
    assert hits == "1 of 1"
    assert QGuiApplication.clipboard().text() == "$.key199999"


def test_first_match_shown_while_counting(qtbot, make_window, local_server):
    window = make_window(local_server.base_url).window
    body = json.dumps([{"name": f"match {i}"} for i in range(30_000)]).encode()
    _send(qtbot, window, "/api/v1/badges", body, local_server)
    tab = window.response_pane.json_tab
    type_text(qtbot, tab.search_box, "match")

    with qtbot.waitSignal(tab.first_match_shown, timeout=10_000):
        press(qtbot, tab.search_box, Qt.Key.Key_Return)
    while_counting = tab.hits_label.text()
    current = tab.current_index().data()
    qtbot.waitUntil(lambda: "searching" not in tab.hits_label.text(), timeout=20_000)

    assert while_counting.startswith("1 / ")
    assert while_counting.endswith("searching…")
    assert current == "name"
    assert tab.hits_label.text() == "1 of 10000 (first 10000)"


def test_new_search_replaces_running_one(qtbot, make_window, local_server):
    window = make_window(local_server.base_url).window
    body = json.dumps([{"name": f"match {i}"} for i in range(30_000)]).encode()
    _send(qtbot, window, "/api/v1/badges", body, local_server)
    tab = window.response_pane.json_tab
    type_text(qtbot, tab.search_box, "match")
    press(qtbot, tab.search_box, Qt.Key.Key_Return)

    tab.search_box.clear()
    hits = _search(qtbot, window, "match 29999")

    assert hits == "1 of 1"
    assert tab.current_index().parent().data() == "[29999]"
