"""The piecewise parser gives json's values and json's error positions."""

from __future__ import annotations

import json
import random
import threading
import time

import pytest

from ka_explorer.jsontree import Document, JsonParseError, chunked, window
from ka_explorer.jsontree.serialize import dump_json


@pytest.fixture(autouse=True)
def walk_small_bodies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read the outer levels member by member even in these small bodies."""
    monkeypatch.setattr(chunked, "WALK_MIN_LENGTH", 0)


def random_value(rng: random.Random, depth: int) -> object:
    if depth > 8 or rng.random() < 0.3:
        return rng.choice([None, True, False, rng.randint(-10**30, 10**30),
                           rng.random() * 1e6, "text \"quoted\" \\ é ☃", ""])
    if rng.random() < 0.5:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))]
    return {f"key{index} ü": random_value(rng, depth + 1)
            for index in range(rng.randint(0, 5))}


@pytest.mark.parametrize("seed", range(20))
def test_values_equal_json_loads(seed: int) -> None:
    value = random_value(random.Random(seed), 0)
    indent = None if seed % 2 else 2
    text = json.dumps(value, indent=indent, ensure_ascii=seed % 3 == 0)
    document = Document.parse(text.encode("utf-8"))
    assert json.loads(dump_json(document.value, None)) == json.loads(text)


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ('{"a" 1}', "Expecting ':' delimiter", 6),
        ('{"a": 1 "b": 2}', "Expecting ',' delimiter", 9),
        ("{1: 2}", "Expecting property name enclosed in double quotes", 2),
        ("[1, 2,]", "Expecting value", 7),
        ('{"a": [1, {"b": x}]}', "Expecting value", 17),
        ("[[[[[[[[[[1,]]]]]]]]]]", "Expecting value", 13),
        ('{"a": [1, 2', "Expecting ',' delimiter", 12),
    ],
)
def test_error_positions_match_json(text: str, message: str, column: int) -> None:
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    with pytest.raises(JsonParseError) as caught:
        Document.parse(text.encode())
    assert caught.value.reason == expected.value.msg == message
    assert caught.value.column == expected.value.colno == column


def test_long_flat_array_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunked, "MAX_WALKED_MEMBERS", 10)
    text = json.dumps({"items": list(range(100)), "after": [1]})
    document = Document.parse(text.encode())
    assert json.loads(dump_json(document.value, None)) == json.loads(text)


def test_long_flat_object_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunked, "MAX_WALKED_MEMBERS", 10)
    value = {"outer": {f"k{index}": [index] for index in range(100)}, "z": None}
    document = Document.parse(json.dumps(value).encode())
    assert list(document.value["outer"]) == [f"k{index}" for index in range(100)]
    assert json.loads(dump_json(document.value, None)) == value


def test_error_after_long_array_has_position(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunked, "MAX_WALKED_MEMBERS", 10)
    text = "[" + ",".join(["1"] * 50) + ",]"
    with pytest.raises(JsonParseError) as caught:
        Document.parse(text.encode())
    assert caught.value.column == len(text)
    assert caught.value.reason == "Expecting value"


def test_parse_lets_other_threads_run() -> None:
    """A thread that sleeps 1 ms in a loop keeps running while a large body
    is parsed, because the parser hands over the GIL between pieces."""
    leaves = [{"id": number, "v": [1.5, "y"]} for number in range(20)]
    item = {"title": "x" * 40, "children": leaves}
    body = json.dumps({"children": [{"children": [item] * 200}] * 60}).encode()
    gaps: list[float] = []
    stop = threading.Event()

    def heartbeat() -> None:
        last = time.perf_counter()
        while not stop.is_set():
            time.sleep(0.001)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    thread = threading.Thread(target=heartbeat)
    thread.start()
    started = time.perf_counter()
    Document.parse(body)
    parse_time = time.perf_counter() - started
    stop.set()
    thread.join()
    assert parse_time > 0.05
    assert max(gaps) < parse_time / 2


@pytest.fixture
def tiny_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Decode a few bytes at a time, so pieces and characters cross windows."""
    monkeypatch.setattr(window, "WINDOW_BYTES", 7)
    monkeypatch.setattr(chunked, "MARGIN", 3)


@pytest.mark.usefixtures("tiny_window")
@pytest.mark.parametrize("seed", range(20))
def test_small_windows_give_same_values(seed: int) -> None:
    value = {"long": "é☃😀" * 50 + "x" * 100, "numbers": [123456789, 1.25e-7],
             "nested": random_value(random.Random(seed), 0)}
    text = json.dumps(value, ensure_ascii=seed % 2 == 0, indent=seed % 3 or None)
    for encoding in ("utf-8", "utf-16", "utf-32-le"):
        document = Document.parse(text.encode(encoding))
        assert json.loads(dump_json(document.value, None)) == json.loads(text)


@pytest.mark.usefixtures("tiny_window")
def test_number_cut_by_window_is_whole() -> None:
    document = Document.parse(b"[" + b"1234567890123" * 3 + b", 98765.4321e10]")
    assert document.root.child(0).value_text == "1234567890123" * 3
    assert document.root.child(1).value_text == "98765.4321e10"


@pytest.mark.usefixtures("tiny_window")
def test_error_after_many_windows_has_position() -> None:
    text = '{\n"a": [1, 2, 3],\n"b": "' + "x" * 100 + '",\n"c" 5}'
    with pytest.raises(JsonParseError) as caught:
        Document.parse(text.encode())
    assert (caught.value.line, caught.value.column) == (4, 5)
    assert caught.value.reason == "Expecting ':' delimiter"


@pytest.mark.usefixtures("tiny_window")
def test_invalid_utf8_after_many_windows() -> None:
    body = b'["' + b"a" * 40 + b'\xff"]'
    with pytest.raises(JsonParseError) as caught:
        Document.parse(body)
    assert caught.value.kind == "encoding"
    assert caught.value.column == 43


@pytest.mark.usefixtures("tiny_window")
def test_jsonp_and_trailer_with_small_windows() -> None:
    document = Document.parse(b'callback_name ( {"key": "' + b"v" * 50 + b'"} );')
    assert document.jsonp_callback == "callback_name"
    with pytest.raises(JsonParseError, match="unexpected text after the JSON"):
        Document.parse(b'{"key": "' + b"v" * 50 + b'"} x')


@pytest.mark.usefixtures("tiny_window")
def test_unterminated_string_at_end() -> None:
    with pytest.raises(JsonParseError) as caught:
        Document.parse(b'{"key' + b"k" * 30)
    assert "Unterminated string" in caught.value.reason
    assert caught.value.column == 2


@pytest.mark.parametrize("cut", range(1, 12))
def test_number_cut_inside_exponent(monkeypatch: pytest.MonkeyPatch, cut: int) -> None:
    monkeypatch.setattr(window, "WINDOW_BYTES", cut)
    monkeypatch.setattr(chunked, "MARGIN", 0)
    document = Document.parse(b"[-12.5e+10 ,7]")
    assert document.root.child(0).value_text == "-12.5e+10"
    assert document.root.child(1).value_text == "7"


def test_small_body_is_read_in_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunked, "WALK_MIN_LENGTH", 100)
    small = chunked.ChunkedParser(window.TextWindow(b"[" + b"1," * 10 + b"1]"), None)
    large = chunked.ChunkedParser(window.TextWindow(b"[" + b"1," * 60 + b"1]"), None)
    assert small.walk_depth == 0
    assert large.walk_depth == chunked.WALK_DEPTH
