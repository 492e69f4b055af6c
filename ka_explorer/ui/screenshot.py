"""Screenshot mode: wait for the response to render, save a PNG, quit."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

SETTLE_MS = 400
SCREENSHOT_SIZE = (1360, 860)


class ScreenshotTaker(QObject):
    """Save `window` to `path` once a response shows, then quit (1 on timeout)."""

    def __init__(self, window, path: str, timeout_s: float) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        # The same picture whatever size and splitters the last session saved.
        window.resize(*SCREENSHOT_SIZE)
        window.use_default_layout()
        window.response_shown.connect(self._on_window_response_shown)
        window.signin.dialog_opened.connect(self._on_signin_dialog_opened)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._timer.start(int(timeout_s * 1000))

    def _on_window_response_shown(self, _exchange) -> None:
        self._timer.stop()
        QTimer.singleShot(SETTLE_MS, self._save)

    def _save(self) -> None:
        pixmap = self.window.grab()
        if not pixmap.save(self.path, "PNG"):
            print(
                f"ka-explorer: could not write the screenshot {self.path}; "
                "check that its folder exists and is writable.",
                file=sys.stderr,
            )
            QApplication.instance().exit(1)
            return
        log.info("Saved screenshot %s", self.path)
        self.window.close()
        QApplication.instance().exit(0)

    def _on_signin_dialog_opened(self, _dialog) -> None:
        self._timer.stop()
        print(
            "ka-explorer: the request needs sign-in, which screenshot mode cannot do; "
            "run `ka-explorer login` first (the token is kept in the OS keyring), "
            "or open an endpoint without a padlock.",
            file=sys.stderr,
        )
        self.window.close()
        QApplication.instance().exit(1)

    def _on_timeout(self) -> None:
        print(
            "ka-explorer: the response did not show in time; no screenshot saved.",
            file=sys.stderr,
        )
        self.window.close()
        QApplication.instance().exit(1)
