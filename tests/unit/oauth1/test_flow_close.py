"""Closing a flow releases the connections of the session it created."""

from __future__ import annotations

import requests

from ka_explorer.oauth1 import OOB, Credentials, OAuth1Flow
from tests.unit.oauth1.oauth_provider import (
    CONSUMER_KEY,
    CONSUMER_SECRET,
    LoopbackProvider,
)


def make_flow(
    provider: LoopbackProvider, session: requests.Session | None = None
) -> OAuth1Flow:
    base = provider.base_url
    return OAuth1Flow(
        Credentials(CONSUMER_KEY, CONSUMER_SECRET),
        f"{base}/oauth/request_token",
        f"{base}/oauth/authorize",
        f"{base}/oauth/access_token",
        timeout=10,
        session=session,
    )


def pool_count(session: requests.Session) -> int:
    adapter = session.get_adapter("http://127.0.0.1/")
    return len(adapter.poolmanager.pools)  # type: ignore[attr-defined]


def test_close_empties_own_session_pools(provider: LoopbackProvider) -> None:
    flow = make_flow(provider)
    flow.request_token(OOB)
    pools_before = pool_count(flow.session)

    flow.close()

    assert pools_before == 1
    assert pool_count(flow.session) == 0


def test_close_leaves_given_session_open(provider: LoopbackProvider) -> None:
    with requests.Session() as session:
        flow = make_flow(provider, session)
        flow.request_token(OOB)

        flow.close()

        assert pool_count(session) == 1


def test_with_block_closes_flow(provider: LoopbackProvider) -> None:
    with make_flow(provider) as flow:
        flow.request_token(OOB)

    assert pool_count(flow.session) == 0
