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
from ka_explorer.errors import KaExplorerError
from ka_explorer.http.exchange import Exchange
from ka_explorer.http.history_file import (
    checked_values,
    read_history_file,
    set_aside_path,
    valid_entries,
)
from ka_explorer.http.masking import MASK, SECRET_PARAMETERS, mask_text, mask_url

log = logging.getLogger(__name__)

HISTORY_FILE = "history.json"
DEFAULT_LIMIT = 200
# Appended to the name of a damaged history file when it is moved aside.
BAD_SUFFIX = ".bad"
# The max number of damaged history files kept: .bad, then .bad.1 to .bad.4.
MAX_BAD_FILES = 5


class HistoryFileError(KaExplorerError):
    """A history file that is damaged, or that could not be saved."""


class HistoryFolderError(HistoryFileError):
    """A folder at the history file's path, so that every save fails."""


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
    def from_json(cls, data: Any) -> HistoryEntry:
        """Return the entry of a JSON object from the history file.

        Raises `history_file.InvalidEntryError` for a missing or invalid field.
        """
        return cls(**checked_values(data))


class History:
    """The newest `limit` entries, oldest first, saved after each change.

    `load_problem` is the problem found in the file at `path` when it was
    loaded, or None. A damaged file is moved to `path` + ".bad", or to
    ".bad.1" and so on when older damaged files are there (MAX_BAD_FILES at
    most, the oldest removed), and the valid entries are saved at once.
    When that move fails, nothing is saved to `path` while this object
    exists. A folder at `path` is a `HistoryFolderError`: it stays, and
    each save fails until it is gone.
    """

    def __init__(self, path: Path | None = None, limit: int = DEFAULT_LIMIT) -> None:
        self.path = path if path is not None else paths.config_dir() / HISTORY_FILE
        self.limit = limit
        self.load_problem: HistoryFileError | None = None
        self._lock = threading.Lock()
        self._keep_file = False  # True while a damaged file is still at `path`
        self._entries: list[HistoryEntry] = []
        self._load()

    def entries(self) -> list[HistoryEntry]:
        with self._lock:
            return list(self._entries)

    def add(self, exchange: Exchange) -> HistoryEntry:
        """Record `exchange` and save the file; return the stored entry."""
        return self.append(HistoryEntry.from_exchange(exchange))

    def append(self, entry: HistoryEntry, save: bool = True) -> HistoryEntry:
        """Record `entry` and drop the oldest beyond `limit`; save the file
        unless `save` is False, for a caller that calls `save` later.

        Raises HistoryFileError when saving fails, and `entry` stays recorded.
        """
        with self._lock:
            self._entries.append(entry)
            del self._entries[:-self.limit]
            if save:
                self._save()
        return entry

    def save(self) -> None:
        """Write the entries as they are now, from any thread.

        Raises HistoryFileError when the file could not be written.
        """
        with self._lock:
            self._save()

    def clear(self) -> None:
        """Remove every entry and save. Raises HistoryFileError as `save` does."""
        with self._lock:
            self._entries.clear()
            self._save()

    def _load(self) -> None:
        contents = read_history_file(self.path)
        if contents.is_folder:
            self.load_problem = HistoryFolderError(
                f"The history file {self.path} is a folder, so History starts "
                "empty and saves nothing until you move or delete that folder."
            )
            log.warning("%s", self.load_problem)
            return
        values, invalid = valid_entries(contents.items, self.path)
        self._entries = [HistoryEntry(**fields) for fields in values]
        damage = _damage(contents.damage, invalid)
        if damage is not None:
            self.load_problem = self._set_aside(damage)

    def _set_aside(self, damage: str) -> HistoryFileError:
        """Move the damaged file to a free ".bad" name and save the valid entries."""
        bad = set_aside_path(self.path, BAD_SUFFIX, MAX_BAD_FILES)
        loaded = _count_entries(len(self._entries))
        try:
            os.replace(self.path, bad)
        except OSError as error:
            self._keep_file = True
            problem = HistoryFileError(
                f"The history file {self.path} {damage}, and moving it to {bad} "
                f"failed ({error.strerror or error}), so History loaded {loaded} "
                "and saves nothing until you move or delete the file and restart."
            )
        else:
            self._save_recovered()
            problem = HistoryFileError(
                f"The history file {self.path} {damage}, so History loaded {loaded} "
                f"and moved the file to {bad}."
            )
        log.warning("%s", problem)
        return problem

    def _save_recovered(self) -> None:
        """Save the entries loaded from a damaged file, so a restart finds them."""
        if not self._entries:
            return
        try:
            self._save()
        except HistoryFileError as error:
            log.warning("%s", error)

    def _save(self) -> None:
        if self._keep_file:
            log.debug("Not saving over the damaged history file %s", self.path)
            return
        data = {"version": 1, "entries": [entry.to_json() for entry in self._entries]}
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        try:
            temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError as error:
            _remove_temporary(temporary)
            raise HistoryFileError(
                f"Could not save the history to {self.path} "
                f"({error.strerror or error}), so the requests of this session "
                "will be missing after a restart unless that path becomes a "
                "writable file."
            ) from error


def _remove_temporary(temporary: Path) -> None:
    try:
        temporary.unlink(missing_ok=True)
    except OSError as error:
        # Logged at debug level because the failed save raises its own error.
        log.debug("Could not remove %s: %s", temporary, error)


def _damage(file_damage: str | None, invalid: int) -> str | None:
    """Return what is wrong with the file, after its name in a sentence, or None."""
    if not invalid:
        return file_damage
    entries = f"has {_count_entries(invalid, 'invalid ')}"
    return entries if file_damage is None else f"{file_damage} and {entries}"


def _count_entries(count: int, kind: str = "") -> str:
    if count == 0:
        return f"no {kind}entries"
    return f"{count} {kind}entry" if count == 1 else f"{count} {kind}entries"


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
