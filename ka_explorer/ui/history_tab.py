"""The History tab: sent requests with their profile, form and response.

Double-click or Enter on a row restores its request into the bar and shows
its kept response without sending; the context menu sends it again. A
response body over BODY_CAP_BYTES is not kept in memory, and responses are
not kept across restarts. The history file (`ka_explorer.http.History`)
contains the requests and their outcome only, so no response data of a
signed-in user is written to disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from ka_explorer.ui import colors
from ka_explorer.ui.raw_render import format_size

ModelIndex = QModelIndex | QPersistentModelIndex
INVALID_INDEX = QModelIndex()
BODY_CAP_BYTES = 2 * 1024 * 1024
FIT_ROWS = 50  # the newest rows that column fitting measures
FIT_DELAY_MS = 100
URL_COLUMN = 3
FAILED_COLOR = "failed"  # the name in colors.COLORS
PROFILE_COLUMN = 1
URL_MIN_WIDTH = 160  # pixels; below it the table scrolls sideways
# (minimum, maximum) width in pixels of each column but the URL, which gets the
# width the others leave. Longer texts are elided, and the tooltip shows them whole.
COLUMN_BOUNDS = {
    0: (56, 90),  # Time
    PROFILE_COLUMN: (60, 120),
    2: (48, 80),  # Method
    4: (70, 200),  # Result
    5: (48, 90),  # Size
    6: (56, 90),  # Duration
    7: (60, 160),  # Response
}
# Columns that give up width, widest first, when the URL would get less than
# URL_SHARE of the table. Their texts are elided.
SHRINKING_COLUMNS = (PROFILE_COLUMN, 4, 7)
URL_SHARE = 0.35


@dataclass(frozen=True)
class HistoryEntry:
    """One request of the history, with its outcome.

    `exchange` is the response kept in memory, or None. `kept_note` is the
    reason it is None for a request that was sent. `message` is the status
    area's text for the outcome, and `context` the flow's RequestContext.
    `ok` is False for a failure or a 4xx or 5xx status (see
    `ka_explorer.http.history.is_failure`); such rows are red. `row_id`
    identifies the row of this session while its request runs, or is 0.
    """

    when: datetime
    method: str
    url: str
    outcome: str
    ok: bool
    profile: str = ""
    form: tuple[tuple[str, str], ...] = ()
    status: int = 0
    size: int = 0
    seconds: float | None = None
    exchange: object | None = field(default=None, compare=False, repr=False)
    kept_note: str = ""
    message: str = ""
    context: object | None = field(default=None, compare=False, repr=False)
    row_id: int = 0


def keep_response(exchange) -> tuple[object | None, str]:
    """Return the exchange to keep for a history row and, if it is not kept, why."""
    if exchange.size > BODY_CAP_BYTES:
        cap = f"{BODY_CAP_BYTES // (1024 * 1024)} MiB"
        return None, f"body of {format_size(exchange.size)} not kept (over {cap})"
    return exchange, ""


class HistoryModel(QAbstractTableModel):
    """History rows, newest first, with failures in red."""

    HEADERS = ("Time", "Profile", "Method", "URL", "Result", "Size", "Duration",
               "Response")

    def __init__(self, parent=None, limit: int = 200) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []
        self.limit = limit
        self._failed_color = colors.qcolor(FAILED_COLOR, colors.is_dark())

    def set_dark_colors(self, dark: bool) -> None:
        """Colour failed rows for a dark palette, or a light one, from the
        views' next paint."""
        self._failed_color = colors.qcolor(FAILED_COLOR, dark)

    def add(self, entry: HistoryEntry) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._entries.insert(0, entry)
        self.endInsertRows()
        if len(self._entries) > self.limit:
            last = len(self._entries) - 1
            self.beginRemoveRows(QModelIndex(), self.limit, last)
            del self._entries[self.limit:]
            self.endRemoveRows()

    def add_loaded(self, entries: list[HistoryEntry]) -> None:
        """Append `entries` (newest first) below the rows of this session."""
        start = len(self._entries)
        room = max(0, self.limit - start)
        entries = entries[:room]
        if not entries:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(entries) - 1)
        self._entries.extend(entries)
        self.endInsertRows()

    def replace(self, row_id: int, entry: HistoryEntry) -> bool:
        """Replace the entry with `row_id`; return False when no row has it.

        A row can be gone because the history was cleared or the row passed
        the limit while its request ran.
        """
        row = self.row_of(row_id)
        if row is None:
            return False
        self._entries[row] = entry
        last_column = len(self.HEADERS) - 1
        self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))
        return True

    def row_of(self, row_id: int) -> int | None:
        """Return the row of the entry with `row_id`, or None."""
        for row, entry in enumerate(self._entries):
            if row_id and entry.row_id == row_id:
                return row
        return None

    def clear(self) -> None:
        self.beginResetModel()
        self._entries.clear()
        self.endResetModel()

    def entries(self) -> list[HistoryEntry]:
        return list(self._entries)

    def entry_at(self, row: int) -> HistoryEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: ModelIndex = INVALID_INDEX) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: ModelIndex = INVALID_INDEX) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _cells(entry)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(entry, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and not entry.ok:
            return self._failed_color
        return None


def _cells(entry: HistoryEntry) -> tuple[str, ...]:
    size = format_size(entry.size) if entry.status else ""
    duration = f"{entry.seconds * 1000:.0f} ms" if entry.seconds is not None else ""
    if entry.exchange is not None:
        response = "kept"
    else:
        response = entry.kept_note or "not kept"
    return (entry.when.strftime("%H:%M:%S"), entry.profile, entry.method, entry.url,
            entry.outcome, size, duration, response)


def _tooltip(entry: HistoryEntry, column: int) -> str:
    if column == PROFILE_COLUMN:
        return entry.profile
    if column == URL_COLUMN and entry.form:
        fields = "\n".join(f"  {name} = {value}" for name, value in entry.form)
        return f"{entry.url}\nForm body:\n{fields}"
    if entry.message and not entry.ok:
        return entry.message
    return _cells(entry)[column]


def shrink_widths(widths: dict[int, int], excess: int) -> dict[int, int]:
    """Return `widths` with up to `excess` pixels cut from SHRINKING_COLUMNS,
    widest first, none below its minimum in COLUMN_BOUNDS."""
    widths = dict(widths)
    while excess > 0:
        candidates = [
            column
            for column in SHRINKING_COLUMNS
            if column in widths and widths[column] > COLUMN_BOUNDS[column][0]
        ]
        if not candidates:
            break
        widest = max(candidates, key=widths.__getitem__)
        others = [widths[column] for column in candidates if column != widest]
        floor = max([COLUMN_BOUNDS[widest][0], *others])
        cut = min(excess, max(widths[widest] - floor, 1))
        widths[widest] -= cut
        excess -= cut
    return widths


class HistoryView(QTableView):
    """The history table. Enter acts as a double-click (restore); the context
    menu emits `restore_requested` or `resend_requested` with the row."""

    restore_requested = Signal(int)
    resend_requested = Signal(int)
    clear_requested = Signal()

    def __init__(self, model: HistoryModel, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("historyTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)

        rows = self.verticalHeader()
        rows.hide()
        # One line of text per row, whatever a cell contains.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)

        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._chosen_columns: set[int] = set()  # columns the user resized
        self._fitting = False
        self._content_widths: dict[int, int] = {}
        header.sectionResized.connect(self._on_section_resized)
        # Fitting measures every cell, about 20 ms for 200 rows, so it waits
        # until the table is visible and runs once per batch of changes.
        header.setResizeContentsPrecision(FIT_ROWS)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(FIT_DELAY_MS)
        self._fit_timer.timeout.connect(self.fit_columns)
        self._fit_pending = True
        model.rowsInserted.connect(self._schedule_fit)
        model.dataChanged.connect(self._schedule_fit)
        model.modelReset.connect(self._schedule_fit)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)
        self.doubleClicked.connect(self._on_double_clicked)

    def _schedule_fit(self) -> None:
        self._fit_pending = True
        if self.isVisible():
            self._fit_timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self.fit_columns()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if colors.palette_switched(self, event):
            model = self.model()
            if isinstance(model, HistoryModel):
                model.set_dark_colors(colors.is_dark(self))

    def fit_columns(self) -> None:
        """Size each column to its contents within COLUMN_BOUNDS, and give the
        URL column the width the others leave.

        A column the user resized keeps its width.
        """
        self._fit_pending = False
        header = self.horizontalHeader()
        for column, (minimum, maximum) in COLUMN_BOUNDS.items():
            width = max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
            self._content_widths[column] = min(max(width, minimum), maximum)
        self._stretch_url_column()

    def _stretch_url_column(self) -> None:
        """Set the fitted widths, shrinking the elided columns while the URL
        column would get less than URL_SHARE of the viewport."""
        fitted = {
            column: width
            for column, width in self._content_widths.items()
            if column not in self._chosen_columns
        }
        chosen = sum(self.columnWidth(column) for column in self._chosen_columns)
        viewport = self.viewport().width()
        url_width = max(URL_MIN_WIDTH, int(viewport * URL_SHARE))
        if URL_COLUMN in self._chosen_columns:
            url_width = 0  # counted in `chosen`
        excess = chosen + sum(fitted.values()) + url_width - viewport
        fitted = shrink_widths(fitted, excess)
        self._fitting = True
        try:
            for column, width in fitted.items():
                self.setColumnWidth(column, width)
            if URL_COLUMN not in self._chosen_columns:
                room = viewport - chosen - sum(fitted.values())
                self.setColumnWidth(URL_COLUMN, max(room, URL_MIN_WIDTH))
        finally:
            self._fitting = False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._stretch_url_column()

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self._chosen_columns.add(column)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.restore_requested.emit(index.row())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and index.isValid():
            event.accept()
            self.restore_requested.emit(index.row())
            return
        super().keyPressEvent(event)

    def context_menu(self, row: int) -> QMenu:
        """Return the menu for `row`: restore, send again, clear the history."""
        menu = QMenu(self)
        restore = menu.addAction("Restore request and response")
        restore.triggered.connect(lambda: self.restore_requested.emit(row))
        resend = menu.addAction("Send again")
        resend.triggered.connect(lambda: self.resend_requested.emit(row))
        menu.addSeparator()
        menu.addAction("Clear history").triggered.connect(self.clear_requested)
        return menu

    def _show_menu(self, position) -> None:
        index = self.indexAt(position)
        if index.isValid():
            self.context_menu(index.row()).popup(self.viewport().mapToGlobal(position))
