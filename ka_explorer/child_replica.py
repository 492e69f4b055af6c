"""The window's replica, run by `ka-explorer serve` in a child process.

In the window's own process the replica's threads compete with the UI thread
for the GIL, and the UI thread stalled for up to about 80 ms while the
replica served `/api/v1/topictree` (see docs/window.md). A child process
keeps that work off the window's interpreter.

The child runs `ka-explorer serve` on 127.0.0.1 and a free port. Its first
output line names the base URL and the date. A thread reads the output and
logs it. The child also reads its standard input, which the parent never
writes, and stops at end of file: when the window closes it, or when the
window's process ends in any way, crashes included.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from ka_explorer.errors import KaExplorerError

log = logging.getLogger(__name__)
request_log = logging.getLogger("ka_explorer.replica.requests")

START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
# The first line of `ka-explorer serve`, for example:
# "Khan Academy API v1 replica on http://127.0.0.1:8123 (as of 2020-01-05)"
BANNER = re.compile(r" on (?P<url>http://\S+) \(as of (?P<as_of>\d{4}-\d{2}-\d{2})\)")
MAX_KEPT_LINES = 20


class ReplicaStartError(KaExplorerError):
    """The replica's child process ended or stayed silent before it listened."""


class ChildReplica:
    """`ka-explorer serve` in a child process, stopped by `stop()` or our exit."""

    def __init__(
        self, process: subprocess.Popen[str], command: Sequence[str] = ()
    ) -> None:
        self.command = list(command)
        self._attach(process)

    def _attach(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.base_url = ""
        self.as_of: date | None = None
        self._stopping = False
        self._early_lines: list[str] = []
        self._listening = threading.Event()
        self._output_ended = threading.Event()
        self._reader = threading.Thread(
            target=self._read_output,
            args=(process,),
            name="child-replica-output",
            daemon=True,
        )
        self._reader.start()

    @classmethod
    def start(
        cls,
        as_of: date | None = None,
        recordings: Iterable[Path | str] = (),
        timeout: float = START_TIMEOUT_S,
    ) -> ChildReplica:
        """Start the child and wait until it listens; raise ReplicaStartError."""
        child = cls.spawn(as_of, recordings)
        child.wait_listening(timeout)
        return child

    @classmethod
    def spawn(
        cls, as_of: date | None = None, recordings: Iterable[Path | str] = ()
    ) -> ChildReplica:
        """Start the child and return at once; `wait_listening` waits for it.

        `base_url` is "" and `as_of` None until the child listens.
        """
        command = [sys.executable, "-m", __name__, *serve_options(as_of, recordings)]
        return cls(_spawn(command), command)

    @classmethod
    def run(
        cls, command: Sequence[str], timeout: float = START_TIMEOUT_S
    ) -> ChildReplica:
        """Run `command`, which prints serve's banner, and wait until it listens."""
        child = cls(_spawn(command), command)
        child.wait_listening(timeout)
        return child

    def restart(self, timeout: float = START_TIMEOUT_S) -> None:
        """Stop the child if it still runs, start the same command again and wait
        until it listens; raise ReplicaStartError. The port usually changes."""
        self.stop()
        self._attach(_spawn(self.command))
        self.wait_listening(timeout)

    def stop(self) -> None:
        """Close the child's input so it stops, and wait for it (then kill it)."""
        self._stopping = True
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            log.warning(
                "The replica (pid %d) did not stop; killing it", self.process.pid
            )
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT_S)
        # An event, not Thread.join: join registers a dummy Thread object for
        # a caller that the threading module did not start, such as a Qt
        # worker thread that restarts the replica.
        self._output_ended.wait(timeout=STOP_TIMEOUT_S)
        log.info("Replica on %s stopped", self.base_url or "(not listening)")

    def exit_code(self) -> int | None:
        """Return the child's exit code, or None while it runs."""
        return self.process.poll()

    def wait_listening(self, timeout: float = START_TIMEOUT_S) -> None:
        """Block until the child listens; raise ReplicaStartError when it ends
        first or stays silent for `timeout` seconds."""
        if self._listening.wait(timeout) and self.base_url:
            log.info(
                "Replica listening on %s (pid %d)", self.base_url, self.process.pid
            )
            return
        if self._listening.is_set():  # the output ended: the child is exiting
            self._wait_exit()
        code = self.process.poll()
        if code is None:
            self.stop()
            raise ReplicaStartError(
                f"The local replica did not start within {timeout:g} s. "
                "Start KA Explorer again; if this repeats, run `ka-explorer serve` "
                "in a terminal to see why."
            )
        if not self._early_lines:
            raise ReplicaStartError(
                f"The local replica ended (exit code {code}) without output. "
                "Run `ka-explorer serve` in a terminal to see why."
            )
        reason = self._early_lines[-1].removeprefix("ka-explorer: ")
        raise ReplicaStartError(
            f"The local replica could not start (exit code {code}): {reason}"
        )

    def _wait_exit(self) -> None:
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            pass

    def _read_output(self, process: subprocess.Popen[str]) -> None:
        ended = self._output_ended
        try:
            self._read_lines(process)
        finally:
            ended.set()

    def _read_lines(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if process is not self.process:
                return  # a restart replaced this child while its output lasted
            self._on_output_line(line.rstrip("\n"))
        if process is not self.process:
            return
        listened = self._listening.is_set()
        self._listening.set()  # the child ended: nobody waits for a banner now
        if listened and not self._stopping:
            self._wait_exit()
            log.warning(
                "The replica on %s (pid %d) ended with exit code %s",
                self.base_url,
                self.process.pid,
                self.process.poll(),
            )

    def _on_output_line(self, line: str) -> None:
        if self._listening.is_set():
            request_log.debug("%s", line)
            return
        found = BANNER.search(line)
        if found is None:
            self._early_lines = [*self._early_lines, line][-MAX_KEPT_LINES:]
            return
        self.base_url = found["url"]
        self.as_of = date.fromisoformat(found["as_of"])
        self._listening.set()


def _spawn(command: Sequence[str]) -> subprocess.Popen[str]:
    log.info("Starting the replica: %s", " ".join(command))
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def serve_options(as_of: date | None, recordings: Iterable[Path | str]) -> list[str]:
    """Return the `ka-explorer serve` options for a replica on a free loopback port."""
    options = ["--host", "127.0.0.1", "--port", "0"]
    if as_of is not None:
        options += ["--as-of", as_of.isoformat()]
    for path in recordings:
        options += ["--recordings", str(path)]
    return options


def child_main(argv: Sequence[str]) -> int:
    """Run `ka-explorer serve` with `argv` until the parent closes our input."""
    threading.Thread(
        target=_stop_at_end_of_input, name="parent-watch", daemon=True
    ).start()
    from ka_explorer.cli import main

    return main(["serve", *argv])


def _stop_at_end_of_input() -> None:
    # os.read, not sys.stdin: a daemon thread blocked inside a buffered reader
    # makes the interpreter abort at exit (it cannot take the reader's lock).
    while os.read(sys.stdin.fileno(), 4096):
        pass
    # `serve` turns SIGTERM into a clean stop; on Windows this ends the process.
    os.kill(os.getpid(), signal.SIGTERM)


if __name__ == "__main__":
    raise SystemExit(child_main(sys.argv[1:]))
