"""Window state that persists across restarts, kept in the platform's config folder.

Only names, URLs and layout go here. Request history is stored without query
parameters that carry OAuth values, and never with a secret.
"""

from __future__ import annotations

from urllib.parse import unquote_plus

from PySide6.QtCore import QByteArray, QSettings

from ka_explorer.paths import config_dir

HISTORY_LIMIT = 200


def strip_secrets(url: str) -> str:
    """Return `url` without oauth_* query parameters (signatures, tokens, nonces).

    The other fields keep their text as typed, so the URL history shows what
    the user wrote. The query is found by its "?", not by urlsplit, which
    raises on text such as an unclosed IPv6 bracket.
    """
    head, question_mark, rest = url.partition("?")
    if not question_mark:
        return url
    query, hash_mark, fragment = rest.partition("#")
    kept = [field for field in query.split("&") if not _is_oauth_field(field)]
    cleaned = f"{head}?{'&'.join(kept)}" if kept else head
    return cleaned + hash_mark + fragment


def _is_oauth_field(field: str) -> bool:
    name = unquote_plus(field.partition("=")[0])
    return name.lower().startswith("oauth_")


def unique(entries: list[str]) -> list[str]:
    """Return `entries` without repeats, each at its first place."""
    return list(dict.fromkeys(entries))


class WindowSettings:
    """Geometry, splitter state, last profile and request history."""

    def __init__(self, path: str | None = None) -> None:
        location = path or str(config_dir() / "window.ini")
        self._store = QSettings(location, QSettings.Format.IniFormat)

    @property
    def file_name(self) -> str:
        return self._store.fileName()

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_geometry(self, state: QByteArray) -> None:
        self._store.setValue("window/geometry", state)

    def splitter_state(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitters/{name}")

    def set_splitter_state(self, name: str, state: QByteArray) -> None:
        self._store.setValue(f"splitters/{name}", state)

    def last_profile(self) -> str:
        return str(self._store.value("profiles/last", "") or "")

    def set_last_profile(self, name: str) -> None:
        self._store.setValue("profiles/last", name)

    def timeout(self, default: float) -> float:
        """Return the saved request timeout in seconds, or `default`."""
        value = self._store.value("request/timeout", default)
        try:
            seconds = float(str(value))
        except (TypeError, ValueError):
            return default
        return seconds if seconds > 0 else default

    def set_timeout(self, seconds: float) -> None:
        self._store.setValue("request/timeout", seconds)

    def history(self) -> list[str]:
        value = self._store.value("history/requests", [])
        if isinstance(value, str):
            return [value] if value else []
        return unique([str(item) for item in value or []])

    def set_history(self, entries: list[str]) -> None:
        cleaned = unique([strip_secrets(entry) for entry in entries])
        self._store.setValue("history/requests", cleaned[:HISTORY_LIMIT])

    def sync(self) -> None:
        self._store.sync()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None
