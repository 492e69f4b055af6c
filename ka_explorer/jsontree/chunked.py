"""Read JSON text in pieces, so a worker thread lets go of the GIL while parsing.

`json`'s C scanner parses a whole value in one call that holds the GIL:
about 0.3 s for a 50 MB body, during which the UI thread cannot run. Here
the outer objects and arrays, down to `WALK_DEPTH`, are read member by
member in Python, and each deeper value goes to the C scanner on its own.
The replica's topic tree then parses in pieces of about 150 KB (1-2 ms
each), for the cost of a few thousand Python steps. The text comes from a
`TextWindow`, so only a few megabytes of it are decoded at a time.

A walked array with more than `MAX_WALKED_MEMBERS` items has the rest read
as pieces that stay in the body when there is a `BodySource` (see
pieces.py). Otherwise, and for a walked object with that many members, the
rest is read in one C call, so a flat array of a million small items costs
no more than `json.loads`.

Given a `BodySource`, the parser keeps each large array that it reads in
one piece as a `DeferredArray` (see deferred.py). Objects at `WALK_DEPTH`
are then walked too, member by member, so that the large arrays inside
them are read as pieces of their own and can be deferred. At most
`EDGE_MEMBER_BUDGET` members are walked at that depth, which bounds the
extra Python work on a document with many objects there.
"""

from __future__ import annotations

import json
import json.decoder
import re
from typing import Any

from ka_explorer.jsontree import deferred, pieces
from ka_explorer.jsontree import window as window_module
from ka_explorer.jsontree.deferred import BodySource, DeferredArray, PiecedArray
from ka_explorer.jsontree.duplicates import duplicate_keys_of, with_duplicates
from ka_explorer.jsontree.errors import ParseFailure
from ka_explorer.jsontree.window import TextWindow

# The C string scanner of the json module; typeshed does not declare it.
scanstring = json.decoder.scanstring  # type: ignore[attr-defined]

WALK_DEPTH = 6
# A body shorter than this is read in one C call: at most a few milliseconds.
WALK_MIN_LENGTH = 512 * 1024
MAX_WALKED_MEMBERS = 20_000
EDGE_MEMBER_BUDGET = 50_000
# Containers read in one piece and at least this long get their span recorded.
SPAN_MIN_LENGTH = 4096
# Decode more text before a piece when less than this is left in the window.
MARGIN = 256 * 1024

_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _may_be_cut(text: str, end: int) -> bool:
    """Tell whether a value that ends at `end` may go on past the window.

    A number cut after "1.", "1e" or "1e+" reads as the shorter number "1",
    so a value that ends at most three number characters before the end of
    the text is read again with more text.
    """
    if len(text) - end > 3:
        return False
    return all(char in "0123456789.eE+-" for char in text[end:])


