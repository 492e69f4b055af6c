"""The QApplication, set up before any window exists."""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtWidgets import QApplication

from ka_explorer.ui.pyside_fixes import keep_none_alive

log = logging.getLogger(__name__)

# The value of Qt::AA_ShareOpenGLContexts, which a test compares with PySide6's.
SHARE_OPENGL_CONTEXTS = 18
_QT_CORE_LIBRARY = "libQt6Core.so.6"
# The mangled name of QCoreApplication::setAttribute(Qt::ApplicationAttribute,
# bool) under the Itanium C++ ABI, which GCC and Clang use on Linux.
_SET_ATTRIBUTE_SYMBOL = (
    "_ZN16QCoreApplication12setAttributeEN2Qt20ApplicationAttributeEb"
)


def create_application() -> QApplication:
    """Return the QApplication, creating it with the attributes QtWebEngine needs.

    QtWebEngine loads later, at the first sign-in, and requires shared OpenGL
    contexts to be set before the QApplication is created.
    """
    keep_none_alive()
    share_opengl_contexts()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ka-explorer")
    app.setApplicationDisplayName("KA Explorer")
    return app


def share_opengl_contexts() -> bool:
    """Set Qt::AA_ShareOpenGLContexts. Return True when Qt's library was
    called directly.

    PySide6 accepts the attribute only as a member of the `Qt` namespace. The
    first use of that namespace creates all of its 93 enums as Python enums,
    which took about 15 ms with PySide6 6.10.3 on a 2-core Linux machine,
    before the window can show. On Linux the Qt library that PySide6 has
    loaded exports the C++ function, so it is called with the attribute's
    value instead. On other systems, or when the library or the function is
    not found, the attribute is set through PySide6.
    """
    if sys.platform.startswith("linux"):
        try:
            library = ctypes.CDLL(_QT_CORE_LIBRARY)
            set_attribute = getattr(library, _SET_ATTRIBUTE_SYMBOL)
        except (OSError, AttributeError) as error:
            log.debug("Qt's setAttribute not found (%s); setting it through PySide6",
                      error)
        else:
            set_attribute.argtypes = [ctypes.c_int, ctypes.c_bool]
            set_attribute.restype = None
            set_attribute(SHARE_OPENGL_CONTEXTS, True)
            return True
    from PySide6.QtCore import QCoreApplication, Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    return False
