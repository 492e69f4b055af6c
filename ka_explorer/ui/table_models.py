"""Flat table models: response headers, and the request history."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ModelIndex = QModelIndex | QPersistentModelIndex
INVALID_INDEX = QModelIndex()  # the root as a default argument


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of tuples of text."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple] = []

    def set_rows(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[tuple]:
        return list(self._rows)

    def rowCount(self, parent: ModelIndex = INVALID_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = INVALID_INDEX) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(self._rows[index.row()][index.column()])
        return None


class HeadersModel(RowsModel):
    """Response headers in the order the server sent them."""

    HEADERS = ("Header", "Value")

    def set_headers(self, headers) -> None:
        items = headers.items() if hasattr(headers, "items") else headers
        self.set_rows([(name, value) for name, value in items])
