"""Every catalog endpoint returns its documented shape from the replica."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from requests_oauthlib import OAuth1Session

from ka_explorer.catalog import Endpoint, load_catalog
from ka_explorer.replica import RunningReplica

CATALOG = load_catalog()
KINDS = {
    "Video",
    "Exercise",
    "Topic",
    "UserData",
    "UserExercise",
    "UserVideo",
    "ProblemLog",
    "VideoLog",
    "UserPlaylist",
    "UserExerciseProgressChange",
    "AssessmentItem",
}
# Lists that may be empty for the values used here.
MAY_BE_EMPTY = {"/api/v1/exercises/<exercise_name>/videos"}


def _path_values(replica: RunningReplica) -> dict[str, str]:
    skeleton = replica.app.config["REPLICA"].dataset.skeleton
    tutorial = next(t for t in skeleton.topics.values() if t.videos and t.exercises)
    return {
        "topic_slug": tutorial.slug,
        "topic_id": tutorial.slug,
        "exercise_name": "logarithms_1",
        "video_id": "jxA8MffVmPs",
        "youtube_id": "Sc0e6xrRJYY",
        "version_id": "default",
        "assessment_item_id": "x0035afac234d8dda",
        "playlist_title": "Algebra",
        "category": "1",
    }


def _request(endpoint: Endpoint, replica: RunningReplica) -> tuple[str, dict[str, str]]:
    values = _path_values(replica)
    for argument in endpoint.path_arguments():
        if argument.example:
            values[argument.name] = argument.example
    query = {
        a.name: a.example
        for a in endpoint.query_arguments()
        if a.required and a.example
    }
    return endpoint.expand(values), query  # type: ignore[return-value]


def _check_shape(endpoint: Endpoint, body: Any) -> None:
    wants_list = endpoint.returns.startswith("[")
    assert isinstance(body, list if wants_list else dict), endpoint.key
    kind = endpoint.returns.strip("[]")
    items = body if wants_list else [body]
    if wants_list and endpoint.url not in MAY_BE_EMPTY:
        assert items, f"{endpoint.key} returned an empty list"
    if kind in KINDS:
        assert all(item["kind"] == kind for item in items), endpoint.key


@pytest.mark.parametrize("endpoint", CATALOG.endpoints, ids=lambda e: e.key)
def test_endpoint_answers_documented_shape(
    endpoint: Endpoint,
    replica: RunningReplica,
    student: OAuth1Session,
    coach: OAuth1Session,
) -> None:
    path, query = _request(endpoint, replica)
    signed = coach if endpoint.url == "/api/v1/user/students" else student
    url = replica.base_url + path
    if endpoint.http_method == "POST":
        response = signed.post(url, data=query)
    elif endpoint.login_required:
        response = signed.get(url, params=query)
    else:
        response = requests.get(url, params=query, timeout=120)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    _check_shape(endpoint, response.json())


def test_every_endpoint_has_a_handler() -> None:
    from ka_explorer.replica.api.call import HANDLERS
    from ka_explorer.replica.api.dispatch import api_blueprint  # noqa: F401

    missing = [e.key for e in CATALOG.endpoints if e.key not in HANDLERS]
    assert missing == []
