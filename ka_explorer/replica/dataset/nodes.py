"""Full JSON objects for the nodes of the skeleton, in the 2014-2015 shapes.

Each node draws from its own generator seeded with the dataset seed and the
node's id, so a video looks the same whether it is built alone for
`/api/v1/videos/<id>` or inside the whole `/api/v1/topictree`.
"""

from __future__ import annotations

import random
from typing import Any

from ka_explorer.replica.dataset import words
from ka_explorer.replica.dataset.skeleton import (
    ExerciseStub,
    Skeleton,
    TopicStub,
    VideoStub,
)

SITE = "https://www.khanacademy.org"
CDN = "https://cdn.kastatic.org"
LICENSE = {
    "license_name": "CC BY-NC-SA (KA default)",
    "license_full_name": "Creative Commons Attribution/Non-Commercial/Share-Alike",
    "license_url": "http://creativecommons.org/licenses/by-nc-sa/3.0",
    "license_logo_url": "/images/license-logos/by-nc-sa.png",
    "ka_user_license": "cc-by-nc-sa",
}

Json = dict[str, Any]


def _rng(seed: int, kind: str, node_id: str) -> random.Random:
    return random.Random(f"{seed}:{kind}:{node_id}")


def _text(rng: random.Random, concept: str, sentences: int) -> str:
    phrases = rng.sample(words.DESCRIPTION_PHRASES, sentences)
    return " ".join(
        p.format(c=concept, d=rng.choice(words.CONCEPTS["Math"])) for p in phrases
    )


def video_node(skeleton: Skeleton, stub: VideoStub, seed: int, lang: str) -> Json:
    """Return a Video object as `/api/v1/videos/<id>` and the topic tree carry it."""
    rng = _rng(seed, "video", stub.readable_id)
    content_id = words.hex_id(rng)
    description = _text(rng, stub.concept, rng.randint(1, 3))
    youtube = stub.youtube_id
    translated_youtube = youtube if lang == "en" else words.youtube_id(rng)
    topic = skeleton.topics[stub.topic]
    return {
        "kind": "Video",
        "content_kind": "Video",
        "id": content_id,
        "global_id": f"v{content_id}",
        "progress_key": f"v{content_id}",
        "readable_id": stub.readable_id,
        "youtube_id": youtube,
        "translated_youtube_id": translated_youtube,
        "translated_youtube_lang": lang,
        "title": stub.title,
        "translated_title": words.translate(stub.title, lang),
        "description": description,
        "translated_description": words.translate(description, lang),
        "description_html": f"<p>{description}</p>",
        "translated_description_html": f"<p>{words.translate(description, lang)}</p>",
        "keywords": ", ".join(rng.sample(words.CONCEPTS["Math"], 3)),
        "duration": rng.randint(90, 1200),
        "date_added": words.timestamp(rng),
        "author_names": rng.sample(words.AUTHORS, rng.randint(0, 2)),
        "node_slug": f"v/{stub.readable_id}",
        "relative_url": f"/{topic.domain_slug}/{stub.topic}/v/{stub.readable_id}",
        "ka_url": f"{SITE}/{topic.domain_slug}/{stub.topic}/v/{stub.readable_id}",
        "edit_slug": f"edit/v/{content_id}",
        "url": f"http://www.youtube.com/watch?v={youtube}&feature=youtube_gdata_player",
        "image_url": f"https://img.youtube.com/vi/{youtube}/hqdefault.jpg",
        "download_urls": _download_urls(translated_youtube),
        "has_questions": rng.random() < 0.2,
        "clarifications_enabled": rng.random() < 0.8,
        "views": rng.randint(1_000, 5_000_000),
        "sha": words.sha(rng),
        "deleted": False,
        "deleted_mod_time": None,
        "backup_timestamp": words.timestamp(rng, 2014, 2015),
        "extra_properties": None,
        "related_exercise_names": list(stub.exercises),
        **LICENSE,
    }


def _download_urls(youtube: str) -> Json:
    base = "http://s3.amazonaws.com/KA-youtube-converted"
    return {
        "mp4": f"{base}/{youtube}.mp4/{youtube}.mp4",
        "png": f"{base}/{youtube}.mp4/{youtube}.png",
        "m3u8": f"{base}/{youtube}.m3u8/{youtube}.m3u8",
    }


