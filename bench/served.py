"""`ka-explorer serve` in a child process, for the rows that measure the window.

With the replica in another process, the window process runs only its own
threads, as it does against any remote API.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time

from bench.common import REPO

READY_TIMEOUT = 60.0


class ServedReplica:
    """The replica served by `python -m ka_explorer serve` on 127.0.0.1."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "ka_explorer", "serve",
                   "--port", str(self.port)]
        self.process = subprocess.Popen(
            command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def wait_ready(self) -> None:
        """Wait until the port accepts connections; raise if the server exits."""
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                stderr = self.process.stderr
                error = stderr.read().decode() if stderr is not None else ""
                raise RuntimeError(
                    f"ka-explorer serve exited with {self.process.returncode}: {error}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"ka-explorer serve did not listen on port {self.port} "
                           f"within {READY_TIMEOUT:.0f} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
