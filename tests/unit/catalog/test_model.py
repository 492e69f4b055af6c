"""Endpoints and catalogs: matching, expansion, removal status."""

from __future__ import annotations

from datetime import date

import pytest

from ka_explorer.catalog import Argument, Catalog, CatalogError, Endpoint


def _endpoint(url: str, method: str = "GET", **fields: object) -> Endpoint:
    return Endpoint(group="g", http_method=method, url=url, **fields)  # type: ignore[arg-type]


def test_match_prefers_literal_segment() -> None:
    catalog = Catalog(
        endpoints=(
            _endpoint("/api/v1/exercises/<exercise_name>"),
            _endpoint("/api/v1/exercises/perseus_autocomplete"),
        )
    )
    found = catalog.match("GET", "/api/v1/exercises/perseus_autocomplete")
    assert found is not None
    assert found.endpoint.url == "/api/v1/exercises/perseus_autocomplete"
    assert found.path_params == {}


def test_match_returns_path_params() -> None:
    catalog = Catalog(endpoints=(_endpoint("/api/v1/videos/<video_id>"),))
    found = catalog.match("get", "/api/v1/videos/jxA8MffVmPs")
    assert found is not None
    assert found.path_params == {"video_id": "jxA8MffVmPs"}


def test_match_respects_method() -> None:
    catalog = Catalog(endpoints=(_endpoint("/api/v1/user/videos/<id>/log", "POST"),))
    assert catalog.match("GET", "/api/v1/user/videos/a/log") is None
    assert catalog.methods_for("/api/v1/user/videos/a/log") == ["POST"]


def test_methods_for_path_without_parameters() -> None:
    catalog = Catalog(endpoints=(_endpoint("/api/v1/badges"),))
    assert catalog.methods_for("/api/v1/badges") == ["GET"]
    assert catalog.methods_for("/api/v1/other") == []


def test_expand_encodes_value() -> None:
    endpoint = _endpoint("/api/v1/videos/<video_id>")
    assert endpoint.expand({"video_id": "x y"}) == "/api/v1/videos/x%20y"


def test_expand_missing_value_raises_catalog_error() -> None:
    endpoint = _endpoint("/api/v1/videos/<video_id>")
    with pytest.raises(CatalogError, match="video_id"):
        endpoint.expand({})


def test_bad_template_raises_catalog_error() -> None:
    with pytest.raises(CatalogError, match="api/v1/<a b>"):
        _endpoint("/api/v1/<a b>")


def test_removal_status_before_on_and_after() -> None:
    endpoint = _endpoint(
        "/api/v1/topictree",
        removal_announced=date(2020, 7, 1),
        removal_final=date(2020, 7, 29),
    )
    before = endpoint.removal_status(date(2020, 7, 19))
    assert (before.removed, before.date, before.days_left) == (
        False,
        date(2020, 7, 29),
        10,
    )
    on_the_day = endpoint.removal_status(date(2020, 7, 29))
    assert on_the_day.removed is True
    assert on_the_day.days_left == 0
    assert endpoint.removal_status(date(2024, 1, 1)).removed is True


def test_removal_status_uses_announced_without_final() -> None:
    endpoint = _endpoint("/x", removal_announced=date(2020, 1, 6))
    assert endpoint.removal_status(date(2020, 1, 5)).date == date(2020, 1, 6)


def test_removal_status_without_dates() -> None:
    status = _endpoint("/x").removal_status(date(2030, 1, 1))
    assert (status.removed, status.date, status.days_left) == (False, None, None)


def test_login_required_from_access_control() -> None:
    assert not _endpoint("/a").login_required
    assert _endpoint("/b", access_control="login-required(x)").login_required


def test_path_and_query_arguments_split() -> None:
    endpoint = _endpoint(
        "/api/v1/videos/<video_id>",
        arguments=(Argument("video_id", part_of_url=True), Argument("lang")),
    )
    assert [a.name for a in endpoint.path_arguments()] == ["video_id"]
    assert [a.name for a in endpoint.query_arguments()] == ["lang"]


def test_groups_in_first_appearance_order() -> None:
    catalog = Catalog(
        endpoints=(
            Endpoint("b", "GET", "/b/1"),
            Endpoint("a", "GET", "/a"),
            Endpoint("b", "GET", "/b/2"),
        )
    )
    assert catalog.groups() == ["b", "a"]
    assert len(catalog.in_group("b")) == 2
