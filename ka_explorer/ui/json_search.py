"""Search over a JSON document's keys and values, run in a worker thread.

A hit is a route: the child positions from the top rows of the JSON tree
model down to the node, which `JsonTreeModel.index_for_route` turns into an
index. No Qt here, so the walk can run in any thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

MAX_HITS = 10_000
CONTAINERS = ("object", "array")


@dataclass(frozen=True)
class SearchResult:
    """Routes of the matching nodes in document order, and whether the walk stopped early."""

    text: str
    routes: tuple[tuple[int, ...], ...]
    truncated: bool
    cancelled: bool


def search_document(document, text: str, cancel: threading.Event) -> SearchResult:
    """Find nodes whose key or scalar value contains `text`, ignoring case."""
    needle = text.casefold()
    routes: list[tuple[int, ...]] = []
    root = document.root
    if root.kind in CONTAINERS:
        stack = [(root.child(i), (i,)) for i in reversed(range(root.child_count))]
    else:
        stack = [(root, (0,))]
    while stack:
        if cancel.is_set():
            return SearchResult(text, tuple(routes), False, True)
        node, route = stack.pop()
        if _matches(node, needle):
            routes.append(route)
            if len(routes) >= MAX_HITS:
                return SearchResult(text, tuple(routes), True, False)
        if node.kind in CONTAINERS:
            count = node.child_count
            stack.extend((node.child(i), (*route, i)) for i in reversed(range(count)))
    return SearchResult(text, tuple(routes), False, False)


def _matches(node, needle: str) -> bool:
    key = node.key
    if isinstance(key, str) and needle in key.casefold():
        return True
    if node.kind in CONTAINERS:
        return False
    return needle in node.value_text.casefold()
