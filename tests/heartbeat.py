"""A timer on the UI thread that records the longest gap between its ticks."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

HEARTBEAT_MS = 10


class Heartbeat:
    """Records the longest gap between ticks of a timer on the UI thread.

    A gap much longer than HEARTBEAT_MS means the event loop was blocked.
    """

    def __init__(self, interval_ms: int = HEARTBEAT_MS) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timeout)

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _on_timeout(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now
