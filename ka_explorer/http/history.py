"""The list of sent requests, kept as JSON in the config folder without secrets.

Entries keep the profile name, the method, the URL as sent and as typed
with OAuth tokens and signatures masked, the form with secret values
masked, and the outcome. Consumer secrets, token secrets, signatures and
token values are never written, and neither are response bodies.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from ka_explorer import paths
from ka_explorer.http.exchange import Exchange
from ka_explorer.http.masking import MASK, SECRET_PARAMETERS, mask_text, mask_url

log = logging.getLogger(__name__)

HISTORY_FILE = "history.json"
DEFAULT_LIMIT = 200


@dataclasses.dataclass(frozen=True)
class HistoryEntry:
    """One sent request and its outcome, with secrets masked."""

    started_at: float
    method: str
    url: str
    form: tuple[tuple[str, str], ...] = ()
    status: int = 0
    reason: str = ""
    size: int = 0
    total_seconds: float = 0.0
    error_kind: str | None = None
    error_message: str | None = None
    profile: str = ""
    typed_url: str = ""  # the URL as the user typed it, or "" when not typed
    outcome: str = ""  # a short result such as "200 OK" or "timeout"

    @classmethod
    def from_exchange(cls, exchange: Exchange, profile: str = "",
                      typed_url: str = "", outcome: str = "") -> HistoryEntry:
        spec, error = exchange.spec, exchange.error
        return cls(
            started_at=exchange.started_at, method=spec.method.upper(),
            url=mask_url(spec.full_url()), form=mask_pairs(spec.form),
            status=exchange.status,
            reason=exchange.reason, size=exchange.size,
            total_seconds=round(exchange.timings.total, 6),
            error_kind=error.kind if error else None,
            error_message=mask_text(error.message) if error else None,
            profile=profile, typed_url=mask_any_url(typed_url), outcome=outcome,
        )

    @classmethod
    def not_sent(cls, method: str, typed_url: str, form: tuple[tuple[str, str], ...],
                 profile: str, outcome: str, message: str,
                 error_kind: str = "not_sent",
                 started_at: float | None = None) -> HistoryEntry:
        """Return the entry of a request that ended without a response.

        `error_kind` is "not_sent" for a request that failed before it was
        sent, or, for example, "cancelled" for one that a newer request
        replaced. `started_at` defaults to now.
        """
        return cls(
            started_at=time.time() if started_at is None else started_at,
            method=method.upper(), url=mask_any_url(typed_url), form=mask_pairs(form),
            error_kind=error_kind, error_message=mask_text(message), profile=profile,
            typed_url=mask_any_url(typed_url), outcome=outcome,
        )

    def failed(self) -> bool:
        """Return True when the request failed or got a 4xx or 5xx status."""
        return is_failure(self.status, self.error_kind)

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["form"] = [list(pair) for pair in self.form]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HistoryEntry:
        fields = {field.name for field in dataclasses.fields(cls)}
        values = {key: value for key, value in data.items() if key in fields}
        values["form"] = tuple(tuple(pair) for pair in values.get("form", ()))
        return cls(**values)


class History:
    """The newest `limit` entries, oldest first, saved after each change."""

    def __init__(self, path: Path | None = None, limit: int = DEFAULT_LIMIT) -> None:
        self.path = path if path is not None else paths.config_dir() / HISTORY_FILE
        self.limit = limit
        self._lock = threading.Lock()
        self._entries = self._load()

    def entries(self) -> list[HistoryEntry]:
        with self._lock:
            return list(self._entries)

    def add(self, exchange: Exchange) -> HistoryEntry:
        """Record `exchange` and save the file; return the stored entry."""
        return self.append(HistoryEntry.from_exchange(exchange))

    def append(self, entry: HistoryEntry, save: bool = True) -> HistoryEntry:
        """Record `entry` and drop the oldest beyond `limit`; save the file
        unless `save` is False, for a caller that calls `save` later."""
        with self._lock:
            self._entries.append(entry)
            del self._entries[:-self.limit]
            if save:
                self._save()
        return entry

    def save(self) -> None:
        """Write the entries as they are now; safe to call from any thread."""
        with self._lock:
            self._save()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._save()

    def _load(self) -> list[HistoryEntry]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [HistoryEntry.from_json(item) for item in data["entries"]]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("Ignoring unreadable history file %s: %s", self.path, error)
            return []

    def _save(self) -> None:
        data = {"version": 1, "entries": [entry.to_json() for entry in self._entries]}
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        try:
            temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError as error:
            log.warning("Could not save the history to %s: %s", self.path, error)


def is_failure(status: int, error_kind: str | None) -> bool:
    """Return True for a request without a status, with a 4xx or 5xx status, or
    whose response failed after the status line (timed out, not JSON).

    A 3xx status is not a failure: it needs another request, and the status
    chip shows it in amber.
    """
    if not status or status >= 400:
        return True
    return error_kind not in (None, "http_error")


def mask_pairs(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Return form `pairs` with the values of OAuth secrets masked."""
    return tuple((name, MASK if name in SECRET_PARAMETERS else value)
                 for name, value in pairs)


def mask_any_url(text: str) -> str:
    """Mask OAuth values in `text`, also where urlsplit rejects it as a URL."""
    try:
        return mask_url(text)
    except ValueError:
        return mask_text(text)
