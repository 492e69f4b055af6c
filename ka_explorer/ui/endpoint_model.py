"""Item model of the catalog: groups at the top level, endpoints under them.

The rows are QStandardItems, whose data lives in C++, so the view sizes,
filters and paints the tree without calling into Python: the tree shows in
the window's first frame. A removal badge is a pixmap in the decoration role.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QPixmap, QStandardItem, QStandardItemModel

from ka_explorer.ui import colors
from ka_explorer.ui.badges import (
    BADGE_ROLE,
    Badge,
    badge_pixmap,
    badge_size,
    removal_badge,
)
from ka_explorer.ui.icons import lock_icon
from ka_explorer.ui.removal_day import RemovalDay

ENDPOINT_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2

PATH_COLUMN, METHOD_COLUMN, REMOVAL_COLUMN = 0, 1, 2
HEADERS = ("Endpoint", "Method", "Removal")

_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
# Names of the text colours in colors.COLORS.
UNDOCUMENTED_COLOR = "muted"
DIMMED_COLOR = "dimmed"
FOREIGN_CATALOG_NOTE = (
    "Khan Academy API v1 catalog — this profile's base URL is not Khan's"
)
METHOD_COLORS = {
    "GET": "method_get",
    "POST": "method_post",
    "PUT": "method_put",
    "DELETE": "method_delete",
}
OTHER_METHOD_COLOR = "method_other"


class EndpointTreeModel(QStandardItemModel):
    """Maps the catalog's groups and endpoints onto a two-level tree.

    On a profile whose server is not Khan's (`RemovalDay.khan_server` is
    False) the rows are dimmed and carry no removal badges, because the
    catalog describes Khan's API. `removal_day_changed` fires after each
    change of the day. Colours follow `set_dark_colors`.
    """

    removal_day_changed = Signal()

    def __init__(self, catalog, day: RemovalDay, parent=None) -> None:
        super().__init__(parent)
        self._day = day
        self._dark = colors.is_dark()
        self._tooltips_dark = colors.tooltip_is_dark()
        self._endpoints: list[list] = []
        self._removal_items: list[tuple[QStandardItem, object]] = []
        # Each text item with the name of its colour, None for the palette's.
        self._text_items: list[tuple[QStandardItem, str | None]] = []
        self._endpoint_rows: list[tuple[list[QStandardItem], object]] = []
        self.set_catalog(catalog)

    def set_catalog(self, catalog) -> None:
        self.clear()
        self.setColumnCount(len(HEADERS))
        self._set_headers()
        groups = list(catalog.groups()) if catalog is not None else []
        self._endpoints = [
            [e for e in catalog.endpoints if e.group == group] for group in groups
        ]
        self._removal_items = []
        self._text_items = []
        self._endpoint_rows = []
        root = self.invisibleRootItem()
        for group, endpoints in zip(groups, self._endpoints, strict=True):
            group_row = _group_row(group, len(endpoints))
            self._keep_color(group_row[PATH_COLUMN], None)
            for endpoint in endpoints:
                group_row[PATH_COLUMN].appendRow(self._endpoint_row(endpoint))
            root.appendRow(group_row)

    def set_removal_day(self, day: RemovalDay) -> None:
        """Count the removal badges against `day` from now on."""
        if day == self._day:
            return
        dimming_changed = day.khan_server != self._day.khan_server
        self._day = day
        self._set_headers()
        # One dataChanged per group afterwards, not one per item: the filter
        # proxy re-filters at each of them.
        blocked = self.blockSignals(True)
        try:
            for item, endpoint in self._removal_items:
                _show_badge(item, removal_badge(endpoint, day), self._dark)
            if dimming_changed:
                for item, color in self._text_items:
                    self._apply_color(item, color)
        finally:
            self.blockSignals(blocked)
        self._emit_rows_changed()
        self.removal_day_changed.emit()

    def set_dark_colors(self, dark: bool) -> None:
        """Colour the rows, badges and padlocks for a dark palette, or a light
        one. Tooltips follow the tooltip palette, which can differ."""
        tooltips_dark = colors.tooltip_is_dark()
        if (dark, tooltips_dark) == (self._dark, self._tooltips_dark):
            return
        self._dark, self._tooltips_dark = dark, tooltips_dark
        blocked = self.blockSignals(True)  # one dataChanged per group, as above
        try:
            for item, color in self._text_items:
                self._apply_color(item, color)
            for item, endpoint in self._removal_items:
                _show_badge(item, removal_badge(endpoint, self._day), dark)
            for row, endpoint in self._endpoint_rows:
                self._decorate(row, endpoint)
        finally:
            self.blockSignals(blocked)
        self._emit_rows_changed()

    def _emit_rows_changed(self) -> None:
        last_column = len(HEADERS) - 1
        groups = self.rowCount()
        if groups == 0:
            return
        root = QModelIndex()
        self.dataChanged.emit(self.index(0, 0), self.index(groups - 1, last_column))
        for group in range(groups):
            parent = self.index(group, 0, root)
            rows = self.rowCount(parent)
            if rows:
                first = self.index(0, 0, parent)
                self.dataChanged.emit(first, self.index(rows - 1, last_column, parent))

    @property
    def removal_day(self) -> RemovalDay:
        return self._day

    @contextmanager
    def widest_badges(self) -> Iterator[None]:
        """Show every removal as past for the moment, to measure the badges.

        The red "removed DATE" badge is the one that the profiles other than
        the replica's show, so it sets the width the column needs.
        """
        every_removal_past = RemovalDay(date.max)
        # Without signals: the views and the filter proxy never see the
        # swap, which the `finally` undoes before anything repaints. Blank
        # pixmaps of the badges' sizes save drawing pills that never show.
        blocked = self.blockSignals(True)
        decoration = Qt.ItemDataRole.DecorationRole
        blanks: dict[str, QPixmap] = {}
        try:
            for item, endpoint in self._removal_items:
                badge = removal_badge(endpoint, every_removal_past)
                if badge is not None and badge.text not in blanks:
                    blanks[badge.text] = QPixmap(badge_size(badge))
                item.setData(blanks[badge.text] if badge else None, decoration)
            yield
        finally:
            for item, endpoint in self._removal_items:
                _show_badge(item, removal_badge(endpoint, self._day), self._dark)
            self.blockSignals(blocked)

    def index_of(self, endpoint):
        for group_row, endpoints in enumerate(self._endpoints):
            for row, candidate in enumerate(endpoints):
                if candidate is endpoint:
                    return self.index(row, PATH_COLUMN, self.index(group_row, 0))
        return QModelIndex()

    def badge(self, endpoint) -> Badge | None:
        """Return the removal badge of `endpoint` against the model's day."""
        return removal_badge(endpoint, self._day)

    def _set_headers(self) -> None:
        horizontal = Qt.Orientation.Horizontal
        for section, title in enumerate(HEADERS):
            self.setHeaderData(section, horizontal, title)
        if self._day.khan_server:
            # Two lines, so that the header is no wider than the badges.
            title = f"{HEADERS[REMOVAL_COLUMN]}\nas of {self._day.day.isoformat()}"
            tooltip = f"Removal badges count against {self._day.describe()}."
        else:
            title = HEADERS[REMOVAL_COLUMN]
            tooltip = (
                "No removal badges: Khan Academy's removal dates apply to Khan's "
                "servers, and this profile's base URL is not one of them."
            )
        self.setHeaderData(REMOVAL_COLUMN, horizontal, title)
        self.setHeaderData(
            REMOVAL_COLUMN, horizontal, tooltip, Qt.ItemDataRole.ToolTipRole
        )

    def _keep_color(self, item: QStandardItem, color: str | None) -> None:
        """Give `item` the text colour named `color`, or the dimmed one on a
        foreign profile."""
        self._text_items.append((item, color))
        self._apply_color(item, color)

    def _apply_color(self, item: QStandardItem, color: str | None) -> None:
        if not self._day.khan_server:
            item.setForeground(colors.qcolor(DIMMED_COLOR, self._dark))
        elif color is None:
            item.setData(None, Qt.ItemDataRole.ForegroundRole)
        else:
            item.setForeground(colors.qcolor(color, self._dark))

    def _endpoint_row(self, endpoint) -> list[QStandardItem]:
        path = _item(endpoint.url)
        self._keep_color(path, None if endpoint.documented else UNDOCUMENTED_COLOR)
        method = _item(endpoint.http_method)
        color = METHOD_COLORS.get(endpoint.http_method, OTHER_METHOD_COLOR)
        self._keep_color(method, color)
        method.setFont(_bold_font())
        removal = _item(None)
        _show_badge(removal, removal_badge(endpoint, self._day), self._dark)
        self._removal_items.append((removal, endpoint))
        search = " ".join((endpoint.http_method, endpoint.url, endpoint.summary or ""))
        row = [path, method, removal]
        for item in row:
            item.setData(endpoint, ENDPOINT_ROLE)
            item.setData(search, SEARCH_ROLE)
        self._decorate(row, endpoint)
        self._endpoint_rows.append((row, endpoint))
        return row

    def _decorate(self, row: list[QStandardItem], endpoint) -> None:
        """Set the padlock and the tooltips of an endpoint's row, whose
        colours depend on the palette."""
        if endpoint.login_required:
            icon = lock_icon(self._dark)
            row[PATH_COLUMN].setData(icon, Qt.ItemDataRole.DecorationRole)
        tooltip = _tooltip(endpoint, self._tooltips_dark)
        for item in row:
            item.setToolTip(tooltip)


