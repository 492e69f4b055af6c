"""Copy or save an exchange: a curl command, a HAR file, the body to a file."""

from __future__ import annotations

import base64
import datetime
import json
import os
import shlex
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from ka_explorer import __version__
from ka_explorer.errors import KaExplorerError
from ka_explorer.http.exchange import Exchange
from ka_explorer.http.masking import mask_body, mask_header
from ka_explorer.http.spec import RequestSpec, SentRequest

# Headers that curl sets by itself, or that would be wrong on a copied request.
_CURL_SKIPPED_HEADERS = frozenset({"content-length", "connection", "accept-encoding",
                                   "user-agent", "host"})


class SaveError(KaExplorerError):
    """A body or a HAR file that could not be written."""


def to_curl(spec: RequestSpec, signed: SentRequest | None = None,
            reveal_secrets: bool = False) -> str:
    """Return a curl command for the request, with OAuth secrets masked.

    `signed` is the request as sent (`Exchange.sent`); without it the command
    is built from `spec`, unsigned. Tokens and signatures appear only with
    `reveal_secrets`, and a signed command is valid only while its
    timestamp and nonce are.
    """
    request = signed if signed is not None else _unsigned(spec)
    if not reveal_secrets:
        request = request.masked()
    parts = ["curl"]
    implied = "POST" if request.body else "GET"
    if request.method != implied:
        parts += ["-X", request.method]
    parts.append(shlex.quote(request.url))
    for name, value in request.headers:
        if name.lower() not in _CURL_SKIPPED_HEADERS:
            parts += ["-H", shlex.quote(f"{name}: {value}")]
    if request.body:
        parts += ["--data-binary", shlex.quote(request.body.decode("utf-8", "replace"))]
    return " ".join(parts)


def _unsigned(spec: RequestSpec) -> SentRequest:
    headers = list(spec.headers)
    body = spec.body or b""
    if spec.form:
        body = urlencode(spec.form).encode("ascii")
        headers.append(("Content-Type", "application/x-www-form-urlencoded"))
    return SentRequest(spec.method.upper(), spec.full_url(), tuple(headers), body)


def save_body(exchange: Exchange, path: str | os.PathLike[str]) -> int:
    """Write the response body to `path` as received (after gzip); return its size."""
    _write_atomically(Path(path), exchange.body)
    return len(exchange.body)


def save_har(exchanges: list[Exchange], path: str | os.PathLike[str]) -> None:
    """Write the exchanges as a HAR 1.2 file, with OAuth secrets masked."""
    text = json.dumps(to_har(exchanges), indent=2, ensure_ascii=False)
    _write_atomically(Path(path), text.encode("utf-8"))


def to_har(exchanges: list[Exchange]) -> dict[str, Any]:
    """Return a HAR 1.2 log of the exchanges that reached the network."""
    entries = [_har_entry(exchange) for exchange in exchanges
               if exchange.request is not None]
    return {"log": {
        "version": "1.2",
        "creator": {"name": "ka-explorer", "version": __version__},
        "pages": [],
        "entries": entries,
    }}


def _har_entry(exchange: Exchange) -> dict[str, Any]:
    timings = exchange.timings
    milliseconds = {name: round(seconds * 1000, 3)
                    for name, seconds in timings.phases().items()}
    return {
        "startedDateTime": datetime.datetime.fromtimestamp(
            exchange.started_at, datetime.UTC).isoformat(),
        "time": round(timings.total * 1000, 3),
        "request": _har_request(exchange),
        "response": _har_response(exchange),
        "cache": {},
        "timings": {
            "blocked": milliseconds["prepare"],
            "dns": milliseconds["dns"] if not timings.reused_connection else -1,
            # HAR counts the TLS handshake inside "connect" as well as in "ssl".
            "connect": (milliseconds["connect"] + milliseconds["tls"]
                        if not timings.reused_connection else -1),
            "ssl": milliseconds["tls"] if milliseconds["tls"] else -1,
            "send": 0,
            "wait": milliseconds["ttfb"],
            "receive": milliseconds["download"],
        },
        "comment": exchange.error.message if exchange.error else "",
    }


def _har_request(exchange: Exchange) -> dict[str, Any]:
    request = exchange.request
    assert request is not None
    entry: dict[str, Any] = {
        "method": request.method,
        "url": request.url,
        "httpVersion": exchange.http_version,
        "cookies": [],
        "headers": _har_headers(request.headers),
        "queryString": [{"name": name, "value": value} for name, value in
                        parse_qsl(urlsplit(request.url).query, keep_blank_values=True)],
        "headersSize": -1,
        "bodySize": len(request.body),
    }
    if request.body:
        entry["postData"] = {
            "mimeType": request.header("Content-Type") or "",
            "text": request.body.decode("utf-8", "replace"),
        }
    return entry


def _har_response(exchange: Exchange) -> dict[str, Any]:
    return {
        "status": exchange.status,
        "statusText": exchange.reason,
        "httpVersion": exchange.http_version,
        "cookies": [],
        "headers": _har_headers(exchange.headers),
        "content": _har_content(exchange),
        "redirectURL": exchange.header("Location") or "",
        "headersSize": -1,
        "bodySize": exchange.wire_size if exchange.status else -1,
    }


def _har_content(exchange: Exchange) -> dict[str, Any]:
    body = mask_body(exchange.body)
    content: dict[str, Any] = {"size": exchange.size,
                               "mimeType": exchange.content_type}
    try:
        content["text"] = body.decode("utf-8")
    except UnicodeDecodeError:
        content["text"] = base64.b64encode(body).decode("ascii")
        content["encoding"] = "base64"
    return content


def _har_headers(headers: tuple[tuple[str, str], ...]) -> list[dict[str, str]]:
    return [{"name": name, "value": mask_header(name, value)}
            for name, value in headers]


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`."""
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        reason = error.strerror or str(error)
        raise SaveError(
            f"Could not save to {path}: {reason}. Choose another file or folder."
        ) from None

