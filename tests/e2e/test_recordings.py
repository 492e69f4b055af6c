"""The window on a replica that replays responses recorded from the live API."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import yaml
from PySide6.QtCore import QModelIndex

from tests.e2e.window_driver import top_level_value
from tests.gui.window_keys import press_enter_in_url_bar

RECORDINGS = Path(__file__).resolve().parents[2].parent / "shared" / "recordings"
CASSETTE = "videos_de_2015.cassette.yml"
# Recorded with lang=de: the first kept its English translated_title, the
# second has a German one.
VIDEO_PATH = "/api/v1/videos/--VYlmbkzNY?lang=de"
GERMAN_VIDEO_PATH = "/api/v1/videos/-1ZFVwMXSXY?lang=de"
GERMAN_TITLE = "Die Enigma Verschlüsselungsmaschine"


def _send(qtbot, window, text: str):
    window.request_bar.set_url_text(text)
    window.flow.on_url_edited(text)
    with qtbot.waitSignal(window.response_shown, timeout=30_000) as shown:
        press_enter_in_url_bar(qtbot, window)
    return shown.args[0]


def _recorded_video(folder: Path, path: str) -> dict:
    """Return the last recording of `path`, the one the replica replays."""
    cassette = yaml.safe_load((folder / CASSETTE).read_text(encoding="utf-8"))
    found = [
        interaction
        for interaction in cassette["interactions"]
        if interaction["request"]["uri"].endswith(path)
    ]
    assert found, f"{path} is not in {CASSETTE}"
    body = found[-1]["response"]["body"]["string"]
    if isinstance(body, str):  # VCR.py keeps a text body as text
        return json.loads(body)
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    return json.loads(body)


def test_badges_shows_209_recorded(qtbot, open_window, recorded_replica):
    window = open_window(recorded_replica).window
    exchange = _send(qtbot, window, "/api/v1/badges?casing=camel&format=pretty")
    assert exchange.status == 200
    model = window.json_model
    assert model.rowCount() == 209
    assert not model.canFetchMore(QModelIndex())
    assert "209 items" in window.status_area.text()


def test_recorded_video_shows_recorded_title(qtbot, open_window, recorded_replica):
    recorded = _recorded_video(RECORDINGS, VIDEO_PATH)
    window = open_window(recorded_replica).window
    exchange = _send(qtbot, window, VIDEO_PATH)
    assert exchange.header("X-KA-Replica-Recording").startswith(CASSETTE)
    shown = top_level_value(window, "translated_title")
    assert shown == recorded["translated_title"]
    assert top_level_value(window, "title") == recorded["title"]
    assert top_level_value(window, "youtube_id") == "--VYlmbkzNY"


def test_recorded_german_title_shown(qtbot, open_window, recorded_replica):
    recorded = _recorded_video(RECORDINGS, GERMAN_VIDEO_PATH)
    window = open_window(recorded_replica).window
    exchange = _send(qtbot, window, GERMAN_VIDEO_PATH)
    raw = window.response_pane.raw_tab
    qtbot.waitUntil(lambda: raw.text() != "", timeout=10_000)

    assert recorded["translated_title"] == GERMAN_TITLE
    assert exchange.header("X-KA-Replica-Recording").startswith(CASSETTE)
    assert top_level_value(window, "translated_title") == GERMAN_TITLE
    assert top_level_value(window, "title") == "The Enigma encryption machine"
    assert top_level_value(window, "youtube_id") == "-1ZFVwMXSXY"
    assert f'"translated_title": "{GERMAN_TITLE}"' in raw.text()
