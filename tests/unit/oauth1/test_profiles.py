"""Profiles: the bundled ones, the user's file, and what a profile file may hold."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from ka_explorer.oauth1 import (
    LIVE_PROFILE,
    REPLICA_PROFILE,
    MemorySecretStore,
    Placement,
    Profile,
    ProfileError,
    SignatureMethod,
    credentials_for,
    find_profile,
    load_profiles,
    save_user_profiles,
)
from ka_explorer.oauth1.profiles import load_user_profiles

# profiles.json as the Keys… dialog wrote it before saved copies of bundled
# profiles kept their public secrets: every field but `public_secrets`.
SAVED_REPLICA_COPY = {
    "name": REPLICA_PROFILE,
    "base_url": "",
    "request_token_url": "/api/auth2/request_token",
    "authorize_url": "/api/auth2/authorize",
    "access_token_url": "/api/auth2/access_token",
    "consumer_key": "demo-consumer-key",
    "signature_method": "HMAC-SHA1",
    "placement": "header",
    "realm": None,
    "token_placement": "body",
    "include_version": False,
    "sign_empty_token": False,
    "rsa_key_path": None,
    "base_url_from_replica": True,
    "description": "The local replica of the retired Khan Academy API v1; the base "
    "URL is the replica's address, set when it starts.",
}


def test_bundled_profiles_replica_first(tmp_path: Path) -> None:
    profiles = load_profiles(tmp_path)

    assert [p.name for p in profiles][:2] == [REPLICA_PROFILE, LIVE_PROFILE]


def test_replica_profile_settings(tmp_path: Path) -> None:
    replica = find_profile(REPLICA_PROFILE, load_profiles(tmp_path))

    assert replica.base_url == ""
    assert replica.base_url_from_replica is True
    assert replica.consumer_key == "demo-consumer-key"
    assert replica.public_secrets == {"consumer_secret": "demo-consumer-secret"}
    assert replica.token_placement is Placement.BODY
    assert (
        replica.with_base_url("http://127.0.0.1:5000/").url(replica.request_token_url)
        == "http://127.0.0.1:5000/api/auth2/request_token"
    )


def test_live_profile_settings(tmp_path: Path) -> None:
    live = find_profile(LIVE_PROFILE, load_profiles(tmp_path))

    assert live.base_url == "https://www.khanacademy.org"
    assert live.consumer_key == ""
    assert (
        live.url(live.authorize_url)
        == "https://www.khanacademy.org/api/auth2/authorize"
    )


def test_relative_url_without_base_reported(tmp_path: Path) -> None:
    replica = find_profile(REPLICA_PROFILE, load_profiles(tmp_path))

    with pytest.raises(ProfileError, match="has no base URL"):
        replica.url("/api/v1/badges")


def test_user_profiles_saved_without_secrets(tmp_path: Path) -> None:
    profile = Profile(
        "Trello",
        "https://trello.com",
        "/1/OAuthGetRequestToken",
        "/1/OAuthAuthorizeToken",
        "/1/OAuthGetAccessToken",
        consumer_key="key",
        signature_method=SignatureMethod.RSA_SHA256,
        placement=Placement.QUERY,
        realm="Trello",
        public_secrets={"consumer_secret": "never-written"},
    )

    path = save_user_profiles([profile], tmp_path)
    text = path.read_text(encoding="utf-8")
    loaded = find_profile("Trello", load_profiles(tmp_path))

    assert "never-written" not in text
    assert json.loads(text)["profiles"][0]["signature_method"] == "RSA-SHA256"
    assert loaded == Profile(**{**profile.__dict__, "public_secrets": {}})


def test_user_profile_replaces_bundled_one(tmp_path: Path) -> None:
    bundled = find_profile(LIVE_PROFILE, load_profiles(tmp_path))
    save_user_profiles([bundled.with_base_url("http://127.0.0.1:9")], tmp_path)

    names = [p.name for p in load_profiles(tmp_path)]

    assert names.count(LIVE_PROFILE) == 1
    assert find_profile(LIVE_PROFILE, load_profiles(tmp_path)).base_url == (
        "http://127.0.0.1:9"
    )


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "not valid JSON"),
        ('{"profiles": {}}', 'must hold {"profiles": [...]}'),
        ('{"profiles": [{"name": "x"}]}', "field 'base_url' is missing"),
        (
            '{"profiles": [{"name": "x", "base_url": 8, "request_token_url": "",'
            ' "authorize_url": "", "access_token_url": ""}]}',
            "field 'base_url' must be a string",
        ),
        (
            '{"profiles": [{"name": "x", "base_url": "", "authorize_url": "",'
            ' "access_token_url": ""}]}',
            "field 'request_token_url' is missing",
        ),
        (
            '{"profiles": [{"name": "x", "base_url": "", "request_token_url": "",'
            ' "authorize_url": "", "access_token_url": "", "colour": 1}]}',
            "unknown field(s) colour",
        ),
        (
            '{"profiles": [{"name": "x", "base_url": "", "request_token_url": "",'
            ' "authorize_url": "", "access_token_url": "", "placement": "cookie"}]}',
            "Unknown placement 'cookie'",
        ),
        (
            '{"profiles": [{"name": "x", "base_url": "", "request_token_url": "",'
            ' "authorize_url": "", "access_token_url": "",'
            ' "signature_method": "MD5"}]}',
            "Unknown signature method 'MD5'",
        ),
    ],
)
def test_invalid_user_file_reported(tmp_path: Path, content: str, words: str) -> None:
    (tmp_path / "profiles.json").write_text(content, encoding="utf-8")

    with pytest.raises(ProfileError) as caught:
        load_profiles(tmp_path)

    assert words in str(caught.value)
    assert "profiles.json" in str(caught.value)


def test_unknown_profile_lists_known_names(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="known profiles: 'Khan Academy API v1"):
        find_profile("Nope", load_profiles(tmp_path))


def test_signature_method_parse_accepts_variants() -> None:
    assert SignatureMethod.parse("hmac_sha256") is SignatureMethod.HMAC_SHA256
    assert SignatureMethod.parse(" rsa-sha1 ") is SignatureMethod.RSA_SHA1


def test_full_saved_copy_keeps_public_secret(tmp_path: Path) -> None:
    (tmp_path / "profiles.json").write_text(
        json.dumps({"profiles": [SAVED_REPLICA_COPY]}), encoding="utf-8"
    )

    replica = find_profile(REPLICA_PROFILE, load_profiles(tmp_path))
    creds = credentials_for(replica, MemorySecretStore())

    assert replica.public_secrets == {"consumer_secret": "demo-consumer-secret"}
    assert creds.consumer_secret == "demo-consumer-secret"


def test_saved_bundled_copy_keeps_public_secret(tmp_path: Path) -> None:
    bundled = find_profile(REPLICA_PROFILE, load_profiles(tmp_path))
    edited = dataclasses.replace(bundled, realm="Edited", public_secrets={})

    save_user_profiles([edited], tmp_path)
    loaded = find_profile(REPLICA_PROFILE, load_profiles(tmp_path))

    assert loaded.realm == "Edited"
    assert loaded.public_secrets == {"consumer_secret": "demo-consumer-secret"}
    assert loaded == dataclasses.replace(bundled, realm="Edited")


def test_saved_bundled_copy_holds_only_changes(tmp_path: Path) -> None:
    bundled = find_profile(REPLICA_PROFILE, load_profiles(tmp_path))
    edited = dataclasses.replace(bundled, consumer_key="own-key")

    path = save_user_profiles([edited], tmp_path)

    assert json.loads(path.read_text(encoding="utf-8")) == {
        "profiles": [{"name": REPLICA_PROFILE, "consumer_key": "own-key"}]
    }


def test_partial_copy_of_bundled_profile_loads(tmp_path: Path) -> None:
    (tmp_path / "profiles.json").write_text(
        json.dumps({"profiles": [{"name": LIVE_PROFILE, "consumer_key": "mine"}]}),
        encoding="utf-8",
    )

    live = find_profile(LIVE_PROFILE, load_user_profiles(tmp_path))

    assert live.consumer_key == "mine"
    assert live.base_url == "https://www.khanacademy.org"
    assert live.request_token_url == "/api/auth2/request_token"


def test_user_profile_keeps_own_public_secrets(tmp_path: Path) -> None:
    entry = {**SAVED_REPLICA_COPY, "public_secrets": {"consumer_secret": "own"}}
    (tmp_path / "profiles.json").write_text(
        json.dumps({"profiles": [entry]}), encoding="utf-8"
    )

    replica = find_profile(REPLICA_PROFILE, load_profiles(tmp_path))

    assert replica.public_secrets == {"consumer_secret": "own"}
