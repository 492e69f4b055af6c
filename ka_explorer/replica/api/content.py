"""Handlers of the open content routes: badges, exercises, playlists, topics, videos."""

from __future__ import annotations

from typing import Any

from ka_explorer.replica.api.call import Call, handles
from ka_explorer.replica.api.respond import Prepared, invalid_param
from ka_explorer.replica.api.selector import visible_target
from ka_explorer.replica.dataset.skeleton import TopicStub
from ka_explorer.replica.dataset.tree import KINDS
from ka_explorer.replica.render import to_text

Json = dict[str, Any]


# Badges.
@handles("GET", "/api/v1/badges")
def badges(call: Call) -> list[Json]:
    listed = [dict(badge) for badge in call.dataset.badges]
    target = visible_target(call) if call.token else None
    if target is None:
        return listed
    earned: dict[str, list[Json]] = {}
    for user_badge in target.badges:
        earned.setdefault(user_badge["badge_name"], []).append(user_badge)
    for badge in listed:
        if badge["name"] in earned:
            badge["user_badges"] = earned[badge["name"]]
            badge["is_owned"] = True
    return listed


@handles("GET", "/api/v1/badges/categories")
def badge_categories(call: Call) -> list[Json]:
    return call.dataset.badge_categories


@handles("GET", "/api/v1/badges/categories/<category>")
def badge_category(call: Call) -> list[Json]:
    text = call.path["category"]
    if not text.lstrip("-").isdigit():
        raise invalid_param(f"Invalid category {text}: use a number from 0 to 5.")
    number = int(text)
    return [c for c in call.dataset.badge_categories if c["category"] == number]


# Exercises.
@handles("GET", "/api/v1/exercises")
def exercises(call: Call) -> Any:
    tags = {t.strip() for t in call.args.get("tags", "").split(",") if t.strip()}
    if tags:
        listed = call.dataset.exercises(
            list(call.dataset.skeleton.exercises), call.lang
        )
        return [e for e in listed if tags & set(e["tags"])]
    style = call.style
    name = f"exercises-{style.name}.json"
    return Prepared(
        call.dataset.bodies.get(
            name,
            lambda: to_text(
                call.dataset.exercises(
                    list(call.dataset.skeleton.exercises), style.lang
                ),
                style,
            ).encode(),
        ),
        etag=False,
    )


@handles("GET", "/api/v1/exercises/<exercise_name>")
def exercise(call: Call) -> Json | None:
    found = call.dataset.exercise(call.path["exercise_name"], call.lang)
    if found is not None:
        found["related_videos"] = list(found["related_video_youtube_ids"])
    return found


@handles("GET", "/api/v1/exercises/<exercise_name>/followup_exercises")
def followup_exercises(call: Call) -> list[Json]:
    names = call.dataset.skeleton.followups.get(call.path["exercise_name"], [])
    return call.dataset.exercises(names, call.lang)


@handles("GET", "/api/v1/exercises/<exercise_name>/videos")
def exercise_videos(call: Call) -> list[Json]:
    stub = call.dataset.skeleton.exercises.get(call.path["exercise_name"])
    return call.dataset.videos(stub.videos, call.lang) if stub else []


@handles("GET", "/api/v1/exercises/perseus_autocomplete")
def perseus_autocomplete(call: Call) -> list[Json]:
    return [
        {
            "name": stub.name,
            "title": stub.display_name,
            "slug": stub.name.replace("_", "-"),
            "relative_url": f"/exercise/{stub.name.replace('_', '-')}",
        }
        for stub in call.dataset.skeleton.exercises.values()
    ]


# Playlists and topics.
@handles("GET", "/api/v1/playlists")
@handles("GET", "/api/v1/topics/with_content")
def content_topics(call: Call) -> Any:
    _check_version(call)
    style = call.style
    return Prepared(
        call.dataset.bodies.get(
            f"content-topics-{style.name}.json",
            lambda: to_text(call.dataset.content_topics(style.lang), style).encode(),
        ),
        etag=False,
    )


