"""The history file when it is damaged: invalid entries are skipped, the file
is moved aside before a save, and a failed save leaves no temporary file."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from pathlib import Path
from typing import Any

import pytest

from ka_explorer import paths
from ka_explorer.http import History, HistoryEntry
from ka_explorer.http.history import HistoryFileError, HistoryFolderError
from ka_explorer.http.history_file import FIELD_CHECKS, MAX_LOGGED_ENTRIES

LOGGER = "ka_explorer.http"


def _entry(number: int, **changes: Any) -> dict[str, Any]:
    """Return the JSON object of a valid stored entry, with `changes` applied."""
    entry = {
        "started_at": 1_575_000_000.0 + number, "method": "GET",
        "url": f"http://127.0.0.1:9/n{number}", "form": [["q", str(number)]],
        "status": 200, "reason": "OK", "size": 12, "total_seconds": 0.25,
        "error_kind": None, "error_message": None, "profile": "Local replica",
        "typed_url": f"/n{number}", "outcome": "200 OK",
    }
    entry.update(changes)
    return entry


def _file_text(entries: list[Any]) -> str:
    return json.dumps({"version": 1, "entries": entries}, indent=1)


def _history_path() -> Path:
    return paths.config_dir() / "history.json"


def _bad_path() -> Path:
    return paths.config_dir() / "history.json.bad"


def _write(text: str) -> Path:
    path = _history_path()
    path.write_text(text, encoding="utf-8")
    return path


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records
            if record.name.startswith(LOGGER) and record.levelno >= logging.WARNING]


def _saved_urls() -> list[str]:
    data = json.loads(_history_path().read_text(encoding="utf-8"))
    return [entry["typed_url"] for entry in data["entries"]]


@pytest.mark.parametrize("started_at",
                         ["yesterday", 1e300, -1e300, 10**400, None, True])
def test_bad_started_at_skips_entry(caplog, started_at) -> None:
    _write(_file_text([_entry(1), _entry(2, started_at=started_at), _entry(3)]))

    history = History()

    assert [entry.typed_url for entry in history.entries()] == ["/n1", "/n3"]
    [line] = [text for text in _warnings(caplog) if "Skipping" in text]
    assert "entry 2 " in line
    assert "'started_at'" in line


def test_missing_started_at_skips_entry(caplog) -> None:
    broken = _entry(2)
    del broken["started_at"]
    _write(_file_text([_entry(1), broken]))

    history = History()

    assert [entry.typed_url for entry in history.entries()] == ["/n1"]
    [line] = [text for text in _warnings(caplog) if "Skipping" in text]
    assert "entry 2 " in line
    assert "'started_at' is missing" in line


def test_field_checks_cover_every_field() -> None:
    names = {field.name for field in dataclasses.fields(HistoryEntry)}
    assert set(FIELD_CHECKS) == names


INVALID_VALUES = [
    ("method", ""), ("method", 5), ("url", None),
    ("form", "q=1"), ("form", [["q"]]), ("form", [["q", 1]]),
    ("status", "200"), ("status", 1000), ("status", -1), ("status", 200.5),
    ("reason", 0),
    ("size", -5), ("size", "12"), ("size", 10**400),
    ("total_seconds", "fast"), ("total_seconds", -0.5), ("total_seconds", 10**400),
    ("error_kind", 3), ("error_message", ["x"]),
    ("profile", None), ("typed_url", 7), ("outcome", {"a": 1}),
]


@pytest.mark.parametrize(("field", "value"), INVALID_VALUES)
def test_invalid_field_skips_entry(caplog, field, value) -> None:
    _write(_file_text([_entry(1, **{field: value}), _entry(2)]))

    history = History()

    assert [entry.typed_url for entry in history.entries()] == ["/n2"]
    [line] = [text for text in _warnings(caplog) if "Skipping" in text]
    assert "entry 1 " in line
    assert f"'{field}'" in line


def test_non_object_entry_skipped(caplog) -> None:
    _write(_file_text([["GET", "/x"], _entry(2)]))

    assert [entry.typed_url for entry in History().entries()] == ["/n2"]
    assert any("entry 1 " in text for text in _warnings(caplog))


def test_older_entries_without_new_fields_load() -> None:
    _write(_file_text([{"started_at": 1_575_000_000, "method": "GET",
                        "url": "http://127.0.0.1:9/old", "future": 1}]))

    history = History()

    [entry] = history.entries()
    assert entry.url == "http://127.0.0.1:9/old"
    assert entry.profile == ""
    assert history.load_problem is None
    assert not _bad_path().exists()


def test_sound_file_stays_in_place(caplog) -> None:
    text = _file_text([_entry(1), _entry(2)])
    _write(text)

    history = History()

    assert len(history.entries()) == 2
    assert history.load_problem is None
    assert not _bad_path().exists()
    assert _history_path().read_text(encoding="utf-8") == text
    assert _warnings(caplog) == []


def test_invalid_entry_moves_file_aside() -> None:
    text = _file_text([_entry(1), _entry(2, started_at="yesterday"), _entry(3)])
    _write(text)

    history = History()

    assert _bad_path().read_text(encoding="utf-8") == text
    assert _saved_urls() == ["/n1", "/n3"]
    problem = str(history.load_problem)
    assert "has 1 invalid entry" in problem
    assert "loaded 2 entries" in problem
    assert str(_bad_path()) in problem


def test_cut_file_keeps_whole_entries(caplog) -> None:
    text = _file_text([_entry(number) for number in range(20)])
    cut = text[:3000]
    whole = cut.count('"outcome"')  # "outcome" is each entry's last key
    _write(cut)

    history = History()

    assert 0 < whole < 20
    urls = [entry.typed_url for entry in history.entries()]
    assert urls == [f"/n{number}" for number in range(whole)]
    assert _bad_path().read_text(encoding="utf-8") == cut
    assert _saved_urls() == urls
    problem = str(history.load_problem)
    assert "is cut off" in problem
    assert f"loaded {whole} entries" in problem
    assert str(_bad_path()) in problem
    assert len(_warnings(caplog)) == 1


@pytest.mark.parametrize("end", ['"/n3', '"status":', '"status": 20',
                                 '"reason": "OK",', "}"])
def test_file_cut_anywhere_is_cut_off(end) -> None:
    text = _file_text([_entry(number) for number in range(5)])
    start = text.index('"/n3"')  # in entry 4, after its URL
    _write(text[:text.index(end, start) + len(end)])

    history = History()

    assert len(history.entries()) in (3, 4)
    assert "is cut off" in str(history.load_problem)


def test_cut_file_entries_survive_append() -> None:
    text = _file_text([_entry(number) for number in range(5)])
    _write(text[:-40])
    history = History()

    history.append(HistoryEntry(started_at=1_575_000_100.0, method="GET",
                                url="http://127.0.0.1:9/new", typed_url="/new"))

    assert _saved_urls() == ["/n0", "/n1", "/n2", "/n3", "/new"]
    assert History().load_problem is None


def test_damaged_file_keeps_older_bad_file() -> None:
    _bad_path().write_text("an older damaged file", encoding="utf-8")
    _write("{not json")

    history = History()

    newer = _bad_path().with_name("history.json.bad.1")
    assert history.entries() == []
    assert _bad_path().read_text(encoding="utf-8") == "an older damaged file"
    assert newer.read_text(encoding="utf-8") == "{not json"
    assert f"moved the file to {newer}." in str(history.load_problem)
    assert "is not valid JSON" in str(history.load_problem)
    assert "loaded no entries" in str(history.load_problem)


def test_bad_files_capped_oldest_removed() -> None:
    names = ["history.json.bad"] + [f"history.json.bad.{n}" for n in range(1, 5)]
    for age, name in enumerate(names):
        path = paths.config_dir() / name
        path.write_text(f"damaged {name}", encoding="utf-8")
        modified = 1_700_000_000 + (3 - age if age < 4 else 10)
        os.utime(path, (modified, modified))  # .bad.3 is the oldest
    _write("{not json")

    history = History()

    bad_files = sorted(path.name for path in paths.config_dir().glob("history.json.*"))
    oldest = paths.config_dir() / "history.json.bad.3"
    assert bad_files == sorted(names)
    assert oldest.read_text(encoding="utf-8") == "{not json"
    assert f"moved the file to {oldest}." in str(history.load_problem)
    for name in set(names) - {oldest.name}:
        text = (paths.config_dir() / name).read_text(encoding="utf-8")
        assert text == f"damaged {name}"


def test_each_damaged_start_adds_bad_file() -> None:
    written = []
    for number in range(3):
        _write(f"{{not json {number}")
        written.append(str(History().load_problem).split("moved the file to ")[1])

    names = [Path(text.rstrip(".")).name for text in written]
    assert names == ["history.json.bad", "history.json.bad.1", "history.json.bad.2"]
    assert _bad_path().read_text(encoding="utf-8") == "{not json 0"


def test_garbage_inside_file_keeps_entries_before() -> None:
    text = _file_text([_entry(1), _entry(2), _entry(3)])
    broken = text.replace('"/n2"', '"/n2" garbage', 1)
    _write(broken)

    history = History()

    assert [entry.typed_url for entry in history.entries()] == ["/n1"]
    assert "is not valid JSON" in str(history.load_problem)
    assert _bad_path().read_text(encoding="utf-8") == broken


def test_non_utf8_file_keeps_entries_before() -> None:
    text = _file_text([_entry(1), _entry(2), _entry(3)])
    raw = text.encode().replace(b"/n3", b"/n\xff3", 1)
    _history_path().write_bytes(raw)

    history = History()

    assert [entry.typed_url for entry in history.entries()] == ["/n1", "/n2"]
    assert "is not UTF-8 text" in str(history.load_problem)
    assert _bad_path().read_bytes() == raw


@pytest.mark.parametrize("text", ['{"version": 1}', "[]", '{"entries": {}}'])
def test_file_without_entry_list_moved_aside(text) -> None:
    _write(text)

    history = History()

    assert history.entries() == []
    assert "has no list of entries" in str(history.load_problem)
    assert _bad_path().read_text(encoding="utf-8") == text


def test_deeply_nested_file_moved_aside() -> None:
    _write('{"version": 1, "entries": [' + "[" * 100_000)

    history = History()

    assert history.entries() == []
    assert "is nested too deeply" in str(history.load_problem)
    assert _bad_path().exists()


def test_failed_move_keeps_damaged_file(caplog) -> None:
    # Folders that are not empty: neither unlink nor os.replace removes them.
    (_bad_path() / "inside").mkdir(parents=True)
    for number in range(1, 5):
        (_bad_path().with_name(f"history.json.bad.{number}") / "inside").mkdir(
            parents=True
        )
    cut = _file_text([_entry(1), _entry(2)])[:-30]
    _write(cut)

    history = History()
    history.append(HistoryEntry(started_at=1_575_000_100.0, method="GET",
                                url="http://127.0.0.1:9/new"))
    history.clear()

    assert _history_path().read_text(encoding="utf-8") == cut
    problem = str(history.load_problem)
    assert "moving it to" in problem
    assert "saves nothing until you move or delete the file" in problem
    assert len(_warnings(caplog)) == 1


def test_many_invalid_entries_logged_in_bounds(caplog) -> None:
    entries = [_entry(number, status="bad") for number in range(30)]
    _write(_file_text(entries))

    history = History()

    assert history.entries() == []
    skipped = [text for text in _warnings(caplog) if "entries of history" in text
               or "Skipping" in text]
    assert len(skipped) == MAX_LOGGED_ENTRIES + 1
    assert f"Skipped {30 - MAX_LOGGED_ENTRIES} more" in skipped[-1]
    assert "has 30 invalid entries" in str(history.load_problem)


def test_folder_save_raises_and_removes_temp(caplog) -> None:
    _history_path().mkdir()
    history = History()
    entry = HistoryEntry(started_at=1_575_000_100.0, method="GET",
                         url="http://127.0.0.1:9/new")

    with pytest.raises(HistoryFileError) as raised:
        history.append(entry)
    with pytest.raises(HistoryFileError):
        history.save()

    assert isinstance(history.load_problem, HistoryFolderError)
    assert str(_history_path()) in str(raised.value)
    assert "writable file" in str(raised.value)
    assert [path.name for path in paths.config_dir().iterdir()] == ["history.json"]
    assert len(history.entries()) == 1
    assert len(_warnings(caplog)) == 1
    assert "is a folder" in _warnings(caplog)[0]


def test_folder_reported_at_load() -> None:
    _history_path().mkdir()

    history = History()

    problem = str(history.load_problem)
    assert isinstance(history.load_problem, HistoryFolderError)
    assert problem == (
        f"The history file {_history_path()} is a folder, so History starts "
        "empty and saves nothing until you move or delete that folder."
    )
    assert history.entries() == []
    assert _history_path().is_dir()
    assert not _bad_path().exists()


def test_save_works_once_folder_is_gone() -> None:
    _history_path().mkdir()
    history = History()
    entry = HistoryEntry(started_at=1_575_000_100.0, method="GET",
                         url="http://127.0.0.1:9/new", typed_url="/new")
    with pytest.raises(HistoryFileError):
        history.append(entry)

    _history_path().rmdir()
    history.save()

    assert _saved_urls() == ["/new"]
