"""A small request through the window vs plain requests + json.loads.

One process opens the main window on `ka-explorer serve` and alternates,
on the UI thread, between the two sides for ROUNDS rounds on
/api/v1/badges/categories:

- plain: `json.loads(session.get(url).content)` on a kept-alive
  `requests.Session`, timed around that line;
- window: from the call of `RequestFlow.send` (what the Send button and
  Enter call) until `MainWindow.response_shown`, which fires after the
  JSON tree has painted the new rows. That covers building and signing
  the request, the worker thread, `http.send` (which also times the
  phases and parses), the hand-over to the UI thread, the status line,
  history, headers, the tree model reset and the paint of the window.

The first row reports that. The second row, context only, stops at
`RequestFlow.exchange_received`, when the exchange reaches the UI thread
and before anything is shown. The first rounds are left out as warm-up.
"""

from __future__ import annotations

import statistics
import sys

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
    return [
        Row(figure=f"small request through the window ({PATH}): Send → "
                   "response painted",
            baseline=f"requests + json.loads: {format_seconds(base)}",
            target="≤ 1.2×",
            measured=format_seconds(result["shown"]),
            ratio=result["shown"] / base, limit=LIMIT),
        Row(figure="small request as above, Send → exchange handed to the UI "
                   "thread (nothing shown yet)",
            baseline=f"requests + json.loads: {format_seconds(base)}",
            target="context only",
            measured=format_seconds(result["received"]),
            ratio=result["received"] / base, limit=float("inf")),
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
    plain, shown, received = [], [], []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        json.loads(session.get(url, timeout=30).content)
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


if __name__ == "__main__":
    child(sys.argv[1])
