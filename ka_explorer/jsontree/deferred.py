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


class DeferredArray:
    """A JSON array not yet read into Python values: `len()` is its item count.

    `start` and `end` are byte offsets into `source.body`.
    """

    __slots__ = ("source", "start", "end", "count")

    def __init__(self, source: BodySource, start: int, end: int, count: int) -> None:
        self.source = source
        self.start = start
        self.end = end
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __repr__(self) -> str:
        return f"<DeferredArray of {self.count} items at {self.start}:{self.end}>"

    def load(self) -> list[Any]:
        """Parse the array from the body and return it. Safe from any thread."""
        text = self.source.body[self.start:self.end].decode("utf-8", "surrogatepass")
        value, _ = self.source.scan_once(text, 0)
        return value  # type: ignore[no-any-return]


def loaded(value: Any) -> Any:
    """Return `value`, or the list it stands for when it is a DeferredArray."""
    if type(value) is DeferredArray:
        return value.load()
    return value
