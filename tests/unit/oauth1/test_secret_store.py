"""Secret stores, the choice between keyring and memory, and the token's life."""

from __future__ import annotations

import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail, null
from keyring.compat import properties

from ka_explorer.oauth1 import (
    REPLICA_PROFILE,
    KeyringSecretStore,
    MemorySecretStore,
    SecretStoreError,
    SignInRequired,
    credentials_for,
    find_profile,
    open_secret_store,
    save_token,
    sign_out,
    stored_token,
    token_rejected,
)


class BrokenBackend(keyring.backend.KeyringBackend):
    """A backend whose every call fails, as a locked or absent D-Bus service does.

    Its priority raises, so keyring never chooses it (or chains it) for other
    tests: keyring registers every KeyringBackend subclass.
    """

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805  (keyring's classproperty)
        raise RuntimeError("BrokenBackend is only for explicit use in tests")

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringError("org.freedesktop.DBus.Error.ServiceUnknown")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked collection")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringError("locked collection")


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), BrokenBackend()])
def test_unusable_backend_gives_memory_store(
    backend: keyring.backend.KeyringBackend,
) -> None:
    store = open_secret_store(backend)

    assert isinstance(store, MemorySecretStore)
    assert store.persistent is False
    warning = store.take_warning()
    assert warning is not None
    assert "kept only until the program exits" in warning
    assert store.take_warning() is None


def test_keyring_errors_reported_with_username() -> None:
    store = KeyringSecretStore(BrokenBackend())

    with pytest.raises(SecretStoreError, match="'p:token'.*unlock the keyring"):
        store.set("p", "token", "x")


def test_memory_store_round_trip() -> None:
    store = MemorySecretStore()
    store.set("p", "token", "t")

    assert store.get("p", "token") == "t"
    store.delete("p", "token")
    store.delete("p", "token")
    assert store.get("p", "token") is None


def test_replica_credentials_use_public_demo_secret() -> None:
    profile = find_profile(REPLICA_PROFILE)
    store = MemorySecretStore()

    creds = credentials_for(profile, store)

    assert creds.consumer_key == "demo-consumer-key"
    assert creds.consumer_secret == "demo-consumer-secret"
    assert creds.token is None


def test_stored_secret_beats_public_one() -> None:
    profile = find_profile(REPLICA_PROFILE)
    store = MemorySecretStore()
    store.set(profile.name, "consumer_secret", "rotated")
    save_token(profile.name, store, "tok", "sec")

    creds = credentials_for(profile, store)

    assert creds.consumer_secret == "rotated"
    assert (creds.token, creds.token_secret) == ("tok", "sec")


def test_rejected_token_cleared_and_sign_in_asked() -> None:
    store = MemorySecretStore()
    save_token("p", store, "tok", "sec")

    error = token_rejected("p", store, 401, "OAuth error. Access token expired")

    assert isinstance(error, SignInRequired)
    assert "Sign in again" in str(error)
    assert error.server_text == "OAuth error. Access token expired"
    assert stored_token("p", store) is None


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (403, "Forbidden"),
        (
            401,
            "OAuth error. Invalid signature. Expected signature base string: GET&x&y",
        ),
        (401, "OAuth error. Timestamp too old"),
    ],
)
def test_token_kept_when_signing_in_would_not_help(status: int, text: str) -> None:
    store = MemorySecretStore()
    save_token("p", store, "tok", "sec")

    assert token_rejected("p", store, status, text) is None
    assert stored_token("p", store) == ("tok", "sec")


def test_401_without_stored_token_is_not_a_rejection() -> None:
    assert token_rejected("p", MemorySecretStore(), 401, "Unauthorized") is None


def test_sign_out_removes_every_secret() -> None:
    store = MemorySecretStore()
    save_token("p", store, "tok", "sec")
    store.set("p", "consumer_secret", "cs")
    store.set("p", "rsa_key_passphrase", "pw")
    store.set("other", "token", "kept")

    sign_out("p", store)

    assert [
        store.get("p", n)
        for n in ("token", "token_secret", "consumer_secret", "rsa_key_passphrase")
    ] == [None] * 4
    assert store.get("other", "token") == "kept"
