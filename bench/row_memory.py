"""Peak memory above idle while receiving, parsing and showing a large body.

A fresh interpreter sends one small request and reads its resident set
size: that is idle. It then fetches the topic tree with `http.send` from
the replica (or reads the file when no replica runs) and shows the first
rows. The row reports its peak resident set size (VmHWM) above idle.

A second row, for context, reads and parses a flat array of 3 million
small objects (about 200 MiB) from a file written for the run. Its items
have no large arrays inside them to defer, so it measures the pieces that
a long array is kept in (`jsontree/pieces.py`).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from bench.common import Context, Row, format_megabytes, run_python

ORDER = 23

LIMIT = 4.0
FLAT_ITEMS = 3_000_000

_MEASURED = """
import gc, json, resource, sys
from ka_explorer.http import RequestSpec, send
from ka_explorer.jsontree import Document

source = sys.argv[1]

def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()

def peak_rss():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent
    # process across fork and exec.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024

def show(document):
    root = document.root
    for index in range(min(root.child_count, 100)):
        root.child(index).value_text

if source.startswith("http"):
    send(RequestSpec(url=source + "/api/v1/badges/categories"))
    gc.collect()
    idle = rss()
    exchange = send(RequestSpec(url=source + "/api/v1/topictree"), timeout=600)
    document, size = exchange.document, exchange.size
else:
    gc.collect()
    idle = rss()
    body = open(source, "rb").read()
    document, size = Document.parse(body), len(body)
show(document)
peak = peak_rss()
print(json.dumps({"idle": idle, "peak": peak, "steady": rss(), "size": size}))
"""


def measure(context: Context) -> list[Row]:
    source = context.base_url or str(context.topictree_path)
    result = run_python(_MEASURED, source)
    origin = "fetched with http.send" if context.base_url else "read from a file"
    rows = [_row(f"core only: peak memory above idle, body {origin} and parsed",
                 result, "≤ 4× body", LIMIT)]
    with tempfile.TemporaryDirectory(prefix="ka-bench-") as directory:
        flat = _write_flat_array(Path(directory) / "flat.json")
        result = run_python(_MEASURED, str(flat))
    rows.append(_row(
        f"core only: peak memory above idle, a flat array of "
        f"{FLAT_ITEMS:,} small objects read from a file and parsed",
        result, "context only", float("inf")))
    return rows


def _row(figure: str, result: dict[str, int], target: str, limit: float) -> Row:
    size = result["size"]
    above = result["peak"] - result["idle"]
    steady = result["steady"] - result["idle"]
    return Row(
        figure=figure,
        baseline=f"body size: {format_megabytes(size)}",
        target=target,
        measured=(f"{format_megabytes(above)} peak, "
                  f"{format_megabytes(steady)} after parsing"),
        ratio=above / size,
        limit=limit,
    )


def _write_flat_array(path: Path) -> Path:
    """Write `[{"id": 0, "name": "item 0", "value": 0.0, "ok": true}, ...]`."""
    with path.open("w", encoding="ascii") as out:
        out.write("[")
        for index in range(FLAT_ITEMS):
            if index:
                out.write(", ")
            out.write(json.dumps({"id": index, "name": f"item {index}",
                                  "value": index * 1.5, "ok": index % 2 == 0}))
        out.write("]")
    return path
