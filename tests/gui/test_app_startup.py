"""The window's staged start: the first frame, then the session and the replica."""

from __future__ import annotations

import threading

from ka_explorer import app
from ka_explorer.catalog import load_catalog
from ka_explorer.replica.timeline import DEFAULT_AS_OF
from ka_explorer.ui.replica_tools import STARTING_MESSAGE


class SlowReplica:
    """Stands in for a ChildReplica that listens once the test lets it."""

    def __init__(self, base_url: str) -> None:
        self.listening = threading.Event()
        self.stopped = False
        self._url = base_url
        self.base_url = ""
        self.as_of = None

    def wait_listening(self, timeout: float = 60.0) -> None:
        self.listening.wait(timeout)
        self.base_url = self._url
        self.as_of = DEFAULT_AS_OF

    def stop(self) -> None:
        self.stopped = True
        self.listening.set()


def test_replica_default_day_matches_replica() -> None:
    assert app.replica_default_day(load_catalog()) == DEFAULT_AS_OF


def test_first_frame_then_complete(qtbot, local_server) -> None:
    replica = SlowReplica(local_server.base_url)
    parts = app.show_first_frame(lambda: (replica, None), None)
    qtbot.addWidget(parts.window)
    window = parts.window

    first_frame_session = window.session
    qtbot.waitUntil(lambda: window.flow is not None, timeout=10_000)
    starting = window.status_area.text()
    replica.listening.set()
    qtbot.waitUntil(lambda: window.session.base_url() != "", timeout=10_000)

    assert first_frame_session is None
    assert window.endpoint_model.rowCount() > 0
    assert starting == STARTING_MESSAGE
    assert window.session.base_url() == local_server.base_url
    assert window.status_area.text() != STARTING_MESSAGE
    parts.close()


def test_request_waits_for_replica(qtbot, local_server) -> None:
    local_server.routes["/api/v1/badges"] = (200, "application/json", b"[1]")
    replica = SlowReplica(local_server.base_url)
    parts = app.show_first_frame(lambda: (replica, None), None)
    qtbot.addWidget(parts.window)
    window = parts.window
    qtbot.waitUntil(lambda: window.flow is not None, timeout=10_000)

    window.flow.send("GET", "/api/v1/badges")
    waiting = window.status_area.text()
    with qtbot.waitSignal(window.response_shown, timeout=10_000) as shown:
        replica.listening.set()

    assert "still starting" in waiting
    assert shown.args[0].status == 200
    assert shown.args[0].spec.url.startswith(local_server.base_url)
    parts.close()


def test_close_while_replica_starts(qtbot, local_server) -> None:
    replica = SlowReplica(local_server.base_url)
    parts = app.show_first_frame(lambda: (replica, None), None)
    qtbot.addWidget(parts.window)
    qtbot.waitUntil(lambda: parts.window.flow is not None, timeout=10_000)

    parts.close()

    assert replica.stopped
    assert parts.runner.active_thread_count() == 0


def test_failed_completion_shown_and_quits(qtbot, local_server, monkeypatch) -> None:
    def broken_flow(*args, **kwargs):
        raise RuntimeError("stored state unreadable")

    monkeypatch.setattr("ka_explorer.ui.request_flow.RequestFlow", broken_flow)
    replica = SlowReplica(local_server.base_url)
    parts = app.show_first_frame(lambda: (replica, None), None)
    qtbot.addWidget(parts.window)
    window = parts.window
    qtbot.waitUntil(lambda: window.built
                    and "could not finish" in window.status_area.text(),
                    timeout=10_000)

    message = window.status_area.text()
    window.actions.quit.trigger()

    assert "stored state unreadable" in message
    assert not window.isVisible()
    parts.close()
