"""The request bar's profile row: base URL and sign-in state."""

from __future__ import annotations

NARROW_SIZE = (1024, 640)
BASE_URL = "http://127.0.0.1:9"


def _narrow_window(qtbot, make_window):
    window = make_window(BASE_URL).window
    window.resize(*NARROW_SIZE)
    qtbot.waitUntil(lambda: window.size().toTuple() == NARROW_SIZE)
    qtbot.wait(50)
    return window


def test_state_readable_when_narrow(qtbot, make_window):
    window = _narrow_window(qtbot, make_window)
    state = window.request_bar.profile_state.state_label
    text_width = state.fontMetrics().horizontalAdvance(state.text())

    assert state.text() == " · not signed in"
    assert state.isVisible()
    assert state.width() >= text_width
    assert state.geometry().right() <= window.request_bar.profile_state.width()


def test_base_url_elided_when_narrow(qtbot, make_window):
    window = _narrow_window(qtbot, make_window)
    window.request_bar.set_profile_state("http://127.0.0.1:8441/" + "x" * 200
                                         + " · signed in")
    qtbot.wait(50)
    profile_state = window.request_bar.profile_state

    state = profile_state.state_label
    text_width = state.fontMetrics().horizontalAdvance(state.text())

    assert state.text() == " · signed in"
    assert state.width() >= text_width
    assert "…" in profile_state.base_label.text()
    assert profile_state.toolTip() == profile_state.full_text()
    assert profile_state.base_label.toolTip() == profile_state.full_text()


def test_full_text_base_then_state(qtbot, make_window):
    window = make_window(BASE_URL).window
    profile_state = window.request_bar.profile_state

    assert profile_state.full_text() == f"{BASE_URL} · not signed in"
    assert profile_state.base_label.text() == BASE_URL
