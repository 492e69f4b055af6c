"""JSON objects whose text repeats a key.

A dict keeps one value per key, and the parser keeps the last one, as
JavaScript's JSON.parse does. An object that repeated a key becomes an
`ObjectWithDuplicates`, a dict that also names the repeated keys, so a view
can show that earlier values were dropped. Every other object stays a plain
dict, so the common case costs one length comparison per object.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class ObjectWithDuplicates(dict[str, Any]):
    """A parsed object with the last value of each key, and `duplicate_keys`:
    the keys that its text repeated, in the order of their first appearance."""

    __slots__ = ("duplicate_keys",)

    def __init__(self, members: dict[str, Any], duplicate_keys: tuple[str, ...]):
        super().__init__(members)
        self.duplicate_keys = duplicate_keys


def object_from_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Return the object of (key, value) pairs as the json scanner reads them."""
    members = dict(pairs)
    if len(members) == len(pairs):
        return members
    return ObjectWithDuplicates(members, repeated_keys(key for key, _ in pairs))


def repeated_keys(keys: Iterable[str]) -> tuple[str, ...]:
    """Return the keys that occur more than once, in order of first appearance."""
    seen: set[str] = set()
    repeated: dict[str, None] = {}
    for key in keys:
        if key in seen:
            repeated[key] = None
        else:
            seen.add(key)
    return tuple(repeated)


def with_duplicates(members: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """Return `members`, marked with the repeated `keys` (added to any it has)."""
    known = duplicate_keys_of(members)
    added = tuple(key for key in dict.fromkeys(keys) if key not in known)
    if not added:
        return members
    return ObjectWithDuplicates(members, known + added)


def duplicate_keys_of(value: Any) -> tuple[str, ...]:
    """Return the keys that the object `value` repeated, or () for any other value."""
    if type(value) is ObjectWithDuplicates:
        return value.duplicate_keys
    return ()
