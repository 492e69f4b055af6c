"""Raw tab: lines longer than MAX_LINE_CHARS are cut so wrapping stays fast."""

from __future__ import annotations

from ka_explorer.ui.raw_render import (
    MAX_LINE_CHARS,
    RawText,
    cut_long_lines,
    render_all,
    render_body,
)
from tests.gui.window_keys import press_enter_in_url_bar
from tests.heartbeat import Heartbeat

LONG_STRING_BODY = b'{"s": "' + b"a" * (2 * 1024 * 1024) + b'"}'


def test_cut_long_lines_marks_cut_line():
    text = "short\n" + "b" * (MAX_LINE_CHARS + 5) + "\nend"
    raw = cut_long_lines(RawText(text))
    lines = raw.text.split("\n")
    assert lines[0] == "short"
    assert lines[1].startswith("b" * MAX_LINE_CHARS + "… [line cut: ")
    assert f"{MAX_LINE_CHARS + 5:,} characters in all" in lines[1]
    assert "Save body… writes it whole" in lines[1]
    assert lines[2] == "end"
    assert raw.cut_lines == 1
    assert raw.note == f"1 line was cut at {MAX_LINE_CHARS:,} characters."


def test_cut_long_lines_keeps_short_text():
    raw = RawText("a\n" + "b" * MAX_LINE_CHARS, "kept note")
    assert cut_long_lines(raw) is raw


def test_render_body_preview_cuts_long_string():
    raw = render_body(LONG_STRING_BODY, 512 * 1024)
    assert max(len(line) for line in raw.text.split("\n")) < MAX_LINE_CHARS + 100
    assert "more than" in raw.text  # the preview stops inside the string
    assert raw.cut_lines == 1
    assert "cut at" in raw.note


def test_render_all_cuts_long_string():
    raw = render_all(LONG_STRING_BODY)
    assert max(len(line) for line in raw.text.split("\n")) < MAX_LINE_CHARS + 100
    total = len('  "s": ""') + 2 * 1024 * 1024  # the indented line
    assert f"{total:,} characters in all" in raw.text
    assert raw.cut_lines == 1


# The bound catches the wrapped layout of an uncut line, which took 21 s.
# NOTE: alone this test records gaps under 0.1 s, but one full-suite run had
# 0.6 s, whose cause is not yet known.
MAX_GAP_S = 1.5


def test_raw_long_line_keeps_ui_running(qtbot, make_window, local_server):
    """Raw with Wrap on, then Show all, of a body with a 2 MiB line: no gap of
    the UI thread's event loop reaches MAX_GAP_S. Laying out the 512 KiB line
    of the preview wrapped took about 21 s before lines were cut."""
    window = make_window(local_server.base_url).window
    local_server.routes["/longstr"] = (200, "application/json", LONG_STRING_BODY)
    window.request_bar.set_url_text("/longstr")
    with qtbot.waitSignal(window.response_shown, timeout=30_000):
        press_enter_in_url_bar(qtbot, window)
    pane = window.response_pane
    raw = pane.raw_tab
    assert raw.wrap_box.isChecked()
    heartbeat = Heartbeat()
    heartbeat.start()
    pane.tabs.setCurrentWidget(raw)
    qtbot.waitUntil(lambda: raw.editor.toPlainText() != "", timeout=60_000)
    qtbot.wait(300)  # the layout and paint of the shown text
    raw.load_button.click()
    qtbot.waitUntil(lambda: not raw.is_loading(), timeout=60_000)
    qtbot.wait(300)
    heartbeat.stop()
    shown = raw.editor.toPlainText()
    assert max(len(line) for line in shown.split("\n")) < MAX_LINE_CHARS + 100
    assert "[line cut:" in shown
    assert "cut at" in raw.info.text()
    assert heartbeat.longest < MAX_GAP_S, f"longest gap {heartbeat.longest:.3f} s"


def test_raw_find_searches_shown_text(qtbot, make_window, local_server):
    window = make_window(local_server.base_url).window
    local_server.routes["/longstr"] = (200, "application/json", LONG_STRING_BODY)
    window.request_bar.set_url_text("/longstr")
    with qtbot.waitSignal(window.response_shown, timeout=30_000):
        press_enter_in_url_bar(qtbot, window)
    pane = window.response_pane
    raw = pane.raw_tab
    pane.tabs.setCurrentWidget(raw)
    qtbot.waitUntil(lambda: raw.editor.toPlainText() != "", timeout=60_000)
    raw.find_bar.open_bar()
    raw.find_bar.query_box.setText("line cut")
    assert raw.find_bar.count_label.text() == "1 of 1"
    selected = raw.editor.textCursor().selectedText()
    assert selected.lower() == "line cut"
