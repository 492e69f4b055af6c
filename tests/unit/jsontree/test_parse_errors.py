"""Bodies that are not JSON: the error names the place and the kind."""

from __future__ import annotations

import gc

import pytest

from ka_explorer.errors import KaExplorerError
from ka_explorer.jsontree import Document, JsonParseError, NotJsonError
from ka_explorer.jsontree import parse as parse_module
from ka_explorer.jsontree.parse import gc_paused


def parse_error(body: bytes) -> JsonParseError:
    with pytest.raises(JsonParseError) as caught:
        Document.parse(body)
    return caught.value


def test_error_reports_line_column_excerpt() -> None:
    error = parse_error(b'{\n  "a": 1,\n  "b" 2\n}')
    assert (error.line, error.column) == (3, 7)
    assert error.excerpt == '  "b" 2'
    assert "line 3, column 7" in str(error)
    assert "Expecting ':' delimiter" in str(error)


def test_error_is_a_user_facing_error() -> None:
    assert isinstance(parse_error(b"[1,]"), KaExplorerError)


def test_excerpt_of_long_line_is_trimmed() -> None:
    body = b'["' + b"x" * 500 + b'", oops]'
    error = parse_error(body)
    assert len(error.excerpt) <= 62
    assert error.excerpt.startswith("…")
    assert "oops" in error.excerpt


def test_truncated_body() -> None:
    error = parse_error(b'{"a": [1, 2')
    assert error.kind == "invalid_json"
    assert error.column == 12


def test_text_after_value() -> None:
    error = parse_error(b"[1] [2]")
    assert "unexpected text after the JSON value" in str(error)
    assert error.column == 5


def test_html_page_is_named() -> None:
    body = b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head></html>"
    error = parse_error(body)
    assert isinstance(error, NotJsonError)
    assert error.kind == "html"
    assert str(error) == "The body is an HTML page ('404 Not Found'), not JSON."


def test_plain_text_body() -> None:
    error = parse_error(b"OAuth error. Invalid signature.")
    assert error.kind == "text"
    assert "plain text, not JSON: 'OAuth error. Invalid signature.'" in str(error)


@pytest.mark.parametrize("body", [b"", b" \n\t "])
def test_empty_body(body: bytes) -> None:
    assert parse_error(body).kind == "empty"


def test_invalid_utf8_byte_position() -> None:
    error = parse_error(b'{\n"a": "\xff"}')
    assert error.kind == "encoding"
    assert (error.line, error.column) == (2, 7)
    assert "0xff" in str(error)


def test_jsonp_without_closing_parenthesis() -> None:
    error = parse_error(b'cb({"a": 1}')
    assert "missing ')'" in str(error)


def test_control_character_in_string() -> None:
    error = parse_error(b'["a\x01b"]')
    assert "Invalid control character" in str(error)


def test_nesting_too_deep() -> None:
    depth = 100_000
    error = parse_error(b"[" * depth + b"]" * depth)
    assert error.kind == "too_deep"
    assert "recursion limit" in str(error)


def test_gc_is_restored_after_parse_and_error() -> None:
    assert gc.isenabled()
    Document.parse(b"[1]")
    parse_error(b"[")
    assert gc.isenabled()


def test_gc_pause_keeps_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with gc_paused(), gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_nested_gc_pauses_restore_once() -> None:
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_large_body_values_are_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_module, "FREEZE_MIN_LENGTH", 10)
    monkeypatch.setattr(parse_module, "FREEZE_MIN_OBJECTS", 1)
    frozen_before = gc.get_freeze_count()
    try:
        document = Document.parse(b'{"values": [1, 2, 3]}')
        assert gc.get_freeze_count() > frozen_before
        assert not any(document.value is obj for obj in gc.get_objects())
    finally:
        gc.unfreeze()


def test_few_new_objects_not_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_module, "FREEZE_MIN_LENGTH", 10)
    frozen_before = gc.get_freeze_count()

    Document.parse(b'{"values": [1, 2, 3]}')

    assert gc.get_freeze_count() == frozen_before


def test_small_body_values_are_not_frozen() -> None:
    frozen_before = gc.get_freeze_count()
    Document.parse(b'{"values": [1, 2, 3]}')
    assert gc.get_freeze_count() == frozen_before
