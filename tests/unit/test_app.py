"""The composition root without a display: options, dates, and no Qt on import."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ka_explorer.app import WindowOptionError, parse_as_of

REPO = Path(__file__).resolve().parents[2]


def test_importing_app_loads_no_qt() -> None:
    code = (
        "import sys\n"
        "import ka_explorer.app, ka_explorer.child_replica\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_as_of_parsed() -> None:
    assert parse_as_of("2020-02-01") == date(2020, 2, 1)
    assert parse_as_of(None) is None
    assert parse_as_of("") is None


@pytest.mark.parametrize("text", ["2020-13-01", "yesterday"])
def test_invalid_as_of_names_value(text: str) -> None:
    with pytest.raises(WindowOptionError, match=f"{text!r}.*YYYY-MM-DD"):
        parse_as_of(text)
