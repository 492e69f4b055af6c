"""History: persisted in the config folder, never with secrets."""

from __future__ import annotations

import json
from pathlib import Path

from ka_explorer import paths
from ka_explorer.http import History, RequestSpec, send
from ka_explorer.oauth1 import Credentials

from .conftest import CONSUMER, TOKEN, LoopbackServer

CREDENTIALS = Credentials(CONSUMER[0], CONSUMER[1], token=TOKEN[0],
                          token_secret=TOKEN[1])


def test_history_file_is_in_config_dir(server: LoopbackServer) -> None:
    history = History()
    history.add(send(RequestSpec(url=server.url("/json"))))
    assert history.path == paths.config_dir() / "history.json"
    assert history.path.exists()


def test_history_survives_reload(server: LoopbackServer, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    History(path).add(send(RequestSpec(url=server.url("/json"), query=(("a", "1"),))))
    [entry] = History(path).entries()
    assert entry.method == "GET"
    assert entry.url == server.url("/json?a=1")
    assert entry.status == 200
    assert entry.error_kind is None
    assert entry.total_seconds > 0


def test_history_records_failure(closed_port: int, tmp_path: Path) -> None:
    history = History(tmp_path / "h.json")
    entry = history.add(send(RequestSpec(url=f"http://127.0.0.1:{closed_port}/")))
    assert entry.error_kind == "connection_refused"
    assert entry.error_message is not None
    assert "connection refused" in entry.error_message


def test_history_has_no_secrets(server: LoopbackServer, tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    spec = RequestSpec(method="POST", url=server.url("/unauthorized"),
                       query=(("oauth_token", TOKEN[0]),),
                       form=(("oauth_verifier", "verifier-value"), ("name", "x")))
    History(path).add(send(spec, credentials=CREDENTIALS))
    text = path.read_text(encoding="utf-8")
    for secret in (CONSUMER[1], TOKEN[0], TOKEN[1], "verifier-value",
                   "secret-token"):
        assert secret not in text
    entry = json.loads(text)["entries"][0]
    assert entry["form"] == [["oauth_verifier", "****"], ["name", "x"]]


def test_history_keeps_newest_entries(server: LoopbackServer, tmp_path: Path) -> None:
    history = History(tmp_path / "h.json", limit=2)
    for page in range(3):
        history.add(send(RequestSpec(url=server.url("/json"),
                                     query=(("page", str(page)),))))
    urls = [entry.url for entry in History(tmp_path / "h.json").entries()]
    assert urls == [server.url("/json?page=1"), server.url("/json?page=2")]


def test_history_clear(server: LoopbackServer, tmp_path: Path) -> None:
    history = History(tmp_path / "h.json")
    history.add(send(RequestSpec(url=server.url("/json"))))
    history.clear()
    assert History(tmp_path / "h.json").entries() == []


def test_unreadable_history_starts_empty(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    path.write_text("{not json", encoding="utf-8")
    assert History(path).entries() == []
