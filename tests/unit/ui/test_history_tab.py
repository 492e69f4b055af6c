"""The History table's columns, row height, size units and row colours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from ka_explorer.oauth1.profiles import REPLICA_PROFILE
from ka_explorer.ui import colors
from ka_explorer.ui.history_tab import (
    COLUMN_BOUNDS,
    FAILED_COLOR,
    URL_COLUMN,
    shrink_widths,
)
from ka_explorer.ui.main_window import DEFAULT_SIZE

PROFILE_COLUMN, RESULT_COLUMN, SIZE_COLUMN, RESPONSE_COLUMN = 1, 4, 5, 7


def _send(qtbot, window, text: str) -> None:
    window.request_bar.set_method("GET")
    window.request_bar.set_url_text(text)
    window.flow.on_url_edited(text)
    window.flow.on_send_requested()
    qtbot.waitUntil(lambda: window.flow.task is None, timeout=20_000)


def _history_view(window, width: int = 900):
    view = window.response_pane.history_view
    window.response_pane.tabs.setCurrentWidget(view)
    view.resize(width, 300)
    return view


def _serve(local_server) -> None:
    local_server.routes["/kib"] = (200, "application/json", b'"' + b"k" * 1534 + b'"')
    local_server.routes["/found"] = (302, "text/plain", b"")


def test_url_column_takes_spare_width(qtbot, make_window, local_server):
    _serve(local_server)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/kib?q=" + "long" * 30)
    view = _history_view(window)

    others = sum(view.columnWidth(column) for column in COLUMN_BOUNDS)
    qtbot.waitUntil(
        lambda: view.columnWidth(URL_COLUMN) == view.viewport().width() - others
    )
    assert view.columnWidth(URL_COLUMN) > 300
    assert view.columnWidth(PROFILE_COLUMN) == COLUMN_BOUNDS[PROFILE_COLUMN][1]
    header = view.horizontalHeader()
    for column in range(header.count()):
        assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive


def _default_size_history(qtbot, window):
    window.resize(*DEFAULT_SIZE)
    view = window.response_pane.history_view
    window.response_pane.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.isVisible())
    qtbot.wait(50)
    return view


def test_all_columns_fit_default_size(qtbot, make_window, local_server):
    _serve(local_server)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/kib?q=" + "long" * 30)
    _send(qtbot, window, "/found")
    view = _default_size_history(qtbot, window)

    widths = [view.columnWidth(column) for column in range(8)]
    assert window.size().toTuple() == DEFAULT_SIZE
    assert sum(widths) <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    assert widths[URL_COLUMN] == max(widths)


def test_profile_column_capped(qtbot, make_window, local_server):
    _serve(local_server)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/kib")
    view = _default_size_history(qtbot, window)
    text_width = view.fontMetrics().horizontalAdvance(REPLICA_PROFILE)
    cell = window.history_model.index(0, PROFILE_COLUMN)

    assert view.columnWidth(PROFILE_COLUMN) <= COLUMN_BOUNDS[PROFILE_COLUMN][1]
    assert view.columnWidth(PROFILE_COLUMN) < text_width
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == REPLICA_PROFILE


def test_small_columns_fit_contents(qtbot, make_window, local_server):
    _serve(local_server)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/kib")
    view = _default_size_history(qtbot, window)

    for column in (0, 2, SIZE_COLUMN, 6):
        assert view.columnWidth(column) >= view.sizeHintForColumn(column), column


def test_shrink_widths_widest_first():
    widths = {PROFILE_COLUMN: 120, RESULT_COLUMN: 100, RESPONSE_COLUMN: 70}

    shrunk = shrink_widths(widths, 30)

    assert shrunk == {PROFILE_COLUMN: 95, RESULT_COLUMN: 95, RESPONSE_COLUMN: 70}


def test_shrink_widths_stops_at_minimums():
    widths = {PROFILE_COLUMN: 120, 0: 80}

    shrunk = shrink_widths(widths, 500)

    assert shrunk == {PROFILE_COLUMN: COLUMN_BOUNDS[PROFILE_COLUMN][0], 0: 80}


def test_rows_single_height(qtbot, make_window, local_server):
    _serve(local_server)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/kib")
    view = _history_view(window, 400)

    assert view.rowHeight(0) <= view.fontMetrics().height() + 8
    mode = view.verticalHeader().sectionResizeMode(0)
    assert mode == QHeaderView.ResizeMode.Fixed


def test_user_width_kept_on_new_row(qtbot, make_window, local_server):
    _serve(local_server)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/kib")
    view = _history_view(window)
    view.horizontalHeader().resizeSection(URL_COLUMN, 150)
    view.horizontalHeader().resizeSection(RESULT_COLUMN, 201)

    _send(qtbot, window, "/kib?again=" + "x" * 100)

    assert view.columnWidth(URL_COLUMN) == 150
    assert view.columnWidth(RESULT_COLUMN) == 201


def test_widths_same_after_restart(qtbot, make_window, local_server):
    _serve(local_server)
    parts = make_window(local_server.base_url)
    _send(qtbot, parts.window, "/kib")
    view = _history_view(parts.window)
    # The Response column reads "kept" before and "not kept across restarts"
    # after, so only the columns before it keep their width.
    widths = [view.columnWidth(column) for column in range(RESPONSE_COLUMN)]
    parts.close()

    window = make_window(local_server.base_url).window
    view = _history_view(window)
    qtbot.waitUntil(lambda: view.viewport().width() > 800)
    others = sum(view.columnWidth(column) for column in COLUMN_BOUNDS)

    restarted = [view.columnWidth(column) for column in range(RESPONSE_COLUMN)]
    restarted[URL_COLUMN] = widths[URL_COLUMN] = 0
    assert restarted == widths
    assert view.columnWidth(URL_COLUMN) == view.viewport().width() - others


def test_size_in_binary_units(qtbot, make_window, local_server):
    _serve(local_server)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/kib")

    size = window.history_model.index(0, SIZE_COLUMN).data()

    assert size == "1.5 KiB"
    assert size == window.response_pane.size_label.text()


def _foreground(model, row: int):
    return model.index(row, RESULT_COLUMN).data(Qt.ItemDataRole.ForegroundRole)


def test_redirect_row_colour_kept(qtbot, make_window, local_server):
    _serve(local_server)
    parts = make_window(local_server.base_url)
    _send(qtbot, parts.window, "/found")
    _send(qtbot, parts.window, "/missing")
    model = parts.window.history_model
    in_session = [_foreground(model, row) for row in (0, 1)]
    parts.close()

    model = make_window(local_server.base_url).window.history_model
    restarted = [_foreground(model, row) for row in (0, 1)]

    assert in_session[1] is None  # 302
    assert in_session[0] == colors.qcolor(FAILED_COLOR, dark=False)  # 404
    assert restarted == in_session
