"""Read the history file, check every field of every entry, and find damage.

`History` loads the entries that pass these checks. When the file is damaged
(unreadable, not JSON, cut off, or with invalid entries) it moves the file
aside before anything overwrites it.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# The invalid entries logged one by one per file; the rest are counted.
MAX_LOGGED_ENTRIES = 10
# The largest byte count an entry may store, because the window converts
# sizes to float.
MAX_COUNT = 2**63 - 1
_ENTRIES_START = re.compile(r'"entries"\s*:\s*\[')
_BETWEEN_ENTRIES = " \t\r\n,"


class InvalidEntryError(ValueError):
    """A stored entry with a missing field or a field of the wrong type."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"field {field!r} {reason}")
        self.field = field


@dataclasses.dataclass(frozen=True)
class FileContents:
    """The entries found in the history file, as JSON values, and its damage.

    `damage` is a phrase such as "is cut off" that follows the file's name in
    a sentence, or None for a sound file. `is_folder` is True when a folder
    is at the file's path, which has no entries and is no damage to move.
    """

    items: list[Any]
    damage: str | None = None
    is_folder: bool = False


def read_history_file(path: Path) -> FileContents:
    """Return the entries of the history file at `path`. Raises no OSError
    and no error of the json module.

    For a file that is cut off or not valid JSON, the items are the whole
    entries before the point where parsing failed.
    """
    try:
        if path.is_dir():
            return FileContents([], is_folder=True)
        raw = path.read_bytes()
    except FileNotFoundError:
        return FileContents([])
    except OSError as error:
        return FileContents([], f"could not be read ({error.strerror or error})")
    return _parse(raw)


def set_aside_path(path: Path, suffix: str, max_files: int) -> Path:
    """Return the name to move a damaged `path` to, keeping older damaged files.

    The names are `path` + `suffix`, then + ".1" up to + f".{max_files - 1}".
    The first free one is returned. When all are taken, the one modified
    longest ago is removed and its name returned.
    """
    first = path.with_name(path.name + suffix)
    names = [first] + [
        first.with_name(f"{first.name}.{number}") for number in range(1, max_files)
    ]
    for name in names:
        if not name.exists() and not name.is_symlink():
            return name
    oldest = min(names, key=_modified_at)
    try:
        oldest.unlink()
    except OSError as error:
        # The move that follows fails on this name too and reports it.
        log.debug("Could not remove the old damaged history file %s: %s",
                  oldest, error)
    else:
        log.info("Removed the oldest damaged history file %s", oldest)
    return oldest


def _modified_at(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:
        return 0.0


def _parse(raw: bytes) -> FileContents:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        text = raw[:error.start].decode("utf-8")
        return FileContents(_whole_entries(text), "is not UTF-8 text")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        damage = "is cut off" if _ends_early(text, error) else "is not valid JSON"
        return FileContents(_whole_entries(text), damage)
    except RecursionError:
        return FileContents([], "is nested too deeply to read")
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return FileContents([], "has no list of entries")
    return FileContents(entries)


def _ends_early(text: str, error: json.JSONDecodeError) -> bool:
    """Return True when parsing failed because `text` ends too early.

    The json module reports a string without its closing quote, which can
    only end at the end of the text, at the position where the string starts.
    """
    return (error.pos >= len(text.rstrip())
            or error.msg.startswith("Unterminated string"))


def _whole_entries(text: str) -> list[Any]:
    """Return the JSON values of the entries array up to the first that fails."""
    match = _ENTRIES_START.search(text)
    if match is None:
        return []
    decoder = json.JSONDecoder()
    items: list[Any] = []
    index = match.end()
    while True:
        while index < len(text) and text[index] in _BETWEEN_ENTRIES:
            index += 1
        try:
            item, index = decoder.raw_decode(text, index)
        except (json.JSONDecodeError, RecursionError):
            return items
        items.append(item)


def valid_entries(items: list[Any], path: Path) -> tuple[list[dict[str, Any]], int]:
    """Return the checked field values of the valid `items`, and how many were not.

    Each invalid entry is logged with its position (counting from 1) and the
    field, up to MAX_LOGGED_ENTRIES lines, and then one line with the rest.
    """
    valid: list[dict[str, Any]] = []
    invalid = 0
    for position, item in enumerate(items, 1):
        try:
            valid.append(checked_values(item))
        except InvalidEntryError as error:
            invalid += 1
            if invalid <= MAX_LOGGED_ENTRIES:
                log.warning("Skipping entry %d of history file %s: %s",
                            position, path, error)
    if invalid > MAX_LOGGED_ENTRIES:
        log.warning("Skipped %d more invalid entries of history file %s",
                    invalid - MAX_LOGGED_ENTRIES, path)
    return valid, invalid


def checked_values(item: Any) -> dict[str, Any]:
    """Return the `HistoryEntry` field values of the JSON object `item`.

    Keys that are not fields are ignored. A field without a default that is
    missing, or any field of the wrong type, raises InvalidEntryError.
    """
    if not isinstance(item, dict):
        raise InvalidEntryError("entry", f"is {_shown(item)}, not a JSON object")
    values: dict[str, Any] = {}
    for name, (check, expected) in FIELD_CHECKS.items():
        if name not in item:
            if name in REQUIRED_FIELDS:
                raise InvalidEntryError(name, "is missing")
            continue
        if not check(item[name]):
            raise InvalidEntryError(name, f"is {_shown(item[name])}, not {expected}")
        values[name] = item[name]
    if "form" in values:
        values["form"] = tuple((name, value) for name, value in values["form"])
    return values


def _shown(value: Any) -> str:
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _is_number(value: Any) -> bool:
    """Return True for an int or float that converts to a finite float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def _is_timestamp(value: Any) -> bool:
    """Return True for a Unix time that `datetime.fromtimestamp` accepts on
    this platform."""
    if not _is_number(value):
        return False
    try:
        datetime.fromtimestamp(value)
    except (OverflowError, OSError, ValueError):
        return False
    return True


def _is_count(value: Any) -> bool:
    """Return True for an int from 0 to MAX_COUNT."""
    return (isinstance(value, int) and not isinstance(value, bool)
            and 0 <= value <= MAX_COUNT)


def _is_form(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(pair, list) and len(pair) == 2
        and all(isinstance(part, str) for part in pair)
        for pair in value
    )


def _is_optional_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


# For each field of `HistoryEntry`: the check of its JSON value, and what
# the value should be, for the log.
FIELD_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "started_at": (_is_timestamp, "a Unix time in seconds"),
    "method": (lambda value: _is_text(value) and value != "", "an HTTP method"),
    "url": (_is_text, "a string"),
    "form": (_is_form, "a list of [name, value] string pairs"),
    "status": (lambda value: _is_count(value) and value <= 999, "an HTTP status"),
    "reason": (_is_text, "a string"),
    "size": (_is_count, "a byte count"),
    "total_seconds": (lambda value: _is_number(value) and value >= 0,
                      "a duration in seconds"),
    "error_kind": (_is_optional_text, "a string or null"),
    "error_message": (_is_optional_text, "a string or null"),
    "profile": (_is_text, "a string"),
    "typed_url": (_is_text, "a string"),
    "outcome": (_is_text, "a string"),
}
# The fields that every entry has had since the first version of the file.
REQUIRED_FIELDS = frozenset({"started_at", "method", "url"})
