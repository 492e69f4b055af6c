"""Fixtures for end-to-end tests: the window on the replica, no leaked threads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.window_fixtures import (  # noqa: F401 - fixtures for every test here
    _cancel_watch_thread,
    _checked_window_test,
)

RECORDINGS = Path(__file__).resolve().parents[2].parent / "shared" / "recordings"


@pytest.fixture
def open_window(qtbot):
    """Build the window on a running replica with a memory secret store."""
    from ka_explorer.app import build_window
    from ka_explorer.oauth1.secret_store import MemorySecretStore

    built = []

    def make(replica, today=date(2019, 12, 1), **options):
        options.setdefault("secret_store", MemorySecretStore())
        parts = build_window(replica=replica, today=today, **options)
        qtbot.addWidget(parts.window)
        parts.window.show()
        built.append(parts)
        return parts

    yield make
    for parts in built:
        parts.window.signin.cancel()
        parts.window.close()
        parts.runner.wait_idle()


@pytest.fixture(scope="module")
def recorded_replica():
    """A replica that replays the recordings beside the repository."""
    if not RECORDINGS.is_dir():
        pytest.skip(f"recordings not found at {RECORDINGS}")
    from ka_explorer.replica import start_replica

    running = start_replica(recordings=[RECORDINGS])
    yield running
    running.stop()
