"""The attribute that QtWebEngine needs is set before the QApplication exists."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# The attribute has effect only before the QApplication exists, and the test
# process already has one, so each check runs in a fresh interpreter. The
# check prints whether Qt's library was called directly, then whether the
# QApplication has the attribute.
_CHECK = """
import sys
from PySide6.QtWidgets import QApplication
from ka_explorer.ui import application

if sys.argv[1] == "pyside":
    application.sys.platform = "other"
if sys.argv[1] == "create":
    direct = None
    application.create_application()
else:
    direct = application.share_opengl_contexts()
    QApplication([])
from PySide6.QtCore import QCoreApplication, Qt

print(direct, QCoreApplication.testAttribute(
    Qt.ApplicationAttribute.AA_ShareOpenGLContexts))
"""


def _check(route: str) -> str:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    finished = subprocess.run(
        [sys.executable, "-c", _CHECK, route], env=environment, capture_output=True,
        text=True, timeout=60, check=True,
    )
    return finished.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="the direct call is made on Linux only")
def test_attribute_set_by_qt_library() -> None:
    assert _check("direct") == "True True"


def test_attribute_set_through_pyside() -> None:
    assert _check("pyside") == "False True"


def test_created_application_has_attribute() -> None:
    assert _check("create") == "None True"


def test_attribute_value_matches_pyside() -> None:
    from PySide6.QtCore import Qt

    from ka_explorer.ui.application import SHARE_OPENGL_CONTEXTS

    assert Qt.ApplicationAttribute.AA_ShareOpenGLContexts.value == SHARE_OPENGL_CONTEXTS
