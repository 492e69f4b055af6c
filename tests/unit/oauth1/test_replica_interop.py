"""Signing and the 401 diagnosis against the Khan Academy replica.

Skips until `ka_explorer.replica` exports `start_replica`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from ka_explorer.oauth1 import (
    REPLICA_PROFILE,
    Credentials,
    MemorySecretStore,
    OAuth1Auth,
    Placement,
    credentials_for,
    diagnose_401,
    find_profile,
    sign_request,
)

replica_module = pytest.importorskip("ka_explorer.replica")
if not hasattr(replica_module, "start_replica"):
    pytest.skip(
        "ka_explorer.replica does not export start_replica yet", allow_module_level=True
    )


@pytest.fixture(scope="module")
def replica() -> Iterator[Any]:
    running = replica_module.start_replica()
    yield running
    running.stop()


def replica_credentials(replica: Any, placement: Placement) -> Credentials:
    profile = find_profile(REPLICA_PROFILE).with_base_url(replica.base_url)
    creds = credentials_for(profile, MemorySecretStore())
    return Credentials(creds.consumer_key, creds.consumer_secret, placement=placement)


@pytest.mark.parametrize("placement", list(Placement))
def test_replica_accepts_signed_open_request(
    replica: Any, placement: Placement
) -> None:
    creds = replica_credentials(replica, placement)
    url = f"{replica.base_url}/api/v1/badges/categories?casing=camel&format=pretty"

    answer = requests.get(url, auth=OAuth1Auth(creds), timeout=30)

    assert answer.status_code == 200, answer.text[:300]


def test_replica_401_diagnosed_as_unsigned_parameter(replica: Any) -> None:
    creds = replica_credentials(replica, Placement.HEADER)
    signed = sign_request("GET", f"{replica.base_url}/api/v1/badges", {}, None, creds)

    answer = requests.get(
        signed.url + "?casing=camel", headers=signed.headers, timeout=30
    )
    diagnosis = diagnose_401(signed.debug, answer.text)

    assert answer.status_code == 401
    assert diagnosis.expected_base_string is not None, answer.text[:300]
    assert "Unsigned parameter(s) casing" in diagnosis.likely_cause


def test_replica_rejecting_token_clears_it(replica: Any) -> None:
    from ka_explorer.oauth1 import (
        SignInRequired,
        save_token,
        stored_token,
        token_rejected,
    )

    store = MemorySecretStore()
    save_token(REPLICA_PROFILE, store, "unknown-token", "unknown-secret")
    creds = credentials_for(
        find_profile(REPLICA_PROFILE).with_base_url(replica.base_url), store
    )

    answer = requests.get(
        f"{replica.base_url}/api/v1/user", auth=OAuth1Auth(creds), timeout=30
    )
    error = token_rejected(REPLICA_PROFILE, store, answer.status_code, answer.text)

    assert answer.status_code == 401
    assert isinstance(error, SignInRequired), answer.text[:300]
    assert stored_token(REPLICA_PROFILE, store) is None
