"""The profile session's notes on a request, and which profiles are Khan's."""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from datetime import date

import pytest

from ka_explorer.catalog import load_catalog
from ka_explorer.http.errors import ExchangeError
from ka_explorer.http.exchange import Exchange
from ka_explorer.oauth1.profiles import (
    LIVE_PROFILE,
    REPLICA_PROFILE,
    Profile,
    bundled_profiles,
)
from ka_explorer.oauth1.secret_store import MemorySecretStore
from ka_explorer.ui.session import ProfileSession, is_khan_profile

TODAY = date(2026, 1, 1)
LIVE_USER_URL = "https://www.khanacademy.org/api/v1/user"
NO_KEY = Profile(
    name="No key",
    base_url="http://127.0.0.1:9",
    request_token_url="/oauth/request_token",
    authorize_url="/oauth/authorize",
    access_token_url="/oauth/access_token",
)


def session_on(name: str, *extra: Profile) -> ProfileSession:
    session = ProfileSession(
        [*bundled_profiles(), *extra],
        MemorySecretStore(),
        "http://127.0.0.1:8",
        date(2020, 1, 5),
    )
    session.select(name)
    session.removal_day(TODAY)
    return session


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("https://www.khanacademy.org", True),
        ("https://khanacademy.org", True),
        ("https://WWW.KhanAcademy.org/", True),
        ("https://notkhanacademy.org", False),
        ("http://127.0.0.1:9", False),
        ("http://[::1", False),
    ],
)
def test_khan_profile_by_host(base_url, expected):
    profile = dataclasses.replace(NO_KEY, base_url=base_url)
    assert is_khan_profile(profile) is expected


def test_replica_profile_is_khan():
    replica = next(p for p in bundled_profiles() if p.name == REPLICA_PROFILE)
    assert is_khan_profile(replica)


def test_live_profile_on_proxy_is_khan():
    live = next(p for p in bundled_profiles() if p.name == LIVE_PROFILE)
    assert is_khan_profile(live.with_base_url("http://127.0.0.1:9"))


def test_foreign_removal_day_not_khan():
    assert session_on(NO_KEY.name, NO_KEY).removal_day(TODAY).khan_server is False
    assert session_on(LIVE_PROFILE).removal_day(TODAY).khan_server is True
    replica_day = session_on(REPLICA_PROFILE).removal_day(TODAY)
    assert replica_day.from_replica


def test_live_removed_endpoint_noted():
    note = session_on(LIVE_PROFILE).unsigned_note(LIVE_USER_URL)
    assert (
        "Note: Khan Academy removed GET /api/v1/user on 2020-01-06, and the live "
        "site has answered 404 there since then."
    ) in note
    assert "The request was sent anyway, as asked." in note


def test_live_unsigned_login_noted():
    note = session_on(LIVE_PROFILE).unsigned_note(LIVE_USER_URL)
    assert note.startswith(
        "Sent unsigned: GET /api/v1/user needs sign-in, and profile "
        f"{LIVE_PROFILE!r} has no consumer key."
    )
    assert "under Keys… (Ctrl+K)" in note


def test_live_note_before_removal_date():
    session = session_on(LIVE_PROFILE)
    session.removal_day(date(2019, 12, 1))
    note = session.unsigned_note(LIVE_USER_URL)
    assert "removed" not in note
    assert "Sent unsigned" in note


def test_live_with_key_notes_removal_only():
    live = next(p for p in bundled_profiles() if p.name == LIVE_PROFILE)
    keyed = dataclasses.replace(live, consumer_key="my-live-key")
    session = session_on(LIVE_PROFILE, keyed)
    note = session.unsigned_note("https://www.khanacademy.org/api/v1/topictree")
    assert note.startswith("Note: Khan Academy removed GET /api/v1/topictree on")
    assert "Sent unsigned" not in note
    assert session.unsigned_note("https://www.khanacademy.org/about") == ""


def test_foreign_profile_without_key_noted():
    session = session_on(NO_KEY.name, NO_KEY)
    note = session.unsigned_note("http://127.0.0.1:9/api/v1/user/exercises")
    assert note.startswith("Sent unsigned: GET /api/v1/user/exercises needs sign-in")
    assert "removed" not in note


def test_open_endpoint_without_key_silent():
    session = session_on(NO_KEY.name, NO_KEY)
    assert session.unsigned_note("http://127.0.0.1:9/api/v1/badges") == ""
    assert session.unsigned_note("http://127.0.0.1:9/not/in/catalog") == ""


def test_other_origin_without_key_silent():
    session = session_on(NO_KEY.name, NO_KEY)
    assert session.unsigned_note("http://127.0.0.1:7/api/v1/user") == ""


def test_replica_profile_silent():
    session = session_on(REPLICA_PROFILE)
    assert session.unsigned_note("http://127.0.0.1:8/api/v1/user") == ""


def test_other_origin_still_noted():
    session = session_on(REPLICA_PROFILE)
    note = session.unsigned_note("http://127.0.0.1:7/api/v1/user")
    assert note.startswith("Not signed: http://127.0.0.1:7 is not the profile's")


def test_catalog_paths_share_removal_and_login():
    by_path = defaultdict(set)
    for endpoint in load_catalog().endpoints:
        facts = (endpoint.login_required, endpoint.removal_date())
        by_path[endpoint.url].add(facts)
    mixed = {path: facts for path, facts in by_path.items() if len(facts) > 1}
    assert mixed == {}


def unreachable_send(spec, **_options):
    """Stand in for the network: the live host is off limits to tests, which
    send only to loopback, so every request fails as it would offline."""
    error = ExchangeError(
        "dns", "Could not resolve the host name www.khanacademy.org."
    )
    return Exchange(spec=spec, started_at=time.perf_counter(), error=error)


def test_live_send_shows_removal_note(qtbot, make_window):
    window = make_window(today=TODAY, send_function=unreachable_send).window
    window.request_bar.profile_selected.emit(LIVE_PROFILE)
    window.request_bar.set_url_text("/api/v1/user")

    with qtbot.waitSignal(window.flow.exchange_received, timeout=10_000) as sent:
        window.flow.on_send_requested()

    assert sent.args[0].spec.url == LIVE_USER_URL
    qtbot.waitUntil(lambda: "Could not resolve" in window.status_area.text())
    text = window.status_area.text()
    assert "Khan Academy removed GET /api/v1/user on 2020-01-06" in text
    assert "Sent unsigned" in text


def test_unsigned_login_send_noted(qtbot, make_window, local_server):
    local_server.routes["/api/v1/user"] = (200, "application/json", b'{"a": 1}')
    profile = dataclasses.replace(NO_KEY, base_url=local_server.base_url)
    window = make_window(profiles=[profile]).window
    window.request_bar.set_url_text("/api/v1/user")

    with qtbot.waitSignal(window.response_shown, timeout=10_000):
        window.flow.on_send_requested()

    text = window.status_area.text()
    assert text.startswith("200 OK")
    assert "Sent unsigned: GET /api/v1/user needs sign-in" in text
    assert "Keys…" in text


def test_not_signed_reason_without_key():
    reason = session_on("No key", NO_KEY).not_signed_reason("http://127.0.0.1:9/x")

    assert reason.startswith("Not signed: profile 'No key' has no consumer key")


def test_not_signed_reason_other_server():
    session = session_on(REPLICA_PROFILE)

    assert "is not the profile's server" in session.not_signed_reason(
        "http://127.0.0.1:7/api/v1/badges")
    assert session.not_signed_reason("http://127.0.0.1:8/api/v1/badges") == ""
