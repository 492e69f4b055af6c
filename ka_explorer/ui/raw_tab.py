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
    """Emits `render_requested`, `load_all_requested` and `save_requested`.

    A new body is formatted only once the tab is first shown, or its text
    is read: formatting a 512 KB preview runs Python for 50 to 100 ms, and
    in a worker it still holds the GIL that the JSON tree's paint needs for
    every cell. The text goes into the editor only while the tab is shown,
    because filling it with the preview takes about 40 ms of the UI thread.
    """

    render_requested = Signal()
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
        self._unformatted: bytes | None = None  # a body no formatting started for

    def text(self) -> str:
        """Return the formatted body, whether or not the editor shows it yet.

        A body whose formatting has not started is formatted here, on the
        calling thread: its first PREVIEW_BYTES bytes.
        """
        if self._unformatted is not None:
            body, self._unformatted = self._unformatted, None
            shown = min(PREVIEW_BYTES, len(body))
            self.on_text_ready(render_body(body, PREVIEW_BYTES), shown, len(body))
        if self._pending_text is not None:
            return self._pending_text
        return self.editor.toPlainText()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fill_editor()
        if self._unformatted is not None:
            self.render_requested.emit()

    def _fill_editor(self) -> None:
        if self._pending_text is not None and self.isVisible():
            text, self._pending_text = self._pending_text, None
            self.editor.setPlainText(text)

    def on_body_changed(self, body: bytes) -> None:
        """Take a new body; format it when the tab shows or its text is read."""
        self.clear()
        self._unformatted = body
        self._show_notes("", min(PREVIEW_BYTES, len(body)), len(body))
        if self.isVisible():
            self.render_requested.emit()

    def on_rendering(self, size: int) -> None:
        self._pending_text = None
        self._unformatted = None
        self.editor.setPlainText("")
        self.editor.setPlaceholderText(f"Formatting {format_size(size)}…")
        self._info_bar.hide()

    def on_text_ready(self, raw: RawText, shown_bytes: int, size: int) -> None:
        self.editor.setPlaceholderText("")
        self._pending_text = raw.text
        self._fill_editor()
        self._show_notes(raw.note, shown_bytes, size)

    def _show_notes(self, note: str, shown_bytes: int, size: int) -> None:
        partial = shown_bytes < size
        notes = [note] if note else []
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
        self._unformatted = None
        self.editor.setPlainText("")
        self.editor.setPlaceholderText("")
        self._info_bar.hide()
