"""First paint in the window: last body byte received → first rows painted.

A fresh process opens the main window on `ka-explorer serve`, shows a small
response (so the connection and the first layout of the tree exist), then
sends the topic tree as the Send button does. The figure runs from the
moment the last byte of the body arrived (`Exchange.last_byte_at`,
stamped by the http layer) to `MainWindow.response_shown`, which fires
after the first paint of the new tree rows. It covers what is left of the
parse after the download, the hand-over to the UI thread, the model reset
and the paint. The same process then times `json.loads` of the same bytes.
The row reports the medians of both over a few processes.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time

from bench.common import Context, Row, format_seconds, run_module

ORDER = 10

RUNS = 3
LIMIT = 1.5


def measure(context: Context) -> list[Row]:
    if context.served_url is None:
        return []
    runs = [run_module(__name__, context.served_url) for _ in range(RUNS)]
    paint = statistics.median(run["first_paint"] for run in runs)
    base = statistics.median(run["json_loads"] for run in runs)
    after = statistics.median(run["parse_after_last_byte"] for run in runs)
    return [Row(
        figure=("first paint in the window: last body byte received → first "
                "tree rows painted (topic tree from `ka-explorer serve`)"),
        baseline=f"json.loads of the same bytes, same process: {format_seconds(base)}",
        target="≤ 1.5×",
        measured=(f"{format_seconds(paint)} (of which parsing after the last "
                  f"byte: {format_seconds(after)})"),
        ratio=paint / base,
        limit=LIMIT,
    )]


def child(base_url: str) -> None:
    from bench import window_process

    parts = window_process.open_window(base_url)
    window_process.show_response(parts, window_process.SMALL_PATH)
    window_process.settle(300)
    exchange, shown_at = window_process.show_response(
        parts, window_process.LARGE_PATH)
    parsed_at = exchange.last_byte_at + exchange.timings.parse
    window_process.wait_background_tasks(parts)
    window_process.settle(300)

    gc.collect()
    started = time.perf_counter()
    json.loads(exchange.body)
    json_loads = time.perf_counter() - started
    window_process.report({
        "first_paint": shown_at - exchange.last_byte_at,
        "parse_after_last_byte": parsed_at - exchange.last_byte_at,
        "json_loads": json_loads,
        "size": exchange.size,
    })
    parts.close()


if __name__ == "__main__":
    child(sys.argv[1])
