"""A real HTTP server on 127.0.0.1 with routes for each kind of response."""

from __future__ import annotations

import gzip
import json
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest
from oauthlib.common import Request as OAuthRequest
from oauthlib.oauth1.rfc5849 import signature

CONSUMER = ("test-key", "test-consumer-secret")
TOKEN = ("test-token", "test-token-secret")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        path = urlsplit(self.path).path
        length = int(self.headers.get("Content-Length") or 0)
        self.request_body = self.rfile.read(length) if length else b""
        route = getattr(self, "route_" + path.strip("/").replace("/", "_"), None)
        if route is None:
            self._reply(404, b"<html><title>404 Not Found</title></html>", "text/html")
        else:
            route()

    def _reply(self, status: int, body: bytes, content_type: str = "application/json",
               headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def route_json(self) -> None:
        self._reply(200, b'{"badges": [{"name": "Meteorite", "points": 1.10}]}')

    def route_echo(self) -> None:
        query = parse_qsl(urlsplit(self.path).query, keep_blank_values=True)
        data = {"method": self.command, "query": query,
                "headers": dict(self.headers.items()),
                "body": self.request_body.decode("latin-1")}
        self._reply(200, json.dumps(data).encode())

    def route_signed(self) -> None:
        """Check the OAuth HMAC-SHA1 signature with oauthlib, as a provider does."""
        uri = f"http://{self.headers['Host']}{self.path}"
        request = OAuthRequest(uri, self.command, self.request_body,
                               dict(self.headers.items()))
        every = signature.collect_parameters(
            uri_query=urlsplit(self.path).query, body=request.body,
            headers=request.headers, exclude_oauth_signature=False)
        request.params = [(k, v) for k, v in every if k != "oauth_signature"]
        request.signature = dict(every).get("oauth_signature", "")
        valid = signature.verify_hmac_sha1(request, CONSUMER[1], TOKEN[1])
        if valid:
            self._reply(200, b'{"signed": true}')
        else:
            self._reply(401, b"OAuth error. Invalid signature.", "text/plain")

    def route_unauthorized(self) -> None:
        self._reply(401, b"OAuth error. Invalid signature. Expected signature base "
                         b"string: GET&http%3A%2F%2Fx&oauth_token%3Dsecret-token",
                    "text/plain", {"WWW-Authenticate": 'OAuth realm="test"'})

    def route_html(self) -> None:
        self._reply(200, b"<!DOCTYPE html><html><head><title>Welcome page</title>"
                         b"</head></html>", "text/html")

    def route_set_cookie(self) -> None:
        self._reply(200, b"{}", headers={"Set-Cookie": "session=abc; Path=/"})

    def route_text(self) -> None:
        self._reply(200, b"OK", "text/plain")

    def route_broken(self) -> None:
        self._reply(200, b'{"a": [1, 2', "application/json")

    def route_null(self) -> None:
        self._reply(200, b"null")

    def route_empty(self) -> None:
        self._reply(204, b"", "text/plain")

    def route_server_error(self) -> None:
        self._reply(500, b"API error. Invalid date format sent to dt_start.",
                    "text/plain")

    def route_redirect(self) -> None:
        self._reply(301, b"", "text/plain", {"Location": "https://example.org/api"})

    def route_gzip(self) -> None:
        body = gzip.compress(b'{"zipped": "' + b"z" * 10_000 + b'"}')
        self._reply(200, body, headers={"Content-Encoding": "gzip"})

    def route_slow(self) -> None:
        time.sleep(1.0)
        self._reply(200, b"[]")

    def route_big(self) -> None:
        """1 MiB of JSON in 64 KiB chunks, a little apart, with Content-Length."""
        chunk = b" " * 65536
        body_length = 16 * len(chunk) + 2
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(body_length))
        self.end_headers()
        self.wfile.write(b"[")
        for _ in range(16):
            self.wfile.write(chunk)
            self.wfile.flush()
            time.sleep(0.01)
        self.wfile.write(b"]")

    def route_chunked(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for piece in (b'{"parts":', b" [1, 2,", b" 3]}"):
            self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def route_huge_announced(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(10 * 1024 ** 3))
        self.end_headers()
        self.wfile.write(b"[")

    def route_cut(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(b'{"a": 1')
        self.close_connection = True

    def route_corrupt_gzip(self) -> None:
        self._reply(200, b"\x1f\x8b\x08\x00not really gzip data",
                    headers={"Content-Encoding": "gzip"})

    def route_bad_status(self) -> None:
        self._raw_status_line(b"HTTP/1.1 abc")

    def route_status_99(self) -> None:
        self._raw_status_line(b"HTTP/1.1 99 Odd")

    def _raw_status_line(self, line: bytes) -> None:
        self.wfile.write(line + b"\r\nContent-Length: 2\r\n\r\n{}")
        self.close_connection = True


class QuietServer(ThreadingHTTPServer):
    """Ignores clients that hang up early, as cancel and timeout tests do."""

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class LoopbackServer:
    def __init__(self) -> None:
        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackServer]:
    loopback = LoopbackServer()
    loopback.thread.start()
    yield loopback
    loopback.server.shutdown()
    loopback.server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A loopback port with nothing listening on it."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
