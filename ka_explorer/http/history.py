"""The list of sent requests, kept as JSON in the config folder without secrets.

Entries keep the method, the URL with OAuth tokens and signatures masked,
the form field names with masked secret values, and the outcome. Consumer
secrets, token secrets, signatures and token values are never written.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

from ka_explorer import paths
from ka_explorer.http.exchange import Exchange
from ka_explorer.http.masking import MASK, SECRET_PARAMETERS, mask_text, mask_url

log = logging.getLogger(__name__)

HISTORY_FILE = "history.json"
DEFAULT_LIMIT = 500


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

    @classmethod
    def from_exchange(cls, exchange: Exchange) -> HistoryEntry:
        spec, error = exchange.spec, exchange.error
        form = tuple((name, MASK if name in SECRET_PARAMETERS else value)
                     for name, value in spec.form)
        return cls(
            started_at=exchange.started_at, method=spec.method.upper(),
            url=mask_url(spec.full_url()), form=form, status=exchange.status,
            reason=exchange.reason, size=exchange.size,
            total_seconds=round(exchange.timings.total, 6),
            error_kind=error.kind if error else None,
            error_message=mask_text(error.message) if error else None,
        )

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
        entry = HistoryEntry.from_exchange(exchange)
        with self._lock:
            self._entries.append(entry)
            del self._entries[:-self.limit]
            self._save()
        return entry

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
