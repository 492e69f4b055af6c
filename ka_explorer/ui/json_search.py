"""Search over a JSON document's keys and values, run in a worker thread.

A hit is a route: the child positions from the top rows of the JSON tree
model down to the node, which `JsonTreeModel.index_for_route` turns into an
index. No Qt here: it runs in a worker and reads only parsed values.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ka_explorer.jsontree import search

MAX_HITS = 10_000


@dataclass(frozen=True)
class SearchResult:
    """Routes of the matching nodes in document order; whether the walk stopped."""

    text: str
    routes: tuple[tuple[int, ...], ...]
    truncated: bool
    cancelled: bool


def search_document(document, text: str, cancel: threading.Event) -> SearchResult:
    """Find nodes whose key or scalar text contains `text`, ignoring case."""
    scalar_root = document.root.kind not in ("object", "array")
    routes: list[tuple[int, ...]] = []
    for match in search(document, text, cancel=cancel):
        route = (0,) if scalar_root else match.indexes
        if routes and routes[-1] == route:
            continue  # the key and the value of one node both matched
        routes.append(route)
        if len(routes) >= MAX_HITS:
            return SearchResult(text, tuple(routes), True, False)
    return SearchResult(text, tuple(routes), False, cancel.is_set())
