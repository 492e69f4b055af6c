"""Khan-style path templates: parsing, matching and expansion."""

from __future__ import annotations

import pytest

from ka_explorer.catalog.templates import PathTemplate, TemplateError

VERSIONED_TOPIC = "/api/v1/topicversion/<version_id>/topic/<topic_slug>"


def test_parse_names_parameters_in_order() -> None:
    template = PathTemplate.parse(VERSIONED_TOPIC)
    assert template.parameter_names == ("version_id", "topic_slug")
    assert template.literals == ("api", "v1", "topicversion", "topic")


def test_parse_accepts_converter_prefix() -> None:
    template = PathTemplate.parse("/api/v1/badges/categories/<int:category>")
    assert template.parameter_names == ("category",)


@pytest.mark.parametrize(
    "bad", ["api/v1/x", "/api/v1/<a>/<a>", "/api/v1/<bad-name>", "/api/v1/x<y>"]
)
def test_parse_rejects_malformed(bad: str) -> None:
    with pytest.raises(TemplateError):
        PathTemplate.parse(bad)


def test_match_decodes_segments() -> None:
    template = PathTemplate.parse("/api/v1/videos/<video_id>")
    assert template.match("/api/v1/videos/x%20y") == {"video_id": "x y"}


def test_match_rejects_other_lengths_and_empty_values() -> None:
    template = PathTemplate.parse("/api/v1/videos/<video_id>")
    assert template.match("/api/v1/videos") is None
    assert template.match("/api/v1/videos/") is None
    assert template.match("/api/v1/videos/a/exercises") is None
    assert template.match("/api/v1/exercises/a") is None


def test_expand_quotes_each_value_as_one_segment() -> None:
    template = PathTemplate.parse("/api/v1/user/playlists/<playlist_title>")
    assert template.expand({"playlist_title": "a/b c"}) == (
        "/api/v1/user/playlists/a%2Fb%20c"
    )


def test_expand_names_missing_values() -> None:
    template = PathTemplate.parse(VERSIONED_TOPIC)
    with pytest.raises(TemplateError, match="version_id, topic_slug"):
        template.expand({"version_id": ""})
