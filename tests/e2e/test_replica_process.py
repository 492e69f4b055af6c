"""The window's replica child process ending under it, and its restart."""

from __future__ import annotations

import pytest

from ka_explorer.child_replica import ChildReplica
from tests.gui.window_keys import press_enter_in_url_bar


@pytest.fixture
def child_replica():
    running = ChildReplica.start()
    yield running
    running.stop()


def _send(qtbot, window, text: str):
    window.request_bar.set_url_text(text)
    with qtbot.waitSignal(window.response_shown, timeout=30_000) as shown:
        press_enter_in_url_bar(qtbot, window)
    return shown.args[0]


def test_ended_replica_named_then_restarted(qtbot, open_window, child_replica):
    window = open_window(child_replica).window
    child_replica.process.kill()
    child_replica.process.wait(timeout=10)

    failed = _send(qtbot, window, "/api/v1/badges/categories")
    message = window.status_area.text()
    window.actions.restart_replica.trigger()
    qtbot.waitUntil(lambda: "runs again" in window.status_area.text(), timeout=60_000)
    answered = _send(qtbot, window, "/api/v1/badges/categories")

    assert failed.error.kind == "connection_refused"
    assert message.startswith("The local replica has stopped (exit code -9)")
    assert "Request > Restart local replica" in message
    assert answered.status == 200
    assert window.session.base_url() == child_replica.base_url
    assert child_replica.base_url in window.request_bar.profile_state.full_text()
    assert child_replica.exit_code() is None
