"""Behaviour shared by the /api/v1 routes: headers, formats, errors, users."""

from __future__ import annotations

import json
from collections.abc import Callable

import requests
from requests_oauthlib import OAuth1Session

from ka_explorer.replica import DEMO, RunningReplica, start_replica

Get = Callable[..., requests.Response]


def test_api_headers_present(get: Get) -> None:
    response = get("/api/v1/badges/categories", headers={"Origin": "http://x.test"})
    assert response.headers["X-KA-API-Response"] == "true"
    assert response.headers["Access-Control-Allow-Origin"] == "http://x.test"
    assert response.headers["Access-Control-Allow-Credentials"] == "true"
    assert response.headers["Cache-Control"] == "no-cache"


def test_cors_origin_defaults_to_star(get: Get) -> None:
    assert (
        get("/api/v1/badges/categories").headers["Access-Control-Allow-Origin"] == "*"
    )


def test_jsonp_wraps_body(get: Get) -> None:
    response = get("/api/v1/badges/categories/1?callback=handle")
    assert response.headers["Content-Type"].startswith("application/javascript")
    assert response.text.startswith("handle(")
    assert response.text.endswith(")")
    assert json.loads(response.text[len("handle(") : -1])[0]["category"] == 1


def test_jsonp_rejects_bad_callback(get: Get) -> None:
    response = get("/api/v1/badges?callback=alert(1)")
    assert response.status_code == 400
    assert "Invalid callback" in response.text


def test_camel_casing(get: Get) -> None:
    body = get("/api/v1/badges/categories?casing=camel").json()
    assert "typeLabel" in body[0]
    assert "largeIconSrc" in body[0]
    assert "type_label" not in body[0]


def test_pretty_format(get: Get) -> None:
    response = get("/api/v1/badges/categories/2?format=pretty")
    assert response.text == json.dumps(response.json(), indent=4)
    assert "\n    " in response.text


def test_format_json_rejected(get: Get) -> None:
    response = get("/api/v1/badges?format=json")
    assert response.status_code == 400
    assert response.text.startswith("Invalid value for format: json")


def test_lang_translates_fields(get: Get) -> None:
    english = get("/api/v1/videos/jxA8MffVmPs").json()
    german = get("/api/v1/videos/jxA8MffVmPs?lang=de").json()
    assert english["translated_title"] == english["title"]
    assert german["title"] == english["title"]
    assert german["translated_youtube_lang"] == "de"
    assert german["translated_youtube_id"] != german["youtube_id"]


def test_etag_gives_304(get: Get) -> None:
    for path in (
        "/api/v1/topictree?kind=Topic",
        "/api/v1/playlists/library",
        "/api/v1/playlists/library/list",
    ):
        first = get(path)
        etag = first.headers["ETag"]
        again = get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304, path
        assert again.content == b""
        other = get(path, headers={"If-None-Match": '"other"'})
        assert other.status_code == 200, path


def test_unknown_ids_give_null(get: Get) -> None:
    for path in ("/api/v1/videos/nosuchvideo", "/api/v1/exercises/nosuchexercise"):
        response = get(path)
        assert response.status_code == 200
        assert response.text == "null"


def test_unknown_exercise_followups_empty(get: Get) -> None:
    assert get("/api/v1/exercises/nosuch/followup_exercises").json() == []
    assert get("/api/v1/exercises/nosuch/videos").json() == []


def test_followups_of_example_exercise(get: Get) -> None:
    names = [
        e["name"]
        for e in get("/api/v1/exercises/subtraction_1/followup_exercises").json()
    ]
    assert "subtraction_2" in names


def test_unknown_topic_gives_400(get: Get) -> None:
    response = get("/api/v1/topic/xyz")
    assert response.status_code == 400
    assert response.text == "Could not find topic with ID xyz"
    assert response.headers["Content-Type"].startswith("text/plain")


def test_playlist_found_by_title(get: Get) -> None:
    videos = get("/api/v1/playlists/Calculus/videos").json()
    assert videos
    assert [v["position"] for v in videos[:3]] == [1, 2, 3]


def test_head_matches_get(replica: RunningReplica) -> None:
    response = requests.head(f"{replica.base_url}/api/v1/badges/categories")
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["Content-Length"]) > 0


def test_wrong_method_gives_405(replica: RunningReplica) -> None:
    response = requests.delete(f"{replica.base_url}/api/v1/badges")
    assert response.status_code == 405


def test_unknown_path_gives_html_404(get: Get) -> None:
    response = get("/api/v1/nothing/here")
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("text/html")


