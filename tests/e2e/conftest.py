"""Fixtures for end-to-end tests: the window on the replica, no leaked threads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from ka_explorer.http import cancel_watch
from ka_explorer.ui.messages import Dialogs
from ka_explorer.ui.pyside_fixes import keep_none_alive

# QtWebEngine needs shared OpenGL contexts, set before the QApplication exists.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
keep_none_alive()

RECORDINGS = Path(__file__).resolve().parents[2].parent / "shared" / "recordings"


@pytest.fixture(scope="session", autouse=True)
def _cancel_watch_thread():
    """Start the http layer's cancel-watch thread, which lives as long as the
    process, before the leak check of the first test looks at the threads."""
    cancel_watch.watcher.start()


@pytest.fixture(autouse=True)
def _checked_window_test(no_leaked_threads, qapp, _cancel_watch_thread):
    """Run each test with modal dialogs switched off and fail it on a leaked thread."""
    Dialogs.switch_off()
    yield
    Dialogs.switch_on()


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
