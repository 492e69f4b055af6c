"""The longest UI-thread stall while the window downloads and shows the topic tree.

A fresh process opens the main window and shows a small response. A
QTimer on the UI thread then ticks every 5 ms while the window downloads
the topic tree, parses it and paints the tree, and for half a second
after. The JSON tab stays in front, so the Raw tab does not format the
body (it does that when it is first shown). The figure is the longest gap between two
ticks, against 50 ms. Each row is the median of RUNS processes, because
one stall of another process on the shared machine shows up as a gap.

The first row reads from `ka-explorer serve` in another process, as the
window's own replica runs (`make run` starts it as a child process), so
only the window's threads compete for the UI thread. The second row, for
context, starts the replica with `start_replica` inside the window
process, whose server threads then compete too.
"""

from __future__ import annotations

import sys

from bench.common import Context, Row, format_seconds, run_module

ORDER = 13

LIMIT = 0.050
HEARTBEAT_MS = 5
RUNS = 3
IN_PROCESS = "in-process"


def measure(context: Context) -> list[Row]:
    if context.served_url is None:
        return []
    served = _median_run(context.served_url)
    in_process = _median_run(IN_PROCESS)
    return [
        _row("UI-thread stall while the window downloads, parses and shows the "
             "topic tree from `ka-explorer serve` (longest gap of a "
             f"{HEARTBEAT_MS} ms timer, median of {RUNS} runs)",
             served, LIMIT),
        _row("UI-thread stall as above, replica started inside the window "
             "process", in_process, float("inf")),
    ]


def _median_run(source: str) -> dict[str, float]:
    """Return the run with the median longest gap of RUNS fresh processes."""
    runs = sorted((run_module(__name__, source) for _ in range(RUNS)),
                  key=lambda run: run["longest"])
    return runs[len(runs) // 2]


def _row(figure: str, result: dict[str, float], limit: float) -> Row:
    return Row(
        figure=figure,
        baseline="50 ms",
        target="≤ 50 ms" if limit != float("inf") else "context only",
        measured=(f"{format_seconds(result['longest'])} over "
                  f"{format_seconds(result['duration'])}"),
        ratio=result["longest"] / LIMIT,
        limit=limit / LIMIT,
    )


def child(source: str) -> None:
    import time

    from bench import window_process

    replica = None
    if source == IN_PROCESS:
        from ka_explorer.replica import start_replica

        replica = start_replica()
        source = replica.base_url
    parts = window_process.open_window(source)
    if replica is not None:
        # The replica builds the tree on the first request. A user pays that
        # once, and it is not the window's work.
        window_process.show_response(parts, window_process.LARGE_PATH)
    window_process.show_response(parts, window_process.SMALL_PATH)
    window_process.wait_background_tasks(parts)
    window_process.settle(300)

    heartbeat = window_process.Heartbeat(HEARTBEAT_MS)
    started = time.perf_counter()
    heartbeat.start()
    window_process.show_response(parts, window_process.LARGE_PATH)
    window_process.wait_background_tasks(parts)
    window_process.settle(500)
    heartbeat.stop()
    window_process.report({"longest": heartbeat.longest,
                           "duration": time.perf_counter() - started})
    parts.close()
    if replica is not None:
        replica.stop()


if __name__ == "__main__":
    child(sys.argv[1])
