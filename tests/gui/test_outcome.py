"""The status-area message for real exchanges with the replica."""

from __future__ import annotations

from datetime import date

import pytest

from ka_explorer.catalog import load_catalog
from ka_explorer.http import RequestSpec, send
from ka_explorer.oauth1 import Credentials
from ka_explorer.replica import DEMO
from ka_explorer.ui.outcome import RequestContext, describe_exchange, timeout_text
from ka_explorer.ui.session import RemovalDay
from tests.replica_signin import access_token, authorize

DAY = RemovalDay(date(2020, 1, 5), from_replica=True)


def _user_exchange(replica, token=None, secret=None):
    credentials = Credentials(DEMO.consumer_key, DEMO.consumer_secret, token, secret)
    spec = RequestSpec("GET", f"{replica.base_url}/api/v1/user")
    return send(spec, credentials=credentials, timeout=10)


def _user_endpoint():
    return load_catalog().find("GET", "/api/v1/user")


def test_401_without_token_mentions_sign_in(replica):
    exchange = _user_exchange(replica)
    context = RequestContext(_user_endpoint(), signed=True)

    outcome = describe_exchange(exchange, context, DAY)

    assert exchange.status == 401
    assert "This endpoint needs sign-in: choose Request > Sign in." in outcome.text
    assert "Likely cause:" in outcome.text


def test_401_with_token_no_sign_in_advice(replica):
    token, secret = access_token(
        authorize(replica.base_url, DEMO.username, DEMO.password)
    )
    assert replica.revoke_access_token(token)
    exchange = _user_exchange(replica, token, secret)
    context = RequestContext(_user_endpoint(), signed=True)

    outcome = describe_exchange(exchange, context, DAY)

    assert exchange.status == 401
    assert "needs sign-in" not in outcome.text
    assert "Likely cause: The server rejected the token; sign in again." in outcome.text


def test_timeout_text_names_setting():
    message = (
        "The server at h:1 did not answer after 3 s. Try again, or raise the timeout."
    )

    text = timeout_text(message, 3.0)

    assert text == (
        "The server at h:1 did not answer after 3 s. Try again, or raise the "
        "timeout in the Timeout box at the top right (now 3 s)."
    )


def test_unsigned_401_gives_keys_advice_once(replica):
    spec = RequestSpec("GET", f"{replica.base_url}/api/v1/user")
    exchange = send(spec, timeout=10)
    note = (
        "Sent unsigned: GET /api/v1/user needs sign-in, and profile 'p' has no "
        "consumer key. Set the consumer key and secret under Keys… (Ctrl+K)."
    )
    context = RequestContext(_user_endpoint(), signed=False, unsigned_note=note)

    outcome = describe_exchange(exchange, context, DAY)

    assert exchange.status == 401
    assert outcome.text.count("Keys…") == 1
    assert "add a profile with its base URL" not in outcome.text


def test_removed_404_names_date_once(replica):
    spec = RequestSpec("GET", f"{replica.base_url}/api/v1/no-such-route")
    exchange = send(spec, timeout=10)
    badges = load_catalog().find("GET", "/api/v1/badges")
    note = (
        "Note: Khan Academy removed GET /api/v1/badges on 2020-01-06, and the "
        "live site has answered 404 there since then. The request was sent "
        "anyway, as asked."
    )
    context = RequestContext(badges, signed=True, unsigned_note=note)
    live_day = RemovalDay(date(2021, 1, 1), from_replica=False)

    outcome = describe_exchange(exchange, context, live_day)

    assert exchange.status == 404
    assert outcome.text.count("2020-01-06") == 1


@pytest.mark.parametrize(
    ("body", "shape"),
    [
        (b'{"a": 1}', "JSON, 1 key"),
        (b'{"a": 1, "b": 2}', "JSON, 2 keys"),
        (b"[1]", "JSON, 1 item"),
        (b"[]", "JSON, 0 items"),
    ],
)
def test_success_message_counts_in_singular(local_server, body, shape):
    local_server.routes["/counted"] = (200, "application/json", body)
    spec = RequestSpec("GET", f"{local_server.base_url}/counted")
    exchange = send(spec, timeout=10)

    outcome = describe_exchange(exchange, RequestContext(), DAY)

    assert outcome.text == f"200 OK: {len(body)} B of {shape}."
