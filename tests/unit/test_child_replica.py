"""The window's replica in a child process: start, date, errors, stop, orphaning."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import requests

from ka_explorer.child_replica import ChildReplica, ReplicaStartError

REPO = Path(__file__).resolve().parents[2]


def process_ended(pid: int, timeout: float) -> bool:
    """Return True once no process has `pid` (a zombie counts as ended)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split()[2]
        except FileNotFoundError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def test_child_listens_and_stops() -> None:
    child = ChildReplica.start()
    categories = requests.get(f"{child.base_url}/api/v1/badges/categories", timeout=10)

    child.stop()

    assert child.base_url.startswith("http://127.0.0.1:")
    assert child.as_of == date(2020, 1, 5)
    assert categories.status_code == 200
    assert child.exit_code() == 0
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{child.base_url}/api/v1/badges/categories", timeout=2)


def test_child_takes_as_of_date() -> None:
    child = ChildReplica.start(as_of=date(2020, 2, 1))
    try:
        badges = requests.get(f"{child.base_url}/api/v1/badges", timeout=10)
    finally:
        child.stop()

    assert child.as_of == date(2020, 2, 1)
    assert badges.status_code == 404


def test_missing_recordings_fail_start(tmp_path: Path) -> None:
    missing = tmp_path / "absent.json"

    with pytest.raises(ReplicaStartError) as raised:
        ChildReplica.start(recordings=[missing])

    message = str(raised.value)
    assert message.startswith("The local replica could not start (exit code 1): ")
    assert str(missing) in message
    assert "ka-explorer: " not in message


def test_silent_child_times_out() -> None:
    silent = [sys.executable, "-c", "import sys; sys.stdin.read()"]

    started = time.monotonic()
    with pytest.raises(ReplicaStartError, match="did not start within 0.5 s"):
        ChildReplica.run(silent, timeout=0.5)

    assert time.monotonic() - started < 5


def test_child_without_output_reported() -> None:
    with pytest.raises(
        ReplicaStartError, match=r"ended \(exit code 3\) without output"
    ):
        ChildReplica.run([sys.executable, "-c", "raise SystemExit(3)"])


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the child")
def test_child_stops_when_parent_killed() -> None:
    script = (
        "import os, signal\n"
        "from ka_explorer.child_replica import ChildReplica\n"
        "child = ChildReplica.start()\n"
        "print(child.process.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    parent = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )
    child_pid = int(parent.stdout.split()[0])

    assert parent.returncode == -9
    assert process_ended(child_pid, timeout=10)
