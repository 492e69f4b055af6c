"""Work off the UI thread: a pool of tasks that report back through queued signals.

Each task runs a plain callable in a QThreadPool thread. Its result, or the
exception it raised, comes back to the UI thread as a signal, so slots never
run in the worker thread and never touch a half-built object.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Signals of one task; this object lives in the UI thread."""

    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()


class Task(QRunnable):
    """Calls `function(report, cancel)` in a pool thread.

    `report(value)` emits `progress` with any value; `cancel` is a
    threading.Event that the function polls to stop early.
    """

    def __init__(self, name: str, function: Callable[..., Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.name = name
        self.signals = TaskSignals()
        self.cancel_event = threading.Event()
        self._function = function

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        try:
            result = self._function(self.signals.progress.emit, self.cancel_event)
        except BaseException as error:  # noqa: BLE001 - handed to the UI as a message
            log.debug("Task %s failed: %r", self.name, error)
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.done.emit()


class TaskRunner(QObject):
    """Starts tasks on its own pool and keeps each one alive until it is done."""

    def __init__(self, max_threads: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        # Threads stay for the next task instead of ending after 30 s idle,
        # so a request after a pause starts no thread.
        self._pool.setExpiryTimeout(-1)
        self._running: set[Task] = set()

    def start(
        self,
        name: str,
        function: Callable[..., Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
    ) -> Task:
        task = Task(name, function)
        if on_success is not None:
            task.signals.succeeded.connect(on_success)
        if on_failure is not None:
            task.signals.failed.connect(on_failure)
        if on_progress is not None:
            task.signals.progress.connect(on_progress)
        task.signals.done.connect(lambda: self._on_task_done(task))
        self._running.add(task)
        self._pool.start(task)
        return task

    def running(self) -> list[Task]:
        return list(self._running)

    def cancel_all(self) -> None:
        for task in self._running:
            task.cancel()

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until every task has returned; True if they all did in time."""
        return self._pool.waitForDone(msecs)

    def active_thread_count(self) -> int:
        return self._pool.activeThreadCount()

    def _on_task_done(self, task: Task) -> None:
        self._running.discard(task)
