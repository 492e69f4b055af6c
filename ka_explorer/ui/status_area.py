"""The status area: one banner above the response for results and errors."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

STYLES = {
    "info": "background: #eef6ff; color: #1e3a5f; border: 1px solid #cfe3fb;",
    "warning": "background: #fff7e6; color: #7a4b00; border: 1px solid #f6d7a0;",
    "error": "background: #fdecec; color: #8b1c1c; border: 1px solid #f5c2c2;",
}
PADDING_X, PADDING_Y, BORDER = 10, 6, 1  # pixels, as in the style sheet below
MORE_LINK = "more…"


class StatusArea(QLabel):
    """Shows the latest message; request errors land here, never in a dialog.

    With `max_lines`, the area is always that many lines high, shown or not,
    so that the widgets below it never move. A longer message is cut at the
    last line with "…" and a "more…" link that opens it in a dialog. Its
    tooltip shows it in full, and `text()` returns it in full.
    """

    def __init__(self, parent: QWidget | None = None,
                 max_lines: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusArea")
        self.setWordWrap(True)
        # The width comes from the pane, never from the text: a long word,
        # such as a URL, must not widen the pane and move the splitter.
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        policy.setRetainSizeWhenHidden(max_lines is not None)
        self.setSizePolicy(policy)
        flags = Qt.TextInteractionFlag
        self.setTextInteractionFlags(
            flags.TextSelectableByMouse | flags.LinksAccessibleByMouse
        )
        self.level = ""
        self.max_lines = max_lines
        self.elided = False
        self._full_text = ""
        self._details = ""
        if max_lines is not None:
            lines = self.fontMetrics().lineSpacing() * max_lines
            self.setFixedHeight(lines + 2 * (PADDING_Y + BORDER))
            self.linkActivated.connect(self.show_full_message)
        self.hide()

    def text(self) -> str:  # type: ignore[override]
        """Return the whole message, also when the area shows it cut."""
        return self._full_text

    def show_message(self, text: str, level: str = "info", details: str = "") -> None:
        """Show `text`; `details` (such as a signature comparison) is the tooltip."""
        self.level = level
        self._full_text = text
        self._details = details
        self.setStyleSheet(
            f"QLabel {{ {STYLES[level]} border-radius: 4px; "
            f"padding: {PADDING_Y}px {PADDING_X}px; }}"
        )
        self._show_fitted()
        self.show()

    def clear_message(self) -> None:
        self.level = ""
        self._full_text = self._details = ""
        self._show_fitted()
        self.hide()

    def show_full_message(self) -> None:
        """Open the whole message and its details in a dialog."""
        from ka_explorer.ui.messages import Dialogs

        text = self._full_text
        if self._details:
            text = f"{text}\n\n{self._details}"
        Dialogs.inform(self.window(), "Message", text)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.max_lines is not None:
            self._show_fitted()

    def _show_fitted(self) -> None:
        """Show the message, cut to `max_lines` lines of the current width."""
        text, details = self._full_text, self._details
        width = self.width() - 2 * (PADDING_X + BORDER)
        lines = _wrapped_lines(text, self.font(), width) if self.max_lines else []
        self.elided = self.max_lines is not None and len(lines) > self.max_lines
        if not self.elided:
            self.setTextFormat(Qt.TextFormat.PlainText)
            self.setWordWrap(True)
            super().setText(text)
            self.setToolTip(_as_tooltip(details))
            return
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(False)
        super().setText(self._cut_text(lines, width))
        self.setToolTip(_as_tooltip(f"{text}\n\n{details}" if details else text))

    def _cut_text(self, lines: list[str], width: int) -> str:
        """Return rich text: the first lines, the last one elided, and the link."""
        count = self.max_lines or 1
        metrics = self.fontMetrics()
        room = width - metrics.horizontalAdvance(f" {MORE_LINK}") - 4
        last = " ".join(lines[count - 1:])
        last = metrics.elidedText(last, Qt.TextElideMode.ElideRight, max(room, 0))
        if not last.endswith("…"):
            last += "…"
        shown = [escape(line) for line in lines[:count - 1]] + [escape(last)]
        return "<br>".join(shown) + f' <a href="more">{MORE_LINK}</a>'


def _wrapped_lines(text: str, font, width: int) -> list[str]:
    """Return `text` broken into the lines a word-wrapped label of `width` shows."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(width, 1))
            start, length = line.textStart(), line.textLength()
            lines.append(paragraph[start:start + length].rstrip())
        layout.endLayout()
    return lines


def _as_tooltip(details: str) -> str:
    """Return `details` as rich text that keeps its lines and wraps long ones."""
    if not details:
        return ""
    return f"<pre style='white-space: pre-wrap'>{escape(details)}</pre>"
