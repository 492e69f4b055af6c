"""Response pane layout: progress text, header rows, key column, units, TLS."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from ka_explorer.http.timing import Timings
from ka_explorer.ui.json_model import KEY_COLUMN
from ka_explorer.ui.response_pane import KEY_COLUMN_MAX
from ka_explorer.ui.timing_badge import NO_TLS, phase_rows, phases_html
from tests.gui.window_keys import press, press_enter_in_url_bar

DEEP_KEY = "translated_description_html_of_the_exercise"


def _send(qtbot, window, text: str):
    window.request_bar.set_url_text(text)
    with qtbot.waitSignal(window.response_shown, timeout=20_000) as shown:
        press_enter_in_url_bar(qtbot, window)
    return shown.args[0]


def test_progress_text_fits(qtbot, make_window):
    pane = make_window().window.response_pane
    pane.on_request_started("GET /api/v1/topictree")
    pane.on_progress(9_961_472, 49_401_536)
    text = pane.progress.text()
    assert text == "9.5 MiB of 47.1 MiB"
    needed = pane.progress.fontMetrics().horizontalAdvance(text)
    assert needed < pane.progress.width() - 16


def test_headers_rows_one_line(qtbot, make_window, local_server):
    local_server.routes["/api/v1/badges"] = (200, "application/json", b"[]")
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/api/v1/badges")
    pane = window.response_pane
    pane.tabs.setCurrentWidget(pane.headers_view)
    view = pane.headers_view
    line = view.fontMetrics().height()
    assert view.rowHeight(0) < 2 * line
    name_width = view.fontMetrics().horizontalAdvance("Content-Length")
    assert view.columnWidth(0) >= name_width
    mode = view.horizontalHeader().sectionResizeMode(0)
    assert mode == QHeaderView.ResizeMode.Interactive


def test_key_column_fits_deep_keys(qtbot, make_window, local_server):
    body = json.dumps({"a": {"b": {"c": {DEEP_KEY: 1, "": 2}}}}).encode()
    local_server.routes["/api/v1/exercises"] = (200, "application/json", body)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/api/v1/exercises")
    tab = window.response_pane.json_tab
    view = tab.view
    view.expandAll()
    qtbot.wait(50)
    window.response_pane._fit_key_column()
    header = view.header()
    needed = view.sizeHintForColumn(KEY_COLUMN)
    assert header.sectionSize(KEY_COLUMN) >= min(needed, KEY_COLUMN_MAX)
    assert header.sectionSize(KEY_COLUMN) <= KEY_COLUMN_MAX
    mode = header.sectionResizeMode(KEY_COLUMN)
    assert mode == QHeaderView.ResizeMode.Interactive


def test_key_column_keeps_user_width(qtbot, make_window, local_server):
    body = json.dumps({DEEP_KEY: 1}).encode()
    local_server.routes["/api/v1/exercises"] = (200, "application/json", body)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/api/v1/exercises")
    header = window.response_pane.json_tab.view.header()
    header.resizeSection(KEY_COLUMN, 90)
    window.response_pane._fit_key_column()
    assert header.sectionSize(KEY_COLUMN) == 90


def test_timing_without_tls_says_so():
    timings = Timings(total=0.02, tls=0.0)
    rows = dict(phase_rows(timings, uses_tls=False))
    assert rows["TLS handshake"] == NO_TLS
    assert NO_TLS in phases_html(timings, uses_tls=False)
    assert NO_TLS not in phases_html(timings, uses_tls=True)


def test_http_exchange_timing_no_tls(qtbot, make_window, local_server):
    local_server.routes["/api/v1/badges"] = (200, "application/json", b"[]")
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/api/v1/badges")
    pane = window.response_pane
    assert NO_TLS in pane.timing_badge.toolTip()
    assert pane.size_label.text() == "2 B"


def test_size_chip_uses_mib(qtbot, make_window, local_server):
    body = b"[" + b"1," * 600_000 + b"1]"
    local_server.routes["/api/v1/badges"] = (200, "application/json", body)
    window = make_window(local_server.base_url).window
    _send(qtbot, window, "/api/v1/badges")
    assert window.response_pane.size_label.text() == "1.1 MiB"


def test_expand_all_refits_key_column(qtbot, make_window, local_server):
    nested = {DEEP_KEY: 1}
    for name in "edcba":
        nested = {name: nested}
    body = json.dumps(nested).encode()
    local_server.routes["/api/v1/exercises"] = (200, "application/json", body)
    window = make_window(local_server.base_url).window
    window.resize(1360, 860)
    _send(qtbot, window, "/api/v1/exercises")
    view = window.response_pane.json_tab.view
    header = view.header()
    before = header.sectionSize(KEY_COLUMN)

    press(qtbot, view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    needed = view.sizeHintForColumn(KEY_COLUMN)
    limit = min(KEY_COLUMN_MAX, view.width() // 2)

    assert before < min(needed, limit)
    assert header.sectionSize(KEY_COLUMN) >= min(needed, limit)
