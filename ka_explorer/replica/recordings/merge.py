"""Merge a signed-in user's items of a list route into the route's whole list.

Khan's documentation shows what a signed-in caller saw on a list route such
as `/api/v1/badges` with one example item: the badge the user earned, with
its `user_badges`. That item belongs inside the list of every badge, so the
replica merges it there instead of serving it as the whole list.
"""

from __future__ import annotations

from typing import Any

from ka_explorer.replica.render import camel_key, recase, snake_key

ID_KEYS = ("id", "name", "slug", "readable_id", "youtube_id")
_USER_KEY = "user_badges"
_OWNED_KEY = "is_owned"


def identifiers(entry: dict[str, Any], parameter: str) -> list[str]:
    """Return the identifier values of an object, the item parameter's first."""
    found: list[str] = []
    for key in (parameter, *ID_KEYS):
        if not key:
            continue
        for variant in (key, camel_key(key)):
            value = entry.get(variant)
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                found.append(str(value))
    return list(dict.fromkeys(v for v in found if v != ""))


def merge_items(
    whole: list[Any], casing: str, items: Any, items_casing: str
) -> tuple[list[Any], list[str]]:
    """Return `whole` with `items` merged in, and the identifiers appended.

    An item merges into the entry of `whole` with the same identifier: the
    entry keeps its values and gains the fields it lacks, and an entry that
    gains `user_badges` gets `is_owned: true` where it has that field. An
    item that matches no entry is appended. `whole` is not changed.
    """
    listed = items if isinstance(items, list) else [items]
    converted = _as_casing(listed, items_casing, casing)
    merged = list(whole)
    index = _index(merged)
    appended: list[str] = []
    for item in converted:
        position = _position(item, index)
        if position is None:
            merged.append(item)
            appended.append(_label(item))
        else:
            merged[position] = _merged_entry(merged[position], item, casing)
    return merged, appended


def _as_casing(items: list[Any], source: str, target: str) -> list[Any]:
    if source == target:
        return items
    convert = camel_key if target == "camel" else snake_key
    converted: list[Any] = recase(items, convert)
    return converted


def _index(whole: list[Any]) -> dict[tuple[str, str], int]:
    index: dict[tuple[str, str], int] = {}
    for position, entry in enumerate(whole):
        for pair in _identity(entry):
            index.setdefault(pair, position)
    return index


def _identity(entry: Any) -> list[tuple[str, str]]:
    """Return (field, value) pairs that identify an object, in ID_KEYS order."""
    if not isinstance(entry, dict):
        return []
    pairs = []
    for key in ID_KEYS:
        for variant in (key, camel_key(key)):
            value = entry.get(variant)
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                pairs.append((key, str(value)))
    return pairs


def _position(item: Any, index: dict[tuple[str, str], int]) -> int | None:
    for pair in _identity(item):
        if pair in index:
            return index[pair]
    return None


def _merged_entry(entry: Any, item: dict[str, Any], casing: str) -> Any:
    if not isinstance(entry, dict):
        return entry
    merged = dict(entry)
    for key, value in item.items():
        merged.setdefault(key, value)
    user_key, owned_key = _USER_KEY, _OWNED_KEY
    if casing == "camel":
        user_key, owned_key = camel_key(user_key), camel_key(owned_key)
    if user_key in item and owned_key in merged:
        merged[owned_key] = True
    return merged


def _label(item: Any) -> str:
    pairs = _identity(item)
    return pairs[0][1] if pairs else "an item without an identifier"
