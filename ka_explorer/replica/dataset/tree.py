"""Write the topic tree and the library listings straight to JSON text.

The full tree is tens of megabytes, so no Python object for all of it is ever
built: each node is serialized on its own and its children are spliced into
its `children` array.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from ka_explorer.replica.dataset.nodes import exercise_node, topic_node, video_node
from ka_explorer.replica.dataset.skeleton import (
    ExerciseStub,
    Skeleton,
    TopicStub,
    VideoStub,
)
from ka_explorer.replica.render import INDENT, Style, to_text

KINDS = ("Topic", "Video", "Exercise")
_PLACEHOLDER = "\x00children\x00"
Writer = Callable[[int, list[str]], None]


class TreeWriter:
    """Serializes topics with nested children in one style."""

    def __init__(
        self,
        skeleton: Skeleton,
        seed: int,
        style: Style,
        kinds: frozenset[str] = frozenset(KINDS),
    ) -> None:
        self.skeleton = skeleton
        self.seed = seed
        self.style = style
        self.kinds = kinds

    def topic(self, slug: str) -> bytes:
        """Return the topic and everything under it as UTF-8 JSON."""
        parts: list[str] = []
        self._write_topic(self.skeleton.topics[slug], 0, parts)
        # Encoding piece by piece keeps each step that holds the GIL short.
        return b"".join(part.encode() for part in parts)

    def _write_topic(self, stub: TopicStub, level: int, parts: list[str]) -> None:
        node: dict[str, Any] = topic_node(
            self.skeleton, stub, self.seed, self.style.lang
        )
        node["children"] = _PLACEHOLDER
        head, tail = to_text(node, self.style, level).split(_quoted(_PLACEHOLDER))
        parts.append(head)
        self._write_children(self._children(stub), level + 1, parts)
        parts.append(tail)

    def _children(self, stub: TopicStub) -> list[Writer]:
        skeleton = self.skeleton
        writers: list[Writer] = [
            partial(self._write_topic, skeleton.topics[slug]) for slug in stub.topics
        ]
        if "Video" in self.kinds:
            writers += [
                partial(self._write_video, skeleton.videos[readable_id])
                for readable_id in stub.videos
            ]
        if "Exercise" in self.kinds:
            writers += [
                partial(self._write_exercise, skeleton.exercises[name])
                for name in stub.exercises
            ]
        return writers

    def _write_video(self, stub: VideoStub, level: int, parts: list[str]) -> None:
        node = video_node(self.skeleton, stub, self.seed, self.style.lang)
        parts.append(to_text(node, self.style, level))

    def _write_exercise(self, stub: ExerciseStub, level: int, parts: list[str]) -> None:
        node = exercise_node(self.skeleton, stub, self.seed, self.style.lang)
        parts.append(to_text(node, self.style, level))

    def _write_children(
        self,
        writers: list[Writer],
        level: int,
        parts: list[str],
    ) -> None:
        """Write a JSON array whose key sits `level` steps deep."""
        if not writers:
            parts.append("[]")
            return
        pretty = self.style.pretty
        separator = ",\n" + INDENT * (level + 1) if pretty else ", "
        parts.append("[\n" + INDENT * (level + 1) if pretty else "[")
        for index, write in enumerate(writers):
            if index:
                parts.append(separator)
            write(level + 1, parts)
        parts.append("\n" + INDENT * level + "]" if pretty else "]")


def _quoted(text: str) -> str:
    return to_text(text, Style())
