"""Sign-in before a request: skipped for an endpoint removed on the profile's day."""

from __future__ import annotations

from datetime import date

USER = "/api/v1/user"


def test_removed_endpoint_sent_without_signin(qtbot, make_window, local_server):
    window = make_window(local_server.base_url, as_of=date(2020, 3, 1)).window

    window.flow.send("GET", USER)
    qtbot.waitUntil(lambda: window.flow.task is None, timeout=20_000)
    text = window.status_area.text()

    assert not window.signin.active()
    assert window.flow.pending is None
    assert window.history_model.entries()[0].outcome == "404 Not Found"
    assert "removed GET /api/v1/user on 2020-01-06" in text
    assert "(--as-of)" in text


def test_endpoint_before_removal_needs_signin(qtbot, make_window, local_server):
    window = make_window(local_server.base_url, as_of=date(2020, 1, 5)).window

    window.flow.send("GET", USER)

    assert window.signin.active()
    assert window.flow.pending == ("GET", USER)
    window.signin.cancel()
    qtbot.waitUntil(lambda: not window.signin.active(), timeout=20_000)
