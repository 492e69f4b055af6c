"""curl commands, HAR files and saved bodies, with secrets masked."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from ka_explorer.http import (
    RequestSpec,
    SaveError,
    save_body,
    save_har,
    send,
    to_curl,
    to_har,
)
from ka_explorer.oauth1 import Credentials

from .conftest import CONSUMER, TOKEN, LoopbackServer

CREDENTIALS = Credentials(CONSUMER[0], CONSUMER[1], token=TOKEN[0],
                          token_secret=TOKEN[1])


def test_curl_of_unsigned_spec() -> None:
    spec = RequestSpec(url="http://127.0.0.1:8123/api/v1/badges",
                       query=(("casing", "camel"),), headers=(("Accept", "a/b"),))
    command = to_curl(spec)
    assert shlex.split(command) == [
        "curl", "http://127.0.0.1:8123/api/v1/badges?casing=camel", "-H", "Accept: a/b",
    ]


def test_curl_of_form_post() -> None:
    spec = RequestSpec(method="POST", url="http://h/x", form=(("a", "1 2"),))
    words = shlex.split(to_curl(spec))
    assert "-X" not in words
    assert words[-2:] == ["--data-binary", "a=1+2"]
    assert "Content-Type: application/x-www-form-urlencoded" in words


def test_curl_of_delete_names_method() -> None:
    words = shlex.split(to_curl(RequestSpec(method="DELETE", url="http://h/x")))
    assert words[1:3] == ["-X", "DELETE"]


def test_curl_of_signed_request_masks_secrets(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/signed")), credentials=CREDENTIALS)
    command = to_curl(exchange.spec, exchange.sent)
    assert 'oauth_token="****"' in command
    assert 'oauth_signature="****"' in command
    assert TOKEN[0] not in command
    assert CONSUMER[1] not in command


def test_curl_reveals_secrets_when_asked(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/signed")), credentials=CREDENTIALS)
    command = to_curl(exchange.spec, exchange.sent, reveal_secrets=True)
    assert f'oauth_token="{TOKEN[0]}"' in command
    assert "****" not in command


def test_har_entry_fields(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/json"), query=(("a", "1"),)))
    har = to_har([exchange])
    assert har["log"]["version"] == "1.2"
    [entry] = har["log"]["entries"]
    assert entry["request"]["method"] == "GET"
    assert entry["request"]["queryString"] == [{"name": "a", "value": "1"}]
    assert entry["response"]["status"] == 200
    assert entry["response"]["content"]["text"] == exchange.body.decode()
    assert entry["response"]["content"]["mimeType"] == "application/json"
    assert set(entry["timings"]) >= {"dns", "connect", "send", "wait", "receive"}
    assert entry["time"] > 0


def test_har_masks_secrets(server: LoopbackServer, tmp_path: Path) -> None:
    exchange = send(RequestSpec(url=server.url("/signed")), credentials=CREDENTIALS)
    path = tmp_path / "out.har"
    save_har([exchange], path)
    text = path.read_text(encoding="utf-8")
    assert TOKEN[0] not in text
    assert CONSUMER[1] not in text
    assert TOKEN[1] not in text
    assert exchange.sent is not None
    signature = (exchange.sent.header("Authorization") or "").rsplit('="', 1)[1]
    assert signature.rstrip('"') not in text
    assert json.loads(text)["log"]["entries"][0]["response"]["status"] == 200


def test_har_skips_exchanges_never_sent() -> None:
    exchange = send(RequestSpec(url="not a url"))
    assert to_har([exchange])["log"]["entries"] == []


def test_save_body_writes_bytes(server: LoopbackServer, tmp_path: Path) -> None:
    exchange = send(RequestSpec(url=server.url("/gzip")))
    path = tmp_path / "body.json"
    assert save_body(exchange, path) == exchange.size
    assert path.read_bytes() == exchange.body


def test_save_body_to_missing_folder_says_so(server: LoopbackServer,
                                             tmp_path: Path) -> None:
    exchange = send(RequestSpec(url=server.url("/json")))
    target = tmp_path / "missing" / "body.json"
    with pytest.raises(SaveError, match="Could not save to .*missing/body.json: No "
                       "such file or directory. Choose another"):
        save_body(exchange, target)
