"""Fixtures for the window tests: no modal dialogs, no leaked threads."""

from __future__ import annotations

import ctypes
import sys
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


# WORKAROUND: with PySide6 6.12.0 on Python 3.11, QModelIndex.data() returns
# None without adding a reference when the variant is invalid
# (ka_explorer/ui/model_data.py avoids it in the app). qtmodeltester makes
# thousands of such calls, and the interpreter aborts while it exits once
# None's count reaches zero. Raising the count directly keeps it above zero
# through finalization, where a list of references would be freed first.
if sys.version_info < (3, 12):  # None is immortal from Python 3.12 on
    ctypes.c_ssize_t.from_address(id(None)).value += 10_000_000
