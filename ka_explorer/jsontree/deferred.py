"""Large arrays kept as their place in the body until a view or a search opens them.

Parsed in full, a 50 MB body takes about three times its size again in
Python objects. So the parser keeps an array that the C scanner read in one
piece, from `DEFER_MIN_LENGTH` to `DEFER_MAX_LENGTH` bytes of a UTF-8 body,
as a `DeferredArray`: its byte span and its item count. `load()` parses the
span again, about 2 ms for 175 KB on the benchmark machine. Node views load
an array when its first child is requested, on the UI thread, so the upper
bound keeps that load to a few milliseconds. They keep the result. Search
and serialization load it only for the moment, so memory stays near the
body's size unless the user opens much of the document.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

DEFER_MIN_LENGTH = 16 * 1024
DEFER_MAX_LENGTH = 1024 * 1024


class BodySource:
    """The UTF-8 body that deferred arrays point into, and the scanner that
    reads them (the one the parser used, so numbers stay exact).

    `ascii` is True for an ASCII body, whose spans search may test for the
    query's bytes instead of loading them.
    """

    __slots__ = ("body", "scan_once", "ascii")

    def __init__(self, body: bytes, scan_once: Any, ascii: bool) -> None:
        self.body = body
        self.scan_once = scan_once
        self.ascii = ascii


class _BodySpan:
    """Items of an array kept as their byte span in `source.body`, `start` to
    `end`, and their number."""

    __slots__ = ("source", "start", "end", "count")
    # What the span's text lacks of a JSON array: nothing, or the brackets.
    _OPENING = _CLOSING = ""

    def __init__(self, source: BodySource, start: int, end: int, count: int) -> None:
        self.source = source
        self.start = start
        self.end = end
        self.count = count

    def __repr__(self) -> str:
        name = type(self).__name__
        return f"<{name}: {self.count} items at {self.start}:{self.end}>"

    def load(self) -> list[Any]:
        """Parse the items from the body and return them. Safe from any thread."""
        text = self.source.body[self.start:self.end].decode("utf-8", "surrogatepass")
        value, _ = self.source.scan_once(self._OPENING + text + self._CLOSING, 0)
        return value  # type: ignore[no-any-return]


class DeferredArray(_BodySpan):
    """A JSON array not yet read into Python values: `len()` is its item count.

    `start` and `end` are byte offsets into `source.body`, brackets included.
    """

    __slots__ = ()

    def __len__(self) -> int:
        return self.count


def loaded(value: Any) -> Any:
    """Return `value`, or the list it stands for when it is a DeferredArray."""
    if type(value) is DeferredArray:
        return value.load()
    return value


class DeferredItems(_BodySpan):
    """Consecutive items of an array, kept as their span in the body: the
    text between the array's brackets from the first item to the last."""

    __slots__ = ()
    _OPENING, _CLOSING = "[", "]"


class PiecedArray:
    """A long array read as pieces: lists of items, and `DeferredItems` that
    are parsed when one of their items is requested.

    A flat array of millions of small items, parsed in full, takes about
    nine times its size in Python objects. Kept in pieces, it takes little
    more than the body, and each piece loads in a few milliseconds.
    """

    __slots__ = ("pieces", "firsts", "count")

    def __init__(self, items: list[Any]) -> None:
        self.pieces: list[list[Any] | DeferredItems] = [items]
        # The index of the first item of each piece, for bisect.
        self.firsts = [0]
        self.count = len(items)

    def __len__(self) -> int:
        return self.count

    def __repr__(self) -> str:
        return f"<PiecedArray: {self.count} items in {len(self.pieces)} pieces>"

    def append_piece(self, piece: DeferredItems) -> None:
        self.pieces.append(piece)
        self.firsts.append(self.count)
        self.count += piece.count

    def item(self, index: int) -> Any:
        """Return the item at `index`, loading its piece and keeping it loaded."""
        if not 0 <= index < self.count:
            raise IndexError(f"array index {index} out of range 0..{self.count - 1}")
        number = bisect.bisect_right(self.firsts, index) - 1
        piece = self.pieces[number]
        if isinstance(piece, DeferredItems):
            piece = self.pieces[number] = piece.load()
        return piece[index - self.firsts[number]]

    def __iter__(self) -> Iterator[Any]:
        """Yield every item. Deferred pieces are loaded for the moment only."""
        for piece in self.pieces:
            yield from (piece.load() if isinstance(piece, DeferredItems) else piece)

    def indexed_pieces(self) -> Iterator[tuple[int, list[Any] | DeferredItems]]:
        """Yield each piece with the index of its first item."""
        yield from zip(self.firsts, self.pieces, strict=True)
