"""Substring search over the keys and values of a document, in document order."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ka_explorer.jsontree.document import Document, Node, scalar_text
from ka_explorer.jsontree.jsonpath import format_path

KEY, VALUE = "key", "value"
_CANCEL_CHECK_INTERVAL = 4096


@dataclass(frozen=True, slots=True)
class SearchMatch:
    """A key or value that contains the query.

    `indexes` are the child indexes from the root to the matching node, for a
    view to expand; `field` is "key" when the member name matched and "value"
    when the scalar's text did; `text` is the whole key or value text.
    """

    path: str
    indexes: tuple[int, ...]
    field: str
    text: str


def search(
    where: Document | Node,
    query: str,
    *,
    case_sensitive: bool = False,
    keys: bool = True,
    values: bool = True,
    cancel: threading.Event | None = None,
) -> Iterator[SearchMatch]:
    """Yield the matches of `query` under `where`, in document order.

    Runs in the caller's thread and reads only the parsed values, so call it
    from a worker. It stops soon after `cancel` is set. Case-insensitive search
    compares `str.casefold()` forms, so "STRASSE" finds "Straße".
    """
    if not query:
        return
    node = where.root if isinstance(where, Document) else where
    contains = _matcher(query, case_sensitive)
    walker = _Walker(contains, keys, values, cancel)
    yield from walker.walk(node)


def search_batches(
    matches: Iterable[SearchMatch],
    *,
    max_size: int = 200,
    max_delay: float = 0.05,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[list[SearchMatch]]:
    """Group matches into lists for a view: the first match alone, then a list
    whenever `max_size` matches or `max_delay` seconds have gathered."""
    batch: list[SearchMatch] = []
    started = clock()
    first = True
    for match in matches:
        batch.append(match)
        if first or len(batch) >= max_size or clock() - started >= max_delay:
            yield batch
            batch, started, first = [], clock(), False
    if batch:
        yield batch


def _matcher(query: str, case_sensitive: bool) -> Callable[[str], bool]:
    if case_sensitive:
        return lambda text: query in text
    folded = query.casefold()
    return lambda text: folded in text.casefold()


class _Walker:
    """A depth-first walk with an explicit stack, so deep documents do not
    reach Python's recursion limit."""

    def __init__(self, contains: Callable[[str], bool], keys: bool, values: bool,
                 cancel: threading.Event | None) -> None:
        self.contains = contains
        self.keys = keys
        self.values = values
        self.cancel = cancel

    def walk(self, node: Node) -> Iterator[SearchMatch]:
        base_steps = _steps_of(node)
        base_indexes = node.indexes
        if not node.is_container:
            yield from self._check_value(node.value, base_steps, base_indexes)
            return
        yield from self._walk_container(node.value, base_steps, base_indexes)

    def _walk_container(self, root: Any, steps: list[str | int],
                        indexes: tuple[int, ...]) -> Iterator[SearchMatch]:
        rows: list[int] = list(indexes)
        frames = [_members(root)]
        for counter in itertools.count():
            if counter % _CANCEL_CHECK_INTERVAL == 0 and self._cancelled():
                return
            entry = next(frames[-1], None)
            if entry is None:
                frames.pop()
                if not frames:
                    return
                steps.pop()
                rows.pop()
                continue

            row, key, value = entry
            step = row if key is None else key
            if key is not None and self.keys and self.contains(key):
                yield _match(steps + [step], rows + [row], KEY, key)
            kind = type(value)
            if kind is dict or kind is list:
                steps.append(step)
                rows.append(row)
                frames.append(_members(value))
            elif self.values:
                yield from self._check_value(value, steps + [step], rows + [row])

    def _check_value(self, value: Any, steps: list[str | int],
                     rows: Iterable[int]) -> Iterator[SearchMatch]:
        if not self.values:
            return
        text = scalar_text(value)
        if self.contains(text):
            yield _match(steps, rows, VALUE, text)

    def _cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()


def _members(container: Any) -> Iterator[tuple[int, str | None, Any]]:
    if type(container) is dict:
        return zip(itertools.count(), container.keys(), container.values())
    return zip(itertools.count(), itertools.repeat(None), container)


def _steps_of(node: Node) -> list[str | int]:
    steps: list[str | int] = []
    current: Node | None = node
    while current is not None and current.parent is not None:
        steps.append(current.key)  # type: ignore[arg-type]
        current = current.parent
    steps.reverse()
    return steps


def _match(steps: list[str | int], rows: Iterable[int], field: str,
           text: str) -> SearchMatch:
    return SearchMatch(format_path(steps), tuple(rows), field, text)
