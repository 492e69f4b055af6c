"""The QApplication, set up before any window exists."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from ka_explorer.ui.pyside_fixes import keep_none_alive


def create_application() -> QApplication:
    """Return the QApplication, creating it with the attributes QtWebEngine needs.

    QtWebEngine loads later, at the first sign-in, and requires shared OpenGL
    contexts to be set before the QApplication is created.
    """
    keep_none_alive()
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ka-explorer")
    app.setApplicationDisplayName("KA Explorer")
    return app
