"""A small request through the window vs plain requests + json.loads.

One process opens the main window on `ka-explorer serve` and alternates,
on the UI thread, between the two sides for ROUNDS rounds on
/api/v1/badges/categories:

- plain: `json.loads(session.get(url, auth=auth).content)` on a kept-alive
  `requests.Session`, timed around that line. `auth` is requests-oauthlib's
  `OAuth1` with the replica profile's consumer key and secret, because the
  window signs its requests with them, and the replica checks the
  signature of a signed request (about 1.3 ms of its time here);
- window: from the call of `RequestFlow.send` (what the Send button and
  Enter call) until `RequestFlow.exchange_received`, when the parsed
  exchange reaches the UI thread. That covers building and signing the
  request, the worker thread, `http.send` (which also times the phases and
  parses) and the hand-over to the UI thread.

The first row reports that. The second row, context only, goes on until
`MainWindow.response_shown`, which fires after the JSON tree has painted
the new rows: the status line, history, headers, the tree model reset and
the paint of the window. The first rounds are left out as warm-up.
"""

from __future__ import annotations

import statistics
import sys
from typing import Any

from bench.common import Context, Row, format_seconds, run_module

ORDER = 15

ROUNDS = 100
WARM_UP = 10
LIMIT = 1.2
PATH = "/api/v1/badges/categories"


def measure(context: Context) -> list[Row]:
    if context.served_url is None:
        return []
    result = run_module(__name__, context.served_url)
    base = result["plain"]
    baseline = f"requests + OAuth1 + json.loads: {format_seconds(base)}"
    return [
        Row(figure=f"small request through the window ({PATH}): Send → parsed "
                   "exchange on the UI thread",
            baseline=baseline,
            target="≤ 1.2×",
            measured=format_seconds(result["received"]),
            ratio=result["received"] / base, limit=LIMIT),
        Row(figure="small request as above, Send → response painted",
            baseline=baseline,
            target="context only",
            measured=format_seconds(result["shown"]),
            ratio=result["shown"] / base, limit=float("inf")),
    ]


def child(base_url: str) -> None:
    import json
    import time

    import requests

    from bench import window_process

    parts = window_process.open_window(base_url)
    window, url = parts.window, base_url + PATH
    received_at: list[float] = []
    window.flow.exchange_received.connect(
        lambda _exchange: received_at.append(time.perf_counter()))
    session = requests.Session()
    auth = _same_signature(parts, url)
    plain, shown, received = [], [], []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        json.loads(session.get(url, auth=auth, timeout=30).content)
        plain.append(time.perf_counter() - started)

        started = time.perf_counter()
        shown_at, _ = window_process.wait_for(
            window.response_shown, lambda: window.flow.send("GET", PATH))
        shown.append(shown_at - started)
        received.append(received_at[-1] - started)
        window_process.wait_background_tasks(parts)
    session.close()
    window_process.report({
        "plain": statistics.median(plain[WARM_UP:]),
        "shown": statistics.median(shown[WARM_UP:]),
        "received": statistics.median(received[WARM_UP:]),
    })
    parts.close()


def _same_signature(parts: Any, url: str) -> Any:
    """Return requests-oauthlib auth that signs as the window does, or None."""
    from requests_oauthlib import OAuth1

    session = parts.session
    credentials = session.credentials() if session.signs(url) else None
    if credentials is None:
        return None
    return OAuth1(credentials.consumer_key, credentials.consumer_secret)


if __name__ == "__main__":
    child(sys.argv[1])
