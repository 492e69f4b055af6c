"""Replay of recorded responses: cassettes, HAR files and bare JSON bodies."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import yaml
from requests_oauthlib import OAuth1Session

from ka_explorer.catalog import load_catalog
from ka_explorer.replica import DEMO, ReplicaError, RunningReplica, start_replica
from ka_explorer.replica.recordings import load_recordings
from tests.replica_signin import authorize


@pytest.fixture(scope="module")
def replayed(request: pytest.FixtureRequest) -> Iterator[RunningReplica]:
    folder = request.getfixturevalue("recordings_folder")
    with start_replica(recordings=[folder]) as running:
        yield running


def _read(folder: Path, name: str) -> object:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def _last_interactions(cassette: Path) -> dict[str, dict]:
    document = yaml.load(cassette.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return {i["request"]["uri"]: i["response"] for i in document["interactions"]}


def _decoded(response: dict) -> bytes:
    body = response["body"]["string"]
    body = body if isinstance(body, bytes) else body.encode()
    if response["headers"].get("Content-Encoding") == ["gzip"]:
        return gzip.decompress(body)
    return body


def test_cassette_replays_every_request(
    replayed: RunningReplica, recordings_folder: Path
) -> None:
    cassette = recordings_folder / "videos_de_2015.cassette.yml"
    for uri, recorded in _last_interactions(cassette).items():
        path = uri.split("khanacademy.org", 1)[1]
        response = requests.get(replayed.base_url + path)
        assert response.status_code == recorded["status"]["code"], path
        assert response.content == _decoded(recorded), path
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"
        encoding = recorded["headers"].get("Content-Encoding", [None])[0]
        assert response.headers.get("Content-Encoding") == encoding, path


def test_german_video_body(replayed: RunningReplica, recordings_folder: Path) -> None:
    cassette = recordings_folder / "videos_de_2015.cassette.yml"
    uri = "http://www.khanacademy.org/api/v1/videos/--VYlmbkzNY?lang=de"
    recorded = _last_interactions(cassette)[uri]
    response = requests.get(f"{replayed.base_url}/api/v1/videos/--VYlmbkzNY?lang=de")
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.json() == json.loads(_decoded(recorded))
    assert response.headers["X-KA-Replica-Recording"].startswith(
        "videos_de_2015.cassette.yml#"
    )


def test_recorded_badges_served(
    replayed: RunningReplica, recordings_folder: Path
) -> None:
    recorded = _read(recordings_folder, "badges_camel_2014.json")
    assert isinstance(recorded, list)
    camel = requests.get(
        f"{replayed.base_url}/api/v1/badges?casing=camel&format=pretty"
    ).json()
    assert camel == recorded
    plain = requests.get(f"{replayed.base_url}/api/v1/badges").json()
    assert len(plain) == 209
    assert plain[0]["icon_src"] == recorded[0]["iconSrc"]
    assert plain[0]["badge_category"] == recorded[0]["badgeCategory"]
    source = requests.get(f"{replayed.base_url}/api/v1/badges").headers
    assert source["X-KA-Replica-Recording"] == "badges_camel_2014.json"


def test_recorded_badge_categories(
    replayed: RunningReplica, recordings_folder: Path
) -> None:
    recorded = _read(recordings_folder, "badges_categories_camel_2014.json")
    assert isinstance(recorded, list)
    url = f"{replayed.base_url}/api/v1/badges/categories"
    assert requests.get(url, params={"casing": "camel"}).json() == recorded
    one = requests.get(f"{url}/3", params={"casing": "camel"}).json()
    assert one == [recorded[3]]


def test_recorded_exercises(replayed: RunningReplica, recordings_folder: Path) -> None:
    recorded = _read(recordings_folder, "exercises_2011.json")
    assert isinstance(recorded, list)
    assert requests.get(f"{replayed.base_url}/api/v1/exercises").json() == recorded
    one = requests.get(f"{replayed.base_url}/api/v1/exercises/subtraction_1").json()
    assert one == next(e for e in recorded if e["name"] == "subtraction_1")


def test_recorded_video_objects(
    replayed: RunningReplica, recordings_folder: Path
) -> None:
    recorded = _read(recordings_folder, "videos_raw_objects_2014_kalite.json")
    assert isinstance(recorded, dict)
    for video in recorded["videos"]:
        for video_id in (video["readable_id"], video["youtube_id"]):
            url = f"{replayed.base_url}/api/v1/videos/{video_id}"
            assert requests.get(url).json() == video


def test_recorded_assessment_items(
    replayed: RunningReplica, recordings_folder: Path
) -> None:
    recorded = _read(recordings_folder, "assessment_items_sample_kalite.json")
    assert isinstance(recorded, dict)
    for item_id, item in recorded.items():
        url = f"{replayed.base_url}/api/v1/assessment_items/{item_id}"
        assert requests.get(url).json() == item


def test_documented_user_examples(
    replayed: RunningReplica, recordings_folder: Path
) -> None:
    recorded = _read(recordings_folder, "doc_examples_user_endpoints.json")
    assert isinstance(recorded, dict)
    base = replayed.base_url
    signed: OAuth1Session = authorize(base, DEMO.username, DEMO.password)
    for path in ("/api/v1/user", "/api/v1/user/videos", "/api/v1/user/exercises"):
        assert requests.get(base + path).status_code == 401, path
        assert signed.get(base + path).json() == recorded[path], path
    earned = recorded["/api/v1/badges (authenticated, earned badge)"][0]
    badges = signed.get(f"{base}/api/v1/badges").json()
    assert len(badges) == 209
    owned = [badge for badge in badges if "user_badges" in badge]
    assert [badge["name"] for badge in owned] == [earned["name"]]
    assert owned[0]["user_badges"] == earned["user_badges"]
    assert owned[0]["is_owned"] is True
    assert (
        requests.get(f"{base}/api/v1/topic/root").json()
        == recorded["/api/v1/topic/root (2012 format)"]
    )


def test_every_recording_file_serves(recordings_folder: Path) -> None:
    catalog = load_catalog()
    for file in sorted(recordings_folder.iterdir()):
        loaded = load_recordings([file], catalog)
        assert len(loaded) > 0, file.name


def test_har_replay(tmp_path: Path) -> None:
    har = {
        "log": {
            "version": "1.2",
            "entries": [
                {
                    "request": {
                        "method": "GET",
                        "url": "https://www.khanacademy.org/api/v1/videos/abc?lang=fr",
                    },
                    "response": {
                        "status": 200,
                        "statusText": "OK",
                        "headers": [
                            {
                                "name": "Content-Type",
                                "value": "application/json; charset=utf-8",
                            },
                            {"name": "Content-Encoding", "value": "gzip"},
                            {"name": "X-Recorded", "value": "yes"},
                        ],
                        "content": {
                            "mimeType": "application/json",
                            "text": '{"title": "abc en fran\\u00e7ais"}',
                        },
                    },
                }
            ],
        }
    }
    path = tmp_path / "session.har"
    path.write_text(json.dumps(har), encoding="utf-8")
    with start_replica(recordings=[path]) as replica:
        hit = requests.get(f"{replica.base_url}/api/v1/videos/abc?lang=fr")
        miss = requests.get(f"{replica.base_url}/api/v1/videos/abc")
    assert hit.json() == {"title": "abc en français"}
    assert hit.headers["X-Recorded"] == "yes"
    assert "Content-Encoding" not in hit.headers
    assert miss.text == "null"


def test_cassette_match_ignores_oauth_and_order(tmp_path: Path) -> None:
    cassette = {
        "version": 1,
        "interactions": [
            {
                "request": {
                    "method": "GET",
                    "uri": "http://www.khanacademy.org/api/v1/"
                    "badges/categories?b=2&a=1&oauth_nonce=123",
                    "body": None,
                    "headers": {},
                },
                "response": {
                    "status": {"code": 203, "message": "Recorded"},
                    "headers": {"Content-Type": ["application/json"]},
                    "body": {"string": "[1, 2]"},
                },
            }
        ],
    }
    path = tmp_path / "categories.yml"
    path.write_text(yaml.safe_dump(cassette), encoding="utf-8")
    with start_replica(recordings=[path]) as replica:
        response = requests.get(f"{replica.base_url}/api/v1/badges/categories?a=1&b=2")
    assert response.status_code == 203
    assert response.json() == [1, 2]


def test_bare_body_name_rule(tmp_path: Path) -> None:
    (tmp_path / "videos_recent_camel.json").write_text(
        json.dumps([{"readableId": "a-b", "translatedTitle": "T"}]), encoding="utf-8"
    )
    with start_replica(recordings=[tmp_path]) as replica:
        snake = requests.get(f"{replica.base_url}/api/v1/videos/recent").json()
        camel = requests.get(f"{replica.base_url}/api/v1/videos/recent?casing=camel")
    assert snake == [{"readable_id": "a-b", "translated_title": "T"}]
    assert camel.json() == [{"readableId": "a-b", "translatedTitle": "T"}]


def test_bare_body_without_route_rejected(tmp_path: Path) -> None:
    path = tmp_path / "something_else.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(ReplicaError, match="something_else.json.*no GET route"):
        load_recordings([path], load_catalog())


def test_missing_recordings_path_rejected(tmp_path: Path) -> None:
    with pytest.raises(ReplicaError, match="does not exist.*--recordings"):
        load_recordings([tmp_path / "absent"], load_catalog())


def test_cassette_without_interactions_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.yml"
    path.write_text("version: 1\n", encoding="utf-8")
    with pytest.raises(ReplicaError, match="empty.yml.*not a VCR.py cassette"):
        load_recordings([path], load_catalog())


def test_invalid_json_recording_rejected(tmp_path: Path) -> None:
    path = tmp_path / "badges.json"
    path.write_text("[1,", encoding="utf-8")
    with pytest.raises(ReplicaError, match="badges.json could not be read as JSON"):
        load_recordings([path], load_catalog())


def test_empty_recordings_folder_rejected(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a recording", encoding="utf-8")

    with pytest.raises(ReplicaError) as caught:
        load_recordings([tmp_path], load_catalog())

    assert str(caught.value) == (
        f"No recordings found in {tmp_path}: it has no .yml, .yaml, .json or .har "
        "file; check the --recordings value."
    )


def test_invalid_yaml_reported_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text("interactions:\n  - request: [\n", encoding="utf-8")

    with pytest.raises(ReplicaError) as caught:
        load_recordings([path], load_catalog())

    message = str(caught.value)
    assert message.startswith(f"Recording {path} is not valid YAML (")
    assert "line 3, column 1" in message
    assert "\n" not in message
