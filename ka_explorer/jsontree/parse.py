"""Decode a body and read it into Python values that keep numbers exact.

Objects become dicts (the last of duplicate keys wins, as in JavaScript's
JSON.parse, and an object that repeated a key is an `ObjectWithDuplicates`
that names those keys), arrays lists and strings str. A number becomes an int when
Python writes that int back with the same text (every integer but `-0` and
those of 19 digits or more), and otherwise a `JsonNumber`: the number's
text exactly as the body spelled it. `NaN`, `Infinity` and
`-Infinity`, which Python's json module writes, are read as numbers too.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import json.scanner
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ka_explorer.jsontree import chunked
from ka_explorer.jsontree.chunked import ChunkedParser
from ka_explorer.jsontree.deferred import BodySource
from ka_explorer.jsontree.duplicates import object_from_pairs
from ka_explorer.jsontree.errors import (
    JsonParseError,
    NotJsonError,
    ParseFailure,
    excerpt_around,
)
from ka_explorer.jsontree.window import TextWindow


class JsonNumber(str):
    """The exact text of a JSON number, such as "12345678901234567890" or "1.10"."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"JsonNumber({str.__repr__(self)})"


def _read_int(text: str) -> int | JsonNumber:
    # An int takes 28 bytes (and 0 for -5..256, which Python shares); a
    # JsonNumber takes about 60.
    if len(text) < 19 and text != "-0":
        return int(text)
    return JsonNumber(text)


_DECODER = json.JSONDecoder(
    parse_float=JsonNumber, parse_int=_read_int, parse_constant=JsonNumber,
    object_pairs_hook=object_from_pairs,
)
_SCAN_ONCE: Any = json.scanner.make_scanner(_DECODER)  # type: ignore[arg-type]
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_JSONP_START = re.compile(r"([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(")
_JSONP_END = re.compile(r"[ \t\n\r]*\)[ \t\n\r]*;?[ \t\n\r]*")
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
# A parse of a body at least this long, that leaves at least this many new
# objects for the collector to track, freezes them (see below).
FREEZE_MIN_LENGTH = 512 * 1024
FREEZE_MIN_OBJECTS = 200_000
# How much text the checks for HTML and JSONP at the start read at most.
_SNIFF_LENGTH = 8192
_JSON_FIRST_CHARS = frozenset('{["-0123456789tfnNI')


@dataclasses.dataclass(frozen=True)
class ParsedBody:
    """The values of a body, and where its larger containers were in the text.

    `spans` maps `id()` of each container of at least `SPAN_MIN_LENGTH`
    characters to its start and end index in the decoded text. When
    `ascii_body` is True these are also byte offsets into the body, so
    search can skip containers whose bytes cannot contain the query.
    """

    value: Any
    jsonp_callback: str | None
    spans: dict[int, tuple[int, int]]
    ascii_body: bool


def parse_body(source: bytes | str) -> ParsedBody:
    """Read a body as JSON or JSONP.

    Bytes may be UTF-8, UTF-16 or UTF-32 (RFC 8259 section 8.1, as `json`).
    A UTF-8 body of at least `chunked.WALK_MIN_LENGTH` bytes keeps its large
    arrays as `DeferredArray`s (see deferred.py).
    """
    if not source:
        raise NotJsonError("The body is empty; expected JSON.", kind="empty")
    window = TextWindow(source)
    ascii_body = (isinstance(source, bytes) and window.encoding == "utf-8"
                  and source.isascii())
    body_source = None
    if (isinstance(source, bytes) and window.encoding == "utf-8"
            and len(source) >= chunked.WALK_MIN_LENGTH):
        body_source = BodySource(source, _SCAN_ONCE, ascii_body)
        window.tracks_bytes = not ascii_body
    parser = ChunkedParser(window, _SCAN_ONCE, body_source)
    try:
        value, callback = _parse(window, parser)
    except ParseFailure as failure:
        text = window.full_text()
        raise JsonParseError.at(text, failure.index, failure.message) from None
    return ParsedBody(value, callback, parser.spans, ascii_body)


def parse_text(text: str) -> tuple[Any, str | None]:
    """Read `text` as JSON or JSONP; return the value and the JSONP callback name."""
    parsed = parse_body(text)
    return parsed.value, parsed.jsonp_callback


