"""Flat table models: response headers, and the request history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

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


@dataclass(frozen=True)
class HistoryEntry:
    """One request the user sent, with its outcome; no secrets."""

    when: datetime
    method: str
    url: str
    outcome: str
    ok: bool


class HistoryModel(RowsModel):
    """Requests of this session, newest first; failures included."""

    HEADERS = ("Time", "Method", "URL", "Result")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []

    def add(self, entry: HistoryEntry) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._entries.insert(0, entry)
        self._rows.insert(0, _history_row(entry))
        self.endInsertRows()

    def update_latest(self, entry: HistoryEntry) -> None:
        """Replace the newest entry, once its request has an outcome."""
        if not self._entries:
            self.add(entry)
            return
        self._entries[0] = entry
        self._rows[0] = _history_row(entry)
        self.dataChanged.emit(self.index(0, 0), self.index(0, len(self.HEADERS) - 1))

    def entries(self) -> list[HistoryEntry]:
        return list(self._entries)

    def entry_at(self, row: int) -> HistoryEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            entry = self._entries[index.row()]
            return None if entry.ok else QColor("#b91c1c")
        return super().data(index, role)


def _history_row(entry: HistoryEntry) -> tuple:
    return (entry.when.strftime("%H:%M:%S"), entry.method, entry.url, entry.outcome)
