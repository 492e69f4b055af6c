"""Reading catalog files and `v1_api_descriptions` lists, and their errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ka_explorer.catalog import Catalog, CatalogError, load_catalog


def _write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _entry(**fields: object) -> dict[str, object]:
    entry: dict[str, object] = {"url": "/api/v1/videos/<video_id>"}
    entry["http_method"] = "GET"
    entry.update(fields)
    return entry


def test_load_reads_fields(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {
            "name": "Test API",
            "retired_fields_date": "2019-11-30",
            "endpoints": [
                _entry(
                    summary="One video",
                    access_control="login-required(x)",
                    removal_final="2020-07-29",
                    retired_fields=["seconds_watched"],
                    documented=False,
                    arguments=[
                        {"name": "video_id", "required": True, "part_of_url": True,
                         "example": "abc"}
                    ],
                )
            ],
        },
    )
    catalog = load_catalog(path)
    endpoint = catalog.endpoints[0]
    assert catalog.name == "Test API"
    assert catalog.retired_fields_date == date(2019, 11, 30)
    assert endpoint.group == "videos"
    assert endpoint.login_required
    assert endpoint.removal_final == date(2020, 7, 29)
    assert endpoint.retired_fields == ("seconds_watched",)
    assert endpoint.documented is False
    assert endpoint.arguments[0].example == "abc"


def test_missing_file_names_path(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="nothere.json"):
        load_catalog(tmp_path / "nothere.json")


def test_invalid_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"endpoints": [\n  oops]}', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"broken\.json.*line 2"):
        load_catalog(path)


@pytest.mark.parametrize(
    ("fields", "field_name"),
    [
        ({"url": None}, "url"),
        ({"url": "api/v1/no-slash"}, "url"),
        ({"http_method": "FETCH"}, "http_method"),
        ({"removal_final": "July 2020"}, "removal_final"),
        ({"documented": "yes"}, "documented"),
        ({"retired_fields": "time_taken"}, "retired_fields"),
        ({"arguments": [{"description": "no name"}]}, "name"),
        ({"arguments": [{"name": "a", "required": "no"}]}, "required"),
        ({"summary": 3}, "summary"),
    ],
)
def test_bad_field_names_file_entry_and_field(
    tmp_path: Path, fields: dict[str, object], field_name: str
) -> None:
    second = _entry(url="/b")
    second.update(fields)
    path = _write(tmp_path, {"endpoints": [_entry(), second]})
    with pytest.raises(CatalogError) as raised:
        load_catalog(path)
    message = str(raised.value)
    assert str(path) in message
    assert "entry 1" in message
    assert f"'{field_name}'" in message


def test_duplicate_endpoint_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, {"endpoints": [_entry(), _entry()]})
    with pytest.raises(CatalogError, match="entry 1 .*repeats entry 0"):
        load_catalog(path)


def test_top_level_must_hold_endpoints(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="'endpoints'"):
        load_catalog(_write(tmp_path, {"entries": []}))
    with pytest.raises(CatalogError, match="top level"):
        load_catalog(_write(tmp_path, [1, 2]))


def test_from_descriptions_reads_khan_entries() -> None:
    entries = [
        {
            "url": "/api/v1/user/exercises/<exercise_name>",
            "http_method": "GET",
            "summary": "Progress on one exercise",
            "description": "",
            "returns": "UserExercise",
            "example": "",
            "access_control": "login-required(demo_user_allowed)",
            "arguments": [
                {"name": "exercise_name", "description": "", "required": True,
                 "part_of_url": True}
            ],
        }
    ]
    catalog = Catalog.from_descriptions(entries, source="http://h/api/v1/d")
    endpoint = catalog.endpoints[0]
    assert catalog.source == "http://h/api/v1/d"
    assert endpoint.group == "user"
    assert endpoint.login_required
    assert endpoint.removal_final is None
    assert endpoint.returns == "UserExercise"


def test_from_descriptions_rejects_non_list() -> None:
    with pytest.raises(CatalogError, match="http://h/d.*got str"):
        Catalog.from_descriptions("<html>", source="http://h/d")


def test_descriptions_round_trip_keeps_removal_data() -> None:
    catalog = load_catalog()
    again = Catalog.from_descriptions(catalog.to_descriptions(), source="copy")
    assert again.endpoints == catalog.endpoints
