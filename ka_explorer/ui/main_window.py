"""The main window: builds the layout and wires the widgets in `_connect_signals`.

It is built in three steps, so that it shows soon after launch. The
constructor makes a placeholder frame with the window's layout and menus but
no content, from widgets that need no module of this package. `build` makes
the real widgets: the endpoint tree, the request bar and form, the response
pane and the actions. `complete` adds the profile session, the request flow
and sign-in, whose modules import the HTTP and OAuth layers (about 0.2 s),
and connects the widgets to them.
"""

from __future__ import annotations

import logging
from datetime import date

# The `Qt` namespace is looked up through QtCore where it is used, because
# its first use creates all of its enums (about 15 ms). The placeholder frame
# does not use it.
from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

DEFAULT_FORM_ROWS = 4  # parameter rows shown before the form scrolls
DEFAULT_SIZE = (1360, 860)
FIRST_PAINT_TIMEOUT_MS = 2000
MENU_TITLES = ("&File", "&Edit", "&Request", "&View")
RESPONSE_TAB_TITLES = ("JSON", "Raw", "Headers", "Request", "History")
# Pane sizes of the placeholder frame, near those of the real widgets at the
# default size, so that the swap to them moves little. The real endpoint pane
# fits the shipped catalog's longest path. The request bar and four form rows
# took 196 px with a 14 px line spacing, and the response's chip row and
# two-line status area put its tabs 81 px down (3 lines and 39 px).
PLACEHOLDER_LEFT_FRACTION = 0.465
PLACEHOLDER_REQUEST_LINES = 14
PLACEHOLDER_ABOVE_TABS_LINES = 3
PLACEHOLDER_ABOVE_TABS_PIXELS = 39


