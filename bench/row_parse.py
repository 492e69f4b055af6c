"""First paint without a window: parse + index + the first rows, vs json.loads.

Each run is a fresh interpreter, so both sides start with the same heap and
garbage collector state. The row reports the median of the runs.
"""

from __future__ import annotations

import statistics

from bench.common import Context, Row, format_seconds, run_python

ORDER = 20

RUNS = 5
FIRST_ROWS = 100

_BASELINE = """
import json, sys, time
body = open(sys.argv[1], "rb").read()
started = time.perf_counter()
json.loads(body)
print(time.perf_counter() - started)
"""

_MEASURED = """
import sys, time
from ka_explorer.jsontree import Document
body = open(sys.argv[1], "rb").read()
started = time.perf_counter()
root = Document.parse(body).root
for index in range(min(root.child_count, FIRST_ROWS)):
    node = root.child(index)
    (node.kind, node.key, node.value_text, node.child_count, node.path)
print(time.perf_counter() - started)
""".replace("FIRST_ROWS", str(FIRST_ROWS))


def measure(context: Context) -> list[Row]:
    path = str(context.topictree_path)
    baseline, measured = [], []
    for _ in range(RUNS):
        baseline.append(run_python(_BASELINE, path))
        measured.append(run_python(_MEASURED, path))
    base, mine = statistics.median(baseline), statistics.median(measured)
    return [Row(
        figure="core only: parse, index and first rows, no window",
        baseline=f"json.loads of the same bytes: {format_seconds(base)}",
        target="≤ 1.5×",
        measured=format_seconds(mine),
        ratio=mine / base,
        limit=1.5,
    )]
