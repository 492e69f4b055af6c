"""Item model of the catalog: groups at the top level, endpoints under them.

The rows are QStandardItems, whose data lives in C++, so the view sizes,
filters and paints the tree without calling into Python: the tree shows in
the window's first frame. A removal badge is a pixmap in the decoration role.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel

from ka_explorer.ui.badges import BADGE_ROLE, Badge, badge_pixmap, removal_badge
from ka_explorer.ui.icons import lock_icon
from ka_explorer.ui.removal_day import RemovalDay

ENDPOINT_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2

PATH_COLUMN, METHOD_COLUMN, REMOVAL_COLUMN = 0, 1, 2
HEADERS = ("Endpoint", "Method", "Removal")

_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
UNDOCUMENTED_COLOR = "#6b7280"
METHOD_COLORS = {
    "GET": "#15803d",
    "POST": "#b45309",
    "PUT": "#1d4ed8",
    "DELETE": "#b91c1c",
}


class EndpointTreeModel(QStandardItemModel):
    """Maps the catalog's groups and endpoints onto a two-level tree."""

    def __init__(self, catalog, day: RemovalDay, parent=None) -> None:
        super().__init__(parent)
        self._day = day
        self._endpoints: list[list] = []
        self._removal_items: list[tuple[QStandardItem, object]] = []
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
        root = self.invisibleRootItem()
        for group, endpoints in zip(groups, self._endpoints, strict=True):
            group_row = _group_row(group, len(endpoints))
            for endpoint in endpoints:
                group_row[PATH_COLUMN].appendRow(self._endpoint_row(endpoint))
            root.appendRow(group_row)

    def set_removal_day(self, day: RemovalDay) -> None:
        """Count the removal badges against `day` from now on."""
        if day == self._day:
            return
        self._day = day
        self._set_headers()
        for item, endpoint in self._removal_items:
            _show_badge(item, removal_badge(endpoint, day))

    @property
    def removal_day(self) -> RemovalDay:
        return self._day

    def endpoint_at(self, index):
        """Return the Endpoint of a row, or None for a group row."""
        if not index.isValid():
            return None
        return self.data(index.siblingAtColumn(PATH_COLUMN), ENDPOINT_ROLE)

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
        # Two lines, so that the header is no wider than the badges.
        self.setHeaderData(
            REMOVAL_COLUMN,
            horizontal,
            f"{HEADERS[REMOVAL_COLUMN]}\nas of {self._day.day.isoformat()}",
        )
        self.setHeaderData(
            REMOVAL_COLUMN,
            horizontal,
            f"Removal badges count against {self._day.describe()}.",
            Qt.ItemDataRole.ToolTipRole,
        )

    def _endpoint_row(self, endpoint) -> list[QStandardItem]:
        path = _item(endpoint.url)
        if endpoint.login_required:
            path.setData(lock_icon(), Qt.ItemDataRole.DecorationRole)
        if not endpoint.documented:
            path.setForeground(QColor(UNDOCUMENTED_COLOR))
        method = _item(endpoint.http_method)
        method.setForeground(QColor(METHOD_COLORS.get(endpoint.http_method, "#374151")))
        method.setFont(_bold_font())
        removal = _item(None)
        _show_badge(removal, removal_badge(endpoint, self._day))
        self._removal_items.append((removal, endpoint))
        search = " ".join((endpoint.http_method, endpoint.url, endpoint.summary or ""))
        tooltip = _tooltip(endpoint)
        row = [path, method, removal]
        for item in row:
            item.setData(endpoint, ENDPOINT_ROLE)
            item.setData(search, SEARCH_ROLE)
            item.setToolTip(tooltip)
        return row


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


def _show_badge(item: QStandardItem, badge: Badge | None) -> None:
    item.setData(badge, BADGE_ROLE)
    item.setData(badge.text if badge else "", Qt.ItemDataRole.AccessibleTextRole)
    pixmap = badge_pixmap(badge) if badge is not None else None
    item.setData(pixmap, Qt.ItemDataRole.DecorationRole)


def _bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _tooltip(endpoint) -> str:
    lines = [f"<b>{endpoint.http_method} {escape(endpoint.url)}</b>"]
    if endpoint.summary:
        lines.append(escape(endpoint.summary))
    if endpoint.description and endpoint.description != endpoint.summary:
        lines.append(f"<span style='color:#555'>{escape(endpoint.description)}</span>")
    if endpoint.login_required:
        lines.append("Requires sign-in (OAuth access token).")
    return "<p>" + "<br>".join(lines) + "</p>"
