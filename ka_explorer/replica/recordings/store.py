"""Recorded responses, keyed by request, and the lookups the API makes."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from ka_explorer.replica.recordings.merge import merge_items

log = logging.getLogger(__name__)

# Headers that the server sets itself for each response it sends.
_DROPPED_HEADERS = {
    "content-length",
    "transfer-encoding",
    "connection",
    "date",
    "server",
    "keep-alive",
}


@dataclass(frozen=True)
class RecordedResponse:
    """A response exactly as recorded: status, headers and body bytes."""

    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    source: str

    def replay_headers(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in self.headers if k.lower() not in _DROPPED_HEADERS]


@dataclass(frozen=True)
class RecordedBody:
    """A bare JSON body to serve through the API's own rendering.

    `casing` is the key style the body was recorded in ("camel" or "snake");
    `signed_only` limits it to requests that carry an access token.
    `list_items` marks a signed-only body of a list route that holds only
    the signed-in user's items, to be merged into the route's whole list.
    """

    data: Any
    casing: str
    source: str
    signed_only: bool = False
    list_items: bool = False


RequestKey = tuple[str, str, tuple[tuple[str, str], ...]]


def request_key(method: str, url_or_path: str) -> RequestKey:
    """Return the replay key: method, decoded path and sorted query pairs.

    Host and scheme are ignored, and so are `oauth_*` parameters, because a
    signed request never repeats its nonce and signature.
    """
    parts = urlsplit(url_or_path)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = tuple(sorted((k, v) for k, v in pairs if not k.startswith("oauth_")))
    return method.upper(), unquote(parts.path), kept


class Recordings:
    """Everything loaded from recording files, ready for lookups."""

    def __init__(self) -> None:
        self._exact: dict[RequestKey, RecordedResponse] = {}
        self._bodies: dict[tuple[str, bool], RecordedBody] = {}
        self._merged: dict[str, RecordedBody] = {}
        self._merge_lock = threading.Lock()
        self.files: list[str] = []

    def __len__(self) -> int:
        return len(self._exact) + len(self._bodies)

    def add_exact(self, method: str, url: str, response: RecordedResponse) -> None:
        """Add a recorded exchange; a later one for the same request replaces it."""
        self._exact[request_key(method, url)] = response

    def add_body(self, path: str, body: RecordedBody) -> bool:
        """Add a bare body for a path; the first one added for a path wins."""
        key = (unquote(path), body.signed_only)
        if key in self._bodies:
            return False
        self._bodies[key] = body
        return True

    def exact(self, method: str, url: str) -> RecordedResponse | None:
        return self._exact.get(request_key(method, url))

    def body(self, method: str, path: str, signed: bool) -> RecordedBody | None:
        """Return the bare body that serves a request, if any.

        A returned body with `list_items` set has no recorded list to merge
        into, so the caller merges it into the generated list.
        """
        if method.upper() not in ("GET", "HEAD"):
            return None
        decoded = unquote(path)
        public = self._bodies.get((decoded, False))
        own = self._bodies.get((decoded, True)) if signed else None
        if own is None:
            return public
        if not own.list_items or public is None:
            return own
        return self._merged_body(decoded, public, own)

    def _merged_body(
        self, path: str, public: RecordedBody, own: RecordedBody
    ) -> RecordedBody:
        with self._merge_lock:
            if path not in self._merged:
                self._merged[path] = _merge_bodies(path, public, own)
            return self._merged[path]


def _merge_bodies(path: str, public: RecordedBody, own: RecordedBody) -> RecordedBody:
    if not isinstance(public.data, list):
        log.warning(
            "Recording %s on %s is no list, so the signed-in items of %s are "
            "not merged into it",
            public.source,
            path,
            own.source,
        )
        return public
    merged, appended = merge_items(public.data, public.casing, own.data, own.casing)
    if appended:
        log.info(
            "Recording %s: %s matched no item of %s on %s, so it is appended",
            own.source,
            ", ".join(appended),
            public.source,
            path,
        )
    return RecordedBody(merged, public.casing, f"{public.source} + {own.source}")
