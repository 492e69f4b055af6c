"""Search over keys and values: order, case, scope, cancel, batches."""

from __future__ import annotations

import importlib
import json
import threading

import pytest

from ka_explorer.jsontree import Document, SearchMatch, chunked, search, search_batches

# The package exports the function `search`, which hides the module's name.
search_module = importlib.import_module("ka_explorer.jsontree.search")

BODY = b"""{
  "badges": [
    {"name": "Great Listener", "points": 1.50},
    {"name": "Nice listener", "description": "Listen to 30 minutes"}
  ],
  "Listen": true,
  "strasse": "Stra\\u00dfe"
}"""


def doc() -> Document:
    return Document.parse(BODY)


def paths(matches: list[SearchMatch]) -> list[str]:
    return [match.path for match in matches]


def test_matches_in_document_order() -> None:
    matches = list(search(doc(), "listen"))
    assert paths(matches) == [
        "$.badges[0].name",
        "$.badges[1].name",
        "$.badges[1].description",
        "$.Listen",
    ]


def test_key_and_value_fields() -> None:
    matches = list(search(doc(), "listen"))
    assert [match.field for match in matches] == ["value", "value", "value", "key"]
    assert matches[0].text == "Great Listener"
    assert matches[3].text == "Listen"


def test_indexes_reach_matching_node() -> None:
    document = doc()
    for match in search(document, "listen"):
        assert document.node_at(match.indexes).path == match.path


def test_case_sensitive_search() -> None:
    matches = list(search(doc(), "Listen", case_sensitive=True))
    assert paths(matches) == ["$.badges[0].name", "$.badges[1].description",
                              "$.Listen"]


def test_casefold_matches_sharp_s() -> None:
    matches = list(search(doc(), "STRASSE"))
    assert paths(matches) == ["$.strasse", "$.strasse"]
    assert [match.field for match in matches] == ["key", "value"]


def test_keys_only_and_values_only() -> None:
    keys = list(search(doc(), "name", values=False))
    values = list(search(doc(), "name", keys=False))
    assert paths(keys) == ["$.badges[0].name", "$.badges[1].name"]
    assert values == []


def test_number_matches_exact_text() -> None:
    matches = list(search(doc(), "1.50"))
    assert paths(matches) == ["$.badges[0].points"]


def test_literals_match_their_text() -> None:
    assert paths(list(search(doc(), "TRUE"))) == ["$.Listen"]


def test_search_under_node_keeps_full_paths() -> None:
    document = doc()
    badge = document.root.child(0).child(1)
    matches = list(search(badge, "listen"))
    assert paths(matches) == ["$.badges[1].name", "$.badges[1].description"]
    assert matches[0].indexes == (0, 1, 0)


def test_scalar_root_is_searched() -> None:
    matches = list(search(Document.parse(b'"needle"'), "need"))
    assert paths(matches) == ["$"]
    assert matches[0].indexes == ()


def test_empty_query_finds_nothing() -> None:
    assert list(search(doc(), "")) == []


def test_deep_document_without_recursion_error() -> None:
    depth = 400
    body = '{"a":' * depth + '"needle"' + "}" * depth
    document = Document.parse(body.encode())
    [match] = list(search(document, "needle"))
    assert len(match.indexes) == depth


def test_cancel_stops_search() -> None:
    body = b"[" + b",".join(b'"item"' for _ in range(50_000)) + b"]"
    cancel = threading.Event()
    found = 0
    for _ in search(Document.parse(body), "item", cancel=cancel):
        found += 1
        if found == 10:
            cancel.set()
    assert 10 <= found < 50_000


def test_cancel_before_start_finds_nothing() -> None:
    cancel = threading.Event()
    cancel.set()
    assert list(search(doc(), "listen", cancel=cancel)) == []


def test_batches_send_first_match_alone() -> None:
    matches = [SearchMatch(f"$[{i}]", (i,), "value", "x") for i in range(5)]
    batches = list(search_batches(matches, max_size=2, clock=lambda: 0.0))
    assert [len(batch) for batch in batches] == [1, 2, 2]


def test_batches_flush_after_delay() -> None:
    ticks = iter(range(100))
    matches = [SearchMatch(f"$[{i}]", (i,), "value", "x") for i in range(4)]
    batches = list(search_batches(matches, max_size=100, max_delay=1.5,
                                  clock=lambda: float(next(ticks))))
    assert sum(len(batch) for batch in batches) == 4
    assert len(batches) > 2


def _spanned_document(value: object, monkeypatch: pytest.MonkeyPatch) -> Document:
    """Parse with every container below the root read as a recorded span."""
    monkeypatch.setattr(chunked, "WALK_DEPTH", 1)
    monkeypatch.setattr(chunked, "WALK_MIN_LENGTH", 0)
    monkeypatch.setattr(chunked, "SPAN_MIN_LENGTH", 1)
    monkeypatch.setattr(chunked, "EDGE_MEMBER_BUDGET", 0)
    return Document.parse(json.dumps(value).encode("ascii"))


SPANNED = {
    "plain": [{"title": "Great Listener", "n": 1.5, "ok": True} for _ in range(3)],
    "escaped": [{"name": "Caf\u00e9 \"quoted\" Stra\u00dfe", "tab": "a\tb"}],
    "deep": {"list": [[{"Key Name": "value"}], None, 42]},
}
QUERIES = ["listen", "LISTENER", "1.5", "true", "null", "42", "key name", "café",
           "STRASSE", '"quoted"', "a\tb", "\u00e9", '":', "absent", "ß"]


@pytest.mark.parametrize("case_sensitive", [False, True])
def test_spans_give_same_matches(monkeypatch: pytest.MonkeyPatch,
                                 case_sensitive: bool) -> None:
    document = _spanned_document(SPANNED, monkeypatch)
    assert document.ascii_body is not None
    assert len(document.spans) >= 3
    walked = Document(document.value)
    for query in QUERIES:
        with_spans = list(search(document, query, case_sensitive=case_sensitive))
        without = list(search(walked, query, case_sensitive=case_sensitive))
        assert with_spans == without, query


def test_spans_skip_containers_without_query(monkeypatch: pytest.MonkeyPatch) -> None:
    document = _spanned_document(SPANNED, monkeypatch)
    visited: list[object] = []
    original = search_module._entries

    def counting(container: object) -> object:
        visited.append(container)
        return original(container)

    monkeypatch.setattr(search_module, "_entries", counting)
    assert list(search(document, "absent")) == []
    escaped = document.value["escaped"]
    # Only the containers whose text has escapes are walked.
    assert visited == [document.value, escaped, escaped[0]]


def test_non_ascii_body_has_no_spans() -> None:
    document = Document.parse('{"a": ["é"]}'.encode())
    assert document.ascii_body is None
    assert document.spans == {}
