"""The large body the benchmarks read: the replica's /api/v1/topictree.

Fetched once from a replica started in this process and kept in the cache
folder. Where the replica cannot start, a generated JSON document of the
same shape and about the same size (45 MB) replaces it, and a note under
the results table names the substitute.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import requests

from ka_explorer import paths

GENERATED_SIZE = 45_000_000


def cached_path(name: str) -> Path:
    folder = paths.cache_dir() / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def fetch_from_replica(base_url: str) -> Path:
    """Download the topic tree from the replica at `base_url` into the cache."""
    path = cached_path("topictree.json")
    path.write_bytes(download(base_url))
    return path


def download(base_url: str) -> bytes:
    """Return the replica's topic tree; the first request also makes it build it."""
    response = requests.get(f"{base_url}/api/v1/topictree", timeout=600)
    response.raise_for_status()
    return response.content


def generated() -> Path:
    """Write (once) a deterministic topic-tree-shaped document of ~45 MB."""
    path = cached_path("topictree-generated.json")
    if path.exists() and path.stat().st_size >= GENERATED_SIZE:
        return path
    rng = random.Random(20200729)
    root: dict[str, Any] = {"kind": "Topic", "id": "root", "slug": "root",
                            "children": []}
    size = 0
    while size < GENERATED_SIZE:
        child = _topic(rng, 1)
        root["children"].append(child)
        size += len(json.dumps(child))
    path.write_text(json.dumps(root), encoding="utf-8")
    return path


_WORDS = ("fraction equation derivative integral triangle algebra geometry vector "
          "matrix probability statistics chemistry physics biology history cell "
          "energy force the of and to in is for with on").split()


def _sentence(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(count)).capitalize() + "."


def _topic(rng: random.Random, depth: int) -> dict[str, Any]:
    slug = "-".join(rng.choice(_WORDS) for _ in range(3))
    if depth < 4:
        children = [_topic(rng, depth + 1) for _ in range(rng.randint(3, 6))]
    else:
        children = [_video(rng) for _ in range(rng.randint(4, 12))]
    return {"kind": "Topic", "id": f"x{rng.getrandbits(32):08x}", "slug": slug,
            "title": _sentence(rng, 3), "description": _sentence(rng, 15),
            "children": children}


def _video(rng: random.Random) -> dict[str, Any]:
    youtube = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789")
                      for _ in range(11))
    return {"kind": "Video", "youtube_id": youtube, "title": _sentence(rng, 5),
            "description": _sentence(rng, 20), "duration": rng.randint(60, 1500),
            "views": rng.randint(0, 10**7), "rating": round(rng.random() * 5, 2),
            "date_added": "2014-03-14T00:39:43Z", "deleted": False,
            "download_urls": {"mp4": f"https://cdn.example/{youtube}.mp4"}}
