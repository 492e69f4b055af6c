"""How long another thread waits while a worker parses the large body.

A thread that sleeps 1 ms in a loop records the longest gap between its
wake-ups while the main thread runs `json.loads` (one C call that holds
the GIL) and then `Document.parse` (which hands the GIL over between
pieces). The window's own UI-thread stall row measures the whole window.
"""

from __future__ import annotations

from bench.common import Context, Row, format_seconds, run_python

ORDER = 21

_MEASURED = """
import json, sys, threading, time
from ka_explorer.jsontree import Document

body = open(sys.argv[1], "rb").read()
parse = json.loads if sys.argv[2] == "json" else Document.parse
gaps, stop = [], threading.Event()

def heartbeat():
    last = time.perf_counter()
    while not stop.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now

thread = threading.Thread(target=heartbeat)
thread.start()
time.sleep(0.05)
parse(body)
time.sleep(0.05)
stop.set()
thread.join()
print(max(gaps))
"""


def measure(context: Context) -> list[Row]:
    path = str(context.topictree_path)
    baseline = run_python(_MEASURED, path, "json")
    measured = run_python(_MEASURED, path, "document")
    return [Row(
        figure="core only: longest wait of another thread while parsing (GIL held)",
        baseline=f"during json.loads: {format_seconds(baseline)}",
        target="context only",
        measured=format_seconds(measured),
        ratio=measured / baseline,
        limit=float("inf"),
    )]
