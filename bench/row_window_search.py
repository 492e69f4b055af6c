"""First search matches through the window's search box, vs 100 ms.

A fresh process shows the topic tree in the main window. For each query
it types the text into the JSON tab's search box and presses Enter, as a
user does. The time runs from the key press to the end of the paint that
follows the first match becoming the view's current row (or, without a
match, to the "No match" text). That covers the search in the worker up to
its first batch of matches, the hand-over of the batch and scrolling the
tree to the first match. The search goes on counting the other matches
after that; the next query starts once it has finished.

"Typical" is the median over queries that occur in the document: a key,
a word of a title, a number and a string from the middle of the document.
Each query runs in ROUNDS rounds over all queries and counts with its
fastest time, because another process may have had the CPU during one.
"Last value" is a string that occurs once, near the end, so the search
has to pass the rest of the document to find it. "No match" has to rule
out every key and value.
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

from bench.common import Context, Row, format_seconds, run_module

ORDER = 16

TARGET = 0.100
TIMEOUT_S = 60.0
ROUNDS = 3
NO_MATCH = "no-such-text-q7x"


def measure(context: Context) -> list[Row]:
    if context.served_url is None:
        return []
    result = run_module(__name__, context.served_url)
    queries = ", ".join(repr(query) for query in result["queries"])
    rows = [
        ("first search match in the window, typical (median of "
         f"{queries})", result["typical"]),
        ("first search match in the window, slowest of the typical queries "
         f"({result['slowest_query']!r})", result["slowest"]),
        ("search match in the window of a value found only at the end "
         f"({result['last_text']!r})", result["last"]),
        ("search in the window with no match (rules out every key and value)",
         result["none"]),
    ]
    return [Row(figure=figure, baseline="100 ms target", target="≤ 100 ms",
                measured=format_seconds(seconds), ratio=seconds / TARGET, limit=1.0)
            for figure, seconds in rows]


def typical_queries(document: Any) -> list[str]:
    middle = document.root
    while middle.child_count:
        middle = middle.child(middle.child_count // 2)
    return ["title", "Topic", middle.value_text[:12] or "a", "1"]


def last_unique_text(document: Any) -> str:
    """Return a string value near the end of the document that occurs once."""
    from ka_explorer.jsontree import search

    last = document.root
    while last.child_count and last.child(last.child_count - 1).child_count:
        last = last.child(last.child_count - 1)
    for index in reversed(range(last.child_count)):
        node = last.child(index)
        if node.kind == "string" and len(node.value_text) >= 6:
            if sum(1 for _ in search(document, node.value_text)) == 1:
                return node.value_text
    raise RuntimeError(f"no unique string value under {last.path}")


class SearchTimer:
    """Types queries into the window's search box and times the first match.

    `JsonTab.on_search_batch`, which selects the first match of the first
    batch and scrolls to it, is wrapped to note when it returns, and so is
    `JsonTab.on_search_finished`, which shows "No match". The time then runs
    to the end of the next paint of the tree, or of the hits label without a
    match.
    """

    def __init__(self, parts: Any) -> None:
        from bench.window_process import PaintWatch

        self.tab = parts.window.response_pane.json_tab
        self.tree_watch = PaintWatch(self.tab.view.viewport())
        self.label_watch = PaintWatch(self.tab.hits_label)
        self.shown_at = 0.0
        self._loop: Any = None
        self._on_search_batch = self.tab.on_search_batch
        self._on_search_finished = self.tab.on_search_finished
        self.tab.on_search_batch = self._record_batch
        self.tab.on_search_finished = self._record_finished

    def _record_batch(self, batch: Any) -> None:
        self._on_search_batch(batch)
        self._record_shown()

    def _record_finished(self, result: Any) -> None:
        self._on_search_finished(result)
        self._record_shown()

    def _record_shown(self) -> None:
        if not self.shown_at:
            self.shown_at = time.perf_counter()
            self._loop.quit()

    def time_query(self, text: str) -> float:
        from PySide6.QtCore import QEventLoop, QModelIndex, Qt, QTimer
        from PySide6.QtTest import QTest

        from bench.window_process import settle

        self.tab.view.setCurrentIndex(QModelIndex())
        self.tab.search_box.setText(text)
        settle(50)
        self.shown_at = 0.0
        # An event loop, not a polling loop: Python code on the UI thread
        # every millisecond would compete with the search for the GIL.
        self._loop = QEventLoop()
        QTimer.singleShot(int(TIMEOUT_S * 1000), self._loop.quit)
        started = time.perf_counter()
        QTest.keyClick(self.tab.search_box, Qt.Key.Key_Return)
        if not self.shown_at:
            self._loop.exec()
        if not self.shown_at:
            raise TimeoutError(f"no search result for {text!r} within "
                               f"{TIMEOUT_S:.0f} s")
        watch = self.label_watch if text == NO_MATCH else self.tree_watch
        if text != NO_MATCH and not self.tab.hits_label.text().startswith("1 "):
            raise RuntimeError(f"search for {text!r} showed "
                               f"{self.tab.hits_label.text()!r}")
        elapsed = watch.run_until_painted_after(self.shown_at) - started
        self.wait_until_finished()
        return elapsed

    def wait_until_finished(self) -> None:
        """Run the event loop until the search has counted every match, so
        that its walk does not run into the next query."""
        from PySide6.QtTest import QTest

        deadline = time.perf_counter() + TIMEOUT_S
        while "searching" in self.tab.hits_label.text():
            QTest.qWait(5)
            if time.perf_counter() > deadline:
                raise TimeoutError(f"search still counting after {TIMEOUT_S:.0f} s")


def child(base_url: str) -> None:
    from bench import window_process

    parts = window_process.open_window(base_url)
    exchange, _ = window_process.show_response(parts, window_process.LARGE_PATH)
    window_process.wait_background_tasks(parts)
    document = exchange.document
    typical = typical_queries(document)
    last_text = last_unique_text(document)
    queries = [*typical, last_text, NO_MATCH]
    timer = SearchTimer(parts)
    times = {query: float("inf") for query in queries}
    for _ in range(ROUNDS):
        for query in queries:
            times[query] = min(times[query], timer.time_query(query))
    slowest = max(typical, key=times.__getitem__)
    window_process.report({
        "queries": typical,
        "typical": statistics.median(times[query] for query in typical),
        "slowest": times[slowest],
        "slowest_query": slowest,
        "last": times[last_text],
        "last_text": last_text,
        "none": times[NO_MATCH],
    })
    parts.close()


if __name__ == "__main__":
    child(sys.argv[1])
