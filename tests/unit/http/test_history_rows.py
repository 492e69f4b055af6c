"""History entries of the window: profile, typed URL, requests not sent."""

from __future__ import annotations

import json
from pathlib import Path

from ka_explorer.http import History, HistoryEntry, RequestSpec, send
from ka_explorer.http.history import DEFAULT_LIMIT

from .conftest import LoopbackServer


def test_entry_keeps_profile_and_typed(server: LoopbackServer, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    spec = RequestSpec(method="POST", url=server.url("/echo"),
                       form=(("oauth_token", "secret-token"), ("q", "a b")))
    exchange = send(spec)
    entry = HistoryEntry.from_exchange(exchange, "My API", "/echo?oauth_signature=s1",
                                       "200 OK")
    History(path).append(entry)
    [loaded] = History(path).entries()
    assert loaded.profile == "My API"
    assert loaded.typed_url == "/echo?oauth_signature=****"
    assert loaded.outcome == "200 OK"
    assert loaded.form == (("oauth_token", "****"), ("q", "a b"))
    assert "secret-token" not in path.read_text()


def test_not_sent_entry_masks_bad_url(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    typed = "http://[::1/x?oauth_token=typed-secret&a=1"
    entry = HistoryEntry.not_sent("get", typed, (), "Replica", "invalid request",
                                  f"The URL {typed!r} is not valid")
    History(path).append(entry)
    text = path.read_text()
    assert "typed-secret" not in text
    [loaded] = History(path).entries()
    assert loaded.method == "GET"
    assert loaded.error_kind == "not_sent"
    assert loaded.typed_url == "http://[::1/x?oauth_token=****&a=1"
    assert loaded.status == 0


def test_old_file_without_new_fields(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    old = {"version": 1, "entries": [{"started_at": 1.0, "method": "GET",
                                      "url": "http://h/x", "form": []}]}
    path.write_text(json.dumps(old))
    [loaded] = History(path).entries()
    assert loaded.profile == ""
    assert loaded.typed_url == ""


def test_default_limit_is_200() -> None:
    assert DEFAULT_LIMIT == 200


def test_append_without_save_then_save(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    history = History(path)
    entry = HistoryEntry.not_sent("GET", "/a", (), "Replica", "refused", "Refused")
    history.append(entry, save=False)
    assert not path.exists()
    history.save()
    assert len(json.loads(path.read_text())["entries"]) == 1
