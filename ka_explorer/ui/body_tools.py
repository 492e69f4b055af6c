"""Slots for the body of the shown response: Raw formatting and search.

Mixed into RequestFlow. Both run in workers; a newer response or search
cancels the task of the older one, so its work stops instead of piling up.
"""

from __future__ import annotations

from typing import Any

from ka_explorer.ui.json_search import search_document
from ka_explorer.ui.messages import describe_error
from ka_explorer.ui.pretty import FormattingCancelled
from ka_explorer.ui.raw_tab import PREVIEW_BYTES, render_body


class BodyTools:
    """Expects `self.window`, `self.exchange`, `self._raw_task` and
    `self._search_task`, which RequestFlow sets.
    """

    window: Any
    exchange: Any
    _raw_task: Any
    _search_task: Any

    # Raw tab

    def render_raw(self, exchange, limited: bool) -> None:
        """Format the body for the Raw tab in a worker; the first 512 KB if limited."""
        if self._raw_task is not None:
            self._raw_task.cancel()
        body = exchange.body or b""
        limit = PREVIEW_BYTES if limited else None
        shown = len(body) if limit is None else min(limit, len(body))
        self.window.response_pane.raw_tab.on_rendering(len(body))
        self._raw_task = self.window.runner.start(
            "format raw body",
            lambda report, cancel: render_body(body, limit, cancel),
            lambda raw: self._on_raw_rendered(exchange, raw, shown),
            self._on_raw_failed,
        )

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
        if self.exchange is not None:
            self.render_raw(self.exchange, limited=False)

    # Search

    def on_search_requested(self, text: str) -> None:
        document = self.window.json_model.document
        if document is None:
            return
        if self._search_task is not None:
            self._search_task.cancel()
        self._search_task = self.window.runner.start(
            "search",
            lambda report, cancel: search_document(document, text, cancel),
            self._on_search_finished,
            self._on_background_failed,
        )

    def _on_search_finished(self, result) -> None:
        self._search_task = None
        if not result.cancelled:
            self.window.response_pane.json_tab.on_search_finished(result)

    def _on_background_failed(self, error: BaseException) -> None:
        self.window.show_message(describe_error(error), "error")
