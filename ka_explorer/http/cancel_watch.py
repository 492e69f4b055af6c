"""One thread that shuts down the sockets of cancelled exchanges.

An exchange's thread cannot check its cancel event while it blocks in a
socket call, waiting for a slow server. This thread checks the events of
the running exchanges every POLL_SECONDS and shuts a cancelled exchange's
socket down, so that the blocked call returns at once. One thread serves
every exchange of the process, started with the first one, and it sleeps
while no exchange runs: no thread starts per request.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Any

POLL_SECONDS = 0.05


class Watch:
    """The cancel event of one running exchange and the connections it used."""

    __slots__ = ("cancel", "connections", "done")

    def __init__(self, cancel: threading.Event) -> None:
        self.cancel = cancel
        self.connections: list[Any] = []
        self.done = False


class CancelWatcher:
    """Watches the cancel events of running exchanges from one daemon thread."""

    def __init__(self, poll_seconds: float = POLL_SECONDS) -> None:
        self._poll_seconds = poll_seconds
        self._condition = threading.Condition()
        self._watches: list[Watch] = []
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the watching thread, unless it runs already."""
        with self._condition:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="send-cancel", daemon=True
                )
                self._thread.start()

    def watch(self, cancel: threading.Event) -> Watch:
        """Start watching `cancel`; the caller appends the connections it uses."""
        self.start()
        watch = Watch(cancel)
        with self._condition:
            self._watches.append(watch)
            self._condition.notify()
        return watch

    def unwatch(self, watch: Watch) -> None:
        with self._condition:
            if watch in self._watches:
                self._watches.remove(watch)

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._watches:
                    self._condition.wait()
                watches = list(self._watches)
            for watch in watches:
                if watch.cancel.is_set() and not watch.done:
                    watch.done = True
                    _shut_down(watch.connections)
            with self._condition:
                self._condition.wait(self._poll_seconds)


def _shut_down(connections: list[Any]) -> None:
    sock = getattr(connections[-1], "sock", None) if connections else None
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


watcher = CancelWatcher()
