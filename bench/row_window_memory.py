"""Peak memory of the window process while it shows the topic tree, vs body size.

A fresh process opens the main window on `ka-explorer serve` and shows a
small response; its resident set size then is "idle". It then sends the
topic tree as the Send button does, waits until the tree is painted, then
shows the Raw tab, which formats the preview of the body in a worker, and
waits until that is done.
The row reports the peak resident set size (VmHWM) above idle, and the size
once the window has settled.
"""

from __future__ import annotations

import gc
import sys

from bench.common import Context, Row, format_megabytes, run_module

ORDER = 12

LIMIT = 4.0


def measure(context: Context) -> list[Row]:
    if context.served_url is None:
        return []
    result = run_module(__name__, context.served_url)
    size = result["size"]
    above = result["peak"] - result["idle"]
    settled = result["settled"] - result["idle"]
    return [Row(
        figure="peak memory above idle of the window process showing the topic tree",
        baseline=f"body size: {format_megabytes(size)}",
        target="≤ 4× body",
        measured=(f"{format_megabytes(above)} peak, {format_megabytes(settled)} "
                  "once shown"),
        ratio=above / size,
        limit=LIMIT,
    )]


def child(base_url: str) -> None:
    from bench import window_process

    parts = window_process.open_window(base_url)
    window_process.show_response(parts, window_process.SMALL_PATH)
    window_process.wait_background_tasks(parts)
    window_process.settle(500)
    gc.collect()
    idle = window_process.resident_bytes()

    exchange, _ = window_process.show_response(parts, window_process.LARGE_PATH)
    window_process.wait_background_tasks(parts)
    pane = parts.window.response_pane
    pane.tabs.setCurrentWidget(pane.raw_tab)
    window_process.wait_background_tasks(parts)
    window_process.settle(500)
    window_process.report({
        "idle": idle,
        "peak": window_process.peak_resident_bytes(),
        "settled": window_process.resident_bytes(),
        "size": exchange.size,
    })
    parts.close()


if __name__ == "__main__":
    child(sys.argv[1])
