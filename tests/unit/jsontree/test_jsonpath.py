"""JSONPath text: dot shorthand for plain names, quoted brackets otherwise."""

from __future__ import annotations

import pytest

from ka_explorer.jsontree import format_path


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ([], "$"),
        (["badges", 3, "name"], "$.badges[3].name"),
        (["_private", "camelCase2"], "$._private.camelCase2"),
        (["key with space"], "$['key with space']"),
        (["2fast"], "$['2fast']"),
        (["dash-ed"], "$['dash-ed']"),
        ([""], "$['']"),
        (["it's"], "$['it\\'s']"),
        (["back\\slash"], "$['back\\\\slash']"),
        (["line\nbreak"], "$['line\\nbreak']"),
        (["bell\x07"], "$['bell\\u0007']"),
        (["café"], "$.café"),
        (["$ref"], "$['$ref']"),
        ([0, 0], "$[0][0]"),
    ],
)
def test_format_path(steps: list[str | int], expected: str) -> None:
    assert format_path(steps) == expected


def test_surrogate_name_is_quoted() -> None:
    assert format_path(["a\ud800"]) == "$['a\ud800']"
