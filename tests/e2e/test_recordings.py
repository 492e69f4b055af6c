"""The window on a replica that replays responses recorded from the live API."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import yaml
from PySide6.QtCore import QModelIndex, Qt

RECORDINGS = Path(__file__).resolve().parents[2].parent / "shared" / "recordings"
VIDEO_PATH = "/api/v1/videos/--VYlmbkzNY?lang=de"
CASSETTE = "videos_de_2015.cassette.yml"


def _send(qtbot, window, text: str):
    window.request_bar.set_url_text(text)
    window.flow.on_url_edited(text)
    with qtbot.waitSignal(window.response_shown, timeout=30_000) as shown:
        qtbot.keyClick(window.request_bar.url_box.lineEdit(), Qt.Key.Key_Return)
    return shown.args[0]


def _recorded_video(folder: Path) -> dict:
    cassette = yaml.safe_load((folder / CASSETTE).read_text(encoding="utf-8"))
    for interaction in cassette["interactions"]:
        if interaction["request"]["uri"].endswith(VIDEO_PATH):
            body = interaction["response"]["body"]["string"]
            raw = body.encode("latin-1") if isinstance(body, str) else body
            if raw[:2] == b"\x1f\x8b":
                raw = gzip.decompress(raw)
            return json.loads(raw)
    raise AssertionError(f"{VIDEO_PATH} is not in {CASSETTE}")


def _top_value(window, key: str) -> str:
    model = window.json_model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == key:
            return model.index(row, 1).data()
    raise AssertionError(f"{key} not among the top rows")


def test_badges_shows_209_recorded(qtbot, open_window, recorded_replica):
    window = open_window(recorded_replica).window
    exchange = _send(qtbot, window, "/api/v1/badges?casing=camel&format=pretty")
    assert exchange.status == 200
    model = window.json_model
    assert model.rowCount() == 209
    assert not model.canFetchMore(QModelIndex())
    assert "209 items" in window.status_area.text()


def test_recorded_video_shows_recorded_title(qtbot, open_window, recorded_replica):
    recorded = _recorded_video(RECORDINGS)
    window = open_window(recorded_replica).window
    exchange = _send(qtbot, window, VIDEO_PATH)
    assert exchange.header("X-KA-Replica-Recording").startswith(CASSETTE)
    assert _top_value(window, "translated_title") == recorded["translated_title"]
    assert _top_value(window, "title") == recorded["title"]
    assert _top_value(window, "youtube_id") == "--VYlmbkzNY"
