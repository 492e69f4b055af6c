"""The window with a damaged history file: it completes, keeps the valid
entries, moves the file aside, and reports that once in the status area."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from ka_explorer.paths import config_dir

LOGGER = "ka_explorer"
OK_BODY = b'{"ok": true}'


def _entry(number: int, **changes: Any) -> dict[str, Any]:
    """Return the JSON object of a valid stored entry, with `changes` applied."""
    entry = {
        "started_at": 1_575_000_000.0 + number, "method": "GET",
        "url": f"http://127.0.0.1:9/n{number}", "form": [], "status": 200,
        "reason": "OK", "size": 12, "total_seconds": 0.25, "error_kind": None,
        "error_message": None, "profile": "", "typed_url": f"/n{number}",
        "outcome": "200 OK",
    }
    entry.update(changes)
    return entry


def _write_history(text: str) -> Path:
    path = config_dir() / "history.json"
    path.write_text(text, encoding="utf-8")
    return path


def _file_text(entries: list[dict[str, Any]]) -> str:
    return json.dumps({"version": 1, "entries": entries}, indent=1)


def _send(qtbot, window, text: str) -> None:
    """Send GET `text` and wait until its row is saved by a worker."""
    window.request_bar.set_method("GET")
    window.request_bar.set_url_text(text)
    window.flow.on_url_edited(text)
    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        window.flow.on_send_requested()
    qtbot.waitUntil(lambda: window.flow.task is None, timeout=20_000)
    qtbot.waitUntil(
        lambda: all(task.name != "save history" for task in window.runner.running()),
        timeout=20_000,
    )


def _history_warnings(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records
            if record.name.startswith(LOGGER) and record.levelno >= logging.WARNING]


@pytest.fixture
def ok_server(local_server):
    local_server.routes["/ok"] = (200, "application/json", OK_BODY)
    local_server.routes["/again"] = (200, "application/json", OK_BODY)
    return local_server


@pytest.mark.parametrize("started_at", ["yesterday", 1e300])
def test_bad_entry_window_completes(qtbot, make_window, ok_server, started_at):
    _write_history(_file_text([_entry(1), _entry(2, started_at=started_at),
                               _entry(3)]))

    window = make_window(ok_server.base_url).window

    assert window.flow is not None
    urls = [entry.url for entry in window.history_model.entries()]
    assert urls == ["/n3", "/n1"]
    qtbot.waitUntil(lambda: "history.json.bad" in window.status_area.text())
    assert "has 1 invalid entry" in window.status_area.text()
    _send(qtbot, window, "/ok")
    assert window.flow.exchange.body == OK_BODY


def test_cut_file_notice_and_entries_kept(qtbot, make_window, ok_server):
    text = _file_text([_entry(number) for number in range(20)])
    cut = text[:text.index('"/n9"') + 3]  # ends inside entry 10's URL
    whole = 9
    path = _write_history(cut)

    window = make_window(ok_server.base_url).window

    bad = path.with_name("history.json.bad")
    qtbot.waitUntil(lambda: str(bad) in window.status_area.text())
    notice = window.status_area.text()
    assert "is cut off" in notice
    assert f"loaded {whole} entries" in notice
    without_paths = notice.replace(str(bad), "").replace(str(path), "")
    assert without_paths.count(".") == 1  # one sentence
    assert len(window.history_model.entries()) == whole
    _send(qtbot, window, "/ok")
    assert bad.read_text(encoding="utf-8") == cut
    stored = json.loads(path.read_text(encoding="utf-8"))["entries"]
    assert len(stored) == whole + 1
    assert stored[-1]["typed_url"] == "/ok"


def test_cut_file_logged_once(qtbot, make_window, ok_server, caplog):
    _write_history(_file_text([_entry(1), _entry(2)])[:-30])

    window = make_window(ok_server.base_url).window
    qtbot.waitUntil(lambda: "history.json.bad" in window.status_area.text())

    assert len(_history_warnings(caplog)) == 1


def test_notice_shown_once_per_damage(qtbot, make_window, ok_server):
    _write_history("{not json")
    make_window(ok_server.base_url).close()

    window = make_window(ok_server.base_url).window
    qtbot.wait(50)  # the startup notices are shown by a zero-time timer

    assert "history.json" not in window.status_area.text()


def test_history_folder_notice_at_start(qtbot, make_window, ok_server):
    folder = config_dir() / "history.json"
    folder.mkdir()

    window = make_window(ok_server.base_url).window
    qtbot.waitUntil(lambda: "is a folder" in window.status_area.text())
    notice = window.status_area.text()
    _send(qtbot, window, "/ok")

    assert str(folder) in notice
    assert window.status_area.text().startswith("200 OK")
    assert "Could not save" not in window.status_area.text()
    assert "is a folder" not in window.status_area.text()
    assert [path.name for path in config_dir().iterdir()
            if "history" in path.name] == ["history.json"]
    assert folder.is_dir()


def test_save_failure_keeps_response_line(qtbot, make_window, ok_server):
    window = make_window(ok_server.base_url).window
    folder = config_dir() / "history.json"
    folder.mkdir()  # after the start, so that only the saves find it

    _send(qtbot, window, "/ok")
    qtbot.waitUntil(lambda: "Could not save" in window.status_area.text())
    first, second = window.status_area.text().split("\n")
    level = window.status_area.level
    _send(qtbot, window, "/again")

    assert first.startswith("200 OK")
    assert second.startswith(f"Could not save the history to {folder} ")
    assert level == "warning"
    assert window.status_area.text().startswith("200 OK")
    assert "Could not save" not in window.status_area.text()


def test_history_folder_logs_each_problem_once(qtbot, make_window, ok_server,
                                               caplog):
    (config_dir() / "history.json").mkdir()
    window = make_window(ok_server.base_url).window

    _send(qtbot, window, "/ok")
    _send(qtbot, window, "/again")

    warnings = _history_warnings(caplog)
    assert len(warnings) == 2
    assert "is a folder" in warnings[0]
    assert "Could not save" in warnings[1]


def test_clear_on_folder_shows_failure(qtbot, make_window, ok_server):
    (config_dir() / "history.json").mkdir()
    window = make_window(ok_server.base_url).window

    window.flow.on_history_clear_requested()

    assert "Could not save" in window.status_area.text()
    assert window.history_model.entries() == []
