"""The bundled Khan Academy API v1 catalog against the documented API."""

from __future__ import annotations

from datetime import date

import pytest

from ka_explorer.catalog import Catalog, load_catalog


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


DOCUMENTED = [
    ("GET", "/api/v1/badges"),
    ("GET", "/api/v1/badges/categories"),
    ("GET", "/api/v1/badges/categories/<category>"),
    ("GET", "/api/v1/exercises"),
    ("GET", "/api/v1/exercises/<exercise_name>"),
    ("GET", "/api/v1/exercises/<exercise_name>/followup_exercises"),
    ("GET", "/api/v1/exercises/<exercise_name>/videos"),
    ("GET", "/api/v1/exercises/perseus_autocomplete"),
    ("GET", "/api/v1/playlists"),
    ("GET", "/api/v1/playlists/<topic_slug>/exercises"),
    ("GET", "/api/v1/playlists/<topic_slug>/videos"),
    ("GET", "/api/v1/playlists/library"),
    ("GET", "/api/v1/playlists/library/list"),
    ("GET", "/api/v1/topic/<topic_slug>"),
    ("GET", "/api/v1/topic/<topic_slug>/exercises"),
    ("GET", "/api/v1/topic/<topic_slug>/videos"),
    ("GET", "/api/v1/topictree"),
    ("GET", "/api/v1/videos/<video_id>"),
    ("GET", "/api/v1/videos/<video_id>/exercises"),
    ("GET", "/api/v1/user"),
    ("GET", "/api/v1/user/students"),
    ("GET", "/api/v1/user/exercises"),
    ("GET", "/api/v1/user/exercises/<exercise_name>"),
    ("GET", "/api/v1/user/exercises/<exercise_name>/followup_exercises"),
    ("GET", "/api/v1/user/exercises/<exercise_name>/log"),
    ("GET", "/api/v1/user/exercises/progress_changes"),
    ("GET", "/api/v1/user/videos"),
    ("GET", "/api/v1/user/videos/<youtube_id>"),
    ("GET", "/api/v1/user/videos/<youtube_id>/log"),
    ("POST", "/api/v1/user/videos/<youtube_id>/log"),
    ("GET", "/api/v1/user/playlists"),
    ("GET", "/api/v1/user/playlists/<playlist_title>"),
]


def test_every_documented_endpoint_present(catalog: Catalog) -> None:
    documented = [(e.http_method, e.url) for e in catalog.endpoints if e.documented]
    assert documented == DOCUMENTED


def test_groups_in_documentation_order(catalog: Catalog) -> None:
    assert catalog.groups()[:7] == [
        "badges", "exercises", "playlists", "topic", "topictree", "videos", "user"
    ]


def test_undocumented_routes_flagged(catalog: Catalog) -> None:
    undocumented = {e.url for e in catalog.endpoints if not e.documented}
    assert "/api/v1/assessment_items/<assessment_item_id>" in undocumented
    assert "/api/v1/v1_api_descriptions" in undocumented
    assert "/api/v1/user/badges" in undocumented


def test_user_routes_need_login(catalog: Catalog) -> None:
    for endpoint in catalog.in_group("user"):
        assert endpoint.login_required, endpoint.key
        assert endpoint.access_control.startswith("login-required(")
    assert not catalog.find("GET", "/api/v1/badges").login_required  # type: ignore[union-attr]


def test_path_arguments_match_template(catalog: Catalog) -> None:
    for endpoint in catalog.endpoints:
        path_names = tuple(a.name for a in endpoint.path_arguments())
        assert path_names == endpoint.template.parameter_names, endpoint.key
        assert all(a.required for a in endpoint.path_arguments()), endpoint.key


@pytest.mark.parametrize(
    ("url", "argument", "example"),
    [
        ("/api/v1/videos/<video_id>", "video_id", "jxA8MffVmPs"),
        ("/api/v1/exercises/<exercise_name>", "exercise_name", "logarithms_1"),
        ("/api/v1/badges/categories/<category>", "category", "1"),
        ("/api/v1/user/videos/<youtube_id>", "youtube_id", "Sc0e6xrRJYY"),
        ("/api/v1/user/exercises/<exercise_name>/log", "dt_start",
         "2011-03-19T08:00:00Z"),
        ("/api/v1/user/playlists/<playlist_title>", "playlist_title", "Algebra"),
    ],
)
def test_examples_from_reference(
    catalog: Catalog, url: str, argument: str, example: str
) -> None:
    endpoint = catalog.find("GET", url)
    assert endpoint is not None
    found = endpoint.argument(argument)
    assert found is not None
    assert found.example == example


@pytest.mark.parametrize(
    ("url", "announced", "final"),
    [
        ("/api/v1/badges", date(2020, 1, 6), date(2020, 1, 6)),
        ("/api/v1/user/videos", date(2020, 1, 6), date(2020, 1, 6)),
        ("/api/v1/playlists/library", date(2020, 1, 6), date(2020, 7, 29)),
        ("/api/v1/topictree", date(2020, 7, 1), date(2020, 7, 29)),
        ("/api/v1/videos/<video_id>", date(2020, 7, 1), date(2020, 7, 29)),
    ],
)
def test_removal_dates_follow_timeline(
    catalog: Catalog, url: str, announced: date, final: date
) -> None:
    endpoint = catalog.find("GET", url)
    assert endpoint is not None
    assert endpoint.removal_announced == announced
    assert endpoint.removal_final == final


def test_everything_answers_day_before_first_removal(catalog: Catalog) -> None:
    day_before = date(2020, 1, 5)
    assert not any(e.removal_status(day_before).removed for e in catalog.endpoints)
    assert all(e.removal_status(date(2020, 7, 29)).removed for e in catalog.endpoints)


def test_retired_usage_time_fields(catalog: Catalog) -> None:
    def retired(url: str) -> tuple[str, ...]:
        endpoint = catalog.find("GET", url)
        assert endpoint is not None
        return endpoint.retired_fields

    assert catalog.retired_fields_date == date(2019, 11, 30)
    assert retired("/api/v1/user") == ("total_seconds_watched",)
    assert retired("/api/v1/user/exercises/<exercise_name>/log") == ("time_taken",)
    assert retired("/api/v1/user/videos") == ("seconds_watched",)
    assert retired("/api/v1/badges") == ()


def test_common_arguments(catalog: Catalog) -> None:
    names = [a.name for a in catalog.common_arguments]
    assert names == ["callback", "casing", "format", "lang"]
