"""The piecewise parser gives json's values and json's error positions."""

from __future__ import annotations

import json
import random
import threading
import time

import pytest

from ka_explorer.jsontree import Document, JsonParseError, chunked
from ka_explorer.jsontree.serialize import dump_json


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