class ChunkedParser:
    """Parse the text of `window` with `scan_once`, a json scanner with our hooks.

    With a `source` (the body, when it is UTF-8), large arrays read in one
    piece become `DeferredArray`s.
    """

    def __init__(self, window: TextWindow, scan_once: Any,
                 source: BodySource | None = None) -> None:
        self.window = window
        self.scan_once = scan_once
        self.source = source
        self.keys: dict[str, str] = {}
        self.spans: dict[int, tuple[int, int]] = {}
        self.walk_depth = WALK_DEPTH if window.length >= WALK_MIN_LENGTH else 0
        self.edge_members = 0

    def value(self, index: int, depth: int = 0) -> tuple[Any, int]:
        """Return the value that starts at `index` and the index after it."""
        window = self.window
        if window.end - index < MARGIN and not window.complete:
            window.extend(index)
        if depth > self.walk_depth:
            return self._scan(index)
        opening = self.char(index)
        if depth == self.walk_depth and not (opening == "{" and self._walks_edge()):
            return self._scan(index)
        if opening == "{":
            return self._object(index + 1, depth)
        if opening == "[":
            return self._array(index + 1, depth)
        return self._scan(index)

    def _walks_edge(self) -> bool:
        """Tell whether an object at `walk_depth` is walked member by member."""
        return (self.source is not None and self.walk_depth > 0
                and self.edge_members < EDGE_MEMBER_BUDGET)

    def char(self, index: int) -> str:
        """Return the character at `index`, or "" at the end of the text."""
        if index >= self.window.end:
            self.window.ensure(index, index)
        relative = index - self.window.base
        return self.window.text[relative:relative + 1]

    def skip_whitespace(self, index: int) -> int:
        window = self.window
        while True:
            if index >= window.end:
                window.ensure(index, index)
            match = _WHITESPACE.match(window.text, index - window.base)
            end = match.end() + window.base  # type: ignore[union-attr]
            if end < window.end or window.complete:
                return end
            index = end

    def _scan(self, index: int) -> tuple[Any, int]:
        """Read one value with the C scanner, decoding more text if it was cut."""
        value, end = self.scan_raw(index)
        return self._kept(value, index, end), end

    def scan_raw(self, index: int) -> tuple[Any, int]:
        """Read one value with the C scanner and return it as the scanner
        made it, with the index after it."""
        window, step = self.window, window_module.WINDOW_BYTES
        while True:
            base = window.base
            try:
                value, end = self.scan_once(window.text, index - base)
            except StopIteration as error:
                failure = ParseFailure("Expecting value", error.value + base)
            except json.JSONDecodeError as error:
                failure = ParseFailure(error.msg, error.pos + base)
            else:
                if window.complete or not _may_be_cut(window.text, end):
                    return value, end + base
                failure = ParseFailure("Expecting value", end + base)
            if window.complete:
                raise failure
            window.extend(index, step)
            step *= 2

    def _kept(self, value: Any, start: int, end: int) -> Any:
        """Return what the document keeps of a value read in one piece: a
        large array as a DeferredArray, anything else as it is."""
        length = end - start
        if (self.source is not None and type(value) is list
                and deferred.DEFER_MIN_LENGTH <= length <= deferred.DEFER_MAX_LENGTH):
            if not self.source.ascii:
                start = self.window.byte_offset(start)
                end = self.window.byte_offset(end)
            return DeferredArray(self.source, start, end, len(value))
        if length >= SPAN_MIN_LENGTH and isinstance(value, dict | list):
            self.spans[id(value)] = (start, end)
        return value

    def _forget_span(self, value: Any) -> None:
        """Drop the span of a value that a later duplicate key replaces.

        Its object is freed, and a container that search loads later may get
        the same `id()`.
        """
        self.spans.pop(id(value), None)

    def _object(self, index: int, depth: int) -> tuple[dict[str, Any], int]:
        members: dict[str, Any] = {}
        repeated: list[str] = []
        index = self.skip_whitespace(index)
        if self.char(index) == "}":
            return members, index + 1
        while True:
            key, index = self._key(index)
            if len(members) >= MAX_WALKED_MEMBERS:
                rest, index = self._rest_in_one_call(members, index, "{", key)
                return with_duplicates(rest, repeated), index
            if depth == self.walk_depth:
                self.edge_members += 1
            if key in members:
                self._forget_span(members[key])
                repeated.append(key)
            members[key], index = self.value(self.skip_whitespace(index), depth + 1)
            index = self.skip_whitespace(index)
            closing = self.char(index)
            if closing == "}":
                return with_duplicates(members, repeated), index + 1
            if closing != ",":
                raise ParseFailure("Expecting ',' delimiter", index)
            index = self.skip_whitespace(index + 1)

    def _key(self, index: int) -> tuple[str, int]:
        """Read `"name" :` and return the name and the index after the colon."""
        if self.char(index) != '"':
            raise ParseFailure(
                "Expecting property name enclosed in double quotes", index)
        key, index = self._scan_string(index + 1)
        key = self.keys.setdefault(key, key)
        index = self.skip_whitespace(index)
        if self.char(index) != ":":
            raise ParseFailure("Expecting ':' delimiter", index)
        return key, index + 1

    def _scan_string(self, index: int) -> tuple[str, int]:
        window, step = self.window, window_module.WINDOW_BYTES
        while True:
            base = window.base
            try:
                text, end = scanstring(window.text, index - base, True)
                return text, end + base
            except json.JSONDecodeError as error:
                if window.complete:
                    raise ParseFailure(error.msg, error.pos + base) from None
            window.extend(index - 1, step)
            step *= 2

    def _array(self, index: int, depth: int) -> tuple[list[Any] | PiecedArray, int]:
        items: list[Any] = []
        index = self.skip_whitespace(index)
        if self.char(index) == "]":
            return items, index + 1
        while True:
            if len(items) >= MAX_WALKED_MEMBERS:
                if self.source is not None:
                    return pieces.read_rest(self, items, index)
                return self._rest_in_one_call(items, index, "[", None)
            item, index = self.value(index, depth + 1)
            items.append(item)
            index = self.skip_whitespace(index)
            closing = self.char(index)
            if closing == "]":
                return items, index + 1
            if closing != ",":
                raise ParseFailure("Expecting ',' delimiter", index)
            index = self.skip_whitespace(index + 1)

    def _rest_in_one_call(self, container: Any, index: int, opening: str,
                          key: str | None) -> tuple[Any, int]:
        """Read the remaining members with one C call on a copy of the rest of
        the text that starts with `opening`, then merge them.

        For an object, `key` has been read already and `index` is at its value.
        """
        self.window.extend_all(index)
        prefix = opening if key is None else opening + json.dumps(key) + ":"
        rest = prefix + self.window.text[index - self.window.base:]
        shift = index - len(prefix)
        try:
            tail, end = self.scan_once(rest, 0)
        except StopIteration as error:
            raise ParseFailure("Expecting value", error.value + shift) from None
        except json.JSONDecodeError as error:
            raise ParseFailure(error.msg, error.pos + shift) from None
        if isinstance(container, dict):
            return self._merged(container, tail), end + shift
        container.extend(tail)
        return container, end + shift

    def _merged(self, members: dict[str, Any], tail: dict[str, Any]) -> dict[str, Any]:
        """Add the members read in one call to those walked before them."""
        repeated = [key for key in members if key in tail]
        for key in repeated:
            self._forget_span(members[key])
        members.update(tail)
        return with_duplicates(members, [*repeated, *duplicate_keys_of(tail)])
