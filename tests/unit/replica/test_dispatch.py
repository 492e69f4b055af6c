"""The API view checks sign-in and the removal date before it replays a recording."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import yaml
from requests_oauthlib import OAuth1Session

from ka_explorer.replica import DEMO, RunningReplica, start_replica
from tests.replica_signin import authorize

RECORDED_USER = {"nickname": "Recorded User", "username": "recorded"}
RECORDED_VIDEOS = [{"video": {"youtube_id": "recorded"}}]
RECORDED_CATEGORIES = [{"category": 99, "type_label": "Recorded"}]


def _cassette(path: str, body: object) -> dict:
    return {
        "request": {"method": "GET", "uri": f"http://www.khanacademy.org{path}",
                    "body": None, "headers": {}},
        "response": {
            "status": {"code": 200, "message": "OK"},
            "headers": {"Content-Type": ["application/json"]},
            "body": {"string": json.dumps(body)},
        },
    }


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bare body for /api/v1/user and exchanges for two other routes."""
    folder = tmp_path_factory.mktemp("recordings")
    (folder / "user_examples.json").write_text(
        json.dumps({"/api/v1/user": RECORDED_USER}), encoding="utf-8"
    )
    cassette = {"version": 1, "interactions": [
        _cassette("/api/v1/user/videos", RECORDED_VIDEOS),
        _cassette("/api/v1/badges/categories", RECORDED_CATEGORIES),
    ]}
    (folder / "exchanges.yml").write_text(yaml.safe_dump(cassette), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def replayed(recordings: Path) -> Iterator[RunningReplica]:
    with start_replica(recordings=[recordings]) as running:
        yield running


@pytest.fixture(scope="module")
def student(replayed: RunningReplica) -> OAuth1Session:
    return authorize(replayed.base_url, DEMO.username, DEMO.password)


def _consumer_only() -> OAuth1Session:
    return OAuth1Session(DEMO.consumer_key, DEMO.consumer_secret)


@pytest.mark.parametrize("path", ["/api/v1/user", "/api/v1/user/videos"])
def test_recording_unsigned_gets_401(replayed: RunningReplica, path: str) -> None:
    response = requests.get(replayed.base_url + path, timeout=30)

    assert response.status_code == 401
    assert response.text == "Unauthorized"
    assert "X-KA-Replica-Recording" not in response.headers


@pytest.mark.parametrize("path", ["/api/v1/user", "/api/v1/user/videos"])
def test_recording_consumer_signed_gets_401(
    replayed: RunningReplica, path: str
) -> None:
    response = _consumer_only().get(replayed.base_url + path, timeout=30)

    assert response.status_code == 401
    assert response.text == "Unauthorized"


def test_recorded_body_served_with_token(
    replayed: RunningReplica, student: OAuth1Session
) -> None:
    response = student.get(f"{replayed.base_url}/api/v1/user", timeout=30)

    assert response.status_code == 200
    assert response.json() == RECORDED_USER


def test_recorded_exchange_served_with_token(
    replayed: RunningReplica, student: OAuth1Session
) -> None:
    response = student.get(f"{replayed.base_url}/api/v1/user/videos", timeout=30)

    assert response.status_code == 200
    assert response.json() == RECORDED_VIDEOS
    assert response.headers["X-KA-Replica-Recording"] == "exchanges.yml#0"


def test_open_route_recording_needs_no_token(replayed: RunningReplica) -> None:
    response = requests.get(f"{replayed.base_url}/api/v1/badges/categories", timeout=30)

    assert response.json() == RECORDED_CATEGORIES


def test_removed_route_recording_gets_404(recordings: Path) -> None:
    with start_replica(as_of="2020-03-01", recordings=[recordings]) as replica:
        response = requests.get(
            f"{replica.base_url}/api/v1/badges/categories", timeout=30
        )

    assert response.status_code == 404
    assert "X-KA-Replica-Recording" not in response.headers
