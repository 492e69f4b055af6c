"""Fixtures for the replica tests: signed sessions for the demo accounts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from requests_oauthlib import OAuth1Session

from ka_explorer.replica import DEMO, RunningReplica

REPO = Path(__file__).resolve().parents[3]
RECORDINGS = REPO / ".." / "shared" / "recordings"


def authorize(base_url: str, username: str, password: str) -> OAuth1Session:
    """Run the browserless auth2 flow and return a session signed with the token."""
    client = OAuth1Session(DEMO.consumer_key, DEMO.consumer_secret, callback_uri="oob")
    token = client.fetch_request_token(f"{base_url}/api/auth2/request_token")
    page = requests.post(
        f"{base_url}/api/auth2/authorize",
        data={
            "oauth_token": token["oauth_token"],
            "identifier": username,
            "password": password,
        },
        timeout=10,
    )
    page.raise_for_status()
    verifier = page.text.split('id="oauth-verifier">')[1].split("<")[0]
    client.fetch_access_token(f"{base_url}/api/auth2/access_token", verifier=verifier)
    return client


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
