"""Messages of failed exchanges, against a real server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ka_explorer.http import RequestSpec, send
from ka_explorer.http.errors import body_stalled


class _StallingHandler(BaseHTTPRequestHandler):
    """Send the status line and the first bytes of the body, then stall."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if self.path != "/no-length":
            self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(b'{"a":')
        self.wfile.flush()
        time.sleep(1.5)


@pytest.fixture
def stalling_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _StallingHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_stalled_body_names_bytes_received(stalling_url: str) -> None:
    exchange = send(RequestSpec(url=stalling_url + "/x"), timeout=0.3)

    assert exchange.error is not None
    assert exchange.error.kind == "timeout"
    assert exchange.status == 200
    assert "did not answer" not in exchange.error.message
    assert "the body stopped after 5 B of 1000 B (Content-Length)" in (
        exchange.error.message)
    assert "the server stopped sending for 0.3 s" in exchange.error.message


def test_stalled_body_without_content_length(stalling_url: str) -> None:
    exchange = send(RequestSpec(url=stalling_url + "/no-length"), timeout=0.3)

    assert exchange.error is not None
    assert "stopped after 5 B (the server sent no Content-Length)" in (
        exchange.error.message)


def test_stalled_body_reports_progress(stalling_url: str) -> None:
    progress: list[tuple[int, int | None]] = []

    send(RequestSpec(url=stalling_url + "/x"), timeout=0.3,
         progress=lambda received, total: progress.append((received, total)))

    assert progress == [(5, 1000)]


def test_body_stalled_formats_byte_counts():
    error = body_stalled("127.0.0.1:8123", 1536, 2 * 1024 * 1024, 5.0)

    assert error.kind == "timeout"
    assert "stopped after 1.5 KiB of 2.0 MiB (Content-Length)" in error.message
    assert "stopped sending for 5 s" in error.message
