"""A replica dated after a removal answers 404, and the window says when."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ka_explorer.ui.endpoint_model import REMOVAL_COLUMN
from tests.gui.window_keys import press_enter_in_url_bar

AS_OF = date(2020, 2, 1)


@pytest.fixture(scope="module")
def dated_replica():
    from ka_explorer.replica import start_replica

    running = start_replica(as_of=AS_OF)
    yield running
    running.stop()


def _send(qtbot, window, text: str):
    window.request_bar.set_url_text(text)
    window.flow.on_url_edited(text)
    with qtbot.waitSignal(window.response_shown, timeout=20_000) as shown:
        press_enter_in_url_bar(qtbot, window)
    return shown.args[0]


def test_removed_endpoint_404_names_date(qtbot, open_window, dated_replica):
    window = open_window(dated_replica, today=date(2019, 12, 1)).window
    exchange = _send(qtbot, window, "/api/v1/badges")
    assert exchange.status == 404
    text = window.status_area.text()
    assert "the replica's date is 2020-02-01" in text
    assert "removed GET /api/v1/badges on 2020-01-06" in text
    assert window.response_pane.removal_label.text() == "removed 2020-01-06"


def test_badges_count_against_replica_date(qtbot, open_window, dated_replica):
    window = open_window(dated_replica, today=date(2031, 1, 1)).window
    header = window.endpoint_model.headerData(REMOVAL_COLUMN, Qt.Orientation.Horizontal)
    badge = window.endpoint_model.badge(
        window.catalog.find("GET", "/api/v1/topic/<topic_slug>")
    )
    assert header == "Removal\nas of 2020-02-01"
    assert badge.text == "removal in 179 days"


def test_endpoint_before_removal_answers(qtbot, open_window, dated_replica):
    window = open_window(dated_replica, today=date(2031, 1, 1)).window
    exchange = _send(qtbot, window, "/api/v1/videos/jxA8MffVmPs")
    assert exchange.status == 200
    assert window.response_pane.removal_label.text() == "removal in 179 days"