def _item(text: str | None) -> QStandardItem:
    item = QStandardItem()
    if text is not None:
        item.setText(text)
    item.setFlags(_ITEM_FLAGS)
    return item


def _group_row(name: str, count: int) -> list[QStandardItem]:
    group = _item(name)
    group.setData(name, SEARCH_ROLE)
    group.setFont(_bold_font())
    group.setToolTip(f"{name}: {count} endpoints")
    return [group, _item(None), _item(None)]


def _show_badge(item: QStandardItem, badge: Badge | None, dark: bool) -> None:
    item.setData(badge, BADGE_ROLE)
    item.setData(badge.text if badge else "", Qt.ItemDataRole.AccessibleTextRole)
    pixmap = badge_pixmap(badge, dark) if badge is not None else None
    item.setData(pixmap, Qt.ItemDataRole.DecorationRole)


def _bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _tooltip(endpoint, dark: bool) -> str:
    lines = [f"<b>{endpoint.http_method} {escape(endpoint.url)}</b>"]
    if endpoint.summary:
        lines.append(escape(endpoint.summary))
    if endpoint.description and endpoint.description != endpoint.summary:
        gray = colors.color("tooltip_description", dark)
        description = escape(endpoint.description)
        lines.append(f"<span style='color:{gray}'>{description}</span>")
    if endpoint.login_required:
        lines.append("Requires sign-in (OAuth access token).")
    return "<p>" + "<br>".join(lines) + "</p>"
