"""The status area: a fixed height, cut long messages, and the full text on demand."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from ka_explorer.ui.messages import Dialogs, text_dialog
from ka_explorer.ui.status_area import MORE_LINK, StatusArea

LONG = " ".join(f"word{number}" for number in range(200))


def _shown_text(area: StatusArea) -> str:
    """Return the text the label displays; `StatusArea.text()` returns the message."""
    return QLabel.text(area)


def _tab_bar_y(window) -> int:
    tab_bar = window.response_pane.tabs.tabBar()
    return tab_bar.mapTo(window, tab_bar.rect().topLeft()).y()


def test_tab_bar_stays_for_any_message(qtbot, make_window):
    window = make_window().window
    window.resize(900, 700)
    qtbot.waitExposed(window)
    window.status_area.clear_message()
    qtbot.wait(20)
    positions = [_tab_bar_y(window)]

    for text in ("One line.", "Two\nlines.", LONG, "Line\n" * 6):
        window.show_message(text, "error")
        qtbot.wait(20)
        positions.append(_tab_bar_y(window))
    window.status_area.clear_message()
    qtbot.wait(20)
    positions.append(_tab_bar_y(window))

    assert len(set(positions)) == 1


def test_long_message_cut_with_link(qtbot):
    area = StatusArea(max_lines=2)
    qtbot.addWidget(area)
    area.resize(400, area.height())
    area.show_message(LONG, "error")

    assert area.elided
    assert area.text() == LONG
    assert MORE_LINK in _shown_text(area)
    assert _shown_text(area).count("<br>") == 1
    assert "word199" in area.toolTip()


def test_short_message_not_cut(qtbot):
    area = StatusArea(max_lines=2)
    qtbot.addWidget(area)
    area.resize(400, area.height())
    area.show_message("200 OK: 1.5 KiB of JSON, 3 keys.", "info", "details here")

    assert not area.elided
    assert MORE_LINK not in _shown_text(area)
    assert "details here" in area.toolTip()


def test_widening_shows_whole_message(qtbot):
    text = " ".join(["sixteen chars ok"] * 8)
    area = StatusArea(max_lines=2)
    qtbot.addWidget(area)
    area.resize(300, area.height())
    area.show_message(text)
    cut_when_narrow = area.elided

    area.resize(3000, area.height())

    assert cut_when_narrow
    assert not area.elided
    assert _shown_text(area) == text


def test_more_link_opens_whole_message(qtbot):
    Dialogs.switch_off()
    area = StatusArea(max_lines=2)
    qtbot.addWidget(area)
    area.resize(400, area.height())
    area.show_message(LONG, "error", "the comparison")

    area.linkActivated.emit("more")

    assert len(Dialogs.shown) == 1
    assert Dialogs.shown[0].text == f"{LONG}\n\nthe comparison"


def test_dialog_areas_keep_wrapping(qtbot):
    area = StatusArea()
    qtbot.addWidget(area)
    area.resize(300, 40)
    area.show_message(LONG, "error")

    assert not area.elided
    assert _shown_text(area) == LONG


def test_tab_bar_stays_after_first_response(qtbot, make_window, replica):
    window = make_window(replica.base_url).window
    window.resize(1360, 860)
    qtbot.waitExposed(window)
    qtbot.wait(20)
    before = _tab_bar_y(window)

    window.request_bar.set_url_text("/api/v1/badges/categories")
    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        window.flow.on_send_requested()
    qtbot.wait(20)

    assert _tab_bar_y(window) == before


TWO_LINES = "Typing yields gpq jumpy glyphs,\nand gypsy pygmy glyphs below."
POINT_SIZES = [size / 2 for size in range(14, 30)]  # 7 to 14.5 points


def _needed_height(area: StatusArea) -> int:
    """Return the height the label needs for the text it shows now."""
    if area.wordWrap():
        return area.heightForWidth(area.width())
    return area.sizeHint().height()


@pytest.fixture
def app_font(qapp):
    """Let a test set the application font; the previous one comes back after."""
    saved = QFont(qapp.font())
    yield qapp
    qapp.setFont(saved)


@pytest.mark.parametrize("point_size", POINT_SIZES)
def test_two_lines_fit_in_font(qtbot, app_font, point_size):
    font = QFont("DejaVu Sans")
    font.setPointSizeF(point_size)
    app_font.setFont(font)
    area = StatusArea(max_lines=2)
    qtbot.addWidget(area)
    area.resize(500, area.height())

    area.show_message(TWO_LINES, "warning")
    plain = _needed_height(area)
    area.show_message(LONG, "error")
    cut = _needed_height(area)

    assert area.font().pointSizeF() == point_size
    assert plain <= area.height()
    assert cut <= area.height()


def test_height_follows_font_change(qtbot):
    area = StatusArea(max_lines=2)
    qtbot.addWidget(area)
    area.resize(500, area.height())
    area.show_message(TWO_LINES, "info")
    before = area.height()

    font = QFont(area.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    area.setFont(font)

    assert area.height() > before
    assert _needed_height(area) <= area.height()


LONG_URL = "/api/v1/badges?q=" + "abcdefghij" * 40 + "%ZZ"


def test_more_link_opens_text_box(qtbot):
    Dialogs.switch_off()
    area = StatusArea(max_lines=2)
    qtbot.addWidget(area)
    area.resize(400, area.height())
    area.show_message(f"Invalid URL {LONG_URL}: fix the escape.", "error")

    area.linkActivated.emit("more")

    assert [shown.kind for shown in Dialogs.shown] == ["text"]


def test_text_dialog_wraps_long_url(qtbot):
    message = f"Invalid URL {LONG_URL}: fix the escape."
    dialog = text_dialog(None, "Message", message)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.findChild(QPlainTextEdit, "messageText")

    assert box.toPlainText() == message
    assert box.isReadOnly()
    assert box.horizontalScrollBar().maximum() == 0
    assert box.document().documentLayout().documentSize().height() > 3


def test_added_message_goes_below(qtbot):
    area = StatusArea(max_lines=2)
    qtbot.addWidget(area)
    area.show_message("404 NOT FOUND: 9 B of text.", "error", "the comparison")

    area.add_message("Could not save the history.", "warning")

    assert area.text() == "404 NOT FOUND: 9 B of text.\nCould not save the history."
    assert area.level == "error"
    assert "the comparison" in area.toolTip()
    assert not area.isHidden()


def test_added_message_raises_level(qtbot):
    area = StatusArea(max_lines=2)
    qtbot.addWidget(area)
    area.show_message("200 OK: 12 B of JSON.", "info")

    area.add_message("Could not save the history.", "warning")

    assert area.level == "warning"
    assert area.text().startswith("200 OK: 12 B of JSON.\n")


def test_added_message_alone_when_empty(qtbot):
    area = StatusArea(max_lines=2)
    qtbot.addWidget(area)

    area.add_message("Could not save the history.", "warning")

    assert area.text() == "Could not save the history."
    assert area.level == "warning"
    assert not area.isHidden()
