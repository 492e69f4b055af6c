"""Large arrays of an ASCII body stay in the body until a view or search opens them.

Each test compares a document whose arrays are deferred with the same body
read as a str, which the parser never defers: the values, the node views,
the search matches and the JSON text must be the same.
"""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest

from ka_explorer.jsontree import (
    DeferredArray,
    Document,
    chunked,
    dump_json,
    kind_of,
    search,
)
from ka_explorer.jsontree import deferred as deferred_module
from ka_explorer.jsontree.deferred import DEFER_MIN_LENGTH


def item(index: int) -> dict[str, Any]:
    return {
        "id": f"x{index:06d}",
        "kind": "Video" if index % 3 else "Exercise",
        "title": f"Lesson {index} \u00e9tude \"quoted\"",
        "points": "1.10",
        "ratio": 0.5 + index,
        "big": 12345678901234567890 + index,
        "live": index % 2 == 0,
        "none": None,
    }


def topic(depth: int, width: int, start: int) -> dict[str, Any]:
    """A topic tree: objects with a "children" array down to `depth`."""
    if depth == 0:
        return {"kind": "Topic", "slug": f"leaf-{start}",
                "children": [item(start + index) for index in range(width)]}
    return {"kind": "Topic", "slug": f"topic-{depth}-{start}",
            "children": [topic(depth - 1, width, start * 10 + index)
                         for index in range(3)]}


def body_of(value: Any) -> bytes:
    """Return `value` as an ASCII body, as the replica and Khan's API send it,
    with `points` as the number 1.10 (json.dumps would write 1.1)."""
    text = json.dumps(value, ensure_ascii=True)
    return text.replace('"points": "1.10"', '"points": 1.10').encode("ascii")


@pytest.fixture(scope="module")
def body() -> bytes:
    # Objects at depths 0, 2, 4 and 6 are walked. The leaves' "children"
    # arrays, at depth 7, hold 120 items of about 250 bytes each.
    data = body_of(topic(3, 120, 1))
    assert len(data) >= chunked.WALK_MIN_LENGTH
    return data


@pytest.fixture(scope="module")
def deferred(body: bytes) -> Document:
    return Document.parse(body)


@pytest.fixture(scope="module")
def plain(body: bytes) -> Document:
    return Document.parse(body.decode("ascii"))


def deferred_arrays(value: Any) -> list[DeferredArray]:
    found, stack = [], [value]
    while stack:
        current = stack.pop()
        if type(current) is DeferredArray:
            found.append(current)
        elif type(current) is dict:
            stack.extend(current.values())
        elif type(current) is list:
            stack.extend(current)
    return found


def fully_loaded(value: Any) -> Any:
    if type(value) is DeferredArray:
        value = value.load()
    if type(value) is dict:
        return {key: fully_loaded(child) for key, child in value.items()}
    if type(value) is list:
        return [fully_loaded(child) for child in value]
    return value


def test_large_arrays_are_deferred(deferred: Document) -> None:
    arrays = deferred_arrays(deferred.value)
    assert len(arrays) == 27
    assert all(len(array) == 120 for array in arrays)
    assert all(array.end - array.start >= DEFER_MIN_LENGTH for array in arrays)


def test_str_body_is_not_deferred(plain: Document) -> None:
    assert deferred_arrays(plain.value) == []


def test_loaded_values_equal_full_parse(deferred: Document, plain: Document) -> None:
    assert fully_loaded(deferred.value) == plain.value


def test_numbers_keep_their_text_after_load(deferred: Document) -> None:
    leaf = deferred.node_at([2, 0, 2, 0, 2, 0, 2])
    first = leaf.child(0)
    assert first.child(3).kind == "number"
    assert first.child(3).value_text == "1.10"
    assert first.child(4).value_text == "1000.5"
    assert first.child(5).value_text == "12345678901234568890"
    assert first.child(2).value_text == 'Lesson 1000 \u00e9tude "quoted"'


def test_node_shows_deferred_array_without_loading(body: bytes) -> None:
    document = Document.parse(body)
    leaf = document.node_at([2, 0, 2, 0, 2, 0, 2])
    assert type(leaf.value) is DeferredArray
    assert leaf.kind == "array"
    assert leaf.is_container
    assert leaf.child_count == 120
    assert leaf.value_text == "120 items"
    assert kind_of(leaf.value) == "array"
    assert type(leaf.value) is DeferredArray


