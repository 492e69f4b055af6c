"""The real main window in a benchmark child process, and tools to time it.

Only child processes import this module: it loads Qt. `run_module` in
`bench.common` starts them with QT_QPA_PLATFORM=offscreen and an empty
config folder. The window is `ka_explorer.app.build_window` with a memory
secret store, on a replica given by its base URL, at the size that
screenshot mode uses.
"""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ka_explorer.app import WindowParts, build_window
from ka_explorer.oauth1.secret_store import MemorySecretStore
from ka_explorer.ui.application import create_application

WINDOW_SIZE = (1360, 860)
SMALL_PATH = "/api/v1/badges/categories"
LARGE_PATH = "/api/v1/topictree"
TIMEOUT_S = 300.0


class ReplicaAddress:
    """Stands in for a running replica: `build_window` reads only `base_url`."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def stop(self) -> None:
        pass


def open_window(base_url: str, send_function: Callable[..., Any] | None = None,
                ) -> WindowParts:
    """Build the main window on `base_url`, show it and wait until it is exposed."""
    create_application()
    parts = build_window(secret_store=MemorySecretStore(),
                         replica=ReplicaAddress(base_url), today=date(2019, 12, 1),
                         send_function=send_function)
    parts.window.resize(*WINDOW_SIZE)
    parts.window.show()
    if not QTest.qWaitForWindowExposed(parts.window, 10_000):
        raise RuntimeError("the main window was not exposed within 10 s")
    return parts


def wait_for(signal: Any, start: Callable[[], object] | None = None,
             timeout_s: float = TIMEOUT_S) -> tuple[float, tuple[Any, ...]]:
    """Call `start`, then run the event loop until `signal` fires.

    Returns the `time.perf_counter()` at which the signal fired and its
    arguments. The slot runs on the UI thread, as the window's own slots do.
    """
    loop = QEventLoop()
    fired: list[tuple[float, tuple[Any, ...]]] = []

    def on_signal(*args: Any) -> None:
        if not fired:
            fired.append((time.perf_counter(), args))
        loop.quit()

    signal.connect(on_signal)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    if start is not None:
        start()
    if not fired:
        loop.exec()
    signal.disconnect(on_signal)
    if not fired:
        raise TimeoutError(f"no signal within {timeout_s:.0f} s")
    return fired[0]


def show_response(parts: WindowParts, path: str) -> tuple[Any, float]:
    """Send `path` as the Send button does; return the exchange and the time
    `response_shown` fired (after the first paint of the new rows)."""
    window = parts.window
    shown_at, (exchange,) = wait_for(window.response_shown,
                                     lambda: window.flow.send("GET", path))
    if exchange.error is not None:
        raise RuntimeError(f"GET {path} failed: {exchange.error.message}")
    return exchange, shown_at


def wait_background_tasks(parts: WindowParts) -> None:
    """Run the event loop until the window's worker tasks have finished, such
    as formatting the Raw preview, so that they do not run into the next step."""
    deadline = time.monotonic() + TIMEOUT_S
    while parts.runner.running():
        if time.monotonic() > deadline:
            raise TimeoutError(f"window tasks still running after {TIMEOUT_S:.0f} s")
        QTest.qWait(5)


def settle(milliseconds: int) -> None:
    """Run the event loop for a while, so deferred work and paints finish."""
    QTest.qWait(milliseconds)


class PaintWatch(QObject):
    """Records the `time.perf_counter()` of each paint event of a widget.

    The time is taken when the event arrives, just before the widget paints.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.painted = 0
        self.last_paint = 0.0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.painted += 1
            self.last_paint = time.perf_counter()
        return False

    def run_until_painted(self, timeout_s: float = 5.0) -> bool:
        """Process events until a paint event has been delivered and handled.

        Returns False when no paint came within `timeout_s`.
        """
        before = self.painted
        deadline = time.perf_counter() + timeout_s
        application = QApplication.instance()
        while self.painted == before:
            application.processEvents()
            if time.perf_counter() > deadline:
                return False
        return True

    def run_until_painted_after(self, moment: float, timeout_s: float = 5.0) -> float:
        """Process events until a paint that started after `moment` has been
        handled; return the time when it was handled."""
        deadline = time.perf_counter() + timeout_s
        application = QApplication.instance()
        while self.last_paint <= moment:
            application.processEvents()
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no paint within {timeout_s:.0f} s")
        return time.perf_counter()


class Heartbeat(QObject):
    """A timer on the UI thread that records the longest gap between its ticks."""

    def __init__(self, interval_ms: int) -> None:
        super().__init__()
        self.interval_ms = interval_ms
        self.longest = 0.0
        self.ticks = 0
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._on_timer_timeout()

    def _on_timer_timeout(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self.ticks += 1
        self._last = now


def resident_bytes() -> int:
    """Return the resident set size of this process now."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def peak_resident_bytes() -> int:
    """Return the largest resident set size this process has had (VmHWM).

    Not `ru_maxrss`: Linux carries that over from the parent across fork and
    exec, so a child of a large process would report the parent's size.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("/proc/self/status has no VmHWM line")


def report(result: dict[str, Any]) -> None:
    """Print the result as the last line of output, for `run_module` to read."""
    print(json.dumps(result), flush=True)
