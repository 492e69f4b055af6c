"""Raw tab find bar: Ctrl+F in the tab, match count, next and previous."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ka_explorer.ui.raw_find import MAX_MATCHES, find_all, utf16_index
from tests.gui.window_keys import focus, press_key, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def _raw_with_text(make_window, text: str):
    window = make_window().window
    pane = window.response_pane
    pane.tabs.setCurrentWidget(pane.raw_tab)
    raw = pane.raw_tab
    raw._set_text(text)
    return window, raw


def test_find_all_ignores_case():
    assert find_all("Abc abc ABC", "abc") == ([(0, 3), (4, 7), (8, 11)], False)
    assert find_all("abc", "") == ([], False)


def test_find_all_stops_at_max():
    spans, more = find_all("a" * (MAX_MATCHES + 5), "a")
    assert len(spans) == MAX_MATCHES
    assert more


def test_utf16_index_counts_surrogates():
    assert utf16_index("ab", 2) == 2
    assert utf16_index("😀b", 2) == 3


def test_ctrl_f_in_raw_opens_find(qtbot, make_window):
    window, raw = _raw_with_text(make_window, '{\n  "name": "x",\n  "Name": 1\n}')
    focus(qtbot, raw.editor)
    press_key(qtbot, Qt.Key.Key_F, CTRL)
    assert raw.find_bar.isVisible()
    assert QApplication.focusWidget() is raw.find_bar.query_box
    type_text(qtbot, raw.find_bar.query_box, "name")
    assert raw.find_bar.count_label.text() == "1 of 2"
    assert raw.editor.textCursor().selectedText() == "name"
    press_key(qtbot, Qt.Key.Key_Return)
    assert raw.find_bar.count_label.text() == "2 of 2"
    assert raw.editor.textCursor().selectedText() == "Name"
    raw.find_bar.previous_button.click()
    assert raw.find_bar.count_label.text() == "1 of 2"


def test_find_reports_not_found(qtbot, make_window):
    _window, raw = _raw_with_text(make_window, "OAuth error. Invalid signature.")
    raw.find_bar.open_bar()
    raw.find_bar.query_box.setText("token")
    assert raw.find_bar.count_label.text() == "not found"


def test_find_selects_after_emoji(qtbot, make_window):
    _window, raw = _raw_with_text(make_window, '["😀", "target"]')
    raw.find_bar.open_bar()
    raw.find_bar.query_box.setText("target")
    assert raw.editor.textCursor().selectedText() == "target"


def test_ctrl_f_elsewhere_filters_endpoints(qtbot, make_window):
    window, raw = _raw_with_text(make_window, "{}")
    focus(qtbot, window.response_pane.json_tab.view)
    press_key(qtbot, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.endpoint_panel.filter_box
    assert not raw.find_bar.isVisible()


def test_escape_closes_find(qtbot, make_window):
    _window, raw = _raw_with_text(make_window, "{}")
    focus(qtbot, raw.editor)
    press_key(qtbot, Qt.Key.Key_F, CTRL)
    press_key(qtbot, Qt.Key.Key_Escape)
    assert not raw.find_bar.isVisible()
    assert QApplication.focusWidget() is raw.editor


def test_not_found_clears_earlier_selection(qtbot, make_window):
    _window, raw = _raw_with_text(make_window, '{"youtube_id": "zzab"}')
    raw.find_bar.open_bar()
    raw.find_bar.query_box.setText("zz")
    assert raw.editor.textCursor().selectedText() == "zz"

    raw.find_bar.query_box.setText("zzz")

    assert raw.find_bar.count_label.text() == "not found"
    assert raw.editor.textCursor().selectedText() == ""


def test_new_body_closes_find_bar(qtbot, make_window):
    _window, raw = _raw_with_text(make_window, '{"name": "x"}')
    raw.find_bar.open_bar()
    raw.find_bar.query_box.setText("name")
    assert raw.find_bar.count_label.text() == "1 of 1"

    raw.on_body_changed(b'{"other": 1}')

    assert not raw.find_bar.isVisible()
    assert raw.find_bar.query_box.text() == ""
    assert raw.find_bar.count_label.text() == ""
