"""Search over a JSON document's keys and values, run in a worker thread.

A match is a route: the child positions from the top rows of the JSON tree
model down to the node, which `JsonTreeModel.index_for_route` turns into an
index. Matches go to the window in batches while the walk goes on, so the
first one shows long before a query found everywhere has been counted. No Qt
here: it runs in a worker and reads only parsed values.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ka_explorer.jsontree import search, search_batches

MAX_HITS = 10_000
# How long the walk waits, after its first batch, for the window to paint the
# first match. The walk holds the GIL, and a paint calls into Python for
# every cell, so painting alongside the walk took up to 200 ms.
FIRST_SHOWN_TIMEOUT_S = 0.5


@dataclass(frozen=True)
class SearchBatch:
    """Routes of matching nodes in document order, following earlier batches."""

    text: str
    routes: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class SearchResult:
    """The end of a search: how many matches, and whether the walk stopped early
    (at MAX_HITS, or cancelled)."""

    text: str
    count: int
    truncated: bool
    cancelled: bool


def stream_search(
    document,
    text: str,
    report: Callable[[SearchBatch], object],
    cancel: threading.Event,
    first_shown: threading.Event,
) -> SearchResult:
    """Find nodes whose key or scalar text contains `text`, ignoring case.

    Each batch of routes goes to `report`. After the first one the walk
    waits until `first_shown` is set, or FIRST_SHOWN_TIMEOUT_S at most.
    """
    count = 0
    for routes in _route_batches(document, text, cancel):
        routes = routes[: MAX_HITS - count]
        report(SearchBatch(text, routes))
        if count == 0:
            first_shown.wait(FIRST_SHOWN_TIMEOUT_S)
        count += len(routes)
        if count >= MAX_HITS:
            return SearchResult(text, count, True, False)
    return SearchResult(text, count, False, cancel.is_set())


def _route_batches(
    document, text: str, cancel: threading.Event
) -> Iterator[tuple[tuple[int, ...], ...]]:
    """Yield the routes of matching nodes in batches, each node once."""
    scalar_root = document.root.kind not in ("object", "array")
    last: tuple[int, ...] | None = None
    for batch in search_batches(search(document, text, cancel=cancel)):
        routes: list[tuple[int, ...]] = []
        for match in batch:
            route = (0,) if scalar_root else match.indexes
            if route != last:  # the key and the value of one node both matched
                routes.append(route)
                last = route
        if routes:
            yield tuple(routes)
