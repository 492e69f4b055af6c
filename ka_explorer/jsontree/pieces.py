"""Read the rest of a long array as pieces that stay in the body.

A walked array with more than `chunked.MAX_WALKED_MEMBERS` items becomes a
`PiecedArray`: the items walked so far, then `DeferredItems` of about
`PIECE_LENGTH` characters each. Each piece is parsed once here, to count its
items and check its text, and its values are dropped. A view parses a piece
again when it requests one of its items.

A piece ends at a comma between two items of the array. The reader finds
one without reading each item on its own. From `PIECE_LENGTH` characters
ahead it looks back for the text that separated two items so far, such as
`"}, {"`. Then it parses `[` + the text up to that comma + `]` in one call.
The guess is right exactly when that parse reads the whole text, because a
comma inside an item leaves a string or a bracket open. After
`CUT_ATTEMPTS` wrong guesses, and near the end of the array, the items are
read one by one.
"""

from __future__ import annotations

import json
import json.scanner
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ka_explorer.jsontree.deferred import DeferredItems, PiecedArray
from ka_explorer.jsontree.errors import ParseFailure

if TYPE_CHECKING:
    from ka_explorer.jsontree.chunked import ChunkedParser

PIECE_LENGTH = 256 * 1024
CUT_ATTEMPTS = 3
_SEPARATOR_CHARS = " \t\n\r,"
# json's scanner without the parser's hooks, all in C. It accepts the same
# text, and took the pieces of a 26 MB array of numbers from 0.57 s to 0.26 s.
_PLAIN_SCAN_ONCE: Any = json.scanner.make_scanner(
    json.JSONDecoder())  # type: ignore[arg-type]


def read_rest(parser: ChunkedParser, items: list[Any],
              index: int) -> tuple[PiecedArray, int]:
    """Read an array's items from the one at `index` to the closing bracket,
    after the `items` read so far. Return the array and the index after it."""
    source = parser.source
    assert source is not None, "pieces are read only with the body at hand"
    array = PiecedArray(items)
    window = parser.window
    # Byte offsets are taken as the parser moves forward: the window drops
    # the text behind it (see TextWindow.byte_offset).
    offset = _same if source.ascii else window.byte_offset
    separator, comma_offset = _separator_before(window.text, index - window.base)
    while True:
        start = offset(index)
        cut = _cut(parser, index, separator, comma_offset)
        if cut is None:
            count, end, index, closed = _read_items(parser, index, offset)
        else:
            count, comma = cut
            end = offset(comma)
            index, closed = parser.skip_whitespace(comma + 1), False
        array.append_piece(DeferredItems(source, start, end, count))
        if closed:
            return array, index


def _same(index: int) -> int:
    return index


def _separator_before(text: str, item: int) -> tuple[str, int]:
    """Return the text that separates the item at `item` from the one before
    it, and where the comma is in that text.

    The text includes the previous item's last character and this item's
    first when they are brackets, braces or quotes, which a comma inside an
    item of the usual shapes rarely has around it.
    """
    start = item
    while start > 0 and text[start - 1] in _SEPARATOR_CHARS:
        start -= 1
    between = text[start:item]
    if between.count(",") != 1 or item >= len(text):
        return ",", 0
    before = text[start - 1] if start > 0 and text[start - 1] in '}]"' else ""
    after = text[item] if text[item] in '{["' else ""
    return before + between + after, len(before) + between.index(",")


def _cut(parser: ChunkedParser, index: int, separator: str,
         comma_offset: int) -> tuple[int, int] | None:
    """Find a comma between items about `PIECE_LENGTH` characters after
    `index`. Return the number of items before it and its index, or None."""
    window = parser.window
    window.ensure(index, index + PIECE_LENGTH)
    text, start = window.text, index - window.base
    limit = start + PIECE_LENGTH
    if limit > len(text):
        return None
    for _ in range(CUT_ATTEMPTS):
        found = text.rfind(separator, start, limit)
        comma = found + comma_offset
        if found < 0 or comma <= start:
            return None
        count = _count_items("[" + text[start:comma] + "]")
        if count:
            return count, comma + window.base
        limit = found
    return None


def _count_items(candidate: str) -> int:
    """Return the number of items when `candidate` is one whole array, else 0."""
    try:
        value, end = _PLAIN_SCAN_ONCE(candidate, 0)
    except (StopIteration, json.JSONDecodeError):
        return 0
    if end != len(candidate):
        return 0
    return len(value)


def _read_items(parser: ChunkedParser, index: int,
                offset: Callable[[int], int]) -> tuple[int, int, int, bool]:
    """Read items one by one until `PIECE_LENGTH` characters or the end of the
    array. Return their number, the `offset` after the last one, the index
    of the next item (or after the closing bracket) and whether the array
    ended.
    """
    start, count = index, 0
    while True:
        _, end = parser.scan_raw(index)
        count += 1
        end_offset = offset(end)
        index = parser.skip_whitespace(end)
        closing = parser.char(index)
        if closing == "]":
            return count, end_offset, index + 1, True
        if closing != ",":
            raise ParseFailure("Expecting ',' delimiter", index)
        index = parser.skip_whitespace(index + 1)
        if end - start >= PIECE_LENGTH:
            return count, end_offset, index, False
