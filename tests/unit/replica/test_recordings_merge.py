"""A signed-in user's recorded items of a list route merge into the whole list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests

from ka_explorer.replica import DEMO, start_replica
from ka_explorer.replica.recordings.merge import merge_items
from tests.replica_signin import authorize

EARNED = {
    "name": "b",
    "description": "documented text",
    "user_badges": [{"badge_name": "b", "user": "you@example.org"}],
}
UNLISTED = {"name": "z", "user_badges": [{"badge_name": "z"}]}


def _write(folder: Path, name: str, document: Any) -> None:
    (folder / name).write_text(json.dumps(document), encoding="utf-8")


def _examples(folder: Path, name: str = "doc_examples.json") -> None:
    examples = {"/api/v1/badges (authenticated, earned badge)": [EARNED, UNLISTED]}
    _write(folder, name, examples)


def _signed_badges(folder: Path, query: str = "") -> requests.Response:
    with start_replica(recordings=[folder]) as replica:
        session = authorize(replica.base_url, DEMO.username, DEMO.password)
        return session.get(f"{replica.base_url}/api/v1/badges{query}", timeout=30)


@pytest.mark.parametrize("examples_name", ["doc_examples.json", "a_examples.json"])
def test_signed_items_merge_into_recorded_list(
    tmp_path: Path, examples_name: str
) -> None:
    listed = [
        {"name": "a", "isOwned": False},
        {"name": "b", "isOwned": False, "description": "recorded text"},
    ]
    _write(tmp_path, "badges_camel.json", listed)
    _examples(tmp_path, examples_name)
    badges = _signed_badges(tmp_path).json()
    assert [badge["name"] for badge in badges] == ["a", "b", "z"]
    assert badges[0] == {"name": "a", "is_owned": False}
    assert badges[1]["description"] == "recorded text"
    assert badges[1]["user_badges"] == EARNED["user_badges"]
    assert badges[1]["is_owned"] is True
    assert badges[2] == UNLISTED


def test_merged_list_keeps_recorded_casing(tmp_path: Path) -> None:
    _write(tmp_path, "badges_camel.json", [{"name": "b", "isOwned": False}])
    _examples(tmp_path)
    response = _signed_badges(tmp_path, "?casing=camel")
    first = response.json()[0]
    assert first["userBadges"] == [{"badgeName": "b", "user": "you@example.org"}]
    assert first["isOwned"] is True
    source = response.headers["X-KA-Replica-Recording"]
    assert source.startswith("badges_camel.json + doc_examples.json:")


def test_unsigned_request_gets_recorded_list(tmp_path: Path) -> None:
    _write(tmp_path, "badges.json", [{"name": "a"}, {"name": "b"}])
    _examples(tmp_path)
    with start_replica(recordings=[tmp_path]) as replica:
        badges = requests.get(f"{replica.base_url}/api/v1/badges", timeout=30)
    assert badges.json() == [{"name": "a"}, {"name": "b"}]


def test_signed_items_merge_into_generated_list(tmp_path: Path) -> None:
    _examples(tmp_path)
    with start_replica(recordings=[tmp_path]) as replica:
        unsigned = requests.get(f"{replica.base_url}/api/v1/badges", timeout=30)
        session = authorize(replica.base_url, DEMO.username, DEMO.password)
        signed = session.get(f"{replica.base_url}/api/v1/badges", timeout=30)
    generated = unsigned.json()
    badges = signed.json()
    assert len(generated) == 209
    assert len(badges) == len(generated) + 2
    assert [badge["name"] for badge in badges[-2:]] == ["b", "z"]
    assert any(badge.get("is_owned") for badge in badges[:-2])


def test_merge_items_leaves_input_unchanged() -> None:
    whole = [{"name": "b", "isOwned": False}]
    merged, appended = merge_items(whole, "camel", [EARNED], "snake")
    assert whole == [{"name": "b", "isOwned": False}]
    assert merged[0]["isOwned"] is True
    assert merged[0]["userBadges"][0]["badgeName"] == "b"
    assert appended == []


def test_merge_items_matches_any_identifier() -> None:
    whole = [{"id": "x1", "slug": "s"}, {"readable_id": "r"}]
    merged, appended = merge_items(whole, "snake", {"readableId": "r", "k": 1}, "camel")
    assert merged[1] == {"readable_id": "r", "k": 1}
    assert appended == []


def test_merge_items_appends_items_without_identifier() -> None:
    merged, appended = merge_items([{"id": 1}], "snake", [{"x": 2}], "snake")
    assert merged == [{"id": 1}, {"x": 2}]
    assert appended == ["an item without an identifier"]
