"""Fixtures for the window tests: no modal dialogs, no leaked threads."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QCoreApplication, QThreadPool, Qt

from ka_explorer.ui.messages import Dialogs

# QtWebEngine needs shared OpenGL contexts, set before the QApplication exists.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


@pytest.fixture(autouse=True)
def _no_modal_dialogs(qapp):
    Dialogs.switch_off()
    yield
    Dialogs.switch_on()


@pytest.fixture(autouse=True)
def _no_leaked_threads(request):
    """Fail a test that leaves a Python thread or a pool thread running."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5.0
    while time.monotonic() < deadline:
        leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        busy = QThreadPool.globalInstance().activeThreadCount()
        if not leaked and busy == 0:
            return
        QCoreApplication.processEvents()
        time.sleep(0.02)
    names = [thread.name for thread in leaked]
    pytest.fail(f"{request.node.name} left threads running: {names}, pool: {busy}")
