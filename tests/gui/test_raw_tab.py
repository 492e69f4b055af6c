"""The Raw tab: pretty-printing, a huge body shown in part, saving the body."""

from __future__ import annotations

import json
import threading
import time

import pytest

from ka_explorer.ui.messages import Dialogs
from ka_explorer.ui.pretty import (
    MAX_DEPTH,
    FormattingCancelled,
    IndentLimitError,
    pretty_json,
)
from ka_explorer.ui.raw_render import MAX_LINE_CHARS, PREVIEW_BYTES
from tests.gui.window_keys import press_enter_in_url_bar


def test_pretty_keeps_numbers_and_strings():
    text = '{"a":[1.10,12345678901234567890],"b":"x,y:{\\"","c":{},"d":[]}'
    assert pretty_json(text) == (
        '{\n  "a": [\n    1.10,\n    12345678901234567890\n  ],\n'
        '  "b": "x,y:{\\"",\n  "c": {},\n  "d": []\n}'
    )


def test_pretty_indents_a_prefix():
    assert pretty_json('[{"a":1},{"b"') == '[\n  {\n    "a": 1\n  },\n  {\n    "b"'


def test_pretty_leaves_plain_text():
    assert (
        pretty_json("OAuth error. Invalid signature.")
        == "OAuth error. Invalid signature."
    )


def _send(qtbot, window, text: str) -> None:
    window.request_bar.set_url_text(text)
    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        press_enter_in_url_bar(qtbot, window)


def test_huge_body_shows_part_then_all(qtbot, make_window, local_server):
    items = [{"index": i, "text": "é" * 20} for i in range(20_000)]
    body = json.dumps(items, ensure_ascii=False).encode()
    assert len(body) > 2 * PREVIEW_BYTES
    local_server.routes["/api/v1/exercises"] = (200, "application/json", body)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/api/v1/exercises")
    raw = window.response_pane.raw_tab
    qtbot.waitUntil(lambda: raw.text() != "", timeout=10_000)
    assert raw.load_button.isVisibleTo(raw)
    assert "Showing the first 512.0 KiB" in raw.info.text()
    partial = len(raw.text())
    raw.load_button.click()
    qtbot.waitUntil(lambda: len(raw.text()) > partial, timeout=30_000)
    assert raw.text().rstrip().endswith("]")
    assert not raw.load_button.isVisibleTo(raw)


def test_save_body_writes_bytes(qtbot, make_window, local_server, tmp_path):
    body = b'{"a": 1.10}'
    local_server.routes["/api/v1/badges"] = (200, "application/json", body)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/api/v1/badges")
    target = tmp_path / "body.json"
    Dialogs.save_path = str(target)
    try:
        window.actions.save_body.trigger()
    finally:
        Dialogs.save_path = None
    assert target.read_bytes() == body
    assert str(target) in window.status_area.text()


def test_save_to_missing_folder_explained(qtbot, make_window, local_server, tmp_path):
    local_server.routes["/api/v1/badges"] = (200, "application/json", b"[]")
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/api/v1/badges")
    Dialogs.save_path = str(tmp_path / "missing" / "body.json")
    try:
        window.actions.save_body.trigger()
    finally:
        Dialogs.save_path = None
    assert window.status_area.level == "error"
    assert "missing" in window.status_area.text()


def test_editor_filled_when_tab_shown(qtbot, make_window, local_server):
    body = json.dumps([{"index": i} for i in range(100)]).encode()
    local_server.routes["/api/v1/exercises"] = (200, "application/json", body)
    window = make_window(local_server.base_url).window
    pane = window.response_pane
    raw = pane.raw_tab
    _send(qtbot, window, "/api/v1/exercises")
    qtbot.waitUntil(lambda: raw.text() != "", timeout=10_000)
    hidden_editor_text = raw.editor.toPlainText()

    pane.tabs.setCurrentWidget(raw)

    assert hidden_editor_text == ""
    assert raw.editor.toPlainText() == raw.text()
    assert raw.text().startswith("[\n  {\n")


def test_pretty_stops_past_max_depth():
    text = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)

    with pytest.raises(IndentLimitError, match="deeper than 100 levels"):
        pretty_json(text)


def test_pretty_stops_past_output_limit():
    text = "[" + ",".join(["[[[[1]]]]"] * 1000) + "]"

    with pytest.raises(IndentLimitError, match="more than 9,000 characters"):
        pretty_json(text, max_chars=9_000)


def test_pretty_stops_when_cancelled():
    cancel = threading.Event()
    cancel.set()

    with pytest.raises(FormattingCancelled):
        pretty_json("[" + "1," * 10_000 + "1]", cancel)


@pytest.mark.parametrize("depth", [3_000, 100_000])
def test_deep_body_shown_as_received(qtbot, make_window, local_server, depth):
    body = b"[" * depth + b"]" * depth
    local_server.routes["/api/v1/badges"] = (200, "application/json", body)
    window = make_window(local_server.base_url).window
    raw = window.response_pane.raw_tab
    started = time.monotonic()

    _send(qtbot, window, "/api/v1/badges")
    qtbot.waitUntil(lambda: raw.text() != "", timeout=20_000)

    assert time.monotonic() - started < 15
    text = body.decode()
    if len(text) <= MAX_LINE_CHARS:
        assert raw.text() == text
    else:
        assert raw.text().startswith(text[:MAX_LINE_CHARS] + "… [line cut:")
    assert raw.info.isVisibleTo(raw)
    assert "without indentation" in raw.info.text()
    assert "deeper than 100 levels" in raw.info.text()
    assert window.response_pane.status_chip.text() == "200 OK · nested too deeply"


def test_new_response_cancels_formatting(qtbot, make_window, local_server):
    items = [{"index": i, "text": "x" * 40} for i in range(200_000)]
    big = json.dumps(items).encode()
    local_server.routes["/api/v1/exercises"] = (200, "application/json", big)
    local_server.routes["/api/v1/badges"] = (200, "application/json", b"[1]")
    window = make_window(local_server.base_url).window
    raw = window.response_pane.raw_tab
    _send(qtbot, window, "/api/v1/exercises")
    qtbot.waitUntil(lambda: raw.load_button.isVisibleTo(raw), timeout=20_000)
    raw.load_button.click()
    formatting = window.flow._raw_task

    _send(qtbot, window, "/api/v1/badges")

    assert formatting.cancel_event.is_set()
    qtbot.waitUntil(lambda: window.runner.active_thread_count() == 0, timeout=3_000)
    qtbot.waitUntil(lambda: raw.text().startswith("[\n  1"), timeout=5_000)