def test_node_loads_array_once(body: bytes, plain: Document) -> None:
    document = Document.parse(body)
    leaf = document.node_at([2, 0, 2, 0, 2, 0, 2])
    child = leaf.child(5)
    assert type(leaf.value) is list
    assert leaf.child(5) is child
    assert child.path == "$.children[0].children[0].children[0].children[5]"
    assert child.value == plain.node_at([2, 0, 2, 0, 2, 0, 2, 5]).value


def test_search_matches_equal_full_parse(deferred: Document, plain: Document) -> None:
    for query, options in [
        ("lesson 11", {}),
        ("Exercise", {"case_sensitive": True}),
        ("\u00c9TUDE", {}),
        ('"quoted"', {}),
        ("1.10", {}),
        ("kind", {"values": False}),
        ("12345678901234567999", {}),
        ("no such text", {}),
    ]:
        found = [(m.path, m.indexes, m.field, m.text)
                 for m in search(deferred, query, **options)]
        expected = [(m.path, m.indexes, m.field, m.text)
                    for m in search(plain, query, **options)]
        assert found == expected, query


def test_search_over_fresh_views_equals(deferred: Document, plain: Document) -> None:
    fresh = Document(deferred.value)
    found = [m.path for m in search(fresh, "Lesson 1005 ")]
    assert found == [m.path for m in search(plain, "Lesson 1005 ")]
    assert len(found) == 3


def test_search_from_deferred_node(body: bytes, plain: Document) -> None:
    document = Document.parse(body)
    leaf = document.node_at([2, 0, 2, 0, 2, 0, 2])
    found = [m.path for m in search(leaf, "Video")]
    expected = [m.path for m in search(plain.node_at([2, 0, 2, 0, 2, 0, 2]), "Video")]
    assert found == expected
    assert len(found) == 80


def test_to_json_equals_full_parse(deferred: Document, plain: Document) -> None:
    assert deferred.root.to_json(indent=None) == plain.root.to_json(indent=None)
    assert dump_json(deferred.value, 2) == dump_json(plain.value, 2)


