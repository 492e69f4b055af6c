"""Deleting a user's profile with its secrets, and its RSA key file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from oauthlib.oauth1 import SignatureOnlyEndpoint

from ka_explorer.oauth1 import (
    REPLICA_PROFILE,
    MemorySecretStore,
    Profile,
    ProfileError,
    RsaKeyError,
    SignatureMethod,
    check_rsa_key_file,
    credentials_for,
    delete_user_profile,
    find_profile,
    load_profiles,
    load_user_profiles,
    save_user_profiles,
    set_rsa_key_passphrase,
    sign_request,
)
from ka_explorer.oauth1.secret_store import SECRET_NAMES
from tests.unit.oauth1.test_oauthlib_verifier import AllowEveryMethod

OWN = Profile("Own API", "http://127.0.0.1:9", "/rt", "/auth", "/at", "key")
OTHER = Profile("Other API", "http://127.0.0.1:8", "/rt", "/auth", "/at", "key")


def filled_store(*names: str) -> MemorySecretStore:
    store = MemorySecretStore()
    for name in names:
        for secret in SECRET_NAMES:
            store.set(name, secret, f"{name}-{secret}")
    return store


def test_delete_removes_entry_and_secrets(tmp_path: Path) -> None:
    save_user_profiles([OWN, OTHER], tmp_path)
    store = filled_store(OWN.name, OTHER.name)

    restored = delete_user_profile(OWN.name, store, tmp_path)

    assert restored is None
    assert [p.name for p in load_user_profiles(tmp_path)] == [OTHER.name]
    for secret in SECRET_NAMES:
        assert store.get(OWN.name, secret) is None
        assert store.get(OTHER.name, secret) == f"{OTHER.name}-{secret}"


def test_delete_saved_copy_restores_bundled(tmp_path: Path) -> None:
    copy = find_profile(REPLICA_PROFILE).with_base_url("http://127.0.0.1:7")
    save_user_profiles([copy], tmp_path)
    store = filled_store(REPLICA_PROFILE)

    restored = delete_user_profile(REPLICA_PROFILE, store, tmp_path)

    assert restored is not None
    assert restored.base_url_from_replica is True
    assert load_user_profiles(tmp_path) == []
    assert store.get(REPLICA_PROFILE, "token") is None
    assert find_profile(REPLICA_PROFILE, load_profiles(tmp_path)) == restored


def test_bundled_profile_not_deleted(tmp_path: Path) -> None:
    store = filled_store(REPLICA_PROFILE)

    with pytest.raises(ProfileError, match="comes with KA Explorer"):
        delete_user_profile(REPLICA_PROFILE, store, tmp_path)

    assert store.get(REPLICA_PROFILE, "token") == f"{REPLICA_PROFILE}-token"


def test_unknown_profile_not_deleted(tmp_path: Path) -> None:
    save_user_profiles([OTHER], tmp_path)

    with pytest.raises(ProfileError) as caught:
        delete_user_profile("Nobody", MemorySecretStore(), tmp_path)

    assert str(caught.value) == (
        "No saved profile named 'Nobody'; saved profiles: 'Other API'."
    )
    assert json.loads((tmp_path / "profiles.json").read_text())["profiles"][0][
        "name"
    ] == OTHER.name


@pytest.fixture(scope="module")
def key_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"open sesame"),
    )
    path = tmp_path_factory.mktemp("keys") / "client.pem"
    path.write_bytes(pem)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return path, public.decode()


def test_check_rsa_key_file(key_file: tuple[Path, str]) -> None:
    path, _ = key_file

    check_rsa_key_file(path, "open sesame")
    with pytest.raises(RsaKeyError, match="passphrase for the RSA private key is wr"):
        check_rsa_key_file(path, "wrong")
    with pytest.raises(RsaKeyError, match="is encrypted; enter its passphrase"):
        check_rsa_key_file(path)
    with pytest.raises(RsaKeyError, match="not found; check the path"):
        check_rsa_key_file(path.with_name("absent.pem"), "open sesame")


def test_rsa_profile_signs_with_stored_passphrase(key_file: tuple[Path, str]) -> None:
    path, public_pem = key_file
    profile = Profile(
        "RSA API", "http://127.0.0.1:9", "/rt", "/auth", "/at", "client-key",
        signature_method=SignatureMethod.RSA_SHA256, rsa_key_path=str(path),
        realm="Photos",
    )
    store = MemorySecretStore()
    set_rsa_key_passphrase(profile.name, store, "open sesame")

    creds = credentials_for(profile, store, with_token=False)
    signed = sign_request("GET", "http://127.0.0.1:9/x?a=1", {}, None, creds)
    endpoint = SignatureOnlyEndpoint(AllowEveryMethod(public_pem))
    valid, _ = endpoint.validate_request(signed.url, "GET", None, signed.headers)

    assert valid is True
    assert signed.headers["Authorization"].startswith('OAuth realm="Photos"')


def test_empty_passphrase_removes_it() -> None:
    store = MemorySecretStore()
    set_rsa_key_passphrase("RSA API", store, "p")
    set_rsa_key_passphrase("RSA API", store, "")

    assert store.get("RSA API", "rsa_key_passphrase") is None
