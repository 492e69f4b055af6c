"""The window in a child process on a real X server, for keys sent with xdotool.

Run as `python -m tests.e2e.x11_window BASE_URL` with DISPLAY set. It prints
"ready" once the window has the keyboard focus, then replies to each line
"state" on standard input with one JSON line: the focus widget's object
name, the URL bar and filter texts, the history rows and whether the
sign-in dialog is open. Standard input at end of file closes the window.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date

os.environ["QT_QPA_PLATFORM"] = "xcb"


def main(base_url: str) -> int:
    from PySide6.QtCore import QCoreApplication, QSocketNotifier, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from ka_explorer.app import build_window
    from ka_explorer.oauth1.secret_store import MemorySecretStore

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    parts = build_window(
        replica=_StandIn(base_url), secret_store=MemorySecretStore(), today=date.today()
    )
    window = parts.window
    window.show()
    window.activateWindow()

    def report_ready() -> None:
        if window.isActiveWindow():
            print("ready", flush=True)
        else:
            QTimer.singleShot(50, report_ready)

    def on_input() -> None:
        line = sys.stdin.readline()
        if not line:
            notifier.setEnabled(False)
            parts.window.signin.cancel()
            parts.close()
            app.quit()
            return
        print(json.dumps(_state(window, QApplication.focusWidget())), flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(on_input)
    QTimer.singleShot(0, report_ready)
    return app.exec()


class _StandIn:
    """The replica as the window uses it: a base URL and a date."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.as_of = None

    def stop(self) -> None:
        pass


def _state(window, focused) -> dict:
    dialog = window.signin.dialog
    open_dialog = dialog is not None and dialog.isVisible()
    widgets = {
        "url_box": window.request_bar.url_box,
        "filter_box": window.endpoint_panel.filter_box,
        "page": dialog.view if open_dialog else None,
    }
    return {
        "focus": focused.objectName() if focused is not None else None,
        "url": window.request_bar.url_text(),
        "filter": window.endpoint_panel.filter_box.text(),
        "history": [[e.url, e.outcome] for e in window.history_model.entries()],
        "dialog_open": open_dialog,
        "centers": {
            name: _center(widget) for name, widget in widgets.items() if widget
        },
    }


def _center(widget) -> list[int]:
    """Return the widget's centre in screen coordinates, for xdotool."""
    point = widget.mapToGlobal(widget.rect().center())
    return [point.x(), point.y()]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
