"""Read JSON text in pieces, so a worker thread lets go of the GIL while parsing.

`json`'s C scanner parses a whole value in one call that holds the GIL:
about 0.3 s for a 50 MB body, during which the UI thread cannot run. Here
the outer objects and arrays, down to `WALK_DEPTH`, are read member by
member in Python, and each deeper value goes to the C scanner on its own.
The replica's topic tree then parses in pieces of about 150 KB (1-2 ms
each), for the cost of a few thousand Python steps.

A walked container with more than `MAX_WALKED_MEMBERS` members (a long flat
array) has the rest of its members read in one C call, so a flat array of
a million small items costs no more than `json.loads`.
"""

from __future__ import annotations

import json
import json.decoder
import re
from typing import Any

# The C string scanner of the json module; typeshed does not declare it.
scanstring = json.decoder.scanstring  # type: ignore[attr-defined]

WALK_DEPTH = 6
MAX_WALKED_MEMBERS = 20_000

_WHITESPACE = re.compile(r"[ \t\n\r]*")


class ChunkedParser:
    """Parse one text with `scan_once`, a json scanner made with our hooks."""

    def __init__(self, text: str, scan_once: Any) -> None:
        self.text = text
        self.scan_once = scan_once
        self.keys: dict[str, str] = {}

    def value(self, index: int, depth: int = 0) -> tuple[Any, int]:
        """Return the value that starts at `index` and the index after it."""
        opening = self.text[index:index + 1]
        if depth < WALK_DEPTH and opening == "{":
            return self._object(index + 1, depth)
        if depth < WALK_DEPTH and opening == "[":
            return self._array(index + 1, depth)
        try:
            return self.scan_once(self.text, index)  # type: ignore[no-any-return]
        except StopIteration as error:
            raise self._error("Expecting value", error.value) from None

    def _object(self, index: int, depth: int) -> tuple[dict[str, Any], int]:
        members: dict[str, Any] = {}
        index = self._skip(index)
        if self.text[index:index + 1] == "}":
            return members, index + 1
        while True:
            key, index = self._key(index)
            if len(members) >= MAX_WALKED_MEMBERS:
                return self._rest_in_one_call(members, index, "{", key)
            members[key], index = self.value(self._skip(index), depth + 1)
            index = self._skip(index)
            closing = self.text[index:index + 1]
            if closing == "}":
                return members, index + 1
            if closing != ",":
                raise self._error("Expecting ',' delimiter", index)
            index = self._skip(index + 1)

    def _key(self, index: int) -> tuple[str, int]:
        """Read `"name" :` and return the name and the index of the value."""
        if self.text[index:index + 1] != '"':
            raise self._error(
                "Expecting property name enclosed in double quotes", index)
        key, index = scanstring(self.text, index + 1, True)
        key = self.keys.setdefault(key, key)
        index = self._skip(index)
        if self.text[index:index + 1] != ":":
            raise self._error("Expecting ':' delimiter", index)
        return key, index + 1

    def _array(self, index: int, depth: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        index = self._skip(index)
        if self.text[index:index + 1] == "]":
            return items, index + 1
        while True:
            if len(items) >= MAX_WALKED_MEMBERS:
                return self._rest_in_one_call(items, index, "[", None)
            item, index = self.value(index, depth + 1)
            items.append(item)
            index = self._skip(index)
            closing = self.text[index:index + 1]
            if closing == "]":
                return items, index + 1
            if closing != ",":
                raise self._error("Expecting ',' delimiter", index)
            index = self._skip(index + 1)

    def _rest_in_one_call(self, container: Any, index: int, opening: str,
                          key: str | None) -> tuple[Any, int]:
        """Read the remaining members with one C call on a copy of the rest of
        the text that starts with `opening`, then merge them.

        For an object, `key` has been read already and `index` is at its value.
        """
        prefix = opening if key is None else opening + json.dumps(key) + ":"
        rest = prefix + self.text[index:]
        try:
            tail, end = self.scan_once(rest, 0)
        except StopIteration as error:
            shifted = error.value - len(prefix) + index
            raise self._error("Expecting value", shifted) from None
        except json.JSONDecodeError as error:
            shifted = error.pos - len(prefix) + index
            raise self._error(error.msg, shifted) from None
        if isinstance(container, dict):
            container.update(tail)
        else:
            container.extend(tail)
        return container, end - len(prefix) + index

    def _skip(self, index: int) -> int:
        return _WHITESPACE.match(self.text, index).end()  # type: ignore[union-attr]

    def _error(self, message: str, index: int) -> json.JSONDecodeError:
        return json.JSONDecodeError(message, self.text, index)
