"""The request flow from Send to a shown response, with the window's slots.

The flow keeps the state of the request in progress (the task, the request
waiting for sign-in, the last exchange) and talks to the widgets only through
their public methods.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal

from ka_explorer.errors import KaExplorerError
from ka_explorer.ui import url_sync
from ka_explorer.ui.body_tools import BodyTools
from ka_explorer.ui.history_flow import HistoryTools
from ka_explorer.ui.memory import LARGE_BODY_BYTES, release_free_memory
from ka_explorer.ui.messages import describe_error
from ka_explorer.ui.outcome import (
    RequestContext,
    body_kind_notice,
    describe_exchange,
    replica_stopped_text,
)
from ka_explorer.ui.replica_tools import ReplicaTools
from ka_explorer.ui.request_builder import MissingPathValues, build_spec
from ka_explorer.ui.send_progress import Throttle, progress_numbers
from ka_explorer.ui.signin_flow import REPLACED, SignInTools, replaced_message
from ka_explorer.ui.url_form_flow import UrlFormTools
from ka_explorer.ui.window_tools import WindowTools

log = logging.getLogger(__name__)

BUSY_DELAY_MS = 100
# Failures that a replica process which has ended causes.
REPLICA_GONE_KINDS = ("connection_refused", "connection", "incomplete")


class RequestFlow(
    QObject,
    UrlFormTools,
    WindowTools,
    SignInTools,
    BodyTools,
    ReplicaTools,
    HistoryTools,
):
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
        self._row_id = 0  # the History row of the running task
        self.task_request: tuple[str, str] | None = None  # its (method, URL text)
        self.spec = None
        self.exchange = None
        self.context = RequestContext()
        self._search_task = None
        self._search_shown = None  # set once the first match is painted
        self._raw_task = None
        self._method_by_hand: tuple[str, str] | None = None  # (path, method)
        # The method of the last endpoint picked or of a pick by hand: typed
        # paths keep it wherever the catalog has it for the path.
        self._preferred_method = ""
        # True while the method comes from the catalog rather than from the user,
        # so a URL that matches no catalog path sets it back to GET.
        self._method_from_catalog = False
        self._shown_endpoint = None  # the endpoint of the response on show
        self.replica_starting = False
        self.waiting_for_replica = None  # (method, url text) to send once it listens
        self._notices_shown = False
        self._startup_notices: list[tuple[str, str]] = []
        self._serial = 0
        self._busy_label = ""
        self._throttle = Throttle()
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._show_busy)
        self.load_history()

    # Sending

    def on_send_requested(self) -> None:
        bar = self.window.request_bar
        self.send(bar.method(), bar.url_text())

    def send(self, method: str, text: str) -> None:
        """Send `text`, or start sign-in first when the endpoint needs it.

        The URL history and the completion popup are updated after the
        request has started, so that this work overlaps with the server's.
        """
        try:
            self._send_or_wait(method, text)
        finally:
            self.window.state.remember(text if method == "GET" else f"{method} {text}")
            self.window.request_bar.close_completions()

    def _send_or_wait(self, method: str, text: str) -> None:
        window = self.window
        if self.waits_for_replica(method, text):
            return
        try:
            spec = build_spec(
                method, text, window.session.base_url(), window.param_form.body_pairs()
            )
        except KaExplorerError as error:
            self._refuse(method, text, "invalid request", describe_error(error))
            if isinstance(error, MissingPathValues):
                window.param_form.focus_editor(error.names[0])
            return
        endpoint = self._endpoint_for(method, text)
        if self._needs_sign_in(endpoint, spec.url):
            self._wait_for_sign_in(method, text, endpoint)
            return
        self._start(spec, endpoint, method, text)

    def _refuse(self, method: str, text: str, short: str, message: str) -> None:
        """Record a request that was not sent and show why; keep the old response."""
        self._record(method, text, short, ok=False, message=message)
        self.window.response_pane.mark_previous()
        self.window.show_message(message, "error")

    def _start(self, spec, endpoint, method: str, text: str) -> None:
        if self.task is not None:
            self._end_row(self._row_id, REPLACED, replaced_message(self.task_request))
        self._cancel_task()
        session = self.window.session
        signs = session.signs(spec.url)
        try:
            credentials = session.credentials() if signs else None
        except Exception as error:  # noqa: BLE001 - keyring and key file errors
            self._refuse(method, text, "credentials", describe_error(error))
            return
        timeout = self.window.request_bar.timeout()
        self.spec = spec
        self.context = RequestContext(
            endpoint, credentials is not None, session.unsigned_note(spec.url), timeout,
            session.not_signed_reason(spec.url),
        )
        self._run_send(spec, credentials, timeout, f"{method} {text}")
        self.task_request = (method, text)
        self._row_id = self._record(method, text, "sending…", ok=True)

    def _run_send(self, spec, credentials, timeout: float, label: str) -> None:
        send = self._send
        throttle = self._throttle = Throttle()

        def run(report, cancel):
            throttle.report = report
            return send(
                spec,
                credentials=credentials,
                progress=throttle,
                cancel=cancel,
                timeout=timeout,
            )

        self._busy_label = label
        self._busy_timer.start()
        self._serial += 1
        serial = self._serial
        self.task = self.window.runner.start(
            "send",
            run,
            lambda exchange: self._on_exchange_received(exchange, serial),
            lambda error: self._on_send_failed(error, serial),
            self._on_send_progress,
        )

    def _show_busy(self) -> None:
        """Show that the request runs: Cancel, the progress bar and a message.

        Only for a request still running BUSY_DELAY_MS after Send, or whose
        download reports progress, and never once the body has arrived. The
        change of the layout calls into Python for the sizes and the paint
        of several widgets, which would wait for the GIL at each call while
        the worker sends, or parses a large body.
        """
        if self.task is not None and not self._throttle.downloaded:
            self.window.request_bar.set_busy(True)
            self.window.response_pane.on_request_started(self._busy_label)

    def _end_busy(self) -> None:
        self._busy_timer.stop()
        self.window.request_bar.set_busy(False)
        self.window.response_pane.on_request_finished()

    def _on_send_progress(self, values) -> None:
        if self._busy_timer.isActive():  # a download that lasts: show it now
            self._busy_timer.stop()
            self._show_busy()
        received, total = progress_numbers(values)
        self.window.response_pane.on_progress(received, total)

    def _on_send_failed(self, error: BaseException, serial: int) -> None:
        if serial != self._serial:
            return  # a newer request replaced this one
        self.task = None
        self._end_busy()
        message = describe_error(error)
        self._update_history(self._row_id, "failed", message=message)
        self.window.show_message(message, "error")

    def _on_exchange_received(self, exchange, serial: int) -> None:
        if serial != self._serial:
            return  # a newer request replaced this one
        self.task = None
        replaced_size = self.exchange.size if self.exchange is not None else 0
        self.exchange = exchange
        self.exchange_received.emit(exchange)
        window = self.window
        self._end_busy()
        outcome = describe_exchange(exchange, self.context, self.removal_day())
        text = self._forget_rejected_token(exchange) or outcome.text
        text = self._replica_stopped_text(exchange) or text
        self._update_history(self._row_id, outcome.short, exchange, text)
        window.show_message(text, outcome.level, outcome.details)
        self._show_exchange(exchange)
        if replaced_size >= LARGE_BODY_BYTES:
            window.runner.start("release memory", release_free_memory)

    def _replica_stopped_text(self, exchange) -> str:
        """Say that the replica ended when a request to it could not connect."""
        error = exchange.error
        session = self.window.session
        if error is None or error.kind not in REPLICA_GONE_KINDS:
            return ""
        if not session.is_replica_url(exchange.spec.url):
            return ""
        exit_code = session.replica_exit_code()
        if exit_code is None:
            return ""
        return replica_stopped_text(exchange, exit_code)

    def _show_exchange(self, exchange) -> None:
        pane, endpoint = self.window.response_pane, self.context.endpoint
        self._cancel_search()  # its matches belong to the old document
        self.cancel_value_copy()  # it copies a node of the old document
        pane.show_exchange(exchange, self.context.not_signed_reason)
        self._shown_endpoint = endpoint
        self.show_removal_badge()
        retired = endpoint.retired_fields if endpoint is not None else ()
        retired_on = getattr(self.window.catalog, "retired_fields_date", None)
        self.window.json_model.set_document(exchange.document, retired, retired_on)
        self.cancel_raw_rendering()
        pane.raw_tab.on_body_changed(exchange.body or b"")
        pane.json_tab.on_document_shown(body_kind_notice(exchange))
        pane.show_body_tab(exchange.document is not None, bool(exchange.body))

    def on_rows_painted(self) -> None:
        """Tell listeners (screenshot mode, benchmarks) that the response shows."""
        if self.exchange is not None:
            self.window.response_shown.emit(self.exchange)

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

    def shut_down(self) -> None:
        """Stop every task and wait for the pool, before the window goes away.

        The History rows of a running request and of one waiting for sign-in
        end as cancelled, so that history.json keeps them.
        """
        closed = "The window was closed before the response arrived."
        if self.task is not None:
            self._end_row(self._row_id, "cancelled: window closed", closed)
        self.end_sign_in_row("cancelled: window closed", closed)
        self._cancel_search()
        self.stop_waiting_for_replica()
        self.window.runner.cancel_all()
        self.window.runner.wait_idle()

    def _endpoint_for(self, method: str, text: str):
        return url_sync.parse_url(text, self.window.catalog, method).endpoint
