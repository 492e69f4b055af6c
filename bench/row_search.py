"""Search in the large tree: time to the first match, vs 100 ms.

"Typical" is the median over queries that occur in the document: a key,
a word of a title, a number and a string from the middle of the
document. "No match" walks every key and value, which bounds the time
to the first match of any query.
"""

from __future__ import annotations

from bench.common import Context, Row, format_seconds, run_python

ORDER = 40

TARGET = 0.100

_MEASURED = """
import json, statistics, sys, time
from ka_explorer.jsontree import Document, search

doc = Document.parse(open(sys.argv[1], "rb").read())
root = doc.root
middle = root
while middle.child_count:
    middle = middle.child(middle.child_count // 2)
queries = ["title", "Topic", middle.value_text[:12] or "a", "1"]

def first_match(query):
    started = time.perf_counter()
    next(search(doc, query), None)
    return time.perf_counter() - started

typical = statistics.median(first_match(query) for query in queries)
started = time.perf_counter()
count = sum(1 for _ in search(doc, "no-such-text-q7x"))
full = time.perf_counter() - started
print(json.dumps({"typical": typical, "full": full, "queries": queries}))
"""


def measure(context: Context) -> list[Row]:
    result = run_python(_MEASURED, str(context.topictree_path))
    queries = ", ".join(repr(query) for query in result["queries"])
    return [
        Row(
            figure=f"first search match, typical (median of {queries})",
            baseline="100 ms target",
            target="≤ 100 ms",
            measured=format_seconds(result["typical"]),
            ratio=result["typical"] / TARGET,
            limit=1.0,
        ),
        Row(
            figure="search with no match (walks every key and value)",
            baseline="100 ms target",
            target="≤ 100 ms",
            measured=format_seconds(result["full"]),
            ratio=result["full"] / TARGET,
            limit=1.0,
        ),
    ]
