"""Why an exchange failed: a kind, and a message with what to do next."""

from __future__ import annotations

from http.client import BadStatusLine, RemoteDisconnected
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import (
    DecodeError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)

from ka_explorer.errors import KaExplorerError
from ka_explorer.http.sizes import format_bytes

KINDS = (
    "invalid_url", "invalid_request", "signing", "dns", "connection_refused",
    "connection", "timeout", "tls", "proxy", "cancelled", "too_large",
    "incomplete", "corrupt_body", "invalid_response", "http_error", "not_json",
    "invalid_json",
)


_URL_ERRORS = (
    requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
    requests.exceptions.InvalidSchema, requests.exceptions.URLRequired,
)


class ExchangeError(KaExplorerError):
    """A failed exchange. `kind` is one of `KINDS`; `message` is the user's text."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message

    def __repr__(self) -> str:
        return f"ExchangeError({self.kind!r}, {self.message!r})"


def host_port(url: str) -> str:
    """Return "host:port" of `url` for messages, with the scheme's default port."""
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return parts.netloc
    host = parts.hostname or parts.netloc
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def from_requests_error(error: Exception, url: str, timeout: float) -> ExchangeError:
    """Translate an exception raised by requests or urllib3 into an ExchangeError."""
    where = host_port(url)
    if isinstance(error, _URL_ERRORS):
        return invalid_url(url, str(error))
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return ExchangeError("timeout", (
            f"Connecting to {where} timed out after {timeout:g} s. Check that the "
            "host is reachable, or raise the timeout."))
    if isinstance(error, requests.exceptions.ReadTimeout | ReadTimeoutError):
        return read_timeout(where, timeout)
    if isinstance(error, requests.exceptions.SSLError):
        return ExchangeError("tls", (
            f"The TLS handshake with {where} failed ({_root_cause(error)}). Check "
            "http:// versus https:// in the URL, or the server's certificate."))
    if isinstance(error, requests.exceptions.ProxyError):
        return ExchangeError("proxy", (
            f"The proxy for {where} failed ({_root_cause(error)}). Check the "
            "HTTP_PROXY, HTTPS_PROXY and NO_PROXY environment variables."))
    if isinstance(error, requests.exceptions.ConnectionError):
        return _connection_error(error, where)
    return _transfer_error(error, where)


def _connection_error(error: Exception, where: str) -> ExchangeError:
    cause = _urllib3_cause(error)
    if isinstance(cause, NameResolutionError):
        host = where.rsplit(":", 1)[0]
        return ExchangeError("dns", (
            f"Could not resolve the host name {host}. Check the spelling of the "
            "URL, or the network connection."))
    if isinstance(cause, NewConnectionError) and _is_refused(cause):
        return ExchangeError("connection_refused", (
            f"Could not connect to {where} (connection refused). Is the server "
            "running?"))
    if isinstance(cause, ReadTimeoutError):
        return read_timeout(where, None)
    if isinstance(cause, ProtocolError):
        return _transfer_error(cause, where)
    return ExchangeError("connection", (
        f"Could not connect to {where} ({_root_cause(error)}). Check the URL and "
        "that the server is running."))


def _transfer_error(error: BaseException, where: str) -> ExchangeError:
    if isinstance(error, DecodeError | requests.exceptions.ContentDecodingError):
        return ExchangeError("corrupt_body", (
            f"The response from {where} could not be decompressed "
            f"({_root_cause(error)}). The server sent a corrupt body; try again."))
    status_line = _bad_status_line(error)
    if status_line is not None:
        return ExchangeError("invalid_response", (
            f"The server at {where} sent an invalid HTTP response: its status "
            f"line has no valid status code ({status_line!r}). Check that the "
            "URL points at an HTTP server and at the right port."))
    return ExchangeError("incomplete", (
        f"The connection to {where} broke while reading the response "
        f"({_root_cause(error)}). Try again."))


