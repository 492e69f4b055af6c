"""Badges: the removal date of an endpoint and fields the API retired."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QGuiApplication,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ka_explorer.ui import colors
from ka_explorer.ui.model_data import item_data
from ka_explorer.ui.removal_day import RemovalDay

# Names of the badges' colours in colors.COLORS.
RED = "badge_red"
AMBER = "chip_amber"
GREY = "chip_grey"

BADGE_ROLE = Qt.ItemDataRole.UserRole + 40


@dataclass(frozen=True)
class Badge:
    """A short label drawn as a coloured pill, with a longer tooltip.

    `color` is the name of the pill's colour in colors.COLORS.
    """

    text: str
    color: str
    tooltip: str = ""


def removal_badge(endpoint: object, day: RemovalDay) -> Badge | None:
    """Return the removal badge of `endpoint` as of `day`, or None if none is due.

    A profile whose server is not Khan's gets none (`day.khan_server`).
    """
    if not day.khan_server:
        return None
    status = endpoint.removal_status(day.day)  # type: ignore[attr-defined]
    if status is None or status.date is None:
        return None
    counted = f"Counted as of {day.describe()}."
    if status.removed:
        return Badge(
            f"removed {status.date.isoformat()}",
            RED,
            f"Khan Academy removed this endpoint on {status.date.isoformat()}, and "
            f"the live site answered 404 from then on. {counted}",
        )
    days = status.days_left
    unit = "day" if days == 1 else "days"
    return Badge(
        f"removal in {days} {unit}",
        AMBER,
        f"Khan Academy announced the removal of this endpoint "
        f"for {status.date.isoformat()}. {counted}",
    )


def retired_field_badge(retired_on: date) -> Badge:
    return Badge(
        f"retired {retired_on.isoformat()}",
        GREY,
        f"Khan Academy stopped sending this field on {retired_on.isoformat()}; "
        "code that reads it gets nothing from the live API after that date.",
    )


_pixmaps: dict[tuple[str, str, bool], QPixmap] = {}


def badge_pixmap(badge: Badge, dark: bool = False) -> QPixmap:
    """Return `badge` drawn as a pill in the application font, in the dark or
    light colours, for a decoration role: the view then sizes and paints it
    without calling into Python."""
    key = (badge.text, badge.color, dark)
    pixmap = _pixmaps.get(key)
    if pixmap is None:
        pixmap = _pixmaps[key] = _draw_pill(badge, dark)
    return pixmap


def badge_size(badge: Badge) -> QSize:
    """Return the size of `badge_pixmap(badge)`, without drawing the pill."""
    return _pill_geometry(badge)[1]


def _pill_geometry(badge: Badge) -> tuple[QFont, QSize]:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    font.setBold(True)
    metrics = QFontMetrics(font)
    # No taller than a row of text in the application font.
    height = min(metrics.height() + 4, QFontMetrics(QGuiApplication.font()).height())
    return font, QSize(metrics.horizontalAdvance(badge.text) + 12, height)


def _draw_pill(badge: Badge, dark: bool) -> QPixmap:
    font, size = _pill_geometry(badge)
    height = size.height()
    ratio = QGuiApplication.primaryScreen().devicePixelRatio()
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colors.qcolor(badge.color, dark))
    pill = QRect(0, 0, size.width(), size.height())
    painter.drawRoundedRect(pill, height / 2, height / 2)
    painter.setPen(colors.qcolor("chip_text", dark))
    painter.setFont(font)
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, badge.text)
    painter.end()
    return pixmap


class BadgeDelegate(QStyledItemDelegate):
    """Draws the item's text, then its BADGE_ROLE badge as a pill on the right."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex
    ):
        badge = item_data(index, BADGE_ROLE)
        if not isinstance(badge, Badge):
            super().paint(painter, option, index)
            return
        pill = self._pill_rect(option, badge)
        text_option = QStyleOptionViewItem(option)
        self.initStyleOption(text_option, index)
        text_option.rect = option.rect.adjusted(0, 0, -pill.width() - 6, 0)
        text_option.text = text_option.text or ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem,
                text_option,
                painter,
                option.widget,
            )
        self._paint_pill(painter, option, pill, badge)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        badge = item_data(index, BADGE_ROLE)
        if isinstance(badge, Badge):
            metrics = QFontMetrics(self._badge_font(option))
            size.setWidth(size.width() + metrics.horizontalAdvance(badge.text) + 22)
            size.setHeight(max(size.height(), metrics.height() + 6))
        return size

    def _pill_rect(self, option: QStyleOptionViewItem, badge: Badge) -> QRect:
        metrics = QFontMetrics(self._badge_font(option))
        width = metrics.horizontalAdvance(badge.text) + 12
        height = min(option.rect.height() - 4, metrics.height() + 4)
        top = option.rect.top() + (option.rect.height() - height) // 2
        return QRect(option.rect.right() - width - 2, top, width, height)

    def _paint_pill(self, painter, option, pill: QRect, badge: Badge) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        dark = colors.is_dark(option.widget)
        painter.setBrush(colors.qcolor(badge.color, dark))
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(colors.qcolor("chip_text", dark))
        painter.setFont(self._badge_font(option))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, badge.text)
        painter.restore()

    @staticmethod
    def _badge_font(option: QStyleOptionViewItem):
        font = option.font
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        font.setBold(True)
        return font