def test_loads_from_threads_agree(deferred: Document) -> None:
    array = deferred_arrays(deferred.value)[0]
    results: list[Any] = []
    threads = [threading.Thread(target=lambda: results.append(array.load()))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4
    assert all(result == results[0] for result in results)


def utf8_body(body: bytes) -> bytes:
    """Return the body with raw UTF-8 characters of 2, 3 and 4 bytes in every
    title, where the ASCII body has \\u escapes."""
    raw = "\u00e9tude Stra\u00dfe \u6f22 \U0001f600"
    return body.decode("ascii").replace("\\u00e9tude", raw).encode("utf-8")


def test_utf8_body_is_deferred(body: bytes) -> None:
    document = Document.parse(utf8_body(body))
    assert document.ascii_body is None
    assert len(deferred_arrays(document.value)) == 27


def test_utf8_values_equal_full_parse(body: bytes) -> None:
    data = utf8_body(body)
    document = Document.parse(data)
    plain = Document.parse(data.decode("utf-8"))
    assert fully_loaded(document.value) == plain.value
    assert document.root.to_json(indent=None) == plain.root.to_json(indent=None)


def test_utf8_node_text_after_load(body: bytes) -> None:
    document = Document.parse(utf8_body(body))
    leaf = document.node_at([2, 2, 2, 2, 2, 2, 2])
    title = leaf.child(119).child(2)
    expected = 'Lesson 1341 \u00e9tude Stra\u00dfe \u6f22 \U0001f600 "quoted"'
    assert title.value_text == expected
    assert title.path == "$.children[2].children[2].children[2].children[119].title"


def test_utf8_search_equals_full_parse(body: bytes) -> None:
    data = utf8_body(body)
    document = Document.parse(data)
    plain = Document.parse(data.decode("utf-8"))
    for query in ["strasse", "STRASSE", "\u00c9TUDE", "\U0001f600", "\u6f22 \U0001f600",
                  "Lesson 1341", "no such text"]:
        found = [(m.path, m.field, m.text) for m in search(document, query)]
        expected = [(m.path, m.field, m.text) for m in search(plain, query)]
        assert found == expected, query


def test_utf16_body_is_not_deferred(body: bytes) -> None:
    document = Document.parse(body.decode("ascii").encode("utf-16-le"))
    assert deferred_arrays(document.value) == []


def test_body_with_byte_order_mark_is_not_deferred(body: bytes) -> None:
    document = Document.parse(b"\xef\xbb\xbf" + body)
    assert deferred_arrays(document.value) == []


def test_small_body_is_not_deferred() -> None:
    document = Document.parse(body_of({"items": [item(index) for index in range(200)]}))
    assert len(document.value["items"]) == 200
    assert deferred_arrays(document.value) == []


def test_edge_budget_reads_later_objects_whole(
        monkeypatch: pytest.MonkeyPatch, body: bytes, plain: Document) -> None:
    monkeypatch.setattr(chunked, "EDGE_MEMBER_BUDGET", 6)
    document = Document.parse(body)
    # The first leaf object is walked (3 members), the second too (budget
    # reached), so only their two arrays are deferred.
    assert len(deferred_arrays(document.value)) == 2
    assert fully_loaded(document.value) == plain.value


def test_array_above_max_length_is_kept(
        monkeypatch: pytest.MonkeyPatch, body: bytes, plain: Document) -> None:
    monkeypatch.setattr(deferred_module, "DEFER_MAX_LENGTH", DEFER_MIN_LENGTH)
    document = Document.parse(body)
    assert deferred_arrays(document.value) == []
    assert document.value == plain.value


@pytest.mark.slow
def test_replica_topictree_equals_full_parse(replica: Any) -> None:
    import requests

    response = requests.get(f"{replica.base_url}/api/v1/topictree", timeout=300)
    document = Document.parse(response.content)
    plain = Document.parse(response.content.decode("utf-8"))
    assert len(deferred_arrays(document.value)) > 100
    assert fully_loaded(document.value) == plain.value
    for query in ["Topic", "42645cdbbc57622e0ccb7d9ef89d2290dcb47495", "no such text"]:
        found = [(m.path, m.field) for m in search(document, query)]
        expected = [(m.path, m.field) for m in search(plain, query)]
        assert found == expected, query


def containers_by_id(value: Any) -> dict[int, Any]:
    found, stack = {}, [value]
    while stack:
        current = stack.pop()
        if type(current) is dict:
            found[id(current)] = current
            stack.extend(current.values())
        elif type(current) is list:
            found[id(current)] = current
            stack.extend(current)
    return found


def assert_spans_match(document: Document, body: bytes) -> None:
    """Check that each recorded span is the text of its container."""
    containers = containers_by_id(document.value)
    for key, (start, end) in document.spans.items():
        assert key in containers
        text = body[start:end].decode("ascii")
        assert Document.parse(text).value == fully_loaded(containers[key])


def nested_duplicates(tree: str) -> bytes:
    """Return a body whose object at depth 6 has the key "dup" twice. The
    first value is a large object that the parser reads in one piece."""
    big = json.dumps({"filler": "x" * 8000, "name": "replaced"})
    edge = '{"dup": ' + big + ', "other": 1, "dup": {"name": "kept"}}'
    nested = "[" * 5 + edge + "]" * 5
    return ('{"edge": ' + nested + ', "tree": ' + tree + "}").encode("ascii")


@pytest.mark.parametrize("walked_members", [chunked.MAX_WALKED_MEMBERS, 1])
def test_duplicate_key_drops_replaced_span(
        monkeypatch: pytest.MonkeyPatch, body: bytes, walked_members: int) -> None:
    # With one walked member, the second "dup" comes in the rest that is
    # read in one call and merged.
    monkeypatch.setattr(chunked, "MAX_WALKED_MEMBERS", walked_members)
    data = nested_duplicates(body.decode("ascii"))
    document = Document.parse(data)
    edge = document.value["edge"][0][0][0][0][0]
    assert edge["dup"] == {"name": "kept"}
    assert_spans_match(document, data)
    found = [match.path for match in search(document, "kept")]
    assert found == ["$.edge[0][0][0][0][0].dup.name"]


def test_spans_hold_their_containers(
        monkeypatch: pytest.MonkeyPatch, body: bytes) -> None:
    # Without deferral, the leaves' arrays are kept and get spans instead.
    monkeypatch.setattr(deferred_module, "DEFER_MAX_LENGTH", 0)
    document = Document.parse(body)
    assert len(document.spans) == 27
    assert_spans_match(document, body)
