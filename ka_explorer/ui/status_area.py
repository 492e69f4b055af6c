"""The status area: one banner above the response for results and errors."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ka_explorer.ui import colors

PADDING_X, PADDING_Y, BORDER = 10, 6, 1  # pixels, as in STYLE_TEMPLATE
# The style sheet of a level, with LEVEL for "info", "warning" or "error".
STYLE_TEMPLATE = (
    "QLabel {{ background: {LEVEL_background}; color: {LEVEL_text}; "
    "border: 1px solid {LEVEL_border}; border-radius: 4px; padding: 6px 10px; }}"
)
MORE_LINK = "more…"
LEVELS = ("info", "warning", "error")  # from the least severe
TEXT_FLAGS = (
    Qt.TextInteractionFlag.TextSelectableByMouse
    | Qt.TextInteractionFlag.LinksAccessibleByMouse
)


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
        self.setTextInteractionFlags(TEXT_FLAGS)
        self.level = ""
        self.max_lines = max_lines
        self.elided = False
        self._full_text = ""
        self._details = ""
        if max_lines is not None:
            self._fix_height()
            self.linkActivated.connect(self.show_full_message)
        self.hide()

    def _fix_height(self) -> None:
        """Make the area `max_lines` lines high in its font, plus the frame."""
        lines = lines_height(self.font(), self.max_lines or 1)
        self.setFixedHeight(lines + 2 * (PADDING_Y + BORDER))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.max_lines is not None:
            self._fix_height()
            self._show_fitted()
        if colors.palette_switched(self, event):
            colors.refresh_colored_styles(self, colors.is_dark(self))

    def text(self) -> str:  # type: ignore[override]
        """Return the whole message, also when the area shows it cut."""
        return self._full_text

    def show_message(self, text: str, level: str = "info", details: str = "") -> None:
        """Show `text`; `details` (such as a signature comparison) is the tooltip."""
        self.level = level
        self._full_text = text
        self._details = details
        template = STYLE_TEMPLATE.replace("LEVEL", level)
        if self.property(colors.STYLE_PROPERTY) != template:
            colors.set_colored_style(self, template)
        self._show_fitted()
        self.show()

    def add_message(self, text: str, level: str = "warning") -> None:
        """Show `text` on a new line below the message shown now, if any.

        The area takes the more severe of the two levels and keeps the
        details, so that a later problem never hides the result it follows.
        """
        if not self._full_text or self.isHidden():
            self.show_message(text, level)
            return
        severity = max(LEVELS.index(self.level), LEVELS.index(level))
        self.show_message(f"{self._full_text}\n{text}", LEVELS[severity],
                          self._details)

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
        Dialogs.show_text(self.window(), "Message", text)

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


def lines_height(font: QFont, count: int) -> int:
    """Return the height that `count` lines take in a StatusArea with `font`.

    Measured on a label with the area's text flags, as plain text with line
    breaks and as rich text with <br>, the two forms the area shows. Lines
    there can be a pixel or two higher than QFontMetrics.lineSpacing().
    """
    probe = QLabel()
    probe.setFont(font)
    probe.setTextInteractionFlags(TEXT_FLAGS)
    probe.setTextFormat(Qt.TextFormat.PlainText)
    probe.setWordWrap(True)
    probe.setText("\n".join(["Xg"] * count))
    plain = probe.heightForWidth(100_000)
    probe.setTextFormat(Qt.TextFormat.RichText)
    probe.setWordWrap(False)
    link = f' <a href="more">{MORE_LINK}</a>'
    probe.setText("<br>".join(["Xg"] * count) + link)
    return max(plain, probe.sizeHint().height())


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
