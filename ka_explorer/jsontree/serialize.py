"""Write values read by `parse_text` back as JSON text, keeping number text."""

from __future__ import annotations

import json
from typing import Any

from ka_explorer.jsontree.deferred import DeferredArray, PiecedArray
from ka_explorer.jsontree.duplicates import ObjectWithDuplicates
from ka_explorer.jsontree.parse import JsonNumber

_LITERALS = {True: "true", False: "false", None: "null"}


def dump_json(value: Any, indent: int | None = 2) -> str:
    """Serialize `value` with `indent` spaces per level, or compactly with None.

    Works with an explicit stack, so any depth that the parser accepted works.
    A `DeferredArray` or `PiecedArray` is loaded for the moment and written
    as the array.
    """
    out: list[str] = []
    pending: list[Any] = [(value, 0)]
    while pending:
        item = pending.pop()
        if type(item) is str:
            out.append(item)
        else:
            _write_value(item[0], item[1], indent, out, pending)
    return "".join(out)


def _write_value(value: Any, depth: int, indent: int | None, out: list[str],
                 pending: list[Any]) -> None:
    kind = type(value)
    if kind is DeferredArray:
        _push_container(value.load(), depth, indent, out, pending)
    elif kind is PiecedArray:
        _push_container(list(value), depth, indent, out, pending)
    elif kind is dict or kind is list or kind is ObjectWithDuplicates:
        _push_container(value, depth, indent, out, pending)
    elif kind is JsonNumber:
        out.append(str.__str__(value))
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is str:
        out.append(json.dumps(value, ensure_ascii=False))
    else:
        out.append(_LITERALS[value])


def _push_container(value: dict[str, Any] | list[Any], depth: int,
                    indent: int | None, out: list[str], pending: list[Any]) -> None:
    is_object = isinstance(value, dict)
    opening, closing = ("{", "}") if is_object else ("[", "]")
    if not value:
        out.append(opening + closing)
        return

    if indent is None:
        inner, outer, colon = "", "", ":"
    else:
        inner = "\n" + " " * (indent * (depth + 1))
        outer = "\n" + " " * (indent * depth)
        colon = ": "
    out.append(opening)
    pending.append(outer + closing)
    if isinstance(value, dict):
        entries: list[tuple[Any, Any]] = list(value.items())
    else:
        entries = list(enumerate(value))
    for position in range(len(entries) - 1, -1, -1):
        key, child = entries[position]
        pending.append((child, depth + 1))
        prefix = inner if position == 0 else "," + inner
        if is_object:
            prefix += json.dumps(key, ensure_ascii=False) + colon
        pending.append(prefix)
