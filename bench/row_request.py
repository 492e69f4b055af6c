"""A small request through `http.send` vs plain requests + json.loads.

Both sides use a kept-alive session against the same replica endpoint and
alternate, so server warm-up and noise fall on both. The row compares the
medians. `http.send` also times the phases, masks the request for display
and builds the document index.
"""

from __future__ import annotations

import json
import statistics
import time

import requests

from bench.common import Context, Row, format_seconds
from ka_explorer.http import Client, RequestSpec, send

ORDER = 25

ROUNDS = 300
PATH = "/api/v1/badges/categories"


def measure(context: Context) -> list[Row]:
    if context.base_url is None:
        return []
    url = context.base_url + PATH
    session, client = requests.Session(), Client()
    plain, ours = [], []
    try:
        for _ in range(ROUNDS):
            plain.append(_timed(lambda: _plain(session, url)))
            ours.append(_timed(lambda: _send(client, url)))
    finally:
        session.close()
        client.close()
    base, mine = statistics.median(plain[10:]), statistics.median(ours[10:])
    return [Row(
        figure=f"core only: small request ({PATH}) through http.send",
        baseline=f"requests + json.loads: {format_seconds(base)}",
        target="≤ 1.2×",
        measured=format_seconds(mine),
        ratio=mine / base,
        limit=1.2,
    )]


def _plain(session: requests.Session, url: str) -> None:
    json.loads(session.get(url, timeout=30).content)


def _send(client: Client, url: str) -> None:
    exchange = send(RequestSpec(url=url), client=client)
    if exchange.error is not None:
        raise RuntimeError(exchange.error.message)


def _timed(function: object) -> float:
    started = time.perf_counter()
    function()  # type: ignore[operator]
    return time.perf_counter() - started
