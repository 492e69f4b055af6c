"""Small icons painted at run time, so the window needs no image files."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

LOCK_COLOR = QColor("#8a6d1f")


@cache
def lock_icon() -> QIcon:
    """Return a padlock icon that marks login-required endpoints."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    painter.setPen(QPen(LOCK_COLOR, 3.2))
    shackle = QPainterPath()
    shackle.moveTo(10, 15)
    shackle.lineTo(10, 10)
    shackle.arcTo(QRectF(10, 3, 12, 13), 180, -180)
    shackle.lineTo(22, 15)
    painter.drawPath(shackle)

    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(LOCK_COLOR)
    painter.drawRoundedRect(QRectF(6, 14, 20, 15), 3, 3)
    painter.setBrush(QColor("white"))
    painter.drawEllipse(QRectF(14, 18.5, 4, 4))
    painter.end()
    return QIcon(pixmap)
