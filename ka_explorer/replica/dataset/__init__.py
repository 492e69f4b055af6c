"""The generated, deterministic content and accounts that the replica serves.

Everything derives from one seed through `random.Random`, so two runs serve
the same bytes. Nothing is built at start-up. The library skeleton is built on
the first content request, and each large body (the topic tree, the library)
on the first request for it. Large bodies are cached on disk in a folder
named after `GENERATOR_VERSION`, the seed and the sizes.
"""

from __future__ import annotations

import hashlib
import threading
from functools import cached_property
from pathlib import Path
from typing import Any

from ka_explorer.paths import cache_dir
from ka_explorer.replica.dataset import badges as badge_data
from ka_explorer.replica.dataset.bodies import Body, BodyCache
from ka_explorer.replica.dataset.nodes import (
    child_stub,
    exercise_node,
    topic_node,
    video_node,
)
from ka_explorer.replica.dataset.skeleton import Sizes, Skeleton, build_skeleton
from ka_explorer.replica.dataset.tree import KINDS, TreeWriter
from ka_explorer.replica.dataset.users import Account, build_accounts, login_table
from ka_explorer.replica.render import Style, to_text

# Bump when generated content changes, so stale cached bodies are not served.
GENERATOR_VERSION = 2
DEFAULT_SEED = 20151103

DEFAULT_SIZES = Sizes()

Json = dict[str, Any]


class Dataset:
    """Content and accounts from one seed, built on first use."""

    def __init__(
        self,
        seed: int = DEFAULT_SEED,
        sizes: Sizes = DEFAULT_SIZES,
        cache_folder: Path | None = None,
        use_disk_cache: bool = True,
    ) -> None:
        self.seed = seed
        self.sizes = sizes
        self._lock = threading.Lock()
        folder = None
        if use_disk_cache:
            folder = (cache_folder or cache_dir() / "replica") / self.cache_key
        self.bodies = BodyCache(folder)

    @property
    def cache_key(self) -> str:
        digest = hashlib.sha1(repr(self.sizes).encode()).hexdigest()[:8]
        return f"v{GENERATOR_VERSION}-seed{self.seed}-{digest}"

    @cached_property
    def skeleton(self) -> Skeleton:
        with self._lock:
            return build_skeleton(self.seed, self.sizes)

    @cached_property
    def badges(self) -> list[Json]:
        return badge_data.all_badges(self.seed)

    @cached_property
    def badge_categories(self) -> list[Json]:
        return badge_data.badge_categories()

    @cached_property
    def accounts(self) -> dict[str, Account]:
        built = build_accounts(self.skeleton, self.badges, self.seed)
        return {account.username: account for account in built}

    # Content.
    def video(self, video_id: str, lang: str = "en") -> Json | None:
        stub = self.skeleton.video(video_id)
        return video_node(self.skeleton, stub, self.seed, lang) if stub else None

    def exercise(self, name: str, lang: str = "en") -> Json | None:
        stub = self.skeleton.exercises.get(name)
        return exercise_node(self.skeleton, stub, self.seed, lang) if stub else None

    def exercises(self, names: list[str], lang: str = "en") -> list[Json]:
        found = (self.exercise(name, lang) for name in names)
        return [exercise for exercise in found if exercise is not None]

    def videos(self, readable_ids: list[str], lang: str = "en") -> list[Json]:
        found = (self.video(readable_id, lang) for readable_id in readable_ids)
        return [video for video in found if video is not None]

    def topic(self, slug_or_title: str, lang: str = "en") -> Json | None:
        """Return a topic with stubs of its children, by slug or by title."""
        stub = self.skeleton.topic(slug_or_title)
        if stub is None:
            return None
        node = topic_node(self.skeleton, stub, self.seed, lang)
        children = [
            topic_node(self.skeleton, self.skeleton.topics[slug], self.seed, lang)
            for slug in stub.topics
        ]
        children += self.videos(stub.videos, lang) + self.exercises(
            stub.exercises, lang
        )
        node["children"] = [child_stub(child) for child in children]
        return node

    def content_topics(self, lang: str = "en") -> list[Json]:
        """Return every topic that has videos or exercises as children."""
        return [
            topic_node(self.skeleton, stub, self.seed, lang)
            for stub in self.skeleton.topics.values()
            if stub.videos or stub.exercises
        ]

    # Large bodies.
    def topictree(
        self, style: Style, kinds: frozenset[str] = frozenset(KINDS), root: str = "root"
    ) -> Body:
        kind_name = "all" if kinds == frozenset(KINDS) else "-".join(sorted(kinds))
        name = f"topictree-{root}-{kind_name}-{style.name}.json"
        writer = TreeWriter(self.skeleton, self.seed, style, kinds)
        return self.bodies.get(name, lambda: writer.topic(root))

    def library(self, style: Style) -> Body:
        return self.bodies.get(
            f"library-{style.name}.json",
            lambda: to_text(self._library(style), style).encode(),
        )

    def library_list(self, style: Style) -> Body:
        return self.bodies.get(
            f"library-list-{style.name}.json",
            lambda: to_text(self._library_list(style), style).encode(),
        )

    def _library(self, style: Style) -> list[Json]:
        """Return the 2012 hierarchical library: groups of playlists of videos."""

        def group(slug: str) -> Json:
            stub = self.skeleton.topics[slug]
            if stub.videos:
                playlist = topic_node(self.skeleton, stub, self.seed, style.lang)
                playlist["videos"] = self.videos(stub.videos, style.lang)
                return {"name": stub.title, "playlist": playlist}
            return {"name": stub.title, "items": [group(s) for s in stub.topics]}

        return [group(slug) for slug in self.skeleton.topics["root"].topics]

    def _library_list(self, style: Style) -> list[Json]:
        topics = []
        for stub in self.skeleton.topics.values():
            if stub.videos:
                topic = topic_node(self.skeleton, stub, self.seed, style.lang)
                topic["videos"] = self.videos(stub.videos, style.lang)
                topics.append(topic)
        return topics

    def login_table(self) -> tuple[dict[str, str], dict[str, str]]:
        """Return passwords by username and usernames by email."""
        return login_table()
