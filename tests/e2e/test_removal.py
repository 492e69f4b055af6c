"""A replica dated after a removal answers 404, and the window says when."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

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
        qtbot.keyClick(window.request_bar.url_box.lineEdit(), Qt.Key.Key_Return)
    return shown.args[0]


def test_removed_endpoint_404_names_date(qtbot, open_window, dated_replica):
    window = open_window(dated_replica, today=AS_OF).window
    exchange = _send(qtbot, window, "/api/v1/badges")
    assert exchange.status == 404
    assert "removed GET /api/v1/badges on 2020-01-06" in window.status_area.text()
    assert window.response_pane.removal_label.text() == "removed 2020-01-06"


def test_endpoint_before_removal_answers(qtbot, open_window, dated_replica):
    window = open_window(dated_replica, today=AS_OF).window
    exchange = _send(qtbot, window, "/api/v1/videos/jxA8MffVmPs")
    assert exchange.status == 200
    assert window.response_pane.removal_label.text() == "removal in 179 days"
