"""Handlers of the login-required `/api/v1/user*` routes."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from ka_explorer.replica.api.call import Call, handles
from ka_explorer.replica.api.respond import api_error, invalid_param, unauthorized
from ka_explorer.replica.api.selector import visible_target
from ka_explorer.replica.dataset.users import Account, iso

Json = dict[str, Any]
MAX_LOG_ENTRIES = 500
_log_lock = threading.Lock()


@handles("GET", "/api/v1/user")
def user(call: Call) -> Json | None:
    target = visible_target(call)
    return user_data(call, target) if target else None


def user_data(call: Call, account: Account) -> Json:
    proficient = [
        name
        for name, ue in account.exercises.items()
        if ue["exercise_states"]["proficient"]
    ]
    suggested = [
        name
        for name, ue in account.exercises.items()
        if ue["exercise_states"]["suggested"]
    ][:5]
    counts = {str(category): 0 for category in range(6)}
    by_name = {badge["name"]: badge for badge in call.dataset.badges}
    for user_badge in account.badges:
        counts[str(by_name[user_badge["badge_name"]]["badge_category"])] += 1
    students = [
        a.email for a in call.dataset.accounts.values() if account.email in a.coaches
    ]
    return {
        "kind": "UserData",
        "nickname": account.nickname,
        "username": account.username,
        "user_id": account.user_id,
        "kaid": account.kaid,
        "email": account.email,
        "prettified_user_email": account.email,
        "key_email": account.email,
        "joined": account.joined,
        "last_activity": max(
            (ue["last_done"] for ue in account.exercises.values()),
            default=account.joined,
        ),
        "points": account.points,
        "total_seconds_watched": sum(
            uv["seconds_watched"] for uv in account.videos.values()
        ),
        "proficient_exercises": proficient,
        "all_proficient_exercises": proficient,
        "suggested_exercises": suggested,
        "badge_counts": counts,
        "coaches": list(account.coaches),
        "student_lists": (
            [{"key": STUDENT_LIST, "name": "Period 1"}] if students else []
        ),
        "is_demo": False,
        "is_phantom": False,
        "is_child_account": False,
        "developer": False,
        "spawned_by": None,
    }


STUDENT_LIST = "demo-list"


@handles("GET", "/api/v1/user/students")
def students(call: Call) -> list[Json] | None:
    coach = visible_target(call)
    if coach is None:
        return None
    list_id = call.args.get("list_id")
    if list_id and list_id != STUDENT_LIST:
        raise invalid_param(f"Could not find student list with ID {list_id}")
    return [
        user_data(call, account)
        for account in call.dataset.accounts.values()
        if coach.email in account.coaches
    ]


@handles("GET", "/api/v1/user/exercises")
def user_exercises(call: Call) -> list[Json] | None:
    target = visible_target(call)
    if target is None:
        return None
    names = _requested_exercises(call) or list(call.dataset.skeleton.exercises)
    return [
        _user_exercise(call, target, name, with_model=True)
        for name in names
        if name in call.dataset.skeleton.exercises
    ]


def _requested_exercises(call: Call) -> list[str]:
    names: list[str] = []
    for value in call.args.getlist("exercises"):
        names += [name.strip() for name in value.split(",") if name.strip()]
    return list(dict.fromkeys(names))


def _user_exercise(call: Call, account: Account, name: str, with_model: bool) -> Json:
    found = account.exercises.get(name)
    entry = dict(found) if found else _skeletal_user_exercise(account, name)
    if with_model:
        entry["exercise_model"] = call.dataset.exercise(name, call.lang)
    return entry


def _skeletal_user_exercise(account: Account, name: str) -> Json:
    return {
        "kind": "UserExercise",
        "exercise": name,
        "user": account.email,
        "kaid": account.kaid,
        "streak": 0,
        "longest_streak": 0,
        "total_done": 0,
        "total_correct": 0,
        "first_done": None,
        "last_done": None,
        "last_review": None,
        "proficient_date": None,
        "last_attempt_number": 0,
        "summative": False,
        "exercise_states": {
            "proficient": False,
            "struggling": False,
            "reviewing": False,
            "suggested": False,
        },
        "mastered": False,
        "practiced": False,
    }


@handles("GET", "/api/v1/user/exercises/<exercise_name>")
def user_exercise(call: Call) -> Json | None:
    target = visible_target(call)
    name = call.path["exercise_name"]
    if target is None or name not in call.dataset.skeleton.exercises:
        return None
    return _user_exercise(call, target, name, with_model=True)


@handles("GET", "/api/v1/user/exercises/<exercise_name>/followup_exercises")
def user_followups(call: Call) -> list[Json] | None:
    target = visible_target(call)
    if target is None:
        return None
    names = call.dataset.skeleton.followups.get(call.path["exercise_name"], [])
    return [_user_exercise(call, target, name, with_model=True) for name in names]


@handles("GET", "/api/v1/user/exercises/<exercise_name>/log")
def user_exercise_log(call: Call) -> list[Json] | None:
    target = visible_target(call)
    if target is None:
        return None
    name = call.path["exercise_name"]
    logs = [log for log in target.problem_logs if log["exercise"] == name]
    return _window(call, logs, "time_done")


@handles("GET", "/api/v1/user/exercises/progress_changes")
def progress_changes(call: Call) -> list[Json] | None:
    target = visible_target(call)
    return _window(call, target.progress_changes, "date") if target else None


@handles("GET", "/api/v1/user/videos")
def user_videos(call: Call) -> list[Json] | None:
    target = visible_target(call)
    if target is None:
        return None
    entries = [_user_video(call, target, youtube_id) for youtube_id in target.videos]
    return _window(call, entries, "last_watched", limit=None)


def _user_video(call: Call, account: Account, youtube_id: str) -> Json:
    entry = dict(account.videos[youtube_id])
    entry["video"] = call.dataset.video(youtube_id, call.lang)
    return entry


@handles("GET", "/api/v1/user/videos/<youtube_id>")
def user_video(call: Call) -> Json | None:
    target = visible_target(call)
    youtube_id = call.path["youtube_id"]
    if target is None or youtube_id not in target.videos:
        return None
    return _user_video(call, target, youtube_id)


@handles("GET", "/api/v1/user/videos/<youtube_id>/log")
def user_video_log(call: Call) -> list[Json] | None:
    target = visible_target(call)
    if target is None:
        return None
    youtube_id = call.path["youtube_id"]
    with _log_lock:
        logs = [log for log in target.video_logs if log["youtube_id"] == youtube_id]
    return _window(call, logs, "time_watched")


@handles("POST", "/api/v1/user/videos/<youtube_id>/log")
def log_video(call: Call) -> Json:
    consumer_anointed = call.extra.get("anointed", False)
    if not consumer_anointed or call.user is None:
        raise unauthorized()
    youtube_id = call.path["youtube_id"]
    video = call.dataset.video(youtube_id)
    if video is None:
        raise invalid_param(f"Could not find video with ID {youtube_id}")
    last_second = _whole_number(call, "last_second_watched")
    seconds = _whole_number(call, "seconds_watched")
    entry = {
        "kind": "VideoLog",
        "user": call.user.email,
        "youtube_id": youtube_id,
        "video_title": video["title"],
        "time_watched": iso(datetime.now(UTC)),
        "seconds_watched": seconds,
        "last_second_watched": min(last_second, video["duration"]),
        "points_earned": min(seconds, 750),
        "is_video_completed": last_second * 10 >= video["duration"] * 9,
        "playlist_titles": [],
    }
    with _log_lock:
        call.user.video_logs.append(entry)
    return {
        **entry,
        "action_results": {
            "user_video": None,
            "points_earned": {"points": entry["points_earned"]},
        },
    }


def _whole_number(call: Call, name: str) -> int:
    text = call.form.get(name) or call.args.get(name)
    if text is None or not text.strip().lstrip("-").isdigit():
        raise invalid_param(
            f"Invalid value for {name}: {text!r}; send a whole number of seconds."
        )
    return max(int(text), 0)


@handles("GET", "/api/v1/user/playlists")
def user_playlists(call: Call) -> list[Json] | None:
    target = visible_target(call)
    if target is None:
        return None
    subjects = [
        s for s in call.dataset.skeleton.topics.values() if s.render_type == "Subject"
    ][:8]
    return [_user_playlist(call, target, stub.slug) for stub in subjects]


@handles("GET", "/api/v1/user/playlists/<playlist_title>")
def user_playlist(call: Call) -> Json | None:
    target = visible_target(call)
    stub = call.dataset.skeleton.topic(call.path["playlist_title"])
    if target is None or stub is None:
        return None
    return _user_playlist(call, target, stub.slug)


def _user_playlist(call: Call, account: Account, slug: str) -> Json:
    stub = call.dataset.skeleton.topics[slug]
    topic = call.dataset.topic(slug, call.lang)
    return {
        "kind": "UserPlaylist",
        "user": account.email,
        "title": stub.title,
        "playlist": topic,
        "last_watched": max(
            (uv["last_watched"] for uv in account.videos.values()), default=None
        ),
    }


@handles("GET", "/api/v1/user/badges")
def user_badges(call: Call) -> list[Json] | None:
    target = visible_target(call)
    if target is None:
        return None
    by_name = {badge["name"]: badge for badge in call.dataset.badges}
    grouped = []
    for category in call.dataset.badge_categories:
        earned = [
            ub
            for ub in target.badges
            if by_name[ub["badge_name"]]["badge_category"] == category["category"]
        ]
        grouped.append(
            {
                **category,
                "user_badges": earned,
                "badges": [by_name[ub["badge_name"]] for ub in earned],
            }
        )
    return grouped


@handles("GET", "/api/v1/user/topic/<topic_id>/exercises")
def user_topic_exercises(call: Call) -> list[Json] | None:
    target = visible_target(call)
    if target is None:
        return None
    stub = call.dataset.skeleton.topic(call.path["topic_id"])
    if stub is None:
        raise invalid_param(f"Could not find topic with ID {call.path['topic_id']}")
    return [
        _user_exercise(call, target, name, with_model=True) for name in stub.exercises
    ]


def _window(
    call: Call, entries: list[Json], key: str, limit: int | None = MAX_LOG_ENTRIES
) -> list[Json]:
    """Keep entries with dt_start <= entry[key] < dt_end, sorted by `key`."""
    start = _moment(call, "dt_start")
    end = _moment(call, "dt_end")
    kept = [e for e in entries if e.get(key) and _inside(e[key], start, end)]
    kept.sort(key=lambda entry: entry[key])
    return kept[:limit] if limit else kept


def _inside(text: str, start: datetime | None, end: datetime | None) -> bool:
    moment = _parse(text)
    assert moment is not None
    return (start is None or moment >= start) and (end is None or moment < end)


def _moment(call: Call, name: str) -> datetime | None:
    text = call.args.get(name)
    if not text:
        return None
    moment = _parse(text)
    if moment is None:
        raise api_error(f"Invalid date format sent to {name}, use ISO 8601 Combined.")
    return moment


def _parse(text: str) -> datetime | None:
    """Parse ISO 8601 Combined (date and time); None for anything else."""
    if "T" not in text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
