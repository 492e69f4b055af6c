"""A profile's callback setting: loopback, oob or a registered URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ka_explorer.oauth1 import (
    LOOPBACK,
    OOB,
    Callback,
    Profile,
    ProfileError,
    load_user_profiles,
    save_user_profiles,
)

LOCAL = "http://127.0.0.1:9/cb"


@pytest.mark.parametrize(
    ("text", "kind", "stored"),
    [
        ("", LOOPBACK, LOOPBACK),
        (" Loopback ", LOOPBACK, LOOPBACK),
        ("OOB", OOB, OOB),
        ("https://app.example.org/done", "url", "https://app.example.org/done"),
        ("http://[::1]:8765/cb?app=1", "url", "http://[::1]:8765/cb?app=1"),
        ("myapp:callback", "url", "myapp:callback"),
    ],
)
def test_callback_parse(text: str, kind: str, stored: str) -> None:
    callback = Callback.parse(text)

    assert callback.kind == kind
    assert callback.text == stored


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("nowhere", "it is not an absolute URL"),
        ("http://", "it is not an absolute URL"),
        ("https:///path", "it has no host name"),
        ("http://host:99999/cb", "it is not a valid URL"),
        ("https://app.example.org/a b", "it contains a space"),
        ("https://app.example.org/cb#done", "it has a fragment"),
    ],
)
def test_invalid_callback_named(text: str, problem: str) -> None:
    with pytest.raises(ProfileError) as caught:
        Callback.parse(text)

    assert str(caught.value).startswith(f"Invalid callback {text!r}: {problem}")
    assert "Give loopback, oob or the URL registered with the provider" in str(
        caught.value
    )


def test_oauth_callback_values() -> None:
    own = "http://127.0.0.1:5000/callback"

    assert Callback.parse("loopback").oauth_callback(own) == own
    assert Callback.parse("oob").oauth_callback(own) == "oob"
    assert Callback.parse(LOCAL).oauth_callback(own) == LOCAL


@pytest.mark.parametrize(
    ("url", "reached"),
    [
        ("http://127.0.0.1:9/cb?oauth_token=t&oauth_verifier=v", True),
        ("HTTP://127.0.0.1:9/cb", True),
        ("http://127.0.0.1:9/cb/other", False),
        ("http://127.0.0.1:10/cb?oauth_token=t", False),
        ("https://127.0.0.1:9/cb", False),
        ("not a url", False),
    ],
)
def test_callback_reached_by(url: str, reached: bool) -> None:
    assert Callback.parse(LOCAL).is_reached_by(url) is reached


def test_default_ports_match() -> None:
    callback = Callback.parse("https://app.example.org/cb")

    assert callback.is_reached_by("https://app.example.org:443/cb?x=1")
    assert not Callback.parse("oob").is_reached_by("https://app.example.org/cb")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("http://127.0.0.1:8765/cb", ("127.0.0.1", 8765)),
        ("http://localhost/cb", ("localhost", 80)),
        ("http://[::1]:8765/cb", ("::1", 8765)),
        ("https://127.0.0.1:8765/cb", None),
        ("http://app.example.org:8765/cb", None),
        ("loopback", None),
    ],
)
def test_listen_address(text: str, address: tuple[str, int] | None) -> None:
    assert Callback.parse(text).listen_address == address


def test_profile_callback_saved_and_loaded(tmp_path: Path) -> None:
    profile = Profile(
        "Own API", "http://127.0.0.1:9", "/rt", "/auth", "/at",
        callback="https://app.example.org/cb", realm="Photos",
        rsa_key_path="/keys/client.pem",
    )
    save_user_profiles([profile], tmp_path)

    loaded = load_user_profiles(tmp_path)[0]

    assert loaded.callback == "https://app.example.org/cb"
    assert loaded.callback_setting.kind == "url"
    assert loaded.realm == "Photos"
    assert loaded.rsa_key_path == "/keys/client.pem"


def test_profile_without_callback_uses_loopback(tmp_path: Path) -> None:
    entry = {"name": "A", "base_url": "http://h", "request_token_url": "/r",
             "authorize_url": "/a", "access_token_url": "/t"}
    (tmp_path / "profiles.json").write_text(json.dumps({"profiles": [entry]}))

    assert load_user_profiles(tmp_path)[0].callback_setting.kind == LOOPBACK


@pytest.mark.parametrize("value", ["somewhere", 12])
def test_invalid_profile_callback_names_file(tmp_path: Path, value: object) -> None:
    entry = {"name": "A", "base_url": "http://h", "request_token_url": "/r",
             "authorize_url": "/a", "access_token_url": "/t", "callback": value}
    path = tmp_path / "profiles.json"
    path.write_text(json.dumps({"profiles": [entry]}))

    with pytest.raises(ProfileError) as caught:
        load_user_profiles(tmp_path)

    message = str(caught.value)
    assert message.startswith(f"{path}: profile 'A': Invalid callback {value!r}")
    assert message.endswith("; fix the entry or delete it.")


def test_profile_rejects_invalid_callback() -> None:
    with pytest.raises(ProfileError, match="Invalid callback 'x'"):
        Profile("A", "http://h", "/r", "/a", "/t", callback="x")