def test_topictree_kind_filter(get: Get) -> None:
    tree = get("/api/v1/topictree?kind=Topic").json()
    assert tree["id"] == "root"
    kinds: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        kinds.add(node["kind"])
        stack.extend(node.get("children", []))
    assert kinds == {"Topic"}
    assert get("/api/v1/topictree?kind=Nope").status_code == 400


def test_bad_dt_start_gives_500(
    replica: RunningReplica, student: OAuth1Session
) -> None:
    response = student.get(
        f"{replica.base_url}/api/v1/user/exercises/addition_1/log",
        params={"dt_start": "yesterday"},
    )
    assert response.status_code == 500
    assert response.text == (
        "API error. Invalid date format sent to dt_start, use ISO 8601 Combined."
    )


def test_log_window_is_start_inclusive_end_exclusive(
    replica: RunningReplica, student: OAuth1Session
) -> None:
    url = f"{replica.base_url}/api/v1/user/exercises/addition_1/log"
    logs = student.get(
        url,
        params={"dt_start": "2011-03-19T08:00:00Z", "dt_end": "2011-03-19T09:00:00Z"},
    ).json()
    assert [log["time_done"] for log in logs] == [
        "2011-03-19T08:00:00Z",
        "2011-03-19T08:30:00Z",
    ]
    assert all(log["kind"] == "ProblemLog" for log in logs)
    assert "time_taken" in logs[0]


def test_user_exercises_filter_repeated_and_comma(
    replica: RunningReplica, student: OAuth1Session
) -> None:
    url = f"{replica.base_url}/api/v1/user/exercises"
    repeated = student.get(f"{url}?exercises=addition_1&exercises=subtraction_1").json()
    comma = student.get(url, params={"exercises": "addition_1,subtraction_1"}).json()
    assert [e["exercise"] for e in repeated] == ["addition_1", "subtraction_1"]
    assert [e["exercise"] for e in comma] == ["addition_1", "subtraction_1"]
    assert repeated[0]["exercise_model"]["name"] == "addition_1"


def test_selector_hides_other_users(
    replica: RunningReplica, student: OAuth1Session, coach: OAuth1Session
) -> None:
    url = f"{replica.base_url}/api/v1/user"
    assert student.get(url, params={"username": "demo-other"}).text == "null"
    assert student.get(url, params={"username": DEMO.coach_username}).text == "null"
    assert coach.get(url, params={"username": "demo-other"}).text == "null"
    seen = coach.get(url, params={"username": DEMO.username})
    assert seen.status_code == 200
    assert seen.json()["username"] == DEMO.username


def test_selector_first_present_wins(
    replica: RunningReplica, coach: OAuth1Session
) -> None:
    url = f"{replica.base_url}/api/v1/user"
    student_email = f"{DEMO.username}@example.org"
    picked = coach.get(url, params={"username": "demo-other", "email": student_email})
    assert picked.text == "null"
    by_email = coach.get(url, params={"email": student_email.upper()}).json()
    assert by_email["username"] == DEMO.username
    kaid = by_email["kaid"]
    assert coach.get(url, params={"kaid": kaid}).json()["username"] == DEMO.username


def test_coach_lists_students(replica: RunningReplica, coach: OAuth1Session) -> None:
    students = coach.get(f"{replica.base_url}/api/v1/user/students").json()
    assert [s["username"] for s in students] == [DEMO.username]


def test_badges_mark_owned_when_signed(
    replica: RunningReplica, student: OAuth1Session, get: Get
) -> None:
    signed = student.get(f"{replica.base_url}/api/v1/badges").json()
    owned = [b for b in signed if b["is_owned"]]
    assert len(owned) == 12
    assert all(b["user_badges"][0]["kind"] == "UserBadge" for b in owned)
    assert not any(b["is_owned"] for b in get("/api/v1/badges").json())


def test_descriptions_publish_catalog(get: Get) -> None:
    from ka_explorer.catalog import Catalog, load_catalog

    entries = get("/api/v1/v1_api_descriptions").json()
    published = Catalog.from_descriptions(entries, source="replica")
    assert published.endpoints == load_catalog().endpoints


def test_as_of_removes_endpoints() -> None:
    with start_replica(as_of="2020-01-06") as replica:
        badges = requests.get(f"{replica.base_url}/api/v1/badges")
        videos = requests.get(f"{replica.base_url}/api/v1/videos/jxA8MffVmPs")
    assert badges.status_code == 404
    assert badges.headers["Content-Type"].startswith("text/html")
    assert videos.status_code == 200
    with start_replica(as_of="2020-07-29") as replica:
        late = requests.get(f"{replica.base_url}/api/v1/videos/jxA8MffVmPs")
    assert late.status_code == 404


def test_default_date_answers_everything(get: Get) -> None:
    assert get("/api/v1/badges").status_code == 200
    assert get("/api/v1/playlists").status_code == 200
