"""The context, the row type and the helpers that every row module uses.

A row module is a file `bench/row_<name>.py` with a function
`measure(context: Context) -> list[Row]`; `run_all` finds it by its name.
Each row reports a ratio to a baseline measured in the same run, so the
figure means the same on a slower or faster machine.
"""

from __future__ import annotations

import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


@dataclasses.dataclass(frozen=True)
class Row:
    """One line of the results table.

    `ratio` is measured / baseline. `limit` is the largest ratio that meets
    the target, and `passed` is True when the ratio is within it. The ratio
    cell holds only the ratio, such as "1.23×"; a missed target is marked
    in the measured cell.
    """

    figure: str
    baseline: str
    target: str
    measured: str
    ratio: float
    limit: float

    @property
    def passed(self) -> bool:
        return self.ratio <= self.limit

    def cells(self) -> list[str]:
        mark = "" if self.passed else " (over target)"
        return [self.figure, self.baseline, self.target, self.measured + mark,
                f"{self.ratio:.2f}×"]


@dataclasses.dataclass
class Context:
    """Inputs shared by the rows: the large body and the replica's address."""

    topictree_path: Path
    topictree_source: str
    base_url: str | None = None
    served_url: str | None = None
    notes: list[str] = dataclasses.field(default_factory=list)

    @property
    def topictree_size(self) -> int:
        return self.topictree_path.stat().st_size


def run_python(code: str, *args: str, timeout: float = 600) -> Any:
    """Run `code` in a fresh interpreter and return the JSON it prints last.

    A fresh process gives each measurement the same heap and garbage
    collector state, and its own peak memory.
    """
    result = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=REPO, capture_output=True,
        text=True, timeout=timeout, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_module(module: str, *args: str, timeout: float = 600) -> Any:
    """Run `python -m module args` with Qt offscreen; return the JSON it prints last.

    Each run gets an empty config folder, so no saved window state or
    history from the user or an earlier run changes what is measured.
    """
    with tempfile.TemporaryDirectory(prefix="ka-bench-") as config:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   KA_EXPLORER_CONFIG_DIR=config)
        result = subprocess.run(
            [sys.executable, "-m", module, *args], cwd=REPO, env=env,
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"benchmark child {module} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def median_seconds(function: Callable[[], object], repeat: int) -> float:
    """Return the median wall time of `repeat` calls of `function`."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def format_seconds(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.001:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1_000_000:.0f} µs"


def format_megabytes(count: float) -> str:
    return f"{count / 1_000_000:.1f} MB"
