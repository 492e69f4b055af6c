"""Keys for the window's widgets, delivered the way the user's keys arrive.

Each key goes where the application sends a real one: to the open popup
(such as the URL completion list) if there is one, else to the focus widget.
For the URL bar the focus widget is the editable combo box, not its line
edit: keys sent to `url_box.lineEdit()` skip the combo box and hide bugs
that only real key presses show.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def focus(qtbot, widget: QWidget) -> None:
    """Activate the widget's window and give the widget the keyboard focus."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def key_target() -> QWidget:
    """Return the widget that a key pressed now reaches first."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    return target


def press_key(qtbot, key, modifier=NO_MODIFIER) -> None:
    """Press `key` where the focus is now."""
    qtbot.keyClick(key_target(), key, modifier)


def press(qtbot, widget: QWidget, key, modifier=NO_MODIFIER) -> None:
    """Focus `widget`, then press `key`."""
    focus(qtbot, widget)
    press_key(qtbot, key, modifier)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Focus `widget` and type `text` key by key."""
    focus(qtbot, widget)
    for character in text:
        qtbot.keyClicks(key_target(), character)


def press_enter_in_url_bar(qtbot, window) -> None:
    press(qtbot, window.request_bar.url_box, Qt.Key.Key_Return)


def type_url(qtbot, window, text: str) -> None:
    """Replace the URL bar's text with `text`: Ctrl+A, then the keys."""
    url_box = window.request_bar.url_box
    press(qtbot, url_box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, url_box, text)
