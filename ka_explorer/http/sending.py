"""`send`: one blocking exchange, meant to run in a worker thread."""

from __future__ import annotations

import contextlib
import http.cookiejar
import io
import logging
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from ka_explorer.errors import KaExplorerError
from ka_explorer.http import cancel_watch
from ka_explorer.http.errors import (
    ExchangeError,
    body_stalled,
    from_requests_error,
    host_port,
    incomplete_body,
    invalid_url,
)
from ka_explorer.http.exchange import Clock, Exchange, ProgressCallback, cancelled
from ka_explorer.http.outcome import body_error
from ka_explorer.http.request_text import check_signable, with_raw_bytes
from ka_explorer.http.sizes import format_bytes
from ka_explorer.http.spec import RequestSpec, SentRequest
from ka_explorer.http.timing import (
    ConnectionSetup,
    TimedAdapter,
    Timings,
    take_setup,
    watch_connections,
)
from ka_explorer.jsontree import Document, JsonParseError
from ka_explorer.oauth1 import Credentials, OAuth1Auth

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BODY_BYTES = 512 * 1024 * 1024
CHUNK_SIZE = 256 * 1024


class _NoCookies(http.cookiejar.DefaultCookiePolicy):
    """Keep no cookie, so each request carries only what the user set and the
    OAuth signature, never a session cookie from an earlier response."""

    def set_ok(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return False


class Client:
    """A requests session whose connections time their setup; kept alive between
    exchanges, so a later request to the same server skips DNS, TCP and TLS."""

    def __init__(self) -> None:
        self.session = requests.Session()
        self.session.cookies.set_policy(_NoCookies())
        adapter = TimedAdapter()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def close(self) -> None:
        self.session.close()


_default_client: Client | None = None
_default_lock = threading.Lock()


def default_client() -> Client:
    """Return the process-wide client that `send` uses unless given another."""
    global _default_client
    with _default_lock:
        if _default_client is None:
            _default_client = Client()
        return _default_client


def send(
    spec: RequestSpec,
    credentials: Credentials | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    *,
    client: Client | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> Exchange:
    """Send `spec`, signed with `credentials` when given, and return the Exchange.

    Blocks until the body is read and parsed, so call it off the UI thread.
    `progress(received, total)` reports bytes received so far and the
    Content-Length (None when the server sent none). Setting `cancel` stops
    the exchange within about 50 ms, also while it waits for the server
    (the socket is shut down), but not during name resolution or the TCP
    connect, which end with their timeout. It never raises for a failed
    exchange: `Exchange.error` describes what failed.
    """
    run = _ExchangeRun(spec, credentials, progress, cancel, timeout,
                       client or default_client(), max_body_bytes)
    return run.run()


class _ExchangeRun:
    """The state of one exchange while it runs; `run` turns it into an Exchange."""

    def __init__(self, spec: RequestSpec, credentials: Credentials | None,
                 progress: ProgressCallback | None, cancel: threading.Event | None,
                 timeout: float, client: Client, max_body_bytes: int) -> None:
        self.spec, self.credentials = spec, credentials
        self.progress, self.cancel = progress, cancel
        self.timeout, self.client, self.max_body_bytes = timeout, client, max_body_bytes
        self.clock = Clock()
        self.fields: dict[str, Any] = {}
        self.setup: ConnectionSetup | None = None
        self.content_length: int | None = None

    def run(self) -> Exchange:
        url = self.spec.url
        try:
            self.spec = self._checked_spec()
            url = self.spec.full_url()
            with self._cancel_watcher():
                self._exchange(url)
        except ExchangeError as error:
            self.fields["error"] = error
        except (requests.RequestException, urllib3.exceptions.HTTPError,
                OSError) as error:
            self.fields["error"] = self._transport_error(error, url)
            if cancelled(self.cancel):
                self.fields["error"] = self._cancelled_error(
                    self.fields.get("wire_size", 0), None)
        except KaExplorerError as error:
            self.fields["error"] = ExchangeError("signing", str(error))
        exchange = self._build()
        _log_exchange(exchange)
        return exchange

    def _transport_error(self, error: Exception, url: str) -> ExchangeError:
        """Translate `error`, treating a timeout after the status line as a stall."""
        translated = from_requests_error(error, url, self.timeout)
        if translated.kind != "timeout" or "status" not in self.fields:
            return translated
        received = self.fields.get("wire_size", 0)
        return body_stalled(host_port(url), received, self.content_length,
                            self.timeout)

    def _checked_spec(self) -> RequestSpec:
        """Return the spec to send, or raise for text that cannot be signed."""
        spec = self.spec
        if spec.form and spec.body:
            raise ExchangeError("invalid_request", (
                "The request has both form fields and a raw body; send one of them."))
        if self.credentials is None:
            return with_raw_bytes(spec)
        check_signable(spec)
        return spec

    @contextlib.contextmanager
    def _cancel_watcher(self) -> Iterator[None]:
        """Shut the socket down when `cancel` is set while this thread waits on
        it, so a cancel does not wait for a slow server or the timeout."""
        if self.cancel is None:
            yield
            return
        watch = cancel_watch.watcher.watch(self.cancel)
        watch_connections(watch.connections.append)
        try:
            yield
        finally:
            watch_connections(None)
            cancel_watch.watcher.unwatch(watch)

    def _exchange(self, url: str) -> None:
        _check_url(url)
        self._stop_if_cancelled()
        prepared = self._prepare(url)
        self.clock.mark("prepared")
        self._stop_if_cancelled()

        response = self._send(prepared)
        try:
            self._read_body(response)
        finally:
            response.close()
        self.clock.mark("body")
        self._parse()
        self.clock.mark("parsed")
        self.fields["error"] = body_error(self._partial(), host_port(url))

    def _prepare(self, url: str) -> requests.PreparedRequest:
        spec = self.spec
        auth = OAuth1Auth(self.credentials) if self.credentials is not None else None
        data: Any = list(spec.form) if spec.form else spec.body
        request = requests.Request(spec.method.upper(), url, headers=dict(spec.headers),
                                   data=data, auth=auth)
        prepared = self.client.session.prepare_request(request)
        body = prepared.body or b""
        sent = SentRequest(prepared.method or spec.method, prepared.url or url,
                           tuple(prepared.headers.items()),
                           body.encode("utf-8") if isinstance(body, str) else body)
        self.fields.update(sent=sent, request=sent.masked())
        self.fields["signature"] = auth.last_debug if auth is not None else None
        return prepared

    def _send(self, prepared: requests.PreparedRequest) -> requests.Response:
        session = self.client.session
        settings = session.merge_environment_settings(
            prepared.url, {}, True, None, None)
        response = session.send(prepared, timeout=self.timeout, allow_redirects=False,
                                **settings)
        self.clock.mark("headers")
        self.setup = take_setup(response.raw)
        raw = response.raw
        version = {10: "HTTP/1.0", 11: "HTTP/1.1", 20: "HTTP/2"}.get(
            getattr(raw, "version", 11), "HTTP/1.1")
        self.fields.update(status=response.status_code, reason=response.reason or "",
                           headers=tuple(raw.headers.items()), http_version=version)
        return response

    def _read_body(self, response: requests.Response) -> None:
        total = _content_length(response)
        self.content_length = total
        self._check_size(total, total, before_download=True)
        self.fields["announced_size"] = total
        buffer = io.BytesIO()
        raw = response.raw
        try:
            for chunk in _arriving_chunks(raw):
                self.fields["last_byte_at"] = time.perf_counter()
                buffer.write(chunk)
                self.fields["wire_size"] = raw.tell()
                self._check_size(buffer.tell(), total, before_download=False)
                if self.progress is not None:
                    self.progress(raw.tell(), total)
                if cancelled(self.cancel):
                    raise self._cancelled_error(buffer.tell(), total)
        except urllib3.exceptions.ProtocolError:
            if cancelled(self.cancel):
                raise self._cancelled_error(buffer.tell(), total) from None
            raise self._incomplete(buffer.getvalue(), raw.tell(), total) from None
        self.fields["wire_size"] = raw.tell()
        self.fields["body"] = buffer.getvalue()

    def _incomplete(self, body: bytes, received: int,
                    total: int | None) -> ExchangeError:
        """Keep the bytes that arrived, unparsed, and return the error to raise."""
        self.clock.mark("body")
        error = incomplete_body(received, total)
        self.fields.update(body=body, size=len(body), wire_size=received)
        of_total = f" of {format_bytes(total)}" if total is not None else ""
        self.fields["parse_error"] = JsonParseError(
            "the body is incomplete", kind="incomplete", message=(
                f"The body is incomplete ({format_bytes(received)}{of_total} "
                "arrived), so it was not parsed as JSON."))
        return error

    def _check_size(self, size: int | None, total: int | None,
                    before_download: bool) -> None:
        if size is None or size <= self.max_body_bytes:
            return
        limit = format_bytes(self.max_body_bytes)
        if before_download:
            detail = f"announces {format_bytes(size)} (Content-Length)"
        else:
            detail = f"passed {limit} while downloading"
        raise ExchangeError("too_large", (
            f"The response body {detail}, more than the {limit} limit, so it was "
            "not read. Ask for less (filters or paging), or download it with curl "
            "(copy the request as curl)."))

    def _cancelled_error(self, received: int, total: int | None) -> ExchangeError:
        if "status" not in self.fields:
            return ExchangeError("cancelled", (
                "The request was cancelled while waiting for the server's "
                "response; send it again to see the response."))
        of_total = f" of {format_bytes(total)}" if total else ""
        return ExchangeError("cancelled", (
            f"The request was cancelled after {format_bytes(received)}{of_total} "
            "of the body; send it again to see the response."))

    def _parse(self) -> None:
        body: bytes = self.fields.get("body", b"")
        self.fields["size"] = len(body)
        if not body:
            return
        try:
            self.fields["document"] = Document.parse(body)
        except JsonParseError as error:
            self.fields["parse_error"] = error

    def _stop_if_cancelled(self) -> None:
        if cancelled(self.cancel):
            raise ExchangeError("cancelled", (
                "The request was cancelled before it was sent; send it again to "
                "see the response."))

    def _partial(self) -> Exchange:
        return Exchange(spec=self.spec, started_at=self.clock.started_at,
                        **self.fields)

    def _build(self) -> Exchange:
        fields = dict(self.fields, timings=self._timings())
        return Exchange(spec=self.spec, started_at=self.clock.started_at, **fields)

    def _timings(self) -> Timings:
        marks, start = self.clock.marks, self.clock.start
        total = self.clock.since_start()
        prepared = marks.get("prepared", start)
        setup = self.setup or ConnectionSetup()
        connecting = setup.dns + setup.connect + setup.tls
        headers = marks.get("headers")
        body = marks.get("body")
        parsed = marks.get("parsed")
        return Timings(
            total=total, prepare=prepared - start,
            dns=setup.dns, connect=setup.connect, tls=setup.tls,
            ttfb=max(0.0, headers - prepared - connecting) if headers else 0.0,
            download=body - headers if body and headers else 0.0,
            parse=parsed - body if parsed and body else 0.0,
            reused_connection=headers is not None and self.setup is None,
        )


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise invalid_url(url, "it must start with http:// or https://")
    if not parts.hostname:
        raise invalid_url(url, "it has no host name after //")
    try:
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise invalid_url(url, "its port is not a number from 0 to 65535") from None


def _arriving_chunks(raw: urllib3.BaseHTTPResponse) -> Iterator[bytes]:
    """Yield the decoded body as it arrives, up to CHUNK_SIZE bytes at a time.

    `read1` returns what one socket read brings, where `stream` waits for a
    full chunk, so the bytes of a body that stalls are counted before the
    read times out. A body shorter than its Content-Length still raises
    urllib3's IncompleteRead (as a ProtocolError).
    """
    while chunk := raw.read1(CHUNK_SIZE, decode_content=True):
        yield chunk


def _content_length(response: requests.Response) -> int | None:
    text = response.headers.get("Content-Length")
    if text is None or not text.strip().isdigit():
        return None
    return int(text)


def _log_exchange(exchange: Exchange) -> None:
    request = exchange.request
    target = f"{request.method} {request.url}" if request else exchange.spec.url
    if exchange.error is not None:
        log.info("%s failed (%s): %s", target, exchange.error.kind,
                 exchange.error.message)
    else:
        log.debug("%s -> %s in %.3f s", target, exchange.status,
                  exchange.timings.total)
