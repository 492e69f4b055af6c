"""Large containers of the JSON tree, shown as rows of consecutive children.

A container with more than GROUP children shows them in ranges, such as
"[0 … 999]" and "[1000 … 1999]". A range of more than GROUP children shows
them in ranges again. So an array of 5 million items has 6 rows of a
million, each with 1000 rows of 1000 items, and no row of the tree has
more than GROUP children. QTreeView lays out every child of an expanded
row and requests each of them from the model. A row with millions of
children froze the window for a minute and took gigabytes, and the end of
such an array could not be reached.
"""

from __future__ import annotations

import itertools
from typing import Any

from ka_explorer.jsontree import dump_json
from ka_explorer.jsontree.deferred import DeferredArray, PiecedArray

GROUP = 1000


class ChildRange:
    """Children `start` to `stop - 1` of `container` (a jsontree Node)."""

    __slots__ = ("container", "start", "stop")
    kind = "range"
    is_container = True
    key = None

    def __init__(self, container: Any, start: int, stop: int) -> None:
        self.container = container
        self.start = start
        self.stop = stop

    def __repr__(self) -> str:
        return f"<ChildRange {self.label} of {self.container.path}>"

    @property
    def label(self) -> str:
        """The key column's text: "[1000 … 1999]", or "keys 1000 … 1999"."""
        last = self.stop - 1
        if self.container.kind == "array":
            return f"[{self.start} … {last}]"
        return f"keys {self.start} … {last}"

    @property
    def summary(self) -> str:
        noun = "item" if self.container.kind == "array" else "key"
        count = self.stop - self.start
        return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

    @property
    def path(self) -> str:
        """A JSONPath slice for an array range; the object's path otherwise."""
        if self.container.kind == "array":
            return f"{self.container.path}[{self.start}:{self.stop}]"
        return self.container.path

    def to_json(self, indent: int | None = 2) -> str:
        """Return the children as a JSON array, or an object for an object's.

        Reads the values without making nodes, so a worker may call it.
        """
        return dump_json(self._values(), indent)

    def _values(self) -> Any:
        value = self.container.value
        if isinstance(value, dict):
            return dict(itertools.islice(value.items(), self.start, self.stop))
        if type(value) is DeferredArray:
            value = value.load()
        if type(value) is PiecedArray:
            return [value.item(index) for index in range(self.start, self.stop)]
        return value[self.start:self.stop]


def row_count(holder: Any) -> int:
    """Return how many rows show the children of a container node or a range."""
    start, stop = _extent(holder)
    count = stop - start
    if count <= GROUP:
        return count
    span = _span(count)
    return -(-count // span)


def child_at(holder: Any, row: int) -> Any:
    """Return the node or the range that row `row` under `holder` shows."""
    start, stop = _extent(holder)
    container = _container(holder)
    if stop - start <= GROUP:
        return container.child(start + row)
    span = _span(stop - start)
    first = start + row * span
    return ChildRange(container, first, min(first + span, stop))


def row_toward(holder: Any, child: int) -> int:
    """Return the row under `holder` that is, or leads to, the container's
    child number `child`."""
    start, stop = _extent(holder)
    if stop - start <= GROUP:
        return child - start
    return (child - start) // _span(stop - start)


def _extent(holder: Any) -> tuple[int, int]:
    if isinstance(holder, ChildRange):
        return holder.start, holder.stop
    return 0, holder.child_count


def _container(holder: Any) -> Any:
    return holder.container if isinstance(holder, ChildRange) else holder


def _span(count: int) -> int:
    """Return the size of each range for `count` children: the smallest power
    of GROUP that shows them in at most GROUP ranges."""
    span = GROUP
    while span * GROUP < count:
        span *= GROUP
    return span
