"""Fixtures for unit tests that talk to an OAuth 1.0a provider on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.unit.oauth1.oauth_provider import LoopbackProvider


@pytest.fixture(scope="module")
def provider() -> Iterator[LoopbackProvider]:
    """An oauthlib provider on 127.0.0.1, one for each test module."""
    server = LoopbackProvider()
    yield server
    server.stop()
