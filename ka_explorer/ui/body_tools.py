"""Slots for the body of the shown response: Raw formatting and search.

Mixed into RequestFlow. Both run in workers; a newer response or search
cancels the task of the older one, so its work stops instead of piling up.
A search reports its matches in batches as it finds them.
"""

from __future__ import annotations

import threading
from typing import Any

from ka_explorer.ui.json_search import stream_search
from ka_explorer.ui.messages import describe_error
from ka_explorer.ui.pretty import FormattingCancelled
from ka_explorer.ui.raw_render import PREVIEW_BYTES, render_all, render_body


class BodyTools:
    """Expects `self.window`, `self.exchange`, `self._raw_task`,
    `self._search_task` and `self._search_shown`, which RequestFlow sets.
    """

    window: Any
    exchange: Any
    _raw_task: Any
    _search_task: Any
    _search_shown: threading.Event | None

    # Raw tab

    def render_raw(self, exchange) -> None:
        """Format the first PREVIEW_BYTES of the body for the Raw tab in a worker."""
        self.cancel_raw_rendering()
        body = exchange.body or b""
        limit = PREVIEW_BYTES
        shown = min(limit, len(body))
        self.window.response_pane.raw_tab.on_rendering(len(body))
        self._raw_task = self.window.runner.start(
            "format raw body",
            lambda report, cancel: render_body(body, limit, cancel),
            lambda raw: self._on_raw_rendered(exchange, raw, shown),
            self._on_raw_failed,
        )

    def cancel_raw_rendering(self) -> None:
        if self._raw_task is not None:
            self._raw_task.cancel()
            self._raw_task = None

    def on_raw_render_requested(self) -> None:
        """Format the shown body's preview once the Raw tab first shows it."""
        if self.exchange is not None:
            self.render_raw(self.exchange)

    def _on_raw_rendered(self, exchange, raw, shown: int) -> None:
        if exchange is self.exchange:
            self._raw_task = None
            self.window.response_pane.raw_tab.on_text_ready(
                raw, shown, len(exchange.body)
            )

    def _on_raw_failed(self, error: BaseException) -> None:
        if not isinstance(error, FormattingCancelled):
            self._on_background_failed(error)

    def on_raw_load_all_requested(self) -> None:
        """Format the body for Show all in a worker, with progress and Cancel.

        The preview stays on show until the text is ready.
        """
        if self.exchange is None:
            return
        self.cancel_raw_rendering()
        exchange = self.exchange
        body = exchange.body or b""
        raw_tab = self.window.response_pane.raw_tab
        self._connect_raw_cancel(raw_tab)
        raw_tab.on_loading_all(len(body))
        self._raw_task = self.window.runner.start(
            "format raw body",
            lambda report, cancel: render_all(body, cancel, report),
            lambda raw: self._on_all_rendered(exchange, raw),
            self._on_load_all_failed,
            raw_tab.on_load_progress,
        )

    def _connect_raw_cancel(self, raw_tab) -> None:
        # Connected here, at the first Show all, because the window connects
        # only the Raw tab's other signals.
        if not getattr(self, "_raw_cancel_connected", False):
            raw_tab.load_cancel_requested.connect(self.on_raw_load_cancel_requested)
            self._raw_cancel_connected = True

    def on_raw_load_cancel_requested(self) -> None:
        self.cancel_raw_rendering()
        self.window.response_pane.raw_tab.on_load_cancelled()

    def _on_all_rendered(self, exchange, raw) -> None:
        if exchange is self.exchange:
            self._raw_task = None
            self.window.response_pane.raw_tab.on_all_ready(raw, len(exchange.body))

    def _on_load_all_failed(self, error: BaseException) -> None:
        if not isinstance(error, FormattingCancelled):
            self.window.response_pane.raw_tab.on_load_failed()
            self._on_background_failed(error)

    # Search

    def on_search_requested(self, text: str) -> None:
        document = self.window.json_model.document
        if document is None:
            return
        self._cancel_search()
        first_shown = threading.Event()
        self._search_shown = first_shown
        task = self.window.runner.start(
            "search",
            lambda report, cancel: stream_search(
                document, text, report, cancel, first_shown
            ),
            lambda result: self._on_search_finished(task, result),
            self._on_background_failed,
            lambda batch: self._on_search_batch(task, batch),
        )
        self._search_task = task

    def _on_search_batch(self, task, batch) -> None:
        if task is self._search_task:
            self.window.response_pane.json_tab.on_search_batch(batch)

    def on_first_match_shown(self) -> None:
        """Let the search walk on once the window has painted its first match."""
        if self._search_shown is not None:
            self._search_shown.set()

    def _on_search_finished(self, task, result) -> None:
        if task is not self._search_task:
            return
        self._search_task = None
        if not result.cancelled:
            self.window.response_pane.json_tab.on_search_finished(result)

    def _cancel_search(self) -> None:
        """Stop the running search: its matches belong to an older query or document."""
        if self._search_task is not None:
            self._search_task.cancel()
            self._search_task = None
        if self._search_shown is not None:
            self._search_shown.set()

    def _on_background_failed(self, error: BaseException) -> None:
        self.window.show_message(describe_error(error), "error")
