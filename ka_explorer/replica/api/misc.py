"""Handlers of the undocumented open routes that clients relied on."""

from __future__ import annotations

import json
import random
import re
from typing import Any

from ka_explorer.replica.api.call import Call, handles
from ka_explorer.replica.api.respond import Prepared, invalid_param
from ka_explorer.replica.dataset import words
from ka_explorer.replica.render import Style, to_text

Json = dict[str, Any]
_ITEM_ID = re.compile(r"^x[0-9a-f]{8,16}$")
RECENT_COUNT = 50


@handles("GET", "/api/v1/assessment_items/<assessment_item_id>")
def assessment_item(call: Call) -> Json | None:
    """Return a generated Perseus item for any well-formed id, else null."""
    item_id = call.path["assessment_item_id"]
    if not _ITEM_ID.match(item_id):
        return None
    rng = random.Random(f"{call.dataset.seed}:item:{item_id}")
    a, b = rng.randint(2, 12), rng.randint(2, 12)
    question = {
        "question": {
            "content": f"What is ${a} \\times {b}$?\n\n[[\u2603 numeric-input 1]]",
            "images": {},
            "widgets": {
                "numeric-input 1": {
                    "type": "numeric-input",
                    "graded": True,
                    "options": {"answers": [{"value": a * b, "status": "correct"}]},
                }
            },
        },
        "answerArea": {"calculator": False},
        "hints": [
            {"content": f"${a} \\times {b} = {a * b}$", "images": {}, "widgets": {}}
        ],
    }
    return {
        "kind": "AssessmentItem",
        "id": item_id,
        "sha": words.sha(rng),
        "item_data": json.dumps(question),
        "author_names": [rng.choice(words.AUTHORS)],
        "ancestor_ids": [],
        "tags": [],
        "live": True,
    }


@handles("GET", "/api/v1/assessment_items/tags")
def assessment_item_tags(call: Call) -> list[Json]:
    concepts = sorted(set(words.CONCEPTS["Math"]))
    return [
        {"id": words.slugify(c), "name": c, "description": f"Items about {c}"}
        for c in concepts
    ]


@handles("GET", "/api/v1/topics/library/compact")
def library_compact(call: Call) -> Json:
    compact: Json = {}
    for stub in call.dataset.skeleton.topics.values():
        if not stub.videos:
            continue
        children = []
        for readable_id in stub.videos:
            video = call.dataset.skeleton.videos[readable_id]
            children.append(
                {
                    "url": f"/{stub.slug}/v/{readable_id}",
                    "key_id": _key_id(readable_id),
                    "title": video.title,
                }
            )
        compact[stub.slug] = {"id": stub.slug, "children": children}
    return compact


def _key_id(text: str) -> int:
    return int.from_bytes(text.encode()[:6].ljust(6, b"\0"), "big")


@handles("GET", "/api/v1/exercises/recent")
def recent_exercises(call: Call) -> list[Json]:
    names = list(call.dataset.skeleton.exercises)[-RECENT_COUNT:]
    return call.dataset.exercises(list(reversed(names)), call.lang)


@handles("GET", "/api/v1/videos/recent")
def recent_videos(call: Call) -> list[Json]:
    readable_ids = list(call.dataset.skeleton.videos)[-RECENT_COUNT:]
    return call.dataset.videos(list(reversed(readable_ids)), call.lang)


@handles("GET", "/api/v1/commoncore")
def commoncore(call: Call) -> list[Json]:
    rng = random.Random(f"{call.dataset.seed}:commoncore")
    skeleton = call.dataset.skeleton
    math = [e for e in skeleton.exercises.values() if e.domain_slug == "math"]
    standards = []
    for grade in range(1, 9):
        for cluster in "ABC":
            exercises = rng.sample(math, 3)
            standards.append(
                {
                    "standard": f"CCSS.Math.Content.{grade}.OA.{cluster}.1",
                    "cc_cluster": f"Grade {grade}, cluster {cluster}",
                    "cc_description": f"Work with {exercises[0].concept} "
                    f"in grade {grade}.",
                    "exercises": [
                        {"name": e.name, "display_name": e.display_name}
                        for e in exercises
                    ],
                    "videos": [
                        {"readable_id": v, "title": skeleton.videos[v].title}
                        for e in exercises
                        for v in e.videos[:1]
                    ],
                }
            )
    return standards