def _bad_status_line(error: BaseException) -> str | None:
    """Return the status line that http.client rejected, or None.

    `RemoteDisconnected` is a `BadStatusLine` too, but it means that no
    response arrived, so it is not counted.
    """
    for seen in _chain(error):
        if isinstance(seen, BadStatusLine) and not isinstance(
                seen, RemoteDisconnected):
            line = getattr(seen, "line", None)
            return (line if isinstance(line, str) else str(seen)).strip()[:200]
    return None


def incomplete_body(received: int, announced: int | None) -> ExchangeError:
    """Return the error for a body that ended before the server marked its end.

    `received` counts the bytes as sent (before decompression), like the
    `announced` Content-Length, which is None for a chunked body.
    """
    if announced is not None:
        stop = (f"after {format_bytes(received)} of the {format_bytes(announced)} "
                "it announced (Content-Length)")
    else:
        stop = f"after {format_bytes(received)}, before the end of the body"
    return ExchangeError("incomplete", (
        f"The server closed the connection {stop}. Try again; if it repeats, "
        "the server is cutting the response."))


def read_timeout(where: str, timeout: float | None) -> ExchangeError:
    after = f" after {timeout:g} s" if timeout is not None else ""
    return ExchangeError("timeout", (
        f"The server at {where} did not answer{after}. Try again, or raise the "
        "timeout."))


def body_stalled(where: str, received: int, total: int | None,
                 timeout: float) -> ExchangeError:
    """Return the timeout of a body that stopped arriving after the status line.

    `received` and `total` are byte counts. `total` is the Content-Length,
    or None when the server sent none.
    """
    of_total = (f" of {format_bytes(total)} (Content-Length)" if total is not None
                else " (the server sent no Content-Length)")
    return ExchangeError("timeout", (
        f"The response from {where} arrived, but the body stopped after "
        f"{format_bytes(received)}{of_total}; the server stopped sending for "
        f"{timeout:g} s. "
        "Try again, or raise the timeout."))


def invalid_url(url: str, reason: str) -> ExchangeError:
    return ExchangeError("invalid_url", (
        f"The URL {url!r} is not valid: {reason}. Use a full URL such as "
        "http://127.0.0.1:8123/api/v1/badges."))


def _urllib3_cause(error: BaseException) -> BaseException | None:
    """Return the urllib3 error that requests wrapped (via MaxRetryError.reason)."""
    wrapped = error.args[0] if error.args else None
    if not isinstance(wrapped, BaseException):
        return None
    reason = getattr(wrapped, "reason", None)
    return reason if isinstance(reason, BaseException) else wrapped


def _is_refused(error: BaseException) -> bool:
    if any(isinstance(seen, ConnectionRefusedError) for seen in _chain(error)):
        return True
    return "refused" in str(error).lower()


def _chain(error: BaseException) -> list[BaseException]:
    """Return `error`, the errors it wraps and its causes, outermost first.

    requests and urllib3 keep the error they wrap in `args` (ProtocolError)
    or as `reason` (MaxRetryError). Python links the rest through
    `__cause__`, and through `__context__` unless `__suppress_context__`.
    """
    found: list[BaseException] = []
    pending: list[BaseException] = [error]
    while pending:
        seen = pending.pop(0)
        if any(seen is known for known in found):
            continue
        found.append(seen)
        pending += [e for e in _linked(seen) if isinstance(e, BaseException)]
    return found


def _linked(error: BaseException) -> list[object]:
    linked: list[object] = [getattr(error, "reason", None)]
    linked += [arg for arg in error.args if isinstance(arg, BaseException)]
    return [*linked, _next_cause(error)]


def _next_cause(error: BaseException) -> BaseException | None:
    """Return the exception that Python shows as the cause of `error`."""
    if error.__cause__ is not None:
        return error.__cause__
    if error.__suppress_context__:
        return None
    return error.__context__


def _root_cause(error: BaseException) -> str:
    seen = error
    while (following := _next_cause(seen)) is not None:
        seen = following
    text = str(seen) or type(seen).__name__
    return text.strip().rstrip(".")[:200]
