"""The Raw tab: the body pretty-printed; a huge body shows its first part at once."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ka_explorer.ui.pretty import IndentLimitError, is_indented, pretty_json

PREVIEW_BYTES = 512 * 1024


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass(frozen=True)
class RawText:
    """The Raw tab's text, and why it is shown as received (or "")."""

    text: str
    note: str = ""


def render_body(
    body: bytes, limit: int | None, cancel: threading.Event | None = None
) -> RawText:
    """Decode and indent `body`, or its first `limit` bytes; runs in a worker.

    Raises `pretty.FormattingCancelled` soon after `cancel` is set.
    """
    part = body if limit is None else body[:limit]
    text = part.decode("utf-8", errors="replace")
    if is_indented(text):
        return RawText(text)
    try:
        return RawText(pretty_json(text, cancel))
    except IndentLimitError as reason:
        note = f"Shown as received, without indentation: {reason}."
        return RawText(text, note)


class RawTab(QWidget):
    """Emits `load_all_requested` and `save_requested` from its info bar.

    The text goes into the editor only while the tab is shown. Filling the
    editor with the 512 KB preview of a large body takes about 40 ms of the
    UI thread, so a user who stays on the JSON tab does not pay for it.
    """

    load_all_requested = Signal()
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("rawText")
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setFont(
            QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        )
        self.info = QLabel("")
        self.info.setStyleSheet("color: #7a4b00;")
        self.info.setWordWrap(True)  # a long notice must not widen the pane
        self.load_button = QPushButton("Show all")
        self.save_button = QPushButton("Save body…")
        self._info_bar = QWidget()
        bar = QHBoxLayout(self._info_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.info, 1)
        bar.addWidget(self.load_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._info_bar)
        layout.addWidget(self.editor, 1)
        self._info_bar.hide()
        self.load_button.clicked.connect(self.load_all_requested)
        self.save_button.clicked.connect(self.save_requested)
        self._pending_text: str | None = None

    def text(self) -> str:
        """Return the formatted body, whether or not the editor shows it yet."""
        if self._pending_text is not None:
            return self._pending_text
        return self.editor.toPlainText()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fill_editor()

    def _fill_editor(self) -> None:
        if self._pending_text is not None and self.isVisible():
            text, self._pending_text = self._pending_text, None
            self.editor.setPlainText(text)

    def on_rendering(self, size: int) -> None:
        self._pending_text = None
        self.editor.setPlainText("")
        self.editor.setPlaceholderText(f"Formatting {format_size(size)}…")
        self._info_bar.hide()

    def on_text_ready(self, raw: RawText, shown_bytes: int, size: int) -> None:
        self.editor.setPlaceholderText("")
        self._pending_text = raw.text
        self._fill_editor()
        partial = shown_bytes < size
        notes = [raw.note] if raw.note else []
        if partial:
            notes.append(
                f"Showing the first {format_size(shown_bytes)} of {format_size(size)}. "
                "Show all formats the rest in the background; Save writes the body "
                "as received."
            )
        self.info.setText(" ".join(notes))
        self.load_button.setVisible(partial)
        self._info_bar.setVisible(bool(notes))

    def clear(self) -> None:
        self._pending_text = None
        self.editor.setPlainText("")
        self.editor.setPlaceholderText("")
        self._info_bar.hide()
