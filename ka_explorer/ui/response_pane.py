"""The response pane: status, size, timing, removal badge, and the tabs."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ka_explorer.ui import colors
from ka_explorer.ui.badges import Badge
from ka_explorer.ui.eliding_label import ElidingLabel
from ka_explorer.ui.history_tab import HistoryModel, HistoryView
from ka_explorer.ui.json_model import KEY_COLUMN, JsonTreeModel
from ka_explorer.ui.json_tab import JsonTab
from ka_explorer.ui.raw_render import format_size
from ka_explorer.ui.raw_tab import RawTab
from ka_explorer.ui.request_tab import RequestTab
from ka_explorer.ui.status_area import StatusArea
from ka_explorer.ui.table_models import HeadersModel
from ka_explorer.ui.timing_badge import TimingBadge

JSON_TAB, RAW_TAB, HEADERS_TAB, REQUEST_TAB, HISTORY_TAB = range(5)
# The widest progress text: "Sending…", or "999.9 MiB of 999.9 MiB".
PROGRESS_TEXT_SAMPLE = "999.9 MiB of 999.9 MiB"
KEY_COLUMN_MIN, KEY_COLUMN_MAX = 120, 480  # pixels, for the fitted JSON key column
# The style sheet of a chip, with FILL for the name of its colour.
CHIP_TEMPLATE = (
    "QLabel {{ background: {FILL}; color: {chip_text}; border-radius: 9px; "
    "padding: 2px 10px; font-weight: 600; }}"
)


class ResponsePane(QWidget):
    """Shows one exchange. The main window feeds it; it starts no work itself."""

    history_activated = Signal(int)

    def __init__(self, json_model: JsonTreeModel, history: HistoryModel, parent=None):
        super().__init__(parent)
        self.status_chip = _chip("statusChip")
        self.size_label = QLabel("")
        self.size_label.setObjectName("sizeLabel")
        colors.set_colored_style(self.size_label, "color: {secondary};")
        self.timing_badge = TimingBadge()
        self.removal_label = _chip("removalBadge")
        self.previous_label = ElidingLabel()
        self.previous_label.setObjectName("previousResponse")
        _set_chip_color(self.previous_label, "chip_grey")
        self.previous_label.hide()
        self.progress = QProgressBar()
        self.progress.setObjectName("downloadProgress")
        self.progress.setTextVisible(True)
        text_width = self.progress.fontMetrics().horizontalAdvance(PROGRESS_TEXT_SAMPLE)
        self.progress.setFixedWidth(text_width + 48)  # the style's frame and margins
        self.progress.hide()

        self.status_area = StatusArea(max_lines=2)
        self.json_tab = JsonTab(json_model)
        self.raw_tab = RawTab()
        self.headers_model = HeadersModel(self)
        self.headers_view = _table(self.headers_model, "headersTable")
        self.request_tab = RequestTab()
        self.history_model = history
        self.history_view = HistoryView(history)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.json_tab, "JSON")
        self.tabs.addTab(self.raw_tab, "Raw")
        self.tabs.addTab(self.headers_view, "Headers")
        self.tabs.addTab(self.request_tab, "Request")
        self.tabs.addTab(self.history_view, "History")

        self._raw_tab_chosen_here = False
        self._shown_request = ""  # "GET <URL>" of the exchange on show, or ""
        self._shown_path = ""
        self._build_layout()
        self.history_view.restore_requested.connect(self.history_activated)
        self.tabs.tabBarClicked.connect(self._on_tabs_clicked)
        self._key_width_chosen = False  # the user resized the JSON key column
        self._fitting_key_column = False
        self.json_tab.rows_painted.connect(self._fit_key_column)
        self.json_tab.all_expanded.connect(self._fit_key_column)
        self.json_tab.view.header().sectionResized.connect(self._on_section_resized)
        self.clear()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if colors.palette_switched(self, event):
            colors.refresh_colored_styles(self, colors.is_dark(self))

    def clear(self) -> None:
        self.clear_summary()
        self.progress.hide()
        self.headers_model.set_rows([])
        self.raw_tab.clear()
        self.request_tab.clear()

    def clear_summary(self) -> None:
        """Hide the status, size and timing of the previous response."""
        self.status_chip.hide()
        self.previous_label.hide()
        self.size_label.setText("")
        self.timing_badge.on_timings_changed(None)

    def mark_previous(self) -> None:
        """Label what the pane shows as the response to an earlier request.

        For a request that was not sent (an invalid URL, a sign-in), so that
        the old status and tree do not pass for its response.
        """
        if not self._shown_request or self.progress.isVisible():
            return
        self.previous_label.set_full_text(self._shown_path, "previous: ")
        self.previous_label.setToolTip(
            f"The status, tree, Raw and Headers tabs show the response to "
            f"{self._shown_request}; the last request was not sent."
        )
        _set_chip_color(self.status_chip, "chip_grey")
        self.previous_label.show()

    def show_body_tab(self, has_tree: bool, has_body: bool) -> None:
        """Show Raw for a body without a JSON tree, and JSON again afterwards.

        Only a switch to Raw made here is undone; a tab the user picked stays.
        """
        if has_body and not has_tree:
            self._raw_tab_chosen_here = True
            self.tabs.setCurrentWidget(self.raw_tab)
        elif self._raw_tab_chosen_here:
            self._raw_tab_chosen_here = False
            self.tabs.setCurrentWidget(self.json_tab)

    def _on_tabs_clicked(self, _index: int) -> None:
        self._raw_tab_chosen_here = False

    def on_request_started(self, label: str) -> None:
        self.clear_summary()
        self.progress.setRange(0, 0)
        self.progress.setFormat("Sending…")
        self.progress.show()
        self.status_area.show_message(f"Sending {label} …", "info")

    def on_progress(self, received: int, total: int | None) -> None:
        if total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(received * 1000 / total))
            self.progress.setFormat(f"{format_size(received)} of {format_size(total)}")
        else:
            self.progress.setRange(0, 0)
            self.progress.setFormat(format_size(received))

    def on_request_finished(self) -> None:
        self.progress.hide()

    def show_exchange(self, exchange, not_signed_reason: str = "") -> None:
        """Show `exchange`. For an unsigned request, the Request tab shows
        `not_signed_reason`."""
        self.progress.hide()
        self.previous_label.hide()
        spec = exchange.spec
        self._shown_request = f"{spec.method} {spec.full_url()}"
        self._shown_path = f"{spec.method} {_path_and_query(spec.full_url())}"
        self._show_status(exchange)
        self.size_label.setText(_size_text(exchange))
        uses_tls = urlsplit(spec.url).scheme.lower() == "https"
        self.timing_badge.on_timings_changed(exchange.timings, uses_tls)
        self.headers_model.set_headers(exchange.headers)
        _fit_name_column(self.headers_view)
        self.request_tab.show_exchange(exchange, not_signed_reason)

    def _fit_key_column(self) -> None:
        """Size the JSON key column to the keys on screen, until the user sizes it.

        Runs when a document's rows first show and after Expand all. Qt's
        sizeHintForColumn measures the rows in view and those around them, at
        most the header's resizeContentsPrecision() rows (1000 by default), so
        the cost stays bounded in a large document.
        """
        if self._key_width_chosen:
            return
        view = self.json_tab.view
        width = max(view.sizeHintForColumn(KEY_COLUMN), KEY_COLUMN_MIN)
        maximum = max(KEY_COLUMN_MIN, min(KEY_COLUMN_MAX, view.width() // 2))
        self._fitting_key_column = True
        view.header().resizeSection(KEY_COLUMN, min(width + 12, maximum))
        self._fitting_key_column = False

    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        if section == KEY_COLUMN and not self._fitting_key_column:
            self._key_width_chosen = self.json_tab.view.isVisible()

    def set_removal_badge(self, badge: Badge | None) -> None:
        self.removal_label.setVisible(badge is not None)
        if badge is not None:
            self.removal_label.setText(badge.text)
            self.removal_label.setToolTip(badge.tooltip)
            _set_chip_color(self.removal_label, badge.color)

    def _show_status(self, exchange) -> None:
        # Imported here: outcome imports the http and OAuth layers, which the
        # first frame of the window does not need.
        from ka_explorer.ui.outcome import status_chip

        text, color = status_chip(exchange)
        self.status_chip.setText(text)
        _set_chip_color(self.status_chip, color)
        self.status_chip.show()

    def _chips_height(self) -> int:
        """Return how much taller the summary row gets once its chips show."""
        chip = QLabel("200 OK")
        _set_chip_color(chip, "chip_grey")
        tallest = max(chip.sizeHint().height(), self.timing_badge.sizeHint().height())
        return max(0, tallest - self.size_label.sizeHint().height())

    def _build_layout(self) -> None:
        summary = QHBoxLayout()
        summary.setContentsMargins(8, 4, 8, 0)
        summary.setSpacing(8)
        summary.addWidget(self.status_chip)
        summary.addWidget(self.size_label)
        summary.addWidget(self.timing_badge)
        summary.addWidget(self.removal_label)
        summary.addWidget(self.previous_label)
        summary.addStretch(1)
        summary.addWidget(self.progress)
        summary_row = QWidget()
        summary_row.setLayout(summary)
        # The chips are hidden until the first response. The row keeps their
        # height from the start, so the tabs do not move down when they show.
        extra = self._chips_height()
        summary_row.setMinimumHeight(summary_row.sizeHint().height() + extra)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(summary_row)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(8, 0, 8, 0)
        status_row.addWidget(self.status_area)
        layout.addLayout(status_row)
        layout.addWidget(self.tabs, 1)


def _size_text(exchange) -> str:
    """Return the size chip's text: "101.6 KiB of 1.9 MiB" for a cut body."""
    if not exchange.status:
        return ""
    announced = getattr(exchange, "announced_size", None)
    error = exchange.error
    if error is not None and error.kind == "incomplete" and announced:
        return f"{format_size(exchange.wire_size)} of {format_size(announced)}"
    return format_size(exchange.size)


def _chip(name: str) -> QLabel:
    label = QLabel("")
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.hide()
    return label


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _set_chip_color(chip: QLabel, color_name: str) -> None:
    """Style `chip` as a pill of the colour `color_name` of colors.COLORS."""
    colors.set_colored_style(chip, CHIP_TEMPLATE.replace("FILL", color_name))


def _fit_name_column(view: QTableView) -> None:
    """Size the first column to its longest text, at most half the table."""
    view.resizeColumnToContents(0)
    limit = max(view.viewport().width() // 2, 160)
    if view.columnWidth(0) > limit:
        view.setColumnWidth(0, limit)


def _table(model, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    rows = view.verticalHeader()
    rows.hide()
    # One line of text per row, however long a value is.
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setWordWrap(False)
    return view
