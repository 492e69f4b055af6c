"""The shape of the generated library: topics, videos and exercises with ids.

The skeleton holds only names, ids and links, so it builds in a fraction of a
second. The full JSON objects come from `nodes.py`, one node at a time, each
from its own seeded random generator, so any one can be built without the rest.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from ka_explorer.replica.dataset import words

# Named content that the API documentation uses in its examples; the replica
# places them in the library so those examples return data.
ANCHOR_VIDEOS = ("jxA8MffVmPs", "Sc0e6xrRJYY", "wD15pD5pCt4", "JEHejQphIYc")
ANCHOR_EXERCISES: dict[str, tuple[str, ...]] = {
    "addition_1": (),
    "subtraction_1": ("addition_1",),
    "addition_2": ("addition_1",),
    "subtraction_2": ("subtraction_1",),
    "multiplication_0.5": ("addition_1",),
    "multiplication_1": ("multiplication_0.5",),
    "scientific_notation": ("multiplication_1",),
    "logarithms_1": ("scientific_notation",),
}


@dataclass
class TopicStub:
    slug: str
    title: str
    parent: str | None
    render_type: str
    domain_slug: str
    concept: str
    topics: list[str] = field(default_factory=list)
    videos: list[str] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)


@dataclass
class VideoStub:
    readable_id: str
    youtube_id: str
    title: str
    topic: str
    domain_slug: str
    concept: str
    exercises: list[str] = field(default_factory=list)


@dataclass
class ExerciseStub:
    name: str
    display_name: str
    topic: str
    domain_slug: str
    concept: str
    prerequisites: list[str]
    covers: list[str]
    h_position: int
    v_position: int
    videos: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Sizes:
    """How many children each level gets: (fewest, most)."""

    topics_per_subject: tuple[int, int] = (6, 9)
    tutorials_per_topic: tuple[int, int] = (4, 7)
    videos_per_tutorial: tuple[int, int] = (4, 10)
    exercises_per_tutorial: tuple[int, int] = (1, 3)


@dataclass
class Skeleton:
    """Every node of the library by id, with the links between them."""

    topics: dict[str, TopicStub] = field(default_factory=dict)
    videos: dict[str, VideoStub] = field(default_factory=dict)
    exercises: dict[str, ExerciseStub] = field(default_factory=dict)
    youtube_ids: dict[str, str] = field(default_factory=dict)
    topic_titles: dict[str, str] = field(default_factory=dict)
    followups: dict[str, list[str]] = field(default_factory=dict)

    def video(self, video_id: str) -> VideoStub | None:
        found = self.videos.get(video_id)
        if found is None and video_id in self.youtube_ids:
            found = self.videos[self.youtube_ids[video_id]]
        return found

    def topic(self, slug_or_title: str) -> TopicStub | None:
        """Return a topic by slug, or by title as the playlist routes allowed."""
        found = self.topics.get(slug_or_title)
        if found is None:
            slug = self.topic_titles.get(slug_or_title.lower())
            found = self.topics.get(slug) if slug else None
        return found


def build_skeleton(seed: int, sizes: Sizes | None = None) -> Skeleton:
    """Build the library deterministically from `seed`."""
    builder = _Builder(random.Random(seed), sizes or Sizes())
    builder.build()
    skeleton = builder.skeleton
    _link(skeleton)
    return skeleton


class _Builder:
    def __init__(self, rng: random.Random, sizes: Sizes) -> None:
        self.rng = rng
        self.sizes = sizes
        self.skeleton = Skeleton()
        self.anchor_videos = list(ANCHOR_VIDEOS)
        self.anchor_exercises = list(ANCHOR_EXERCISES)

    def build(self) -> None:
        root = self._topic("root", "The Root of All Knowledge", None, "Root", "", "")
        for domain, subjects in words.DOMAINS.items():
            domain_slug = words.slugify(domain)
            self._topic(domain_slug, domain, root.slug, "Domain", domain_slug, "")
            for subject in subjects:
                self._subject(subject, domain, domain_slug)

    def _subject(self, title: str, domain: str, domain_slug: str) -> None:
        subject = self._topic(
            words.slugify(title), title, domain_slug, "Subject", domain_slug, ""
        )
        concepts = words.CONCEPTS[domain]
        for _ in range(self.rng.randint(*self.sizes.topics_per_subject)):
            concept = self.rng.choice(concepts)
            name = self._title(words.TUTORIAL_PATTERNS, concept, concepts)
            topic = self._topic(
                self._unique_slug(f"{subject.slug}-{name}"),
                name,
                subject.slug,
                "Topic",
                domain_slug,
                concept,
            )
            for _ in range(self.rng.randint(*self.sizes.tutorials_per_topic)):
                self._tutorial(topic, concepts)

    def _tutorial(self, parent: TopicStub, concepts: list[str]) -> None:
        concept = self.rng.choice(concepts)
        title = self._title(words.TUTORIAL_PATTERNS, concept, concepts)
        slug = self._unique_slug(title)
        tutorial = self._topic(
            slug, title, parent.slug, "Tutorial", parent.domain_slug, concept
        )
        for _ in range(self.rng.randint(*self.sizes.videos_per_tutorial)):
            self._video(tutorial, concepts)
        for _ in range(self.rng.randint(*self.sizes.exercises_per_tutorial)):
            self._exercise(tutorial, concepts)

    def _topic(
        self,
        slug: str,
        title: str,
        parent: str | None,
        render_type: str,
        domain_slug: str,
        concept: str,
    ) -> TopicStub:
        topic = TopicStub(slug, title, parent, render_type, domain_slug, concept)
        self.skeleton.topics[slug] = topic
        self.skeleton.topic_titles.setdefault(title.lower(), slug)
        if parent is not None:
            self.skeleton.topics[parent].topics.append(slug)
        return topic

    def _video(self, tutorial: TopicStub, concepts: list[str]) -> None:
        concept = self.rng.choice(concepts)
        title = self._title(words.VIDEO_PATTERNS, concept, concepts)
        readable_id = self._unique_video_id(words.slugify(title))
        youtube = words.youtube_id(self.rng)
        if self.anchor_videos and tutorial.domain_slug == "math":
            youtube = self.anchor_videos.pop(0)
        video = VideoStub(
            readable_id, youtube, title, tutorial.slug, tutorial.domain_slug, concept
        )
        self.skeleton.videos[readable_id] = video
        self.skeleton.youtube_ids[youtube] = readable_id
        tutorial.videos.append(readable_id)

    def _exercise(self, tutorial: TopicStub, concepts: list[str]) -> None:
        concept = self.rng.choice(concepts)
        if self.anchor_exercises and tutorial.domain_slug == "math":
            name = self.anchor_exercises.pop(0)
            display = name.replace("_", " ").capitalize()
            prerequisites = list(ANCHOR_EXERCISES[name])
        else:
            display = self._title(words.EXERCISE_PATTERNS, concept, concepts)
            name = self._unique_exercise_name(words.slugify(display).replace("-", "_"))
            prerequisites = self._pick_earlier(tutorial.domain_slug, 0.8)
        covers = self._pick_earlier(tutorial.domain_slug, 0.4)
        exercise = ExerciseStub(
            name,
            display,
            tutorial.slug,
            tutorial.domain_slug,
            concept,
            prerequisites,
            covers,
            self.rng.randint(0, 60),
            self.rng.randint(0, 60),
        )
        self.skeleton.exercises[name] = exercise
        tutorial.exercises.append(name)

    def _pick_earlier(self, domain_slug: str, chance: float) -> list[str]:
        if self.rng.random() > chance:
            return []
        earlier = [
            e.name
            for e in list(self.skeleton.exercises.values())[-12:]
            if e.domain_slug == domain_slug
        ]
        return [self.rng.choice(earlier)] if earlier else []

    def _title(self, patterns: list[str], concept: str, concepts: list[str]) -> str:
        other = self.rng.choice(concepts)
        return words.fill(
            self.rng.choice(patterns), concept, other, self.rng.randint(1, 4)
        )

    def _unique_slug(self, text: str) -> str:
        return _unique(words.slugify(text), self.skeleton.topics)

    def _unique_video_id(self, text: str) -> str:
        return _unique(text, self.skeleton.videos)

    def _unique_exercise_name(self, text: str) -> str:
        return _unique(text, self.skeleton.exercises)


def _unique(base: str, taken: Mapping[str, object]) -> str:
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}" if "_" not in base else f"{base}_{number}"
    return candidate


def _link(skeleton: Skeleton) -> None:
    """Relate each exercise to the videos of its tutorial, and fill follow-ups."""
    for exercise in skeleton.exercises.values():
        tutorial = skeleton.topics[exercise.topic]
        exercise.videos = tutorial.videos[:3]
        for readable_id in exercise.videos:
            skeleton.videos[readable_id].exercises.append(exercise.name)
        for prerequisite in exercise.prerequisites:
            skeleton.followups.setdefault(prerequisite, []).append(exercise.name)
