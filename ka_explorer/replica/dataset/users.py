"""The replica's accounts and their progress: exercises, videos, logs, badges.

The student's history includes the days and items that the API documentation
uses in its examples (addition_1 on 2011-03-19, videos Sc0e6xrRJYY and
wD15pD5pCt4), so those example requests return data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ka_explorer.replica.dataset.skeleton import (
    ANCHOR_EXERCISES,
    ANCHOR_VIDEOS,
    Skeleton,
)
from ka_explorer.replica.demo import DEMO

Json = dict[str, Any]
EXAMPLE_DAY = datetime(2011, 3, 19, 8, 0, tzinfo=UTC)


@dataclass
class Account:
    """One user, with what the API returns about them."""

    username: str
    password: str
    nickname: str
    email: str
    user_id: str
    kaid: str
    joined: str
    coaches: list[str] = field(default_factory=list)
    exercises: dict[str, Json] = field(default_factory=dict)
    videos: dict[str, Json] = field(default_factory=dict)
    problem_logs: list[Json] = field(default_factory=list)
    video_logs: list[Json] = field(default_factory=list)
    progress_changes: list[Json] = field(default_factory=list)
    badges: list[Json] = field(default_factory=list)
    points: int = 0


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# Username, password, nickname, day joined. demo-other has no coach, so the
# coach may not see that account.
ACCOUNT_SPECS = (
    (DEMO.username, DEMO.password, "Demo Student", "2011-02-04"),
    (DEMO.coach_username, DEMO.coach_password, "Demo Coach", "2010-09-01"),
    ("demo-other", DEMO.password, "Another Student", "2012-05-17"),
)


def login_table() -> tuple[dict[str, str], dict[str, str]]:
    """Return passwords by username and usernames by email, without building data."""
    passwords = {spec[0]: spec[1] for spec in ACCOUNT_SPECS}
    emails = {_account(*spec).email: spec[0] for spec in ACCOUNT_SPECS}
    return passwords, emails


def build_accounts(skeleton: Skeleton, badges: list[Json], seed: int) -> list[Account]:
    student, coach, other = (_account(*spec) for spec in ACCOUNT_SPECS)
    student.coaches.append(coach.email)
    rng = random.Random(f"{seed}:users")
    for account in (student, other):
        _fill_progress(account, skeleton, badges, rng)
    return [student, coach, other]


def _account(username: str, password: str, nickname: str, joined: str) -> Account:
    number = sum(ord(c) for c in username) * 7919
    return Account(
        username=username,
        password=password,
        nickname=nickname,
        email=f"{username}@example.org",
        user_id=f"http://googleid.khanacademy.org/{number:021d}",
        kaid=f"kaid_{number:024d}",
        joined=f"{joined}T06:01:47Z",
    )


def _fill_progress(
    account: Account, skeleton: Skeleton, badges: list[Json], rng: random.Random
) -> None:
    names = list(ANCHOR_EXERCISES) + rng.sample(sorted(skeleton.exercises), 30)
    for name in dict.fromkeys(names):
        account.exercises[name] = _user_exercise(account, name, rng)
    youtube_ids = list(ANCHOR_VIDEOS) + [
        skeleton.videos[v].youtube_id for v in rng.sample(sorted(skeleton.videos), 25)
    ]
    for youtube_id in dict.fromkeys(youtube_ids):
        account.videos[youtube_id] = _user_video(account, youtube_id, rng)
    account.problem_logs = _problem_logs(account, rng)
    account.video_logs = _video_logs(account, rng)
    account.progress_changes = _progress_changes(account, rng)
    account.badges = _user_badges(account, badges, rng)
    account.points = sum(b["points_earned"] for b in account.badges) + rng.randint(
        1000, 9000
    )


def _moment(rng: random.Random) -> datetime:
    return EXAMPLE_DAY + timedelta(
        days=rng.randint(-40, 400), minutes=rng.randint(0, 900)
    )


def _user_exercise(account: Account, name: str, rng: random.Random) -> Json:
    first = _moment(rng)
    last = first + timedelta(days=rng.randint(0, 60))
    streak = rng.randint(0, 30)
    proficient = streak >= 10
    return {
        "kind": "UserExercise",
        "exercise": name,
        "user": account.email,
        "kaid": account.kaid,
        "streak": streak,
        "longest_streak": streak + rng.randint(0, 10),
        "total_done": streak + rng.randint(0, 40),
        "total_correct": streak + rng.randint(0, 20),
        "first_done": iso(first),
        "last_done": iso(last),
        "last_review": iso(last),
        "proficient_date": iso(last) if proficient else None,
        "last_attempt_number": rng.randint(1, 3),
        "summative": False,
        "seconds_per_fast_problem": float(rng.randint(3, 40)),
        "maximum_exercise_progress_dt": iso(last),
        "exercise_states": {
            "proficient": proficient,
            "struggling": streak < 2,
            "reviewing": False,
            "suggested": not proficient,
        },
        "mastered": proficient and streak > 20,
        "practiced": proficient,
        "backup_timestamp": iso(last),
    }


def _user_video(account: Account, youtube_id: str, rng: random.Random) -> Json:
    duration = rng.randint(90, 900)
    watched = rng.randint(10, duration)
    return {
        "kind": "UserVideo",
        "user": account.email,
        "youtube_id": youtube_id,
        "duration": duration,
        "seconds_watched": watched,
        "last_second_watched": min(watched + rng.randint(0, 30), duration),
        "points": rng.randint(0, 750),
        "completed": watched * 10 >= duration * 9,
        "last_watched": iso(_moment(rng)),
    }


def _problem_logs(account: Account, rng: random.Random) -> list[Json]:
    logs = []
    for name in account.exercises:
        count = 12 if name == "addition_1" else rng.randint(0, 4)
        for number in range(count):
            done = (
                EXAMPLE_DAY + timedelta(minutes=30 * number)
                if name == "addition_1"
                else _moment(rng)
            )
            logs.append(_problem_log(account, name, number + 1, done, rng))
    return sorted(logs, key=lambda log: log["time_done"])


def _problem_log(
    account: Account, name: str, number: int, done: datetime, rng: random.Random
) -> Json:
    correct = rng.random() < 0.8
    return {
        "kind": "ProblemLog",
        "exercise": name,
        "user": account.email,
        "problem_number": number,
        "correct": correct,
        "time_done": iso(done),
        "time_taken": rng.randint(4, 120),
        "hint_used": not correct and rng.random() < 0.5,
        "count_hints": 0 if correct else rng.randint(0, 3),
        "count_attempts": 1 if correct else rng.randint(2, 4),
        "attempts": [str(rng.randint(0, 99)) for _ in range(1 if correct else 2)],
        "points_earned": 15 if correct else 0,
        "earned_proficiency": correct and number == 10,
        "suggested": False,
        "review_mode": False,
        "topic_mode": False,
        "seed": rng.randint(0, 2**31),
        "problem_type": "Type 1",
        "sha1": f"{rng.getrandbits(160):040x}",
    }


def _video_logs(account: Account, rng: random.Random) -> list[Json]:
    logs = []
    for youtube_id, user_video in account.videos.items():
        count = 6 if youtube_id == "wD15pD5pCt4" else rng.randint(0, 3)
        for number in range(count):
            watched = (
                EXAMPLE_DAY + timedelta(minutes=45 * number)
                if youtube_id == "wD15pD5pCt4"
                else _moment(rng)
            )
            seconds = rng.randint(5, 120)
            logs.append(
                {
                    "kind": "VideoLog",
                    "user": account.email,
                    "youtube_id": youtube_id,
                    "time_watched": iso(watched),
                    "seconds_watched": seconds,
                    "last_second_watched": min(
                        seconds * (number + 1), user_video["duration"]
                    ),
                    "points_earned": rng.randint(0, 100),
                    "is_video_completed": False,
                    "playlist_titles": [],
                }
            )
    return sorted(logs, key=lambda log: log["time_watched"])


def _progress_changes(account: Account, rng: random.Random) -> list[Json]:
    levels = ["unstarted", "practiced", "mastery1", "mastery2", "mastery3"]
    changes = []
    for name in list(account.exercises)[:20]:
        start = rng.randint(0, 3)
        changes.append(
            {
                "kind": "UserExerciseProgressChange",
                "exercise_name": name,
                "user": account.email,
                "date": iso(_moment(rng)),
                "from_progress": {"level": levels[start]},
                "to_progress": {"level": levels[start + 1]},
            }
        )
    return sorted(changes, key=lambda change: change["date"])


def _user_badges(
    account: Account, badges: list[Json], rng: random.Random
) -> list[Json]:
    earned = []
    for badge in rng.sample(badges, 12):
        earned.append(
            {
                "kind": "UserBadge",
                "badge_name": badge["name"],
                "user": account.email,
                "date": iso(_moment(rng)),
                "points_earned": badge["points"],
                "target_context": None,
                "target_context_name": None,
            }
        )
    return sorted(earned, key=lambda user_badge: user_badge["date"])
