"""The request flow's history: recording rows, restoring and re-sending them.

A mixin of `RequestFlow`, which provides `window`, `context`, `exchange`,
`on_url_edited`, `on_send_requested`, `_show_exchange` and
`add_startup_notice`. Rows of this session keep their response in memory
(see `history_tab.keep_response`).
The history file in the config folder keeps the requests of the last
HISTORY_LIMIT rows without responses, so they come back after a restart.
"""

from __future__ import annotations

import logging
from datetime import datetime

from ka_explorer.http.history import is_failure
from ka_explorer.ui import url_sync
from ka_explorer.ui.history_tab import HistoryEntry, keep_response
from ka_explorer.ui.messages import describe_error
from ka_explorer.ui.settings import HISTORY_LIMIT

log = logging.getLogger(__name__)

RESTART_NOTE = "not kept across restarts"


class HistoryTools:
    """Slots and helpers of the History tab, for `RequestFlow`."""

    window: object
    _history_store: object | None = None
    _last_row_id = 0
    _resumed_row_id = 0  # the row a request sent after sign-in takes over
    _history_save_failure_shown = False
    _history_save_error = ""  # the message of the last failed save

    def load_history(self) -> None:
        """Show the requests of earlier sessions below this session's rows."""
        from ka_explorer.http import History
        from ka_explorer.http.history import HistoryFolderError
        from ka_explorer.paths import config_dir

        self._history_store = History(config_dir() / "history.json", HISTORY_LIMIT)
        stored = reversed(self._history_store.entries())
        self.window.history_model.add_loaded([_from_stored(e) for e in stored])
        problem = self._history_store.load_problem
        if problem is not None:
            self.add_startup_notice(str(problem), "warning")
        if isinstance(problem, HistoryFolderError):
            # The start-up notice already states that every save fails.
            self._history_save_failure_shown = True

    def _record(self, method: str, text: str, outcome: str, ok: bool,
                message: str = "") -> int:
        """Add a row for a request that starts, or that failed before it was sent.

        Return the row's id. A request sent again after sign-in takes over
        the row that waited for the sign-in (`_resumed_row_id`).
        """
        window = self.window
        self._last_row_id += 1
        entry = HistoryEntry(
            datetime.now(), method, text, outcome, ok,
            profile=self._profile_name(), form=window.param_form.body_pairs(),
            message=message, row_id=self._last_row_id,
        )
        resumed, self._resumed_row_id = self._resumed_row_id, 0
        if not (resumed and window.history_model.replace(resumed, entry)):
            window.history_model.add(entry)
        if not ok and message:
            self._store_not_sent(entry)
        return entry.row_id

    def _update_history(self, row_id: int, outcome: str, exchange=None,
                        message: str = "") -> None:
        """Give the row `row_id` its outcome and response, and store it.

        Without `exchange`, the request ended with no response: it failed in
        its worker or was cancelled.
        """
        model = self.window.history_model
        row = model.row_of(row_id)
        latest = model.entry_at(row) if row is not None else None
        if latest is None:
            return
        kept, note = keep_response(exchange) if exchange is not None else (None, "")
        ok = exchange is not None and not is_failure(
            exchange.status, exchange.error.kind if exchange.error else None
        )
        entry = HistoryEntry(
            latest.when, latest.method, latest.url, outcome, ok,
            profile=latest.profile, form=latest.form,
            status=getattr(exchange, "status", 0), size=getattr(exchange, "size", 0),
            seconds=exchange.timings.total if exchange is not None else None,
            exchange=kept, kept_note=note, message=message,
            context=self.context if exchange is not None else None,
        )
        model.replace(row_id, entry)
        if exchange is not None:
            self._store_exchange(exchange, entry)
        else:
            kind = "failed" if outcome == "failed" else "cancelled"
            self._store_not_sent(entry, kind)

    def _end_row(self, row_id: int, outcome: str, message: str) -> None:
        """End the row of a request that stopped without a response."""
        if row_id:
            self._update_history(row_id, outcome, message=message)

    def on_history_activated(self, row: int) -> None:
        """Restore a row's request and show its kept response, without sending."""
        entry = self.window.history_model.entry_at(row)
        if entry is None:
            return
        self._restore_request(entry)
        self._show_history_response(entry)

    def on_history_resend_requested(self, row: int) -> None:
        entry = self.window.history_model.entry_at(row)
        if entry is not None:
            self._restore_request(entry)
            self.on_send_requested()

    def on_history_clear_requested(self) -> None:
        from ka_explorer.http.history import HistoryFileError

        self.window.history_model.clear()
        if self._history_store is None:
            return
        try:
            self._history_store.clear()
        except HistoryFileError as error:
            self._on_history_save_failed(error, always_show=True)

    def _restore_request(self, entry: HistoryEntry) -> None:
        window = self.window
        session = window.session
        if entry.profile and entry.profile != session.profile.name:
            if session.select(entry.profile):
                self.on_profile_changed()
            else:
                window.show_message(
                    f"The profile {entry.profile!r} of this request no longer "
                    f"exists, so it is restored into {session.profile.name!r}.",
                    "warning",
                )
        bar = window.request_bar
        bar.set_method(entry.method)
        self._method_by_hand = (url_sync.url_path(entry.url), entry.method)
        self._preferred_method = entry.method
        self._method_from_catalog = False
        bar.set_url_text(entry.url)
        self.on_url_edited(entry.url)
        window.param_form.set_body_pairs(entry.form)

    def _show_history_response(self, entry: HistoryEntry) -> None:
        window = self.window
        exchange = entry.exchange
        if exchange is None:
            window.response_pane.mark_previous()
            why = entry.kept_note or entry.message or "not kept"
            window.show_message(
                f"Restored {entry.method} {entry.url} ({entry.outcome}); its "
                f"response is not shown: {why}. Send it to see the response.",
                "info" if entry.ok else "error",
            )
            return
        self.exchange = exchange
        if entry.context is not None:
            self.context = entry.context
        level = "info" if entry.ok else "error"
        window.show_message(f"From history: {entry.message}", level)
        self._show_exchange(exchange)

    def _profile_name(self) -> str:
        session = self.window.session
        return session.profile.name if session is not None else ""

    def _store_exchange(self, exchange, entry: HistoryEntry) -> None:
        from ka_explorer.http import HistoryEntry as StoredEntry

        if self._history_store is None:
            return
        stored = StoredEntry.from_exchange(
            exchange, entry.profile, entry.url, entry.outcome
        )
        self._save_history_entry(stored)

    def _store_not_sent(self, entry: HistoryEntry,
                        error_kind: str = "not_sent") -> None:
        from ka_explorer.http import HistoryEntry as StoredEntry

        if self._history_store is None:
            return
        stored = StoredEntry.not_sent(
            entry.method, entry.url, entry.form, entry.profile, entry.outcome,
            entry.message, error_kind, entry.when.timestamp(),
        )
        self._save_history_entry(stored)

    def _save_history_entry(self, stored) -> None:
        """Append `stored` and write the history file in a worker, because
        writing up to 200 entries takes a few milliseconds. Each write takes
        the entries as they are then, so a later Clear is never undone."""
        history = self._history_store
        history.append(stored, save=False)
        self.window.runner.start(
            "save history", lambda _report, _cancel: history.save(),
            on_failure=self._on_history_save_failed,
        )

    def _on_history_save_failed(self, error: BaseException,
                                always_show: bool = False) -> None:
        """Add the first failed save of the history file to the status area,
        and log each failure whose message differs from the last one.

        The failure goes below the message shown, so that the result of the
        request whose row was saved stays readable. `always_show` is for a
        save that the user started, such as Clear.
        """
        text = describe_error(error)
        if text != self._history_save_error:
            log.warning("%s", text)
            self._history_save_error = text
        if always_show or not self._history_save_failure_shown:
            self._history_save_failure_shown = True
            self.window.status_area.add_message(text, "warning")


def _from_stored(stored) -> HistoryEntry:
    """Return the row of an entry from the history file, which has no response."""
    ok = not stored.failed()
    outcome = stored.outcome or (
        f"{stored.status} {stored.reason}".strip() if stored.status else "failed"
    )
    return HistoryEntry(
        datetime.fromtimestamp(stored.started_at), stored.method,
        stored.typed_url or stored.url, outcome, ok, profile=stored.profile,
        form=tuple(stored.form), status=stored.status, size=stored.size,
        seconds=stored.total_seconds if stored.status else None,
        kept_note=RESTART_NOTE, message=stored.error_message or "",
    )
