"""Objects whose text repeats a key: the last value, and the repeated keys."""

from __future__ import annotations

import json

from ka_explorer.jsontree import Document, search
from ka_explorer.jsontree.chunked import MAX_WALKED_MEMBERS, WALK_MIN_LENGTH
from ka_explorer.jsontree.deferred import DEFER_MIN_LENGTH, DeferredArray


def parse(text: str) -> Document:
    return Document.parse(text.encode("utf-8"))


def padded(value: str) -> str:
    """Return a body of `value` long enough to be walked member by member."""
    filler = json.dumps(["x" * 100] * (WALK_MIN_LENGTH // 100))
    return '{"filler": ' + filler + ', "value": ' + value + "}"


def test_small_body_names_repeated_keys() -> None:
    doc = parse('{"a": 1, "b": 2, "a": 3, "c": 4, "b": 5, "a": 6}')

    assert doc.root.duplicate_keys == ("a", "b")
    assert doc.root.child_count == 3
    assert doc.root.child(0).value_text == "6"
    assert doc.root.kind == "object"


def test_object_without_repeats_has_none() -> None:
    doc = parse('{"a": {"b": 1}, "c": [1, 2]}')

    assert doc.root.duplicate_keys == ()
    assert doc.root.child(0).duplicate_keys == ()
    assert doc.root.child(1).duplicate_keys == ()
    assert type(doc.value) is dict


def test_nested_object_names_its_own_keys() -> None:
    doc = parse('{"outer": {"x": 1, "x": 2}, "outer2": {"y": 1}}')

    assert doc.root.duplicate_keys == ()
    assert doc.root.child(0).duplicate_keys == ("x",)
    assert doc.root.child(1).duplicate_keys == ()


def test_walked_object_names_repeated_keys() -> None:
    text = padded('{"k": 1}')[:-1] + ', "value": {"z": 0}, "extra": 1}'
    doc = parse(text)

    assert len(text) >= WALK_MIN_LENGTH
    assert doc.root.duplicate_keys == ("value",)
    assert doc.root.child(1).value == {"z": 0}


def test_walked_body_keeps_inner_repeats() -> None:
    doc = parse(padded('{"k": 1, "k": 2}'))

    assert doc.root.duplicate_keys == ()
    assert doc.root.child(1).duplicate_keys == ("k",)
    assert doc.root.child(1).child(0).value_text == "2"


def test_wide_object_repeat_after_walk_limit() -> None:
    members = [f'"key{i}": {i}' for i in range(MAX_WALKED_MEMBERS + 10)]
    members.append('"key3": "again"')
    members.append('"late": 1, "late": 2')
    doc = parse(padded("{" + ", ".join(members) + "}"))
    wide = doc.root.child(1)

    assert wide.duplicate_keys == ("key3", "late")
    assert wide.value["key3"] == "again"
    assert wide.child_count == MAX_WALKED_MEMBERS + 11


def test_deferred_array_item_names_repeats() -> None:
    count = DEFER_MIN_LENGTH // 10
    items = [f'{{"id": {i}, "id": {i + 1}}}' for i in range(count)]
    # Five more levels put the array at the depth where the parser reads
    # arrays in one piece and defers them.
    doc = parse(padded("[" * 5 + "[" + ", ".join(items) + "]" + "]" * 5))
    array = doc.node_at((1, 0, 0, 0, 0, 0))

    assert type(array.value) is DeferredArray
    assert array.child(5).duplicate_keys == ("id",)
    assert array.child(5).child(0).value_text == "6"


def test_search_walks_object_with_repeats() -> None:
    doc = parse('{"a": {"name": "first", "name": "second"}, "b": "second"}')

    paths = [match.path for match in search(doc, "second")]

    assert paths == ["$.a.name", "$.b"]


def test_to_json_writes_last_value_once() -> None:
    doc = parse('{"a": 1, "a": 2}')

    assert doc.root.to_json(indent=None) == '{"a":2}'
