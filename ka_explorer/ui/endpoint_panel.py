"""The left panel: filter box, endpoint tree and the selected endpoint's details."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ka_explorer.ui import colors
from ka_explorer.ui.endpoint_model import (
    ENDPOINT_ROLE,
    FOREIGN_CATALOG_NOTE,
    METHOD_COLUMN,
    PATH_COLUMN,
    REMOVAL_COLUMN,
    SEARCH_ROLE,
    EndpointTreeModel,
)
from ka_explorer.ui.model_data import item_data


class EndpointPanel(QWidget):
    """Emits `endpoint_activated(endpoint)` when the user picks an endpoint, and
    `endpoint_send_requested(endpoint)` on Enter or a double-click on one.
    """

    endpoint_activated = Signal(object)
    endpoint_send_requested = Signal(object)

    def __init__(self, model: EndpointTreeModel, retired_on=None, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.retired_on = retired_on
        self._details_endpoint = None  # the endpoint the details show
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)
        self.filter_box = QLineEdit()
        self.filter_box.setObjectName("endpointFilter")
        self.filter_box.setPlaceholderText("Filter endpoints (path, method, summary)")
        self.filter_box.setClearButtonEnabled(True)
        self.view = QTreeView()
        self.view.setObjectName("endpointTree")
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setIndentation(12)
        self.view.setMouseTracking(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(PATH_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            METHOD_COLUMN, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(
            REMOVAL_COLUMN, QHeaderView.ResizeMode.ResizeToContents
        )
        header.moveSection(METHOD_COLUMN, 0)
        self.details = QTextBrowser()
        self.details.setObjectName("endpointDetails")
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText("Select an endpoint to read its documentation.")
        self.no_match_label = _no_match_label()
        # The line takes the tree's place, so the panel keeps its geometry.
        self.tree_stack = QStackedWidget()
        self.tree_stack.addWidget(self.view)
        self.tree_stack.addWidget(self.no_match_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.tree_stack)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        title = QLabel("Endpoints")
        title.setStyleSheet("font-weight: 600; padding: 2px 2px;")
        self.catalog_note = QLabel(FOREIGN_CATALOG_NOTE)
        self.catalog_note.setObjectName("catalogNote")
        self.catalog_note.setWordWrap(True)
        colors.set_colored_style(self.catalog_note, "color: {muted}; padding: 0 2px;")
        # The panel's width comes from the tree, never from this text.
        note_policy = self.catalog_note.sizePolicy()
        note_policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.catalog_note.setSizePolicy(note_policy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(self.catalog_note)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.splitter, 1)
        self.filter_box.textChanged.connect(self.on_filter_changed)
        self.view.clicked.connect(self._on_view_clicked)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.installEventFilter(self)
        self.view.expandAll()
        model.removal_day_changed.connect(self._on_removal_day_changed)
        self._on_removal_day_changed()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if colors.palette_switched(self, event):
            dark = colors.is_dark(self)
            colors.refresh_colored_styles(self, dark)
            self.model.set_dark_colors(dark)
            self._show_details(self._details_endpoint)

    def _on_removal_day_changed(self) -> None:
        self.catalog_note.setVisible(not self.model.removal_day.khan_server)

    def on_filter_changed(self, text: str) -> None:
        term = text.strip()
        self.proxy.setFilterFixedString(term)
        self.view.expandAll()
        matched = not term or self.proxy.rowCount() > 0
        if not matched:
            self.no_match_label.setText(
                f"No endpoint matches '{term}'. The filter matches method, path "
                "and summary. Clear the filter (×) to see every endpoint.")
        self.tree_stack.setCurrentWidget(self.view if matched else self.no_match_label)

    def select_endpoint(self, endpoint) -> None:
        """Select `endpoint` in the tree (or clear the selection) without emitting."""
        self._show_details(endpoint)
        source = (
            self.model.index_of(endpoint) if endpoint is not None else QModelIndex()
        )
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.view.clearSelection()
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def preferred_width(self) -> int:
        """Return the panel width at which no column of the tree is cut or elided.

        The removal column gets the width of its widest badges on any
        profile, so that a switch of profile elides no path.
        """
        columns = self._column_width(PATH_COLUMN) + self._column_width(METHOD_COLUMN)
        with self.model.widest_badges():
            widest = self._column_width(REMOVAL_COLUMN)
        columns += max(widest, self._column_width(REMOVAL_COLUMN))
        scroll_bar = self.view.verticalScrollBar().sizeHint().width()
        frame = 2 * self.view.frameWidth()
        margins = self.layout().contentsMargins()
        return columns + scroll_bar + frame + margins.left() + margins.right()

    def _column_width(self, column: int) -> int:
        header_width = self.view.header().sectionSizeHint(column)
        return max(self.view.sizeHintForColumn(column), header_width)

    def view_index_of(self, endpoint) -> QModelIndex:
        return self.proxy.mapFromSource(self.model.index_of(endpoint))

    def eventFilter(self, watched, event) -> bool:
        """Send the current endpoint on Enter; a group row keeps the key."""
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                endpoint = self._endpoint_at(self.view.currentIndex())
                if endpoint is not None:
                    self._show_details(endpoint)
                    self.endpoint_send_requested.emit(endpoint)
                    return True
        return super().eventFilter(watched, event)

    def _endpoint_at(self, index: QModelIndex):
        if not index.isValid():
            return None
        return item_data(index.siblingAtColumn(PATH_COLUMN), ENDPOINT_ROLE)

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        endpoint = self._endpoint_at(index)
        if endpoint is not None:
            self.endpoint_send_requested.emit(endpoint)

    def _on_view_clicked(self, index: QModelIndex) -> None:
        endpoint = item_data(index.siblingAtColumn(PATH_COLUMN), ENDPOINT_ROLE)
        if endpoint is not None:
            self._show_details(endpoint)
            self.endpoint_activated.emit(endpoint)

    def _show_details(self, endpoint) -> None:
        self._details_endpoint = endpoint
        html = ""
        if endpoint is not None:
            html = details_html(endpoint, self.retired_on, colors.is_dark(self))
        self.details.setHtml(html)


def _no_match_label() -> QLabel:
    label = QLabel("")
    label.setObjectName("endpointNoMatch")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    colors.set_colored_style(label, "color: {muted}; padding: 6px;")
    policy = label.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    label.setSizePolicy(policy)
    return label


def _access_text(endpoint) -> str:
    """Return the access line; Khan's access_control value only where it adds
    something, such as the kinds of user allowed."""
    access = "Requires sign-in" if endpoint.login_required else "Open access"
    if endpoint.access_control in ("open-access", "login-required"):
        return access
    return f"{access} · access_control: {escape(endpoint.access_control)}"


def details_html(endpoint, retired_on=None, dark: bool = False) -> str:
    """Return the side panel text: summary, description, access, arguments.

    `dark` picks the colours for a dark palette.
    """
    secondary = colors.color("secondary", dark)
    muted = colors.color("muted", dark)
    parts = [f"<h3 style='margin:0'>{endpoint.http_method} {escape(endpoint.url)}</h3>"]
    if endpoint.summary:
        parts.append(f"<p><b>{escape(endpoint.summary)}</b></p>")
    if endpoint.description and endpoint.description != endpoint.summary:
        parts.append(f"<p>{escape(endpoint.description)}</p>")
    parts.append(f"<p style='color:{secondary}'>{_access_text(endpoint)}</p>")
    if endpoint.retired_fields and retired_on is not None:
        fields = ", ".join(escape(name) for name in endpoint.retired_fields)
        when = retired_on.isoformat()
        parts.append(f"<p style='color:{muted}'>Fields retired on {when}: {fields}</p>")
    return "".join(parts)
