"""Issued access tokens outlive the replica and reach every replica on the file."""

from __future__ import annotations

import json
import logging
import stat
import threading
from pathlib import Path

import pytest
import requests
from requests_oauthlib import OAuth1

from ka_explorer.replica import DEMO, start_replica
from ka_explorer.replica.oauth import token_file as token_file_module
from ka_explorer.replica.oauth.store import AccessToken, Consumer, OAuthStore
from ka_explorer.replica.oauth.token_file import AccessTokenFile
from tests.replica_signin import access_token, authorize


def token(key: str, issued_at: float = 1.0) -> AccessToken:
    secret = f"{key}-secret"
    return AccessToken(key, secret, DEMO.consumer_key, DEMO.username, issued_at)


def store_on(path: Path) -> OAuthStore:
    consumer = Consumer(DEMO.consumer_key, DEMO.consumer_secret, "demo")
    return OAuthStore([consumer], {}, token_file=AccessTokenFile(path))


def user_status(base_url: str, key: str, secret: str) -> int:
    auth = OAuth1(DEMO.consumer_key, DEMO.consumer_secret, key, secret)
    return requests.get(f"{base_url}/api/v1/user", auth=auth, timeout=30).status_code


def test_missing_file_reads_empty(tmp_path: Path) -> None:
    assert AccessTokenFile(tmp_path / "absent.json").read() == {}


def test_token_survives_new_store(tmp_path: Path) -> None:
    path = tmp_path / "replica" / "tokens.json"
    store_on(path).add_access_token(token("kept"))

    found = store_on(path).access_token("kept")

    assert found == token("kept")


def test_file_private_to_owner(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    store_on(path).add_access_token(token("private"))

    mode = stat.S_IMODE(path.stat().st_mode)

    assert mode == 0o600


def test_file_lists_access_tokens_only(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    store_on(path).add_access_token(token("listed"))

    document = json.loads(path.read_text(encoding="utf-8"))

    assert document["version"] == 1
    assert [entry["key"] for entry in document["access_tokens"]] == ["listed"]
    assert document["access_tokens"][0]["username"] == DEMO.username


def test_other_store_sees_new_token(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    first, second = store_on(path), store_on(path)

    first.add_access_token(token("shared"))

    assert second.access_token("shared") == token("shared")


def test_revoked_token_gone_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    first, second = store_on(path), store_on(path)
    first.add_access_token(token("doomed"))
    assert second.access_token("doomed") is not None

    revoked = first.revoke_access_token("doomed")

    assert revoked is True
    assert first.access_token("doomed") is None
    assert second.access_token("doomed") is None
    assert store_on(path).access_token("doomed") is None


def test_revoking_unknown_token_returns_false(tmp_path: Path) -> None:
    assert store_on(tmp_path / "tokens.json").revoke_access_token("never") is False


def test_writes_keep_other_stores_tokens(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    stores = [store_on(path), store_on(path)]

    def add_many(store: OAuthStore, prefix: str) -> None:
        for number in range(25):
            store.add_access_token(token(f"{prefix}{number}"))

    threads = [
        threading.Thread(target=add_many, args=(store, f"s{index}-"))
        for index, store in enumerate(stores)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(AccessTokenFile(path).read()) == 50


def test_oldest_tokens_dropped_past_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(token_file_module, "MAX_TOKENS", 3)
    store = store_on(tmp_path / "tokens.json")

    for number in range(5):
        store.add_access_token(token(f"t{number}", issued_at=float(number)))

    assert sorted(AccessTokenFile(tmp_path / "tokens.json").read()) == [
        "t2",
        "t3",
        "t4",
    ]


def test_invalid_file_ignored_with_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "tokens.json"
    path.write_text("{not json", encoding="utf-8")

    with caplog.at_level(logging.WARNING):
        store = store_on(path)
    store.add_access_token(token("fresh"))

    assert "not valid" in caplog.text
    assert str(path) in caplog.text
    assert list(AccessTokenFile(path).read()) == ["fresh"]


def test_unwritable_file_keeps_token_in_memory(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A regular file where the folder should be: no user, root included, can
    # create the token file under it.
    blocker = tmp_path / "replica"
    blocker.write_text("", encoding="utf-8")
    store = store_on(blocker / "tokens.json")

    with caplog.at_level(logging.WARNING):
        store.add_access_token(token("memory-only"))

    assert store.access_token("memory-only") == token("memory-only")
    assert "lasts only while this process runs" in caplog.text


def test_token_works_after_replica_restart(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    with start_replica(token_file=path) as first:
        session = authorize(first.base_url, DEMO.username, DEMO.password)
        key, secret = access_token(session)
        assert user_status(first.base_url, key, secret) == 200

    with start_replica(token_file=path) as second:
        status = user_status(second.base_url, key, secret)

    assert status == 200


def test_revoked_token_answers_401(tmp_path: Path) -> None:
    with start_replica(token_file=tmp_path / "tokens.json") as replica:
        session = authorize(replica.base_url, DEMO.username, DEMO.password)
        key, secret = access_token(session)

        assert replica.revoke_access_token(key) is True
        auth = OAuth1(DEMO.consumer_key, DEMO.consumer_secret, key, secret)
        response = requests.get(f"{replica.base_url}/api/v1/user", auth=auth)

    assert response.status_code == 401
    assert response.text == f"OAuth error. Invalid access token: {key}"