def exercise_node(skeleton: Skeleton, stub: ExerciseStub, seed: int, lang: str) -> Json:
    """Return an Exercise object, with its assessment items and problem types."""
    rng = _rng(seed, "exercise", stub.name)
    content_id = words.hex_id(rng)
    items = [_assessment_item(rng) for _ in range(rng.randint(10, 40))]
    description = _text(rng, stub.concept, 1)
    slug = stub.name.replace("_", "-")
    legacy = rng.random() < 0.3  # written before Perseus: has a file and tags
    related_youtube = [skeleton.videos[v].youtube_id for v in stub.videos]
    return {
        "kind": "Exercise",
        "content_kind": "Exercise",
        "id": content_id,
        "global_id": f"e{content_id}",
        "progress_key": f"e{content_id}",
        "name": stub.name,
        "slug": slug,
        "display_name": stub.display_name,
        "pretty_display_name": stub.display_name,
        "short_display_name": stub.display_name[:11],
        "translated_display_name": words.translate(stub.display_name, lang),
        "translated_pretty_display_name": words.translate(stub.display_name, lang),
        "translated_short_display_name": words.translate(stub.display_name[:11], lang),
        "title": stub.display_name,
        "translated_title": words.translate(stub.display_name, lang),
        "description": description,
        "translated_description": words.translate(description, lang),
        "prerequisites": list(stub.prerequisites),
        "covers": list(stub.covers),
        "h_position": stub.h_position,
        "v_position": stub.v_position,
        "live": True,
        "summative": False,
        "is_quiz": False,
        "is_skill_check": rng.random() < 0.05,
        "tutorial_only": False,
        "do_not_publish": False,
        "seconds_per_fast_problem": float(rng.randint(3, 40)),
        "node_slug": f"e/{slug}",
        "relative_url": f"/exercise/{slug}",
        "ka_url": f"{SITE}/exercise/{slug}",
        "edit_slug": f"edit/e/{content_id}",
        "image_url": f"{CDN}/images/exercise-icons/{slug}.png",
        "image_url_256": f"{CDN}/images/exercise-icons/{slug}-256.png",
        "file_name": f"{stub.name}.html" if legacy else None,
        "author_name": rng.choice(words.AUTHORS),
        "creation_date": words.timestamp(rng),
        "date_modified": words.timestamp(rng, 2014, 2015),
        "backup_timestamp": words.timestamp(rng, 2014, 2015),
        "tags": [words.slugify(stub.concept)] if legacy else [],
        "related_video_readable_ids": list(stub.videos),
        "related_video_youtube_ids": related_youtube,
        "uses_assessment_items": True,
        "all_assessment_items": items,
        "problem_types": _problem_types(rng, items),
        "suggested_completion_criteria": "num_correct_in_a_row_5",
        "sha1": words.sha(rng),
        "deleted": False,
        **LICENSE,
    }


def _assessment_item(rng: random.Random) -> Json:
    return {"id": words.hex_id(rng, 16), "sha": words.sha(rng), "live": True}


def _problem_types(rng: random.Random, items: list[Json]) -> list[Json]:
    count = rng.randint(1, 3)
    return [
        {"name": f"Type {number + 1}", "items": items[number::count]}
        for number in range(count)
    ]


def topic_node(skeleton: Skeleton, stub: TopicStub, seed: int, lang: str) -> Json:
    """Return a Topic object without its `children` (callers add them)."""
    rng = _rng(seed, "topic", stub.slug)
    content_id = words.hex_id(rng, 16) if stub.slug != "root" else "root"
    description = _text(rng, stub.concept or stub.title, 1)
    extended_slug = _extended_slug(skeleton, stub)
    return {
        "kind": "Topic",
        "content_kind": "Topic",
        "id": stub.slug,
        "internal_id": content_id,
        "slug": stub.slug,
        "node_slug": stub.slug,
        "extended_slug": extended_slug,
        "domain_slug": stub.domain_slug,
        "render_type": stub.render_type,
        "title": stub.title,
        "translated_title": words.translate(stub.title, lang),
        "standalone_title": stub.title,
        "translated_standalone_title": words.translate(stub.title, lang),
        "description": description,
        "translated_description": words.translate(description, lang),
        "relative_url": f"/{extended_slug}",
        "ka_url": f"{SITE}/{extended_slug}",
        "topic_page_url": f"/{extended_slug}",
        "icon_src": f"{CDN}/images/topic-icons/{stub.slug}.png",
        "hide": stub.slug == "root",
        "in_knowledge_map": stub.render_type == "Tutorial",
        "tags": [],
        "creation_date": words.timestamp(rng),
        "backup_timestamp": words.timestamp(rng, 2014, 2015),
        "current_revision_key": words.sha(rng),
        "curation": None,
        "gplus_url": None,
        "twitter_url": None,
        "child_data": _child_data(skeleton, stub),
    }


def _extended_slug(skeleton: Skeleton, stub: TopicStub) -> str:
    parts: list[str] = []
    node: TopicStub | None = stub
    while node is not None and node.slug != "root":
        parts.append(node.slug)
        node = skeleton.topics.get(node.parent) if node.parent else None
    return "/".join(reversed(parts)) or "root"


def _child_data(skeleton: Skeleton, stub: TopicStub) -> list[Json]:
    children = [{"kind": "Topic", "id": slug} for slug in stub.topics]
    children += [{"kind": "Video", "id": v} for v in stub.videos]
    children += [{"kind": "Exercise", "id": e} for e in stub.exercises]
    return children


def child_stub(node: Json) -> Json:
    """Return the short form of a child node, as `/api/v1/topic/<slug>` lists it."""
    keys = (
        "kind",
        "id",
        "title",
        "translated_title",
        "node_slug",
        "relative_url",
        "ka_url",
        "readable_id",
        "youtube_id",
        "name",
        "display_name",
    )
    return {key: node[key] for key in keys if key in node}
