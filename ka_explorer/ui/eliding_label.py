"""A label that shortens its text with … instead of widening its layout."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget


class ElidingLabel(QLabel):
    """Shows a prefix and a text, the text shortened in the middle to fit.

    Its size hint is the whole text, but it can shrink to MIN_WIDTH, so a
    long path or URL never widens a pane and moves the splitter beside it.
    """

    MIN_WIDTH = 80

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prefix = ""
        self._full_text = ""
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def full_text(self) -> str:
        """Return the prefix and the text without shortening."""
        return self._prefix + self._full_text

    def set_full_text(self, text: str, prefix: str = "") -> None:
        self._prefix, self._full_text = prefix, text
        self.setToolTip(self.full_text())
        self._fit_text()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        padding = hint.width() - metrics.horizontalAdvance(self.text())
        width = metrics.horizontalAdvance(self.full_text()) + padding
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(min(hint.width(), self.MIN_WIDTH), hint.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def _fit_text(self) -> None:
        metrics = self.fontMetrics()
        room = self.contentsRect().width() - metrics.horizontalAdvance(self._prefix)
        shown = metrics.elidedText(
            self._full_text, Qt.TextElideMode.ElideMiddle, max(room, 0)
        )
        if self._prefix + shown != self.text():
            self.setText(self._prefix + shown)
