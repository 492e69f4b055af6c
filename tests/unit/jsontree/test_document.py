"""Document and Node: kinds, exact numbers, lazy children, paths."""

from __future__ import annotations

import json

import pytest

from ka_explorer.jsontree import Document, JsonNumber


def parse(text: str) -> Document:
    return Document.parse(text.encode("utf-8"))


def test_root_kinds_of_each_value() -> None:
    doc = parse('{"o": {}, "a": [], "s": "x", "n": 1, "t": true, "f": false, '
                '"z": null}')
    kinds = [child.kind for child in doc.root.children()]
    assert doc.root.kind == "object"
    assert kinds == ["object", "array", "string", "number", "boolean", "boolean",
                     "null"]


@pytest.mark.parametrize(
    "number",
    ["12345678901234567890123", "1.10", "1e400", "-0", "0.0", "-1.5E-7", "1E+2"],
)
def test_number_text_is_exact(number: str) -> None:
    doc = parse(f"[{number}]")
    assert doc.root.child(0).value_text == number
    assert doc.root.child(0).kind == "number"


def test_integer_longer_than_python_limit_is_kept() -> None:
    digits = "9" * 5000
    doc = parse(f'{{"big": {digits}}}')
    assert doc.root.child(0).value_text == digits


def test_number_values_are_int_or_text() -> None:
    doc = parse("[42, 2.5, -0, 1234567890123456789]")
    small, fraction, negative_zero, long = doc.root.children()
    assert type(small.value) is int
    assert small.value == 42
    assert isinstance(fraction.value, JsonNumber)
    assert float(fraction.value) == 2.5
    assert isinstance(negative_zero.value, JsonNumber)
    assert isinstance(long.value, JsonNumber)
    assert int(long.value) == 1234567890123456789


def test_strings_are_unicode_text() -> None:
    doc = parse('["caf\\u00e9", "日本", "\\ud83d\\ude00", "tab\\tend"]')
    texts = [child.value_text for child in doc.root.children()]
    assert texts == ["café", "日本", "😀", "tab\tend"]


def test_literal_text() -> None:
    doc = parse("[true, false, null]")
    assert [child.value_text for child in doc.root.children()] == ["true", "false",
                                                                  "null"]


def test_child_count_and_summary() -> None:
    doc = parse('{"one": [1], "many": {"a": 1, "b": 2}, "none": []}')
    one, many, none = doc.root.children()
    assert (one.child_count, many.child_count, none.child_count) == (1, 2, 0)
    assert one.summary == "1 item"
    assert many.summary == "2 keys"
    assert none.value_text == "0 items"
    assert one.child(0).child_count == 0


def test_child_returns_same_node_each_time() -> None:
    doc = parse('{"a": [1, 2]}')
    first = doc.root.child(0)
    assert doc.root.child(0) is first
    assert first.child(1) is first.child(1)


def test_child_knows_parent_row_and_key() -> None:
    doc = parse('{"a": 1, "b": [true, null]}')
    b = doc.root.child(1)
    assert b.parent is doc.root
    assert (b.key, b.row) == ("b", 1)
    assert (b.child(1).key, b.child(1).row) == (1, 1)
    assert doc.root.key is None
    assert doc.root.parent is None


def test_child_out_of_range_raises_index_error() -> None:
    doc = parse('{"a": [1]}')
    with pytest.raises(IndexError, match=r"\$\.a has no child 1"):
        doc.root.child(0).child(1)
    with pytest.raises(IndexError):
        doc.root.child(-1)


def test_children_are_not_built_before_use() -> None:
    doc = parse('{"a": [1, 2, 3]}')
    assert doc.root._children is None
    doc.root.child(0)
    assert doc.root.child(0)._children is None


def test_path_of_nested_node() -> None:
    doc = parse('{"badges": [0, 1, 2, {"name": "x", "key with space": 1}]}')
    badge = doc.root.child(0).child(3)
    assert doc.root.path == "$"
    assert badge.child(0).path == "$.badges[3].name"
    assert badge.child(1).path == "$.badges[3]['key with space']"


def test_indexes_lead_back_to_node() -> None:
    doc = parse('{"a": {"b": [10, {"c": true}]}}')
    node = doc.root.child(0).child(0).child(1).child(0)
    assert node.indexes == (0, 0, 1, 0)
    assert doc.node_at(node.indexes) is node
    assert doc.node_at(()) is doc.root


def test_duplicate_keys_keep_last_value() -> None:
    doc = parse('{"a": 1, "a": 2}')
    assert doc.root.child_count == 1
    assert doc.root.child(0).value_text == "2"


def test_scalar_root_document() -> None:
    doc = parse('  "just text"  ')
    assert doc.root.kind == "string"
    assert doc.root.child_count == 0
    assert doc.root.path == "$"


def test_jsonp_wrapper_is_unwrapped() -> None:
    doc = parse('KA.callback ( {"a": [1]} ) ;\n')
    assert doc.jsonp_callback == "KA.callback"
    assert doc.root.child(0).path == "$.a"


def test_plain_json_has_no_callback() -> None:
    assert parse("[]").jsonp_callback is None


def test_size_is_body_length_in_bytes() -> None:
    assert Document.parse('["é"]'.encode()).size == 6
    assert Document.parse('["é"]').size == 6


def test_utf16_body_with_bom() -> None:
    doc = Document.parse('{"a": "ü"}'.encode("utf-16"))
    assert doc.root.child(0).value_text == "ü"


def test_utf8_bom_is_skipped() -> None:
    doc = Document.parse(b'\xef\xbb\xbf{"a": 1}')
    assert doc.root.child(0).key == "a"


def test_to_json_keeps_numbers_and_order() -> None:
    text = '{"z": 1.10, "a": [-0, 1e400, "é", {}, []], "n": null}'
    doc = parse(text)
    compact = doc.root.to_json(indent=None)
    assert compact == '{"z":1.10,"a":[-0,1e400,"é",{},[]],"n":null}'
    assert json.loads(doc.root.to_json()) == json.loads(text)


def test_to_json_indents_nested_values() -> None:
    doc = parse('{"a": [1, {"b": "x"}]}')
    assert doc.root.child(0).to_json(indent=2) == '[\n  1,\n  {\n    "b": "x"\n  }\n]'


def test_to_json_of_deep_document() -> None:
    depth = 900
    doc = parse("[" * depth + "]" * depth)
    assert doc.root.to_json(indent=None) == "[" * depth + "]" * depth
