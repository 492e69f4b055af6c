"""Which 401s clear the stored token, and credentials without a consumer secret."""

from __future__ import annotations

import dataclasses

import pytest

from ka_explorer.oauth1 import (
    REPLICA_PROFILE,
    MemorySecretStore,
    Profile,
    SignatureMethod,
    SigningError,
    SignInRequired,
    credentials_for,
    find_profile,
    save_token,
    stored_token,
    token_rejected,
)
from ka_explorer.oauth1.tokens import require_consumer_secret

TOKEN_PROBLEMS = [
    "OAuth error. Invalid access token: 0Sh6Re3U",
    "OAuth error. Access token expired",
    "oauth_problem=token_rejected",
    "oauth_problem=token_revoked",
    '{"errors": [{"code": 89, "message": "Invalid or expired token."}]}',
]
OTHER_PROBLEMS = [
    "OAuth error. Invalid consumer.",
    "OAuth error. Invalid consumer key: someone-else",
    "oauth_problem=consumer_key_unknown",
    "OAuth error. Invalid signature. Expected signature base string: "
    "GET&http%3A%2F%2Fh%2Fx&oauth_token%3Dabc",
    "oauth_problem=signature_invalid&debug_sbs=GET&x&y",
    "OAuth error. Timestamp given is invalid, differ from allowed by over 600 "
    "seconds.",
    "oauth_problem=timestamp_refused",
    "OAuth error. Nonce already used: 1234",
    "oauth_problem=nonce_used",
    "oauth_problem=version_rejected",
    "oauth_problem=signature_method_rejected",
]
NO_REASON = ["", "Unauthorized", "<html><title>401</title></html>"]


def _store_with_token() -> MemorySecretStore:
    store = MemorySecretStore()
    save_token("p", store, "tok", "sec")
    return store


@pytest.mark.parametrize("text", TOKEN_PROBLEMS)
def test_token_problem_clears_token(text: str) -> None:
    store = _store_with_token()

    error = token_rejected("p", store, 401, text)

    assert isinstance(error, SignInRequired)
    assert "it has been removed. Sign in again." in str(error)
    assert stored_token("p", store) is None


@pytest.mark.parametrize("text", OTHER_PROBLEMS)
def test_other_401_keeps_token(text: str) -> None:
    store = _store_with_token()

    assert token_rejected("p", store, 401, text) is None
    assert stored_token("p", store) == ("tok", "sec")


@pytest.mark.parametrize("text", NO_REASON)
def test_401_without_reason_keeps_token(text: str) -> None:
    store = _store_with_token()

    assert token_rejected("p", store, 401, text) is None
    assert stored_token("p", store) == ("tok", "sec")


def test_other_status_keeps_token() -> None:
    store = _store_with_token()

    assert token_rejected("p", store, 403, "Invalid access token: tok") is None
    assert stored_token("p", store) == ("tok", "sec")


def test_no_stored_token_no_rejection() -> None:
    store = MemorySecretStore()

    assert token_rejected("p", store, 401, "Invalid access token: tok") is None


def _keyed_profile(**changes: object) -> Profile:
    profile = Profile("Own API", "http://127.0.0.1:9", "/rt", "/auth", "/at",
                      consumer_key="own-key")
    return dataclasses.replace(profile, **changes)


def test_missing_consumer_secret_named() -> None:
    with pytest.raises(SigningError) as caught:
        credentials_for(_keyed_profile(), MemorySecretStore())

    assert str(caught.value) == (
        "No consumer secret for profile 'Own API': set it with Keys… or "
        "--consumer-secret."
    )


def test_given_consumer_secret_used() -> None:
    creds = credentials_for(_keyed_profile(), MemorySecretStore(),
                            consumer_secret="given")

    assert creds.consumer_secret == "given"


def test_given_empty_consumer_secret_accepted() -> None:
    creds = credentials_for(_keyed_profile(), MemorySecretStore(), consumer_secret="")

    assert creds.consumer_secret == ""


def test_stored_consumer_secret_used() -> None:
    store = MemorySecretStore()
    store.set("Own API", "consumer_secret", "stored")

    assert credentials_for(_keyed_profile(), store).consumer_secret == "stored"


def test_rsa_profile_needs_no_consumer_secret() -> None:
    profile = _keyed_profile(signature_method=SignatureMethod.RSA_SHA1)

    creds = credentials_for(profile, MemorySecretStore(), rsa_key_pem="PEM")

    assert creds.consumer_secret == ""


def test_profile_without_key_needs_no_secret() -> None:
    creds = credentials_for(_keyed_profile(consumer_key=""), MemorySecretStore())

    assert creds.consumer_key == ""


def test_require_consumer_secret_after_key_flag() -> None:
    creds = credentials_for(_keyed_profile(consumer_key=""), MemorySecretStore())
    with_key = dataclasses.replace(creds, consumer_key="from-flag")

    with pytest.raises(SigningError, match="No consumer secret for profile 'x'"):
        require_consumer_secret(with_key, "x")


def test_replica_profile_has_public_secret() -> None:
    creds = credentials_for(find_profile(REPLICA_PROFILE), MemorySecretStore())

    assert creds.consumer_secret == "demo-consumer-secret"
