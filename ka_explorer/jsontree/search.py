"""Substring search over the keys and values of a document, in document order."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ka_explorer.jsontree.deferred import (
    DeferredArray,
    DeferredItems,
    PiecedArray,
    loaded,
)
from ka_explorer.jsontree.document import Document, Node, scalar_text
from ka_explorer.jsontree.duplicates import ObjectWithDuplicates
from ka_explorer.jsontree.jsonpath import format_path
from ka_explorer.jsontree.parse import JsonNumber

KEY, VALUE = "key", "value"
_CANCEL_CHECK_INTERVAL = 4096


@dataclass(frozen=True, slots=True)
class SearchMatch:
    """A key or value that contains the query.

    `indexes` are the child indexes from the root to the matching node, so a
    view can expand down to it. `field` is "key" when the member name matched
    and "value" when the scalar's text did. `text` is the whole key or value.
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
    walker = _Walker(query, case_sensitive, keys, values, cancel)
    walker.use_spans(node.document)
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


class _Walker:
    """A depth-first walk in document order with an explicit stack of iterators,
    so deep documents do not reach Python's recursion limit.

    The loop is written for speed: it runs once per value of a 50 MB document.
    It checks `cancel` after each match and every few thousand containers,
    so a long array of scalars without a match runs to its end.
    """

    def __init__(self, query: str, case_sensitive: bool, keys: bool, values: bool,
                 cancel: threading.Event | None) -> None:
        fold: Callable[[str], str] = str.__str__ if case_sensitive else str.casefold
        self.fold = fold
        self.needle = self.fold(query)
        self.keys = keys
        self.values = values
        self.cancel = cancel
        self.case_sensitive = case_sensitive
        self._key_hits: dict[str, bool] = {}
        self._raw = b""
        self._spans: dict[int, tuple[int, int]] = {}
        ascii_needle = self.needle.isascii()
        self._raw_needle = self.needle.encode("ascii") if ascii_needle else None

    def use_spans(self, document: Document) -> None:
        """Skip the recorded spans of an ASCII body whose bytes lack the query.

        Within a span without a backslash, every key and scalar appears
        verbatim, and ASCII text casefolds as `bytes.lower()` does. So a
        span whose bytes do not contain the query contains no match. A
        query that casefolds to non-ASCII text matches nothing in such a
        span. A `DeferredArray` of an ASCII body is checked the same way
        against its own body, and loaded only when it may contain a match,
        and so is each piece of a `PiecedArray`.
        """
        if document.ascii_body is None:
            return
        self._raw = document.ascii_body
        self._spans = document.spans

    def _may_contain(self, raw: bytes, start: int, end: int) -> bool:
        """Tell whether the ASCII bytes `raw[start:end]` may hold a match."""
        if raw.find(b"\\", start, end) >= 0:
            return True
        if self._raw_needle is None:
            return False
        if self.case_sensitive:
            return raw.find(self._raw_needle, start, end) >= 0
        return self._raw_needle in raw[start:end].lower()

    def _opened(self, value: Any) -> Any:
        """Return the container to walk, or None when it cannot hold a match."""
        if type(value) is DeferredArray:
            source = value.source
            if source.ascii and not self._may_contain(
                    source.body, value.start, value.end):
                return None
            return value.load()
        span = self._spans.get(id(value)) if self._spans else None
        if span is not None and not self._may_contain(self._raw, *span):
            return None
        return value

    def walk(self, node: Node) -> Iterator[SearchMatch]:
        if self._cancelled():
            return
        steps = node.path_keys()
        rows = list(node.indexes)
        if node.is_container:
            yield from self._walk_container(node.value, steps, rows)
        elif self.values:
            yield from self._check_scalar(node.value, steps, rows)

    def _walk_container(self, root: Any, steps: list[str | int],
                        rows: list[int]) -> Iterator[SearchMatch]:
        # One loop with its names bound to locals, because it runs once per
        # item of the body (bench/row_search.py times it).
        fold, needle, key_hits = self.fold, self.needle, self._key_hits
        check_values, opened, entries = self.values, self._opened, self._entries
        stack: list[Iterator[Any]] = []
        current = entries(loaded(root))
        entered = 0
        while True:
            for row, (key, value) in current:
                if key is not None:
                    hit = key_hits.get(key)
                    if hit is None:
                        hit = self._key_hit(key)
                    if hit:
                        yield _match(steps, key, rows, row, KEY, key)
                        if self._cancelled():
                            return
                kind = type(value)
                if (kind is dict or kind is list or kind is DeferredArray
                        or kind is ObjectWithDuplicates or kind is PiecedArray):
                    value = opened(value)
                    if value is None:
                        continue
                    stack.append(current)
                    steps.append(row if key is None else key)
                    rows.append(row)
                    current = entries(value)
                    entered += 1
                    break
                if not check_values:
                    continue
                if kind is str or kind is JsonNumber:
                    text = value
                else:
                    text = scalar_text(value)
                if needle in fold(text):
                    yield _match(steps, key, rows, row, VALUE, text)
                    if self._cancelled():
                        return
            else:
                if not stack:
                    return
                current = stack.pop()
                steps.pop()
                rows.pop()
            if entered % _CANCEL_CHECK_INTERVAL == 0 and self._cancelled():
                return

    def _entries(self, container: Any) -> Iterator[tuple[int, tuple[str | None, Any]]]:
        if type(container) is PiecedArray:
            return self._pieced_entries(container)
        return _entries(container)

    def _pieced_entries(
        self, array: PiecedArray
    ) -> Iterator[tuple[int, tuple[str | None, Any]]]:
        """Yield (row, (None, item)) for each item of the pieces that may
        contain a match, loading each deferred piece for the moment."""
        for first, piece in array.indexed_pieces():
            if isinstance(piece, DeferredItems):
                source = piece.source
                if source.ascii and not self._may_contain(
                        source.body, piece.start, piece.end):
                    continue
                piece = piece.load()
            yield from enumerate(zip(itertools.repeat(None), piece), first)

    def _key_hit(self, key: str) -> bool:
        hit = self._key_hits.get(key)
        if hit is None:
            hit = self._key_hits[key] = self.keys and self.needle in self.fold(key)
        return hit

    def _check_scalar(self, value: Any, steps: list[str | int],
                      rows: list[int]) -> Iterator[SearchMatch]:
        text = scalar_text(value)
        if self.needle in self.fold(text):
            yield SearchMatch(format_path(steps), tuple(rows), VALUE, text)

    def _cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()


def _entries(container: Any) -> Iterator[tuple[int, tuple[str | None, Any]]]:
    """Return (row, (key, value)) for an object and (row, (None, value)) for an
    array."""
    if isinstance(container, dict):
        return enumerate(container.items())
    return enumerate(zip(itertools.repeat(None), container))


def _match(steps: list[str | int], key: str | None, rows: list[int], row: int,
           field: str, text: str) -> SearchMatch:
    step: str | int = row if key is None else key
    path = format_path([*steps, step])
    return SearchMatch(path, (*rows, row), field, str.__str__(text))
