"""Search in the large tree: time to the first match, vs 100 ms.

"Typical" is the median over queries that occur in the document: a key,
a word of a title, a number and a string from the middle of the
document. "Last value" queries a string near the end of the document that
occurs only once, so it is found only at the end.
"No match" has to rule out every key and value.
"""

from __future__ import annotations

from bench.common import Context, Row, format_seconds, run_python

ORDER = 24

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
last = root
while last.child_count and last.child(last.child_count - 1).child_count:
    last = last.child(last.child_count - 1)
# The last string value that occurs only once, so it is found only at the end.
last_text = ""
for index in reversed(range(last.child_count)):
    text = last.child(index).value_text
    if last.child(index).kind == "string" and len(text) >= 6:
        if sum(1 for _ in search(doc, text)) == 1:
            last_text = text
            break
near_end = first_match(last_text)
started = time.perf_counter()
count = sum(1 for _ in search(doc, "no-such-text-q7x"))
full = time.perf_counter() - started
print(json.dumps({"typical": typical, "full": full, "queries": queries,
                  "last": near_end, "last_text": last_text}))
"""


def measure(context: Context) -> list[Row]:
    result = run_python(_MEASURED, str(context.topictree_path))
    queries = ", ".join(repr(query) for query in result["queries"])
    return [
        Row(
            figure=f"core only: first search match, typical (median of {queries})",
            baseline="100 ms target",
            target="≤ 100 ms",
            measured=format_seconds(result["typical"]),
            ratio=result["typical"] / TARGET,
            limit=1.0,
        ),
        Row(
            figure=f"core only: first search match of a value found only at the end "
                   f"({result['last_text']!r})",
            baseline="100 ms target",
            target="≤ 100 ms",
            measured=format_seconds(result["last"]),
            ratio=result["last"] / TARGET,
            limit=1.0,
        ),
        Row(
            figure="core only: search with no match (rules out every key and value)",
            baseline="100 ms target",
            target="≤ 100 ms",
            measured=format_seconds(result["full"]),
            ratio=result["full"] / TARGET,
            limit=1.0,
        ),
    ]
