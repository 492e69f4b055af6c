"""How a sign-in ends in the History tab: the waiting row takes the outcome."""

from __future__ import annotations

from tests.e2e.window_driver import deny_access, open_sign_in, sign_in


def test_signed_in_row_gets_response(qtbot, open_window, replica):
    window = open_window(replica).window
    window.request_bar.set_url_text("/api/v1/user")
    dialog = open_sign_in(qtbot, window)
    waiting = window.history_model.entry_at(0)

    with qtbot.waitSignal(window.response_shown, timeout=30_000):
        sign_in(qtbot, dialog)

    rows = window.history_model.entries()
    assert waiting.outcome == "waiting for sign-in"
    assert len(rows) == 1
    assert rows[0].outcome == "200 OK"
    assert rows[0].ok


def test_denied_row_says_denied(qtbot, open_window, replica):
    window = open_window(replica).window
    window.request_bar.set_url_text("/api/v1/user")
    dialog = open_sign_in(qtbot, window)

    deny_access(qtbot, window, dialog)
    waiting = "waiting for sign-in"
    qtbot.waitUntil(lambda: window.history_model.entry_at(0).outcome != waiting)

    row = window.history_model.entry_at(0)
    assert row.outcome == "access denied"
    assert not row.ok
