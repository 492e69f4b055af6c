"""Small icons painted at run time, so the window needs no image files."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPainterPath, QPen, QPixmap

from ka_explorer.ui import colors


@cache
def lock_icon(dark: bool = False) -> QIcon:
    """Return a padlock icon that marks login-required endpoints, in the
    colour for a dark or a light palette."""
    lock_color = colors.qcolor("lock", dark)
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    painter.setPen(QPen(lock_color, 3.2))
    shackle = QPainterPath()
    shackle.moveTo(10, 15)
    shackle.lineTo(10, 10)
    shackle.arcTo(QRectF(10, 3, 12, 13), 180, -180)
    shackle.lineTo(22, 15)
    painter.drawPath(shackle)

    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(lock_color)
    painter.drawRoundedRect(QRectF(6, 14, 20, 15), 3, 3)
    painter.setBrush(colors.qcolor("lock_keyhole", dark))
    painter.drawEllipse(QRectF(14, 18.5, 4, 4))
    painter.end()
    return QIcon(pixmap)
