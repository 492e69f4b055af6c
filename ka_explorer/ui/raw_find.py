"""The Raw tab's find bar: Ctrl+F in the tab, next and previous, a match count.

Ctrl+F opens it only while the focus is in the Raw tab: the editor and the
bar accept Ctrl+F's ShortcutOverride event, so the window's Ctrl+F (filter
endpoints) still works everywhere else.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from ka_explorer.ui import colors

MAX_MATCHES = 10_000


class FindBar(QWidget):
    """Finds text in `editor`, case-insensitively, and selects each match."""

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rawFindBar")
        self.editor = editor
        self.query_box = QLineEdit()
        self.query_box.setObjectName("rawFind")
        self.query_box.setPlaceholderText("Find in the body (Enter: next)")
        self.query_box.setClearButtonEnabled(True)
        self.previous_button = _button("◀", "Previous match (Shift+Enter)")
        self.next_button = _button("▶", "Next match (Enter)")
        self.close_button = _button("✕", "Close (Esc)")
        self.count_label = QLabel("")
        self.count_label.setObjectName("rawFindCount")
        colors.set_colored_style(self.count_label, "color: {muted};")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.query_box, 1)
        for widget in (self.previous_button, self.next_button, self.count_label):
            layout.addWidget(widget)
        layout.addWidget(self.close_button)
        self._text = ""
        self._spans: list[tuple[int, int]] = []  # matches, in code points
        self._more = False  # more than MAX_MATCHES matches
        self._current = -1
        self.query_box.textChanged.connect(self._on_query_changed)
        self.next_button.clicked.connect(lambda: self.go_to_match(1))
        self.previous_button.clicked.connect(lambda: self.go_to_match(-1))
        self.close_button.clicked.connect(self.close_bar)
        for widget in (editor, self.query_box):
            widget.installEventFilter(self)
        self.hide()

    def open_bar(self) -> None:
        """Show the bar with the editor's selection, if any, as the query."""
        selected = self.editor.textCursor().selectedText()
        self.show()
        if selected and "\u2029" not in selected:
            self.query_box.setText(selected)
        self.query_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_box.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        """Close the bar and forget its query, as for a new response."""
        self.hide()
        self.query_box.clear()
        self.count_label.setText("")

    def on_text_changed(self, text: str) -> None:
        """Take the editor's new text and count the query's matches in it again."""
        self._text = text
        if self.isVisible() or self.query_box.text():
            self._on_query_changed(self.query_box.text())

    def go_to_match(self, step: int) -> None:
        """Select the next match (`step` 1) or the previous one (-1), wrapping."""
        if not self._spans:
            return
        self._current = (self._current + step) % len(self._spans)
        self._select(self._current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        combination = QKeySequence(event.keyCombination())  # type: ignore[attr-defined]
        if combination.matches(QKeySequence.StandardKey.Find) == (
            QKeySequence.SequenceMatch.ExactMatch
        ):
            event.accept()
            if kind == QEvent.Type.KeyPress:
                self.open_bar()
            return kind == QEvent.Type.KeyPress
        if watched is self.query_box:
            return self._on_query_key(event)
        return False

    def _on_query_key(self, event) -> bool:
        key = event.key()
        shifted = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Escape:
            event.accept()  # the window's Esc cancels a request
            if event.type() == QEvent.Type.KeyPress:
                self.close_bar()
            return event.type() == QEvent.Type.KeyPress
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.go_to_match(-1 if shifted else 1)
            return event.type() == QEvent.Type.KeyPress
        return False

    def _on_query_changed(self, query: str) -> None:
        self._spans, self._more = find_all(self._text, query)
        self._current = -1
        if not self._spans:
            self._clear_selection()
            self.count_label.setText("not found" if query else "")
            return
        self.go_to_match(1)

    def _clear_selection(self) -> None:
        """Drop the selection of an earlier match, keeping the cursor where it is."""
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.editor.setTextCursor(cursor)

    def _select(self, number: int) -> None:
        start, end = self._spans[number]
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(utf16_index(self._text, start))
        cursor.setPosition(
            utf16_index(self._text, end), QTextCursor.MoveMode.KeepAnchor
        )
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        total = f"{len(self._spans)}{'+' if self._more else ''}"
        self.count_label.setText(f"{number + 1} of {total}")


def find_all(text: str, query: str) -> tuple[list[tuple[int, int]], bool]:
    """Return the (start, end) of each case-insensitive match, at most
    MAX_MATCHES, and whether more matches follow."""
    if not query:
        return [], False
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        if len(spans) == MAX_MATCHES:
            return spans, True
        spans.append(match.span())
    return spans, False


def utf16_index(text: str, index: int) -> int:
    """Return the QTextCursor position of code point `index` of `text`."""
    prefix = text[:index]
    if prefix.isascii():
        return index
    return len(prefix.encode("utf-16-le")) // 2


def _button(text: str, tooltip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tooltip)
    button.setAutoRaise(True)
    return button