class MainWindow(QMainWindow):
    """Endpoint tree on the left; request bar, form and response on the right.

    Collaborators come in from `app.build_window`: the task runner, the day
    that today is and the saved settings, then in `build` the catalog and the
    profile that start-up selects.
    `complete` adds the profile session and the function that sends a
    request. `placeholder_painted` fires once, after the first paint of the
    placeholder frame, and `first_painted` once, after the first paint of the
    endpoint tree.
    """

    response_shown = Signal(object)
    placeholder_painted = Signal()
    first_painted = Signal()

    def __init__(self, runner, today: date, settings):
        super().__init__()
        self.setWindowTitle("KA Explorer")
        self.runner = runner
        self.today = today
        self.settings = settings
        self.catalog = None
        self.state = None
        self.session = None
        self.flow = None
        self.signin = None
        self._shown_once = False
        self._first_paint_seen = False
        self.resize(*DEFAULT_SIZE)
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._placeholder_seen = False
        # The status bar, where copies are confirmed, is there from the first
        # frame, so that its first message does not shrink the panes.
        self.statusBar()
        # Splitters of the placeholder and their saved states, restored again
        # once the window has its final size, as the real ones are.
        self._placeholder_states: list[tuple[QSplitter, QByteArray]] = []
        self._placeholder = _placeholder_frame(self, settings,
                                               self._placeholder_states)
        self.setCentralWidget(self._placeholder)
        self._placeholder.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_TIMEOUT_MS, self._emit_placeholder_painted)

    def build(self, catalog, shown_profile) -> None:
        """Replace the placeholder frame with the real widgets for `catalog`.

        `shown_profile` (a `session.StartupProfile`) names the profiles and
        the one that `complete` will select. The profile box shows it, and
        the removal badges and the catalog's dimming follow its removal day,
        from the first paint on.
        """
        from ka_explorer.ui.actions import build_actions
        from ka_explorer.ui.endpoint_model import EndpointTreeModel
        from ka_explorer.ui.endpoint_panel import EndpointPanel
        from ka_explorer.ui.history_tab import HistoryModel
        from ka_explorer.ui.json_model import JsonTreeModel
        from ka_explorer.ui.param_form import ParamForm
        from ka_explorer.ui.request_bar import RequestBar
        from ka_explorer.ui.response_pane import ResponsePane
        from ka_explorer.ui.window_state import WindowState

        self.catalog = catalog
        self.endpoint_model = EndpointTreeModel(
            catalog, shown_profile.removal_day, self
        )
        self.json_model = JsonTreeModel(self)
        self.history_model = HistoryModel(self)
        retired_on = getattr(catalog, "retired_fields_date", None)
        self.endpoint_panel = EndpointPanel(self.endpoint_model, retired_on)
        self.request_bar = RequestBar()
        self.request_bar.set_profiles(shown_profile.names, shown_profile.current)
        self.param_form = ParamForm()
        self.response_pane = ResponsePane(self.json_model, self.history_model)
        # Deletes the placeholder's menu titles, which the menu bar owns.
        self.menuBar().clear()
        self.actions = build_actions(self)
        self.actions.quit.triggered.connect(self.close)
        self.state = WindowState(self, self.settings)
        self._build_layout()
        self.state.restore()
        if self._shown_once:
            self.state.restore_splitters()
        self.endpoint_panel.view.viewport().installEventFilter(self)
        # A window that is never exposed (another workspace, minimized) paints
        # nothing, and still completes.
        QTimer.singleShot(FIRST_PAINT_TIMEOUT_MS, self._emit_first_painted)

    @property
    def built(self) -> bool:
        """Whether `build` has replaced the placeholder frame."""
        return self.state is not None

    def complete(self, session, send_function) -> None:
        """Add the profile session, the request flow and sign-in, and connect
        the widgets to them."""
        from ka_explorer.ui.request_flow import RequestFlow
        from ka_explorer.ui.signin import SignInController

        self.session = session
        self.signin = SignInController(session, self.runner, self)
        self.flow = RequestFlow(self, send_function, self.today)
        self._connect_signals()
        self.state.restore_profile()
        self.flow.on_profile_changed()
        if self._shown_once:
            QTimer.singleShot(0, self.flow.show_startup_notices)

    def eventFilter(self, watched, event) -> bool:
        """Emit `placeholder_painted` after the placeholder frame's first paint,
        and `first_painted` after the endpoint tree's."""
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            if watched is self._placeholder:
                QTimer.singleShot(0, self._emit_placeholder_painted)
            else:
                QTimer.singleShot(0, self._emit_first_painted)
        return False

    def _emit_placeholder_painted(self) -> None:
        if not self._placeholder_seen:
            self._placeholder_seen = True
            self.placeholder_painted.emit()

    def _emit_first_painted(self) -> None:
        if not self._first_paint_seen:
            self._first_paint_seen = True
            self.first_painted.emit()

    @property
    def status_area(self):
        return self.response_pane.status_area

    def _build_layout(self) -> None:
        request_box = QWidget()
        request_layout = QVBoxLayout(request_box)
        request_layout.setContentsMargins(0, 0, 0, 0)
        request_layout.setSpacing(0)
        request_layout.addWidget(self.request_bar)
        request_layout.addWidget(self.param_form, 1)
        self.right_splitter = QSplitter(QtCore.Qt.Orientation.Vertical)
        self.right_splitter.addWidget(request_box)
        self.right_splitter.addWidget(self.response_pane)
        self.right_splitter.setStretchFactor(1, 4)
        self.main_splitter = QSplitter(QtCore.Qt.Orientation.Horizontal)
        self.main_splitter.addWidget(self.endpoint_panel)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.main_splitter)
        self._placeholder = None
        self.use_default_layout()

    def use_default_layout(self) -> None:
        """Size the panes for the window's width: every endpoint path in full."""
        # A catalog with very long paths still leaves the response most room.
        left = min(self.endpoint_panel.preferred_width(), int(self.width() * 0.6))
        self.main_splitter.setSizes([left, self.width() - left])
        form = self.param_form.height_for_rows(DEFAULT_FORM_ROWS)
        request = self.request_bar.sizeHint().height() + form
        self.right_splitter.setSizes([request, max(self.height() - request, 300)])

    def _connect_signals(self) -> None:
        flow, bar, pane, a = (
            self.flow,
            self.request_bar,
            self.response_pane,
            self.actions,
        )
        self.endpoint_panel.endpoint_activated.connect(flow.on_endpoint_activated)
        self.endpoint_panel.endpoint_send_requested.connect(
            flow.on_endpoint_send_requested
        )
        bar.send_requested.connect(flow.on_send_requested)
        bar.cancel_requested.connect(flow.on_cancel_requested)
        bar.url_edited.connect(flow.on_url_edited)
        bar.method_changed.connect(flow.on_method_changed)
        bar.profile_selected.connect(flow.on_profile_selected)
        bar.edit_profiles_requested.connect(flow.on_edit_profiles_requested)
        self.param_form.values_changed.connect(flow.on_form_values_changed)
        self.param_form.send_requested.connect(flow.on_send_requested)
        pane.json_tab.search_requested.connect(flow.on_search_requested)
        pane.json_tab.first_match_shown.connect(flow.on_first_match_shown)
        pane.json_tab.rows_painted.connect(flow.on_rows_painted)
        pane.json_tab.context_menu_requested.connect(
            self.on_json_context_menu_requested
        )
        pane.raw_tab.load_all_requested.connect(flow.on_raw_load_all_requested)
        pane.raw_tab.render_requested.connect(flow.on_raw_render_requested)
        pane.raw_tab.save_requested.connect(flow.on_save_body_requested)
        pane.history_activated.connect(flow.on_history_activated)
        pane.history_view.resend_requested.connect(flow.on_history_resend_requested)
        pane.history_view.clear_requested.connect(flow.on_history_clear_requested)
        self.signin.signed_in.connect(flow.on_signed_in)
        self.signin.failed.connect(flow.on_sign_in_failed)
        self.signin.cancelled.connect(flow.on_sign_in_cancelled)
        a.send.triggered.connect(flow.on_send_requested)
        a.send_alt.triggered.connect(flow.on_send_requested)
        a.cancel.triggered.connect(flow.on_cancel_requested)
        a.sign_in.triggered.connect(flow.on_sign_in_requested)
        a.sign_out.triggered.connect(flow.on_sign_out_requested)
        a.edit_profiles.triggered.connect(flow.on_edit_profiles_requested)
        a.restart_replica.triggered.connect(flow.on_restart_replica_requested)
        a.edit_timeout.triggered.connect(self.request_bar.focus_timeout)
        a.save_body.triggered.connect(flow.on_save_body_requested)
        a.copy_response.triggered.connect(flow.on_copy_response_requested)
        a.copy_value.triggered.connect(flow.on_copy_value_requested)
        self.removeAction(a.copy_value)  # Ctrl+C copies a value only in the tree
        a.copy_value.setShortcutContext(
            QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        pane.json_tab.view.addAction(a.copy_value)
        a.copy_path.triggered.connect(flow.on_copy_path_requested)
        a.copy_curl.triggered.connect(flow.on_copy_curl_requested)
        a.expand_all.triggered.connect(pane.json_tab.expand_all)
        a.collapse_all.triggered.connect(pane.json_tab.collapse_all)
        a.focus_filter.triggered.connect(self.endpoint_panel.filter_box.setFocus)
        a.focus_url.triggered.connect(self._focus_url_bar)

    def on_json_context_menu_requested(self, position) -> None:
        from ka_explorer.ui.actions import node_context_menu

        menu = node_context_menu(self.actions, self)
        menu.popup(position)

    def show_message(self, text: str, level: str = "info", details: str = "") -> None:
        """Show `text` in the status area above the response, `details` on hover."""
        self.status_area.show_message(text, level, details)
        if level != "info":
            log.info("Window message (%s): %s", level, text)

    def copy_text(self, text: str, what: str) -> None:
        QGuiApplication.clipboard().setText(text)
        preview = text if len(text) <= 80 else text[:77] + "…"
        self.statusBar().showMessage(f"Copied {what}: {preview}", 5000)

    def _focus_url_bar(self) -> None:
        self.request_bar.url_box.setFocus()
        self.request_bar.url_box.lineEdit().selectAll()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.flow is not None:
            self.flow.shut_down()
            self.signin.cancel()
        if self.state is not None:
            self.state.save()
        super().closeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self.state is not None:
                self.state.restore_splitters()
            for splitter, state in self._placeholder_states:
                splitter.restoreState(state)
            if self.flow is not None:
                QTimer.singleShot(0, self.flow.show_startup_notices)


def _placeholder_frame(window: QMainWindow, settings,
                       restored: list[tuple[QSplitter, QByteArray]]) -> QWidget:
    """Make the window's first frame: its menus and its panes, empty.

    The panes take the splitter sizes saved at the last quit, or else sizes
    near those the real widgets take for the shipped catalog. A splitter
    whose state is restored takes its orientation from the state, so no
    `Qt` enum is needed for a vertical one. Each restored splitter goes into
    `restored` with its state.
    """
    for title in MENU_TITLES:
        window.menuBar().addAction(title)
    frame = _placeholder_splitter(
        (settings.splitter_state("main"), restored),
        _placeholder_endpoints((settings.splitter_state("endpoints"), restored)),
        _placeholder_right((settings.splitter_state("right"), restored)),
        (0, 1), vertical=False,
    )
    if settings.splitter_state("main") is None:
        left = int(window.width() * PLACEHOLDER_LEFT_FRACTION)
        frame.setSizes([left, window.width() - left])
    return frame


def _placeholder_endpoints(saved) -> QWidget:
    """Return the endpoint panel's title, filter, tree and details, empty."""
    title = QLabel("Endpoints")
    title.setStyleSheet("font-weight: 600; padding: 2px 2px;")
    endpoint_filter = QLineEdit()
    endpoint_filter.setEnabled(False)
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(8, 8, 4, 8)
    layout.setSpacing(6)
    layout.addWidget(title)
    layout.addWidget(endpoint_filter)
    tree_and_details = _placeholder_splitter(saved, QTreeView(), QTreeView(), (3, 1),
                                             vertical=True)
    layout.addWidget(tree_and_details, 1)
    return panel


def _placeholder_right(saved) -> QWidget:
    """Return the request rows above the response tabs, empty."""
    request = QWidget()
    request_layout = QVBoxLayout(request)
    for _ in range(2):  # the profile row and the URL row
        row = QLineEdit()
        row.setEnabled(False)
        request_layout.addWidget(row)
    request_layout.addStretch(1)
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    for title in RESPONSE_TAB_TITLES:
        tabs.addTab(QWidget(), title)
    line = request.fontMetrics().lineSpacing()
    response = QWidget()
    response_layout = QVBoxLayout(response)
    response_layout.setContentsMargins(0, PLACEHOLDER_ABOVE_TABS_LINES * line
                                       + PLACEHOLDER_ABOVE_TABS_PIXELS, 0, 0)
    response_layout.addWidget(tabs)
    if saved[0] is None:
        request.setFixedHeight(PLACEHOLDER_REQUEST_LINES * line)
    return _placeholder_splitter(saved, request, response, (0, 4), vertical=True)


def _placeholder_splitter(saved, first: QWidget, second: QWidget,
                          stretches: tuple[int, int], vertical: bool) -> QWidget:
    """Return `first` and `second` in a splitter restored from a saved state.

    `saved` is the state, or None, and the list of restored splitters. The
    `stretches` are those of the real splitter, so that a window smaller
    than the saved one shrinks the same pane. Without a state, a `vertical`
    pair goes top to bottom in a plain layout with those stretch factors.
    """
    state, restored = saved
    if state is None and vertical:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(QSplitter().handleWidth())
        layout.addWidget(first, stretches[0])
        layout.addWidget(second, stretches[1])
        return box
    splitter = QSplitter()  # horizontal unless `state` contains another orientation
    splitter.addWidget(first)
    splitter.addWidget(second)
    for index, stretch in enumerate(stretches):
        splitter.setStretchFactor(index, stretch)
    if state is not None:
        splitter.restoreState(state)
        restored.append((splitter, state))
    return splitter
