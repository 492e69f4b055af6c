"""One exchange: build, sign, send, stream the body, parse it, time each phase."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable

from ka_explorer.http.errors import ExchangeError
from ka_explorer.http.spec import (
    Pairs,
    RequestSpec,
    SentRequest,
    first_header,
)
from ka_explorer.http.timing import Timings
from ka_explorer.jsontree import Document, JsonParseError
from ka_explorer.oauth1 import SignatureDebug

ProgressCallback = Callable[[int, int | None], None]


@dataclasses.dataclass(frozen=True)
class Exchange:
    """A finished exchange, handed from the worker to the UI thread; immutable.

    `request` is the signed request with secrets masked. `sent` is the same
    request unmasked, read only where the user asks to see secrets: the
    signed curl copy (`to_curl(..., reveal_secrets=True)`) and the Request
    tab with "Show token and signature" checked. `status` is 0 and `headers`
    empty when no response arrived. `body` is the decoded body (after gzip),
    `size` its length and `wire_size` the bytes received. `announced_size` is
    the Content-Length, or None without one. An `incomplete` error keeps the
    bytes that arrived in `body`.
    `document` is the parsed JSON, or None with `parse_error` saying why.
    `error` is None only for a 2xx response with a usable body.
    `last_byte_at` is the `time.perf_counter()` of this process when the last
    byte of the body arrived, or 0.0 when no body was read.
    """

    spec: RequestSpec
    started_at: float
    request: SentRequest | None = None
    sent: SentRequest | None = dataclasses.field(default=None, repr=False)
    status: int = 0
    reason: str = ""
    headers: Pairs = ()
    body: bytes = dataclasses.field(default=b"", repr=False)
    size: int = 0
    wire_size: int = 0
    announced_size: int | None = None
    last_byte_at: float = 0.0
    http_version: str = "HTTP/1.1"
    timings: Timings = Timings()
    document: Document | None = dataclasses.field(default=None, repr=False)
    parse_error: JsonParseError | None = None
    error: ExchangeError | None = None
    signature: SignatureDebug | None = dataclasses.field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def content_type(self) -> str:
        return self.header("Content-Type") or ""

    def header(self, name: str) -> str | None:
        """Return the first response header called `name` (case-insensitive)."""
        return first_header(self.headers, name)

    def body_text(self) -> str:
        """Return the body decoded as UTF-8, with invalid bytes replaced."""
        return self.body.decode("utf-8", "replace")


def cancelled(cancel: threading.Event | None) -> bool:
    return cancel is not None and cancel.is_set()


class Clock:
    """Marks taken with `time.perf_counter` during one exchange."""

    def __init__(self) -> None:
        self.started_at = time.time()
        self.start = time.perf_counter()
        self.marks: dict[str, float] = {}

    def mark(self, name: str) -> None:
        self.marks[name] = time.perf_counter()

    def since_start(self) -> float:
        return time.perf_counter() - self.start
