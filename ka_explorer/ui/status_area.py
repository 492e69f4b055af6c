"""The status area: one banner above the response for results and errors."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

STYLES = {
    "info": "background: #eef6ff; color: #1e3a5f; border: 1px solid #cfe3fb;",
    "warning": "background: #fff7e6; color: #7a4b00; border: 1px solid #f6d7a0;",
    "error": "background: #fdecec; color: #8b1c1c; border: 1px solid #f5c2c2;",
}


class StatusArea(QLabel):
    """Shows the latest message; request errors land here, never in a dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusArea")
        self.setWordWrap(True)
        # The width comes from the pane, never from the text: a long word,
        # such as a URL, must not widen the pane and move the splitter.
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)
        self.setTextInteractionFlags(self.textInteractionFlags().TextSelectableByMouse)
        self.level = ""
        self.hide()

    def show_message(self, text: str, level: str = "info", details: str = "") -> None:
        """Show `text`; `details` (such as a signature comparison) is the tooltip."""
        self.level = level
        self.setText(text)
        self.setToolTip(_as_tooltip(details))
        self.setStyleSheet(
            f"QLabel {{ {STYLES[level]} border-radius: 4px; padding: 6px 10px; }}"
        )
        self.show()

    def clear_message(self) -> None:
        self.level = ""
        self.setText("")
        self.setToolTip("")
        self.hide()


def _as_tooltip(details: str) -> str:
    """Return `details` as rich text that keeps its lines and wraps long ones."""
    if not details:
        return ""
    return f"<pre style='white-space: pre-wrap'>{escape(details)}</pre>"
