"""Run a test's own HTTP server on 127.0.0.1 in a thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serving(server: ThreadingHTTPServer, name: str) -> Iterator[ThreadingHTTPServer]:
    """Serve `server` in a thread called `name`; shut it down on exit.

    Sets `server.base_url` to the server's "http://127.0.0.1:PORT".
    """
    server.daemon_threads = True
    server.base_url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, name=name)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def send_reply(
    handler: BaseHTTPRequestHandler, status: int, content_type: str, body: bytes
) -> None:
    """Send a complete response with `body` and close the connection."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.write(body)
