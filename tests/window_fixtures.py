"""Fixtures that every window test uses: no modal dialogs, no leaked threads.

Importing this module also sets what Qt needs before the QApplication exists.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from ka_explorer.http import cancel_watch
from ka_explorer.ui.messages import Dialogs
from ka_explorer.ui.pyside_fixes import keep_none_alive

# QtWebEngine needs shared OpenGL contexts, set before the QApplication exists.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

# PySide6 6.12.0 on Python 3.11 drops references to None (see the module).
keep_none_alive()


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
