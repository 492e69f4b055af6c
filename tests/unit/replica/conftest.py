"""Fixtures for the replica tests: signed sessions for the demo accounts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from requests_oauthlib import OAuth1Session

from ka_explorer.replica import DEMO, RunningReplica
from tests.replica_signin import authorize

REPO = Path(__file__).resolve().parents[3]
RECORDINGS = REPO / ".." / "shared" / "recordings"


@pytest.fixture(scope="session")
def student(replica: RunningReplica) -> OAuth1Session:
    """A session signed with demo-student's access token."""
    return authorize(replica.base_url, DEMO.username, DEMO.password)


@pytest.fixture(scope="session")
def coach(replica: RunningReplica) -> OAuth1Session:
    """A session signed with demo-coach's access token."""
    return authorize(replica.base_url, DEMO.coach_username, DEMO.coach_password)


@pytest.fixture
def get(replica: RunningReplica) -> Callable[..., requests.Response]:
    """GET a path of the shared replica without signing."""

    def fetch(path: str, **kwargs: object) -> requests.Response:
        return requests.get(replica.base_url + path, timeout=60, **kwargs)  # type: ignore[arg-type]

    return fetch


@pytest.fixture(scope="session")
def recordings_folder() -> Path:
    """The folder of real recorded responses beside the repository."""
    if not RECORDINGS.is_dir():
        pytest.skip(f"recordings folder {RECORDINGS} is absent")
    return RECORDINGS
