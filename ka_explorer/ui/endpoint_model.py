"""Item model of the catalog: groups at the top level, endpoints under them."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ka_explorer.ui.badges import BADGE_ROLE, Badge, removal_badge
from ka_explorer.ui.icons import lock_icon
from ka_explorer.ui.session import RemovalDay

ENDPOINT_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2

PATH_COLUMN, METHOD_COLUMN, REMOVAL_COLUMN = 0, 1, 2
HEADERS = ("Endpoint", "Method", "Removal")

# Group rows have internal id 0; an endpoint row stores its group's row + 1.
_GROUP_ID = 0

ModelIndex = QModelIndex | QPersistentModelIndex
INVALID_INDEX = QModelIndex()  # the root as a default argument


class EndpointTreeModel(QAbstractItemModel):
    """Maps the catalog's groups and endpoints onto a two-level tree."""

    def __init__(self, catalog, day: RemovalDay, parent=None) -> None:
        super().__init__(parent)
        self._day = day
        self._groups: list[str] = []
        self._endpoints: list[list] = []
        self._badges: dict[int, Badge | None] = {}
        self.set_catalog(catalog)

    def set_catalog(self, catalog) -> None:
        self.beginResetModel()
        self._groups = list(catalog.groups()) if catalog is not None else []
        self._endpoints = [
            [e for e in catalog.endpoints if e.group == group] for group in self._groups
        ]
        self._badges = {}
        self.endResetModel()

    def set_removal_day(self, day: RemovalDay) -> None:
        """Count the removal badges against `day` from now on."""
        if day == self._day:
            return
        self._day = day
        self._badges = {}
        self.headerDataChanged.emit(
            Qt.Orientation.Horizontal, REMOVAL_COLUMN, REMOVAL_COLUMN
        )
        self._emit_all_changed()

    @property
    def removal_day(self) -> RemovalDay:
        return self._day

    def index(self, row: int, column: int, parent: ModelIndex = INVALID_INDEX):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP_ID)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: ModelIndex = INVALID_INDEX):  # type: ignore[override]
        if not index.isValid() or index.internalId() == _GROUP_ID:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP_ID)

    def rowCount(self, parent: ModelIndex = INVALID_INDEX) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalId() != _GROUP_ID:
            return 0
        return len(self._endpoints[parent.row()])

    def columnCount(self, parent: ModelIndex = INVALID_INDEX) -> int:
        return len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == REMOVAL_COLUMN:  # two lines: no wider than the badges
                return f"{HEADERS[section]}\nas of {self._day.day.isoformat()}"
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == REMOVAL_COLUMN:
            return f"Removal badges count against {self._day.describe()}."
        return None

    def flags(self, index: ModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _GROUP_ID:
            return self._group_data(index, role)
        return self._endpoint_data(index, role)

    def endpoint_at(self, index: ModelIndex):
        """Return the Endpoint of a row, or None for a group row."""
        if not index.isValid() or index.internalId() == _GROUP_ID:
            return None
        return self._endpoints[index.internalId() - 1][index.row()]

    def index_of(self, endpoint) -> QModelIndex:
        for group_row, endpoints in enumerate(self._endpoints):
            for row, candidate in enumerate(endpoints):
                if candidate is endpoint:
                    return self.createIndex(row, PATH_COLUMN, group_row + 1)
        return QModelIndex()

    def _group_data(self, index: ModelIndex, role: int):
        name = self._groups[index.row()]
        if index.column() != PATH_COLUMN:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, SEARCH_ROLE):
            return name
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            count = len(self._endpoints[index.row()])
            return f"{name}: {count} endpoints"
        return None

    def _endpoint_data(self, index: ModelIndex, role: int):
        endpoint = self.endpoint_at(index)
        if role == ENDPOINT_ROLE:
            return endpoint
        if role == SEARCH_ROLE:
            return " ".join(
                (endpoint.http_method, endpoint.url, endpoint.summary or "")
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(endpoint)
        if index.column() == PATH_COLUMN:
            return self._path_data(endpoint, role)
        if index.column() == REMOVAL_COLUMN:
            return self._removal_data(endpoint, role)
        return _method_data(endpoint, role)

    def _path_data(self, endpoint, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return endpoint.url
        if role == Qt.ItemDataRole.DecorationRole and endpoint.login_required:
            return lock_icon()
        if role == Qt.ItemDataRole.ForegroundRole and not endpoint.documented:
            return QColor("#6b7280")
        return None

    def _removal_data(self, endpoint, role: int):
        if role == BADGE_ROLE:
            return self.badge(endpoint)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            badge = self.badge(endpoint)
            return badge.text if badge else ""
        return None

    def badge(self, endpoint) -> Badge | None:
        """Return the removal badge of `endpoint` against the model's day."""
        key = id(endpoint)
        if key not in self._badges:
            self._badges[key] = removal_badge(endpoint, self._day)
        return self._badges[key]

    def _emit_all_changed(self) -> None:
        for group_row in range(len(self._groups)):
            parent = self.index(group_row, 0)
            last = self.rowCount(parent) - 1
            if last >= 0:
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(last, len(HEADERS) - 1, parent)
                )


def _method_data(endpoint, role: int):
    if role == Qt.ItemDataRole.DisplayRole:
        return endpoint.http_method
    if role == Qt.ItemDataRole.ForegroundRole:
        return QColor(METHOD_COLORS.get(endpoint.http_method, "#374151"))
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    return None


def _tooltip(endpoint) -> str:
    lines = [f"<b>{endpoint.http_method} {escape(endpoint.url)}</b>"]
    if endpoint.summary:
        lines.append(escape(endpoint.summary))
    if endpoint.description and endpoint.description != endpoint.summary:
        lines.append(f"<span style='color:#555'>{escape(endpoint.description)}</span>")
    if endpoint.login_required:
        lines.append("Requires sign-in (OAuth access token).")
    return "<p>" + "<br>".join(lines) + "</p>"


METHOD_COLORS = {
    "GET": "#15803d",
    "POST": "#b45309",
    "PUT": "#1d4ed8",
    "DELETE": "#b91c1c",
}
