"""Decode a body and read it into Python values that keep numbers exact.

Objects become dicts (the last of duplicate keys wins, as in JavaScript's
JSON.parse), arrays lists, strings str, and every number a `JsonNumber`: the
number's text exactly as the body spelled it. `NaN`, `Infinity` and
`-Infinity`, which Python's json module writes, are read as numbers too.
"""

from __future__ import annotations

import gc
import json
import json.scanner
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ka_explorer.jsontree.chunked import ChunkedParser
from ka_explorer.jsontree.errors import JsonParseError, NotJsonError, excerpt_around


class JsonNumber(str):
    """The exact text of a JSON number, such as "12345678901234567890" or "1.10"."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"JsonNumber({str.__repr__(self)})"


_DECODER = json.JSONDecoder(
    parse_float=JsonNumber, parse_int=JsonNumber, parse_constant=JsonNumber
)
_SCAN_ONCE: Any = json.scanner.make_scanner(_DECODER)  # type: ignore[arg-type]
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_JSONP_START = re.compile(r"([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(")
_JSONP_END = re.compile(r"[ \t\n\r]*\)[ \t\n\r]*;?[ \t\n\r]*")
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_JSON_FIRST_CHARS = frozenset('{["-0123456789tfnNI')


def decode_body(body: bytes) -> str:
    """Decode a JSON body from UTF-8, UTF-16 or UTF-32 (RFC 8259 section 8.1)."""
    if not body:
        raise NotJsonError("The body is empty; expected JSON.", kind="empty")
    encoding = json.detect_encoding(body)
    try:
        return body.decode(encoding, "surrogatepass")
    except UnicodeDecodeError as error:
        prefix = body[: error.start].decode(encoding, "replace")
        reason = f"invalid {encoding} byte 0x{body[error.start]:02x}"
        raise JsonParseError.at(prefix, len(prefix), reason, kind="encoding") from None


def parse_text(text: str) -> tuple[Any, str | None]:
    """Read `text` as JSON or JSONP; return the value and the JSONP callback name."""
    start = _WHITESPACE.match(text).end()  # type: ignore[union-attr]
    _reject_other_formats(text, start)
    wrapper = _JSONP_START.match(text, start)
    if wrapper is None:
        return _read_value(text, start, _WHITESPACE), None

    value_start = _WHITESPACE.match(text, wrapper.end()).end()  # type: ignore[union-attr]
    return _read_value(text, value_start, _JSONP_END), wrapper.group(1)


def _read_value(text: str, start: int, trailer: re.Pattern[str]) -> Any:
    with gc_paused():
        try:
            value, end = ChunkedParser(text, _SCAN_ONCE).value(start)
            _freeze_parsed_values()
        except json.JSONDecodeError as error:
            raise JsonParseError.at(text, error.pos, error.msg) from None
        except RecursionError:
            raise _too_deep_error(text, start) from None

    rest = trailer.match(text, end)
    if rest is None or rest.end() != len(text):
        if trailer is _JSONP_END:
            reason = "missing ')' at the end of the JSONP call"
        else:
            reason = "unexpected text after the JSON value"
        position = _WHITESPACE.match(text, end).end()  # type: ignore[union-attr]
        raise JsonParseError.at(text, position, reason)
    return value


def _too_deep_error(text: str, start: int) -> JsonParseError:
    limit = sys.getrecursionlimit()
    message = (
        f"The JSON nests arrays and objects deeper than this reader can follow "
        f"(about {limit} levels, Python's recursion limit); read the raw body."
    )
    return JsonParseError("nested too deeply", kind="too_deep", message=message,
                          excerpt=excerpt_around(text, start))


def _reject_other_formats(text: str, start: int) -> None:
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
    title = _HTML_TITLE.search(text, 0, 8192)
    if title is None:
        return "The body is an HTML page, not JSON."
    name = " ".join(title.group(1).split())[:80]
    return f"The body is an HTML page ({name!r}), not JSON."


def _freeze_parsed_values() -> None:
    """Move every object the collector tracks, the parsed values included, to
    its permanent generation (`gc.freeze`).

    Otherwise the next full collection, on whichever thread allocates then
    (often the UI thread), visits all the new containers: a 200 ms stall
    after a 50 MB body. Parsed values contain no reference cycles, so
    reference counting still frees them with their document. The cost: an
    object frozen here that later becomes part of a reference cycle is not
    collected until `gc.unfreeze()`.
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
