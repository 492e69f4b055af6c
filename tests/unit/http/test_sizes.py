"""format_bytes: byte counts in binary units, as messages show them."""

from __future__ import annotations

import pytest

from ka_explorer.http.sizes import format_bytes


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "0 B"),
        (1023, "1023 B"),
        (1536, "1.5 KiB"),
        (50 * 1024 * 1024 + 200 * 1024, "50.2 MiB"),
        (1024**3, "1.0 GiB"),
        (10 * 1024**3, "10.0 GiB"),
    ],
)
def test_format_bytes_units(count, expected):
    assert format_bytes(count) == expected