@handles("GET", "/api/v1/maplayout")
def maplayout(call: Call) -> Json:
    rng = random.Random(f"{call.dataset.seed}:maplayout")
    topics = {}
    for stub in call.dataset.skeleton.topics.values():
        if stub.render_type == "Tutorial" and stub.domain_slug == "math":
            topics[stub.slug] = {
                "id": stub.slug,
                "standalone_title": stub.title,
                "icon_url": f"{stub.slug}.png",
                "x": rng.randint(0, 60),
                "y": rng.randint(0, 60),
            }
    return {"topics": topics, "polylines": []}


@handles("GET", "/api/v1/searchindex")
def searchindex(call: Call) -> Prepared:
    def build() -> bytes:
        skeleton = call.dataset.skeleton
        entries = [
            {"kind": "Topic", "title": t.title, "slug": t.slug}
            for t in skeleton.topics.values()
        ]
        entries += [
            {"kind": "Video", "title": v.title, "slug": v.readable_id}
            for v in skeleton.videos.values()
        ]
        return to_text(entries, call.style).encode()

    return Prepared(
        call.dataset.bodies.get(f"searchindex-{call.style.name}.json", build),
        etag=False,
    )


@handles("GET", "/api/v1/autocomplete")
def autocomplete(call: Call) -> Json:
    query = call.args.get("q", "").strip().lower()
    if not query:
        raise invalid_param("Missing parameter q: send the text to complete.")
    skeleton = call.dataset.skeleton
    videos = [
        {
            "readable_id": v.readable_id,
            "title": v.title,
            "relative_url": f"/v/{v.readable_id}",
        }
        for v in skeleton.videos.values()
        if query in v.title.lower()
    ][:10]
    topics = [
        {"id": t.slug, "title": t.title, "relative_url": f"/{t.slug}"}
        for t in skeleton.topics.values()
        if query in t.title.lower()
    ][:10]
    return {"videos": videos, "topics": topics}


@handles("GET", "/api/v1/avatars")
def avatars(call: Call) -> list[Json]:
    names = [
        "leaf-green",
        "leaf-blue",
        "seedling",
        "sapling",
        "tree",
        "leafers",
        "piceratops",
        "marcimus",
        "mr-pink",
        "orange-juice-squid",
        "purple-pi",
        "spunky-sam",
        "aqualine",
        "duskpin",
        "starky",
    ]
    return [
        {
            "name": name,
            "display_name": name.replace("-", " ").title(),
            "image_src": f"https://cdn.kastatic.org/images/avatars/{name}.png",
            "required_points": index * 10_000,
        }
        for index, name in enumerate(names)
    ]


@handles("GET", "/api/v1/v1_api_descriptions")
def descriptions(call: Call) -> list[dict[str, object]]:
    return call.catalog.to_descriptions()


@handles("GET", "/api/v1/fxos/topictree")
def fxos_topictree(call: Call) -> Prepared:
    skeleton = call.dataset.skeleton
    lang = call.lang

    def node(slug: str) -> Json:
        stub = skeleton.topics[slug]
        children: list[Json] = [node(child) for child in stub.topics]
        children += [
            {
                "kind": "Video",
                "id": v,
                "title": words.translate(skeleton.videos[v].title, lang),
                "youtube_id": skeleton.videos[v].youtube_id,
            }
            for v in stub.videos
        ]
        return {
            "kind": "Topic",
            "id": slug,
            "title": words.translate(stub.title, lang),
            "children": children,
        }

    style = Style(call.style.camel, call.style.pretty, lang)
    return Prepared(
        call.dataset.bodies.get(
            f"fxos-topictree-{style.name}.json",
            lambda: to_text(node("root"), style).encode(),
        ),
        etag=False,
    )
