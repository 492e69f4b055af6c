"""The badge categories and about two hundred badges, generated from word lists."""

from __future__ import annotations

import random
from typing import Any

from ka_explorer.replica.dataset import words

Json = dict[str, Any]
STATIC = "https://www.kastatic.org/images/badges"

# Category number, label, image name, description, badges in it, points range.
CATEGORIES = (
    (
        0,
        "Meteorite Badges",
        "meteorite",
        "Meteorite badges are easy to earn when you are just getting started.",
        60,
        (0, 500),
    ),
    (
        1,
        "Moon Badges",
        "moon",
        "Moon badges take some effort and show an investment in learning.",
        50,
        (500, 5000),
    ),
    (
        2,
        "Earth Badges",
        "earth",
        "Earth badges take a long time and a lot of learning to earn.",
        40,
        (5000, 15000),
    ),
    (
        3,
        "Sun Badges",
        "sun",
        "Sun badges are epic. Earning them is a real challenge.",
        25,
        (15000, 100000),
    ),
    (
        4,
        "Black Hole Badges",
        "eclipse",
        "Black hole badges are legendary and unknown. They are the rarest awards.",
        4,
        (100000, 500000),
    ),
    (
        5,
        "Challenge Patches",
        "master-challenge-blue",
        "Challenge patches are awarded for completing a topic challenge.",
        30,
        (0, 0),
    ),
)

_FIRST = [
    "Act",
    "Going",
    "Great",
    "Steady",
    "Magellan",
    "Nice",
    "Picking",
    "Sub",
    "Super",
    "Hyper",
    "Ludicrous",
    "Tireless",
    "Persistent",
    "Redwood",
    "Sequoia",
    "Atlas",
    "Artemis",
    "Apollo",
    "Gemini",
    "Voyager",
]
_SECOND = [
    "Streak",
    "Listener",
    "Learner",
    "Answer",
    "Explorer",
    "Scholar",
    "Mentor",
    "Mastery",
    "Habit",
    "Marathon",
    "Sprint",
    "Review",
    "Challenge",
    "Voyage",
    "Pioneer",
    "Researcher",
    "Speedster",
    "Hint",
]
_TASKS = [
    "Watch {n} minutes of video",
    "Answer {n} problems correctly in a row",
    "Reach mastery in {n} skills",
    "Practice on {n} different days",
    "Complete {n} topic challenges",
    "Help {n} other learners",
    "Review {n} skills you mastered before",
]


def badge_categories() -> list[Json]:
    return [_category(*entry[:4]) for entry in CATEGORIES]


def _category(number: int, label: str, image: str, description: str) -> Json:
    return {
        "category": number,
        "type_label": label,
        "description": description,
        "translated_description": description,
        "icon_src": f"{STATIC}/{image}-small.png",
        "large_icon_src": f"{STATIC}/{image}.png",
        "medium_icon_src": f"{STATIC}/{image}-medium.png",
        "compact_icon_src": f"{STATIC}/{image}-60x60.png",
        "chart_icon_src": f"{STATIC}/{image}-small-chart.png",
        "email_icon_src": f"{STATIC}/{image}-70x70.png",
    }


def all_badges(seed: int) -> list[Json]:
    """Return every badge, sorted by name, as `/api/v1/badges` lists them."""
    rng = random.Random(f"{seed}:badges")
    badges: dict[str, Json] = {}
    for number, _label, image, _text, count, points in CATEGORIES:
        while sum(1 for b in badges.values() if b["badge_category"] == number) < count:
            badge = _badge(rng, number, image, points)
            badges.setdefault(badge["name"], badge)
    return sorted(badges.values(), key=lambda badge: badge["name"])


def _badge(
    rng: random.Random, category: int, image: str, points: tuple[int, int]
) -> Json:
    title = f"{rng.choice(_FIRST)} {rng.choice(_SECOND)}"
    if category == 5:
        title = f"{rng.choice(words.CONCEPTS['Math']).title()} Challenge"
    slug = words.slugify(title)
    task = rng.choice(_TASKS).format(n=rng.choice([3, 5, 10, 20, 50, 100]))
    icon = f"{STATIC}/{image}/{slug}"
    return {
        "name": slug.replace("-", "") + "badge",
        "slug": slug,
        "description": title,
        "translated_description": title,
        "safe_extended_description": task,
        "translated_safe_extended_description": task,
        "badge_category": category,
        "points": rng.randrange(points[0], points[1] + 1, 50) if points[1] else 0,
        "icon_src": f"{icon}-40x40.png",
        "icons": {
            "small": f"{icon}-40x40.png",
            "compact": f"{icon}-60x60.png",
            "large": f"{icon}-512x512.png",
            "email": f"{icon}-70x70.png",
        },
        "relative_url": f"/badges/{slug}",
        "absolute_url": f"https://www.khanacademy.org/badges/{slug}",
        "hide_context": rng.random() < 0.1,
        "is_retired": rng.random() < 0.03,
        "is_owned": False,
    }
