"""The request flow from Send to a shown response, with the window's slots.

The flow keeps the state of the request in progress (the task, the request
waiting for sign-in, the last exchange) and talks to the widgets only through
their public methods.
"""

from __future__ import annotations

import logging
import time
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal

from ka_explorer.errors import KaExplorerError
from ka_explorer.ui import url_sync
from ka_explorer.ui.badges import removal_badge
from ka_explorer.ui.json_search import search_document
from ka_explorer.ui.messages import describe_error
from ka_explorer.ui.outcome import body_kind_notice, describe_exchange
from ka_explorer.ui.raw_tab import PREVIEW_BYTES, render_body
from ka_explorer.ui.request_builder import build_spec
from ka_explorer.ui.table_models import HistoryEntry
from ka_explorer.ui.window_tools import WindowTools

log = logging.getLogger(__name__)

REQUEST_TIMEOUT = 30.0
PROGRESS_INTERVAL_S = 0.05


class RequestFlow(QObject, WindowTools):
    """Slots for the request bar, the form, sign-in, copy and save actions.

    `exchange_received` fires on the UI thread as soon as an exchange comes
    back from its worker, before the window shows it.
    """

    exchange_received = Signal(object)

    def __init__(self, window, send_function, today: date) -> None:
        super().__init__(window)
        self.window = window
        self._send = send_function
        self.today = today
        self.endpoint = None
        self.pending = None  # (method, url text) waiting for sign-in
        self.task = None
        self.spec = None
        self.exchange = None
        self.sent_endpoint = None
        self._search_task = None
        self._notices_shown = False
        self._startup_notices: list[tuple[str, str]] = []
        self._serial = 0

    # The request bar and the form

    def on_endpoint_activated(self, endpoint) -> None:
        bar, form = self.window.request_bar, self.window.param_form
        self.endpoint = endpoint
        values = url_sync.example_values(endpoint)
        required = {a.name for a in endpoint.arguments if a.required or a.part_of_url}
        values = {k: v for k, v in values.items() if k in required}
        bar.set_method(endpoint.http_method)
        form.on_endpoint_changed(endpoint, values)
        bar.set_url_text(url_sync.compose_url(endpoint, form.values()))
        self.show_removal_badge()

    def on_url_edited(self, text: str) -> None:
        parsed = url_sync.parse_url(
            text, self.window.catalog, self.window.request_bar.method()
        )
        if parsed.endpoint is not self.endpoint:
            self.endpoint = parsed.endpoint
            self.window.param_form.on_endpoint_changed(parsed.endpoint, {})
            self.window.endpoint_panel.select_endpoint(parsed.endpoint)
            self.show_removal_badge()
        self.window.param_form.set_values(url_sync.form_values(parsed))

    def removal_day(self):
        """Return the day removals count against for the current profile."""
        return self.window.session.removal_day(self.today)

    def show_removal_badge(self) -> None:
        """Show the current endpoint's removal badge as of the profile's day."""
        endpoint = self.endpoint
        badge = removal_badge(endpoint, self.removal_day()) if endpoint else None
        self.window.response_pane.set_removal_badge(badge)

    def on_method_changed(self, _method: str) -> None:
        self.on_url_edited(self.window.request_bar.url_text())

    def on_form_values_changed(self, values: dict) -> None:
        if self.endpoint is None:
            return
        bar = self.window.request_bar
        origin = url_sync.parse_url(bar.url_text(), None, bar.method()).origin
        extra = self._extra_query(values)
        bar.set_url_text(
            url_sync.compose_url(self.endpoint, {**values, **extra}, origin)
        )

    def _extra_query(self, values: dict) -> dict:
        bar = self.window.request_bar
        parsed = url_sync.parse_url(bar.url_text(), None, bar.method())
        return {k: v for k, v in parsed.query if k not in values}

    # Sending

    def on_send_requested(self) -> None:
        bar = self.window.request_bar
        self.send(bar.method(), bar.url_text())

    def send(self, method: str, text: str) -> None:
        """Send `text`, or start sign-in first when the endpoint needs it."""
        self.window.state.remember(text if method == "GET" else f"{method} {text}")
        try:
            spec = build_spec(method, text, self.window.session.base_url())
        except KaExplorerError as error:
            self._record(method, text, "invalid request", ok=False)
            self.window.show_message(describe_error(error), "error")
            return
        endpoint = self._endpoint_for(method, text)
        if self._needs_sign_in(endpoint):
            self._record(method, text, "waiting for sign-in", ok=False)
            self.pending = (method, text)
            self.window.response_pane.clear_summary()
            self.window.show_message(
                f"{endpoint.url} needs sign-in; the sign-in page opens…", "info"
            )
            self.window.signin.start()
            return
        self._start(spec, endpoint, method, text)

    def _start(self, spec, endpoint, method: str, text: str) -> None:
        self._cancel_task()
        try:
            credentials = self.window.session.credentials()
        except Exception as error:  # noqa: BLE001 - keyring and key file errors
            self._record(method, text, "credentials", ok=False)
            self.window.show_message(describe_error(error), "error")
            return
        self.spec, self.sent_endpoint = spec, endpoint
        self._record(method, text, "sending…", ok=True)
        send = self._send

        def run(report, cancel):
            progress = _Throttle(report)
            return send(
                spec,
                credentials=credentials,
                progress=progress,
                cancel=cancel,
                timeout=REQUEST_TIMEOUT,
            )

        self.window.request_bar.set_busy(True)
        self.window.response_pane.on_request_started(f"{method} {text}")
        self._serial += 1
        serial = self._serial
        self.task = self.window.runner.start(
            "send",
            run,
            lambda exchange: self._on_exchange_received(exchange, serial),
            lambda error: self._on_send_failed(error, serial),
            self._on_send_progress,
        )

    def _on_send_progress(self, values) -> None:
        received, total = _progress_numbers(values)
        self.window.response_pane.on_progress(received, total)

    def _on_send_failed(self, error: BaseException, serial: int) -> None:
        if serial != self._serial:
            return  # a newer request replaced this one
        self.task = None
        self.window.request_bar.set_busy(False)
        self.window.response_pane.on_request_finished()
        message = describe_error(error)
        self._update_history("failed", ok=False)
        self.window.show_message(message, "error")

    def _on_exchange_received(self, exchange, serial: int) -> None:
        if serial != self._serial:
            return  # a newer request replaced this one
        self.task = None
        self.exchange = exchange
        self.exchange_received.emit(exchange)
        window = self.window
        window.request_bar.set_busy(False)
        outcome = describe_exchange(
            exchange, self.sent_endpoint, self.removal_day(), window.session.signed_in()
        )
        rejected = self._forget_rejected_token(exchange)
        self._update_history(outcome.short, outcome.ok)
        window.show_message(rejected or outcome.text, outcome.level)
        self._show_exchange(exchange)

    def _show_exchange(self, exchange) -> None:
        pane, endpoint = self.window.response_pane, self.sent_endpoint
        pane.show_exchange(exchange)
        retired = endpoint.retired_fields if endpoint is not None else ()
        retired_on = getattr(self.window.catalog, "retired_fields_date", None)
        self.window.json_model.set_document(exchange.document, retired, retired_on)
        pane.json_tab.on_document_shown(body_kind_notice(exchange))
        pane.show_body_tab(exchange.document is not None, bool(exchange.body))
        self._render_raw(exchange, PREVIEW_BYTES)

    def on_rows_painted(self) -> None:
        """Tell listeners (screenshot mode, benchmarks) that the response shows."""
        if self.exchange is not None:
            self.window.response_shown.emit(self.exchange)

    def _render_raw(self, exchange, limit: int | None) -> None:
        body = exchange.body or b""
        shown = len(body) if limit is None else min(limit, len(body))
        self.window.response_pane.raw_tab.on_rendering(len(body))
        self.window.runner.start(
            "format raw body",
            lambda report, cancel: render_body(body, limit),
            lambda text: self._on_raw_rendered(exchange, text, shown),
            self._on_background_failed,
        )

    def _on_raw_rendered(self, exchange, text: str, shown: int) -> None:
        if exchange is self.exchange:
            self.window.response_pane.raw_tab.on_text_ready(
                text, shown, len(exchange.body)
            )

    def on_raw_load_all_requested(self) -> None:
        if self.exchange is not None:
            self._render_raw(self.exchange, None)

    def on_cancel_requested(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.window.show_message("Cancelling the request…", "warning")
        elif self.window.signin.active():
            self.window.signin.cancel()

    def _cancel_task(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None

    # History

    def _record(self, method: str, text: str, outcome: str, ok: bool) -> None:
        entry = HistoryEntry(datetime.now(), method, text, outcome, ok)
        self.window.history_model.add(entry)

    def _update_history(self, outcome: str, ok: bool) -> None:
        model = self.window.history_model
        latest = model.entry_at(0)
        if latest is not None:
            model.update_latest(
                HistoryEntry(latest.when, latest.method, latest.url, outcome, ok)
            )

    def on_history_activated(self, row: int) -> None:
        entry = self.window.history_model.entry_at(row)
        if entry is not None:
            self.window.request_bar.set_method(entry.method)
            self.window.request_bar.set_url_text(entry.url)
            self.on_url_edited(entry.url)

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

    def shut_down(self) -> None:
        """Stop every task and wait for the pool, before the window goes away."""
        self.window.runner.cancel_all()
        self.window.runner.wait_idle()

    def _endpoint_for(self, method: str, text: str):
        return url_sync.parse_url(text, self.window.catalog, method).endpoint

    def _needs_sign_in(self, endpoint) -> bool:
        session = self.window.session
        return bool(
            endpoint is not None
            and endpoint.login_required
            and not session.signed_in()
            and session.can_sign_in()
        )


class _Throttle:
    """Passes download progress on at most every PROGRESS_INTERVAL_S seconds."""

    def __init__(self, report) -> None:
        self._report = report
        self._last = 0.0

    def __call__(self, received: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL_S or received == total:
            self._last = now
            self._report((received, total))


def _progress_numbers(values) -> tuple[int, int | None]:
    received, total = values
    return int(received), (int(total) if total else None)