@handles("GET", "/api/v1/playlists/<topic_slug>/exercises")
@handles("GET", "/api/v1/topic/<topic_slug>/exercises")
def topic_exercises(call: Call) -> list[Json]:
    _check_version(call)
    stub = _topic_stub(call, by_title=True)
    return call.dataset.exercises(_content(call, stub, "exercises"), call.lang)


@handles("GET", "/api/v1/playlists/<topic_slug>/videos")
@handles("GET", "/api/v1/topic/<topic_slug>/videos")
def topic_videos(call: Call) -> list[Json]:
    _check_version(call)
    stub = _topic_stub(call, by_title=True)
    videos = call.dataset.videos(_content(call, stub, "videos"), call.lang)
    for position, video in enumerate(videos, start=1):
        video["position"] = position
    return videos


@handles("GET", "/api/v1/playlists/library")
def library(call: Call) -> Prepared:
    return Prepared(call.dataset.library(call.style))


@handles("GET", "/api/v1/playlists/library/list")
def library_list(call: Call) -> Prepared:
    return Prepared(call.dataset.library_list(call.style))


@handles("GET", "/api/v1/topic/<topic_slug>")
def topic(call: Call) -> Json | None:
    _check_version(call)
    stub = _topic_stub(call, by_title=False)
    return call.dataset.topic(stub.slug, call.lang)


@handles("GET", "/api/v1/topictree")
def topictree(call: Call) -> Prepared:
    _check_version(call)
    kind = call.args.get("kind")
    kinds = frozenset(KINDS)
    if kind:
        matched = next((k for k in KINDS if k.lower() == kind.lower()), None)
        if matched is None:
            raise invalid_param(f"Invalid kind {kind}: use Topic, Video or Exercise.")
        kinds = frozenset({"Topic", matched})
    return Prepared(call.dataset.topictree(call.style, kinds))


# Videos.
@handles("GET", "/api/v1/videos/<video_id>")
def video(call: Call) -> Json | None:
    return call.dataset.video(call.path["video_id"], call.lang)


@handles("GET", "/api/v1/videos/<video_id>/exercises")
def video_exercises(call: Call) -> list[Json]:
    stub = call.dataset.skeleton.video(call.path["video_id"])
    return call.dataset.exercises(stub.exercises, call.lang) if stub else []


def _content(call: Call, stub: TopicStub, kind: str) -> list[str]:
    """Return a topic's own videos or exercises, else those of its descendants.

    The 2012 playlists were flat, so a title such as Calculus named a list of
    videos; the replica keeps that by reaching down when a topic has none.
    """
    own: list[str] = getattr(stub, kind)
    if own:
        return own
    found: list[str] = []
    for slug in stub.topics:
        found += _content(call, call.dataset.skeleton.topics[slug], kind)
    return found


def _topic_stub(call: Call, by_title: bool) -> TopicStub:
    slug = call.path["topic_slug"]
    skeleton = call.dataset.skeleton
    stub = skeleton.topic(slug) if by_title else skeleton.topics.get(slug)
    if stub is None:
        raise invalid_param(f"Could not find topic with ID {slug}")
    return stub


# Topic tree versions that /api/v1/topicversion/<version_id>/... accepts.
PUBLISHED_VERSIONS = 42


def _check_version(call: Call) -> None:
    version = call.path.get("version_id")
    if version is None or version == "default":
        return
    if not (version.isdigit() and 1 <= int(version) <= PUBLISHED_VERSIONS):
        raise invalid_param(f"Could not find version_id {version}")


VERSIONED = {
    "/api/v1/topicversion/<version_id>/topictree": topictree,
    "/api/v1/topicversion/<version_id>/topic/<topic_slug>": topic,
    "/api/v1/topicversion/<version_id>/topic/<topic_slug>/exercises": topic_exercises,
    "/api/v1/topicversion/<version_id>/topic/<topic_slug>/videos": topic_videos,
    "/api/v1/topicversion/<version_id>/topics/with_content": content_topics,
}
for _url, _handler in VERSIONED.items():
    handles("GET", _url)(_handler)