def _parse(window: TextWindow, parser: ChunkedParser) -> tuple[Any, str | None]:
    start = parser.skip_whitespace(0)
    window.ensure(start, start + _SNIFF_LENGTH)
    _reject_other_formats(window, start)
    wrapper = _JSONP_START.match(window.text, start - window.base)
    if wrapper is None:
        return _read_value(window, parser, start, _WHITESPACE), None

    value_start = parser.skip_whitespace(wrapper.end() + window.base)
    return _read_value(window, parser, value_start, _JSONP_END), wrapper.group(1)


def _read_value(window: TextWindow, parser: ChunkedParser, start: int,
                trailer: re.Pattern[str]) -> Any:
    with gc_paused():
        tracked_before = gc.get_count()[0]
        try:
            value, end = parser.value(start)
            tracked = gc.get_count()[0] - tracked_before
            if window.length >= FREEZE_MIN_LENGTH and tracked >= FREEZE_MIN_OBJECTS:
                _freeze_parsed_values()
        except RecursionError:
            raise _too_deep_error(window, start) from None

    window.extend_all(end)
    rest = trailer.match(window.text, end - window.base)
    if rest is None or rest.end() != len(window.text):
        if trailer is _JSONP_END:
            reason = "missing ')' at the end of the JSONP call"
        else:
            reason = "unexpected text after the JSON value"
        raise ParseFailure(reason, parser.skip_whitespace(end))
    return value


def _too_deep_error(window: TextWindow, start: int) -> JsonParseError:
    limit = sys.getrecursionlimit()
    message = (
        f"The JSON nests arrays and objects deeper than this reader can follow "
        f"(about {limit} levels, Python's recursion limit); read the raw body."
    )
    excerpt = excerpt_around(window.text, start - window.base)
    return JsonParseError("nested too deeply", kind="too_deep", message=message,
                          excerpt=excerpt)


def _reject_other_formats(window: TextWindow, start: int) -> None:
    text, start = window.text, start - window.base
    if start == len(text):
        raise NotJsonError("The body contains only whitespace; expected JSON.",
                           kind="empty")
    first = text[start]
    if first == "<":
        raise NotJsonError(_html_message(text), kind="html",
                           excerpt=excerpt_around(text, start))
    if first not in _JSON_FIRST_CHARS and not _JSONP_START.match(text, start):
        excerpt = excerpt_around(text, start)
        raise NotJsonError(f"The body is plain text, not JSON: {excerpt!r}.",
                           kind="text", excerpt=excerpt)


def _html_message(text: str) -> str:
    title = _HTML_TITLE.search(text, 0, _SNIFF_LENGTH)
    if title is None:
        return "The body is an HTML page, not JSON."
    name = " ".join(title.group(1).split())[:80]
    return f"The body is an HTML page ({name!r}), not JSON."


def _freeze_parsed_values() -> None:
    """Move every object the collector tracks, the parsed values included, to
    its permanent generation (`gc.freeze`).

    Otherwise the next collections, on whichever thread allocates then
    (often the UI thread), visit all the new containers: a 200 ms stall
    after a 50 MB body parsed in full. Parsed values contain no reference
    cycles, so reference counting still frees them with their document.

    The cost: every other object that the collector tracks is frozen too,
    and one that is or becomes part of a reference cycle is never collected
    (until `gc.unfreeze()`). Frozen node views of a replaced document once
    kept it in memory, about 100 MB per 30 MB response, until the views
    lost their cycles (see document.py). So only a parse that leaves at
    least `FREEZE_MIN_OBJECTS` new objects freezes: a body parsed in full.
    A body whose arrays are deferred leaves few (about 1 300 for the 50 MB
    topic tree), and a full collection then takes about 2 ms.
    """
    gc.freeze()


_gc_lock = threading.Lock()
_gc_pause_count = 0
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of a parse.

    A parse creates millions of containers and no reference cycles, so the
    collector frees nothing, yet its passes over the new objects cost about a
    third of `json.loads` time on a 50 MB body. Nested and concurrent pauses
    restore the collector once the last one ends, and only if it was enabled.
    """
    global _gc_pause_count, _gc_was_enabled
    with _gc_lock:
        if _gc_pause_count == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pause_count += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pause_count -= 1
            if _gc_pause_count == 0 and _gc_was_enabled:
                gc.enable()
