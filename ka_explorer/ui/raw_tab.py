"""The Raw tab: the body pretty-printed; a huge body shows its first part at once.

Show all formats at most MAX_SHOWN_CHARS characters in a worker (see
raw_render) and hands them to the editor FEED_CHARS at a time, so that no
single step of the UI thread takes long. docs/window.md gives the measured
costs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ka_explorer.ui import colors
from ka_explorer.ui.raw_find import FindBar, utf16_index
from ka_explorer.ui.raw_render import (
    FEED_CHARS,
    MAX_SHOWN_CHARS,
    PREVIEW_BYTES,
    PROGRESS_STEPS,
    RawText,
    format_size,
    render_body,
)


class RawTab(QWidget):
    """Emits `render_requested`, `load_all_requested`, `load_cancel_requested`
    and `save_requested`.

    A new body is formatted only once the tab is first shown, or its text
    is read: formatting a 512 KiB preview runs Python for 50 to 100 ms, and
    in a worker it still holds the GIL that the JSON tree's paint needs for
    every cell. The text goes into the editor only while the tab is shown,
    because filling it with the preview takes about 40 ms of the UI thread.
    """

    render_requested = Signal()
    load_all_requested = Signal()
    load_cancel_requested = Signal()
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = _editor()
        self.info = QLabel("")
        self.info.setObjectName("rawNote")
        colors.set_colored_style(self.info, "color: {note};")
        self.info.setWordWrap(True)  # a long notice must not widen the pane
        self.progress = QProgressBar()
        self.progress.setObjectName("rawProgress")
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setMinimumWidth(260)
        self.cancel_button = QPushButton("Cancel")
        self.load_button = QPushButton("Show all")
        self.wrap_box = QCheckBox("Wrap")
        self.wrap_box.setToolTip("Wrap long lines at the edge of the tab")
        self.wrap_box.setChecked(True)
        self.save_button = QPushButton("Save body…")
        self.find_bar = FindBar(self.editor)
        self._build_layout()
        self._feed_timer = QTimer(self)
        self._feed_timer.setInterval(0)
        self._feed_timer.timeout.connect(self._feed_step)
        self.load_button.clicked.connect(self.load_all_requested)
        self.save_button.clicked.connect(self.save_requested)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.wrap_box.toggled.connect(self._on_wrap_toggled)
        self._pending_text: str | None = None
        self._unformatted: bytes | None = None  # a body no formatting started for
        self._shown_text = ""  # the text the editor contains once feeding ends
        self._feed_position = 0
        self._notes: tuple[str, int, int] = ("", 0, 0)  # note, shown bytes, size
        self._final_notes: tuple[str, int, int] = ("", 0, 0)  # those of Show all
        self._capped = False  # the text was cut at MAX_SHOWN_CHARS
        self._on_wrap_toggled(True)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if colors.palette_switched(self, event):
            colors.refresh_colored_styles(self, colors.is_dark(self))

    def _build_layout(self) -> None:
        self._tool_bar = QWidget()
        bar = QHBoxLayout(self._tool_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.info, 1)
        for widget in (self.progress, self.cancel_button, self.load_button):
            bar.addWidget(widget)
        bar.addWidget(self.wrap_box)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._tool_bar)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.find_bar)
        self._show_loading(False)
        self._tool_bar.hide()

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
        return self._shown_text

    def is_loading(self) -> bool:
        """True while Show all formats the body or adds its text to the editor."""
        return self.progress.isVisibleTo(self)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fill_editor()
        if self._unformatted is not None:
            self.render_requested.emit()

    def _fill_editor(self) -> None:
        if self._pending_text is not None and self.isVisible():
            text, self._pending_text = self._pending_text, None
            self._set_text(text)

    def _set_text(self, text: str) -> None:
        self._feed_timer.stop()
        self._shown_text = text
        self.editor.setPlainText(text)
        self.find_bar.on_text_changed(text)

    def on_body_changed(self, body: bytes) -> None:
        """Take a new body; format it when the tab shows or its text is read."""
        self.clear()
        self._unformatted = body
        self._show_notes("", min(PREVIEW_BYTES, len(body)), len(body))
        if self.isVisible():
            self.render_requested.emit()

    def on_rendering(self, size: int) -> None:
        """Show that the preview is being formatted; the editor is empty."""
        self._pending_text = None
        self._unformatted = None
        self._set_text("")
        self.editor.setPlaceholderText(f"Formatting {format_size(size)}…")

    def on_text_ready(self, raw: RawText, shown_bytes: int, size: int) -> None:
        self.editor.setPlaceholderText("")
        self._pending_text = raw.text
        self._fill_editor()
        self._notes = (raw.note, shown_bytes, size)
        self._show_notes(raw.note, shown_bytes, size)

    # Show all

    def on_loading_all(self, size: int) -> None:
        """Show progress and Cancel; the preview stays until the text is ready."""
        self._show_loading(True)
        self.progress.setValue(0)
        self.progress.setFormat(f"Formatting {format_size(size)}… %p%")

    def on_load_progress(self, fraction: float) -> None:
        self.progress.setValue(int(fraction * PROGRESS_STEPS))

    def on_all_ready(self, raw: RawText, size: int) -> None:
        """Replace the preview with `raw`, adding FEED_CHARS per event-loop turn.

        The lines that the preview shows already stay; the rest is appended.
        """
        self._pending_text = None
        shown = size if raw.shown_bytes is None else raw.shown_bytes
        self._final_notes = (raw.note, shown, size)
        self._capped = raw.shown_bytes is not None
        kept = _shared_lines(self._shown_text, raw.text)
        self._remove_after(kept)
        self._shown_text = raw.text
        self._feed_position = kept
        self.progress.setFormat("Adding the text to the view… %p%")
        self._feed_timer.start()

    def _remove_after(self, kept: int) -> None:
        if kept == 0:
            self.editor.setPlainText("")
            return
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(utf16_index(self._shown_text, kept))
        cursor.movePosition(
            QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor
        )
        cursor.removeSelectedText()

    def _feed_step(self) -> None:
        text, start = self._shown_text, self._feed_position
        end = min(start + FEED_CHARS, len(text))
        cursor = QTextCursor(self.editor.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text[start:end])
        self._feed_position = end
        self.progress.setValue(end * PROGRESS_STEPS // max(len(text), 1))
        if end >= len(text):
            self._feed_timer.stop()
            self._show_loading(False)
            self.find_bar.on_text_changed(text)
            self._show_notes(*self._final_notes)

    def on_load_cancelled(self) -> None:
        """Stop Show all; the editor keeps its text, and the note names the share."""
        self._show_loading(False)
        if not self._feed_timer.isActive():
            self._show_notes(*self._notes)
            return
        self._feed_timer.stop()
        note, shown_bytes, size = self._final_notes
        fed = self._feed_position
        shown_bytes = shown_bytes * fed // max(len(self._shown_text), 1)
        self._shown_text = self._shown_text[:fed]
        self._capped = False
        self.find_bar.on_text_changed(self._shown_text)
        self._show_notes(note, shown_bytes, size)

    def on_load_failed(self) -> None:
        self._show_loading(False)
        self._show_notes(*self._notes)

    def _on_cancel_clicked(self) -> None:
        if self._feed_timer.isActive():
            self.on_load_cancelled()
        else:
            self.load_cancel_requested.emit()

    def _show_loading(self, loading: bool) -> None:
        self.progress.setVisible(loading)
        self.cancel_button.setVisible(loading)
        if loading:
            self.load_button.hide()

    # Notes, wrapping, clearing

    def _show_notes(self, note: str, shown_bytes: int, size: int) -> None:
        partial = shown_bytes < size
        notes = [note] if note else []
        if partial and self._capped:
            notes.append(_capped_note(shown_bytes, size))
        elif partial:
            notes.append(
                f"Showing the first {format_size(shown_bytes)} of {format_size(size)}. "
                f"Show all shows up to {format_size(MAX_SHOWN_CHARS)} of text; "
                "Save body… writes all of it."
            )
        self.info.setText(" ".join(notes))
        self.load_button.setVisible(partial and not self._capped)
        self._tool_bar.setVisible(size > 0 or bool(notes))

    def _on_wrap_toggled(self, wrap: bool) -> None:
        mode = QPlainTextEdit.LineWrapMode
        self.editor.setLineWrapMode(mode.WidgetWidth if wrap else mode.NoWrap)

    def clear(self) -> None:
        self._feed_timer.stop()
        self._pending_text = None
        self._unformatted = None
        self._notes = ("", 0, 0)
        self._final_notes = ("", 0, 0)
        self._capped = False
        self.find_bar.reset()
        self._set_text("")
        self.editor.setPlaceholderText("")
        self._show_loading(False)
        self._tool_bar.hide()


def _editor() -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setObjectName("rawText")
    editor.setReadOnly(True)
    # The text is appended in steps; an undo stack would keep a copy of it.
    editor.setUndoRedoEnabled(False)
    editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    editor.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return editor


def _capped_note(shown_bytes: int, size: int) -> str:
    return (
        f"Showing the first {format_size(MAX_SHOWN_CHARS)} of the formatted text, "
        f"about {format_size(shown_bytes)} of the {format_size(size)} body. "
        "Save body… writes all of it."
    )


def _shared_lines(shown: str, new: str) -> int:
    """Return how many leading characters of `shown` end in a line `new` shares."""
    line_end = shown.rfind("\n")
    if line_end <= 0 or not new.startswith(shown[: line_end + 1]):
        return 0
    return line_end + 1
