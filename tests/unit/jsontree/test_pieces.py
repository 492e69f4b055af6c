"""A long array of a UTF-8 body is kept in pieces that stay in the body.

Each test compares a document whose long array is read in pieces with the
same body read as a str, which the parser never splits: the values, the node
views, the search matches and the errors must be the same.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from ka_explorer.jsontree import (
    Document,
    JsonParseError,
    chunked,
    dump_json,
    pieces,
    search,
)
from ka_explorer.jsontree.deferred import DeferredItems, PiecedArray
from ka_explorer.jsontree.pieces import PIECE_LENGTH

COUNT = chunked.MAX_WALKED_MEMBERS * 3


def record(index: int) -> dict[str, Any]:
    """An item whose text has commas inside strings and nested arrays, and
    `}, {` inside it, so that some guessed cuts fall inside an item."""
    return {
        "id": index,
        "title": f"Item {index}, part {index % 7}",
        "ratio": 0.25 + index,
        "kids": [{"a": 1}, {"b": [2, 3]}] if index % 5 == 0 else [],
    }


def pieced(body: bytes) -> tuple[Document, Document]:
    """Return `body` parsed as bytes and as a str, after checking that the
    bytes' top-level array is in pieces."""
    document = Document.parse(body)
    assert type(document.value) is PiecedArray
    return document, Document.parse(body.decode("utf-8"))


def as_json(document: Document) -> Any:
    return json.loads(dump_json(document.value, None))


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return [record(index) for index in range(COUNT)]


@pytest.fixture(scope="module")
def compact(records: list[dict[str, Any]]) -> tuple[Document, Document]:
    return pieced(json.dumps(records).encode("ascii"))


def test_rest_of_array_kept_in_body(compact: tuple[Document, Document]) -> None:
    array = compact[0].value
    deferred = [piece for _, piece in array.indexed_pieces()
                if type(piece) is DeferredItems]

    assert len(array) == COUNT
    assert len(deferred) == len(array.pieces) - 1
    assert len(deferred) >= 4
    assert all(piece.end - piece.start <= 2 * PIECE_LENGTH for piece in deferred)


def test_pieced_values_equal_full_parse(compact: tuple[Document, Document]) -> None:
    document, plain = compact

    assert as_json(document) == as_json(plain)


def test_item_view_loads_only_its_piece(records: list[dict[str, Any]]) -> None:
    document, _ = pieced(json.dumps(records).encode("ascii"))
    array = document.value
    last = len(array.pieces) - 1

    node = document.root.child(COUNT - 1)

    assert json.loads(node.to_json()) == records[-1]
    assert node.path == f"$[{COUNT - 1}]"
    assert type(array.pieces[last]) is list
    assert all(type(piece) is DeferredItems for piece in array.pieces[1:last])


def test_every_piece_boundary_item(compact: tuple[Document, Document],
                                   records: list[dict[str, Any]]) -> None:
    document, _ = compact
    array = document.value

    for first in array.firsts:
        for index in (first - 1, first):
            if 0 <= index < COUNT:
                node = document.root.child(index)
                assert json.loads(node.to_json()) == records[index], index


def test_search_matches_equal_full_parse(compact: tuple[Document, Document]) -> None:
    document, plain = compact

    for query in ("part 3", f"Item {COUNT - 2},", '"b"', "b", "no such text"):
        found = [(m.path, m.indexes) for m in search(document, query)]
        expected = [(m.path, m.indexes) for m in search(plain, query)]
        assert found == expected, query


def test_non_ascii_body_byte_offsets() -> None:
    items = [{"name": f"étude {index} 😀", "n": index} for index in range(COUNT)]
    document, plain = pieced(json.dumps(items, ensure_ascii=False).encode("utf-8"))

    assert as_json(document) == items
    assert json.loads(document.root.child(COUNT - 1).to_json()) == items[-1]
    assert [m.path for m in search(document, "ÉTUDE 4599")] == [
        m.path for m in search(plain, "ÉTUDE 4599")]


def test_pretty_printed_array() -> None:
    items = [[index, str(index)] for index in range(COUNT)]
    document, _ = pieced(json.dumps(items, indent=2).encode("ascii"))

    assert as_json(document) == items


def test_flat_numbers_keep_their_text() -> None:
    text = "[" + ", ".join(f"{index}.10" for index in range(COUNT)) + "]"
    document, _ = pieced(text.encode("ascii"))

    assert document.root.child(COUNT - 1).value_text == f"{COUNT - 1}.10"
    assert document.root.child(0).value_text == "0.10"


def test_long_array_inside_object(records: list[dict[str, Any]]) -> None:
    value = {"data": records, "after": [{"x": 1}, {"y": 2}], "z": 3}
    document = Document.parse(json.dumps(value).encode("ascii"))

    assert type(document.value["data"]) is PiecedArray
    assert as_json(document) == value


def test_invalid_item_in_later_piece(records: list[dict[str, Any]]) -> None:
    text = json.dumps(records)
    broken = text.replace('"id": 55555,', '"id": 55555 "x": 1,')
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(broken)

    with pytest.raises(JsonParseError) as raised:
        Document.parse(broken.encode("ascii"))

    assert raised.value.position == expected.value.pos
    assert (raised.value.line, raised.value.column) == (
        expected.value.lineno, expected.value.colno)


def test_unclosed_array_at_end(records: list[dict[str, Any]]) -> None:
    text = json.dumps(records)[:-1]

    with pytest.raises(JsonParseError) as raised:
        Document.parse(text.encode("ascii"))

    assert raised.value.position == len(text)


def test_item_out_of_range(compact: tuple[Document, Document]) -> None:
    array = compact[0].value

    with pytest.raises(IndexError):
        array.item(COUNT)
    with pytest.raises(IndexError):
        array.item(-1)


def test_wrong_cut_guesses_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # Three of the four `}, {` in each item are inside it, and the items'
    # lengths vary, so some guessed cuts fall inside an item.
    items = [{"kids": [{"a": "x" * (index % 13)}, {"b": 2}, {"c": 3}, {"d": 4}]}
             for index in range(COUNT)]
    counts: list[int] = []
    count_items = pieces._count_items

    def counted(candidate: str) -> int:
        counts.append(count_items(candidate))
        return counts[-1]

    monkeypatch.setattr(pieces, "_count_items", counted)
    document, _ = pieced(json.dumps(items).encode("ascii"))

    assert 0 in counts
    assert any(counts)
    assert as_json(document) == items
