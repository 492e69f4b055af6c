"""Download progress of a running request, passed from its worker to the UI."""

from __future__ import annotations

import time

PROGRESS_INTERVAL_S = 0.05


class Throttle:
    """Passes download progress on at most every PROGRESS_INTERVAL_S seconds.

    Nothing goes out in the first interval, so a short request sends no
    progress to the UI thread, whose slot would compete with the worker for
    the GIL. A request that reported progress reports its last chunk too.
    `downloaded` turns True at the last chunk of a body of known length. The
    worker thread writes it and the UI thread reads it, without a signal.
    """

    def __init__(self) -> None:
        self.report = None  # the task's progress signal, set in the worker
        self.downloaded = False
        self._last = time.monotonic()
        self._reported = False

    def __call__(self, received: int, total: int | None) -> None:
        now = time.monotonic()
        last_chunk = received == total
        self.downloaded = last_chunk
        if now - self._last >= PROGRESS_INTERVAL_S or (last_chunk and self._reported):
            self._last = now
            self._reported = True
            self.report((received, total))


def progress_numbers(values) -> tuple[int, int | None]:
    """Return the (received, total) pair of a progress report as integers."""
    received, total = values
    return int(received), (int(total) if total else None)
