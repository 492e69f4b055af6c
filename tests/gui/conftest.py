"""Fixtures for the window tests: no modal dialogs, no leaked threads."""

from __future__ import annotations

from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.loopback_server import send_reply, serving
from tests.window_fixtures import (  # noqa: F401 - fixtures for every test here
    _cancel_watch_thread,
    _checked_window_test,
)


class _Handler(BaseHTTPRequestHandler):
    """Answers each path from the server's `routes`: (status, content type, body)."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?")[0]
        route = self.server.routes.get(path)
        if route is None:
            route = (404, "text/html", b"<html><title>404 Not Found</title></html>")
        if callable(route):
            route(self)
            return
        status, content_type, body = route
        send_reply(self, status, content_type, body)

    def log_message(self, format, *args) -> None:  # noqa: A002
        pass


@pytest.fixture
def local_server():
    """An HTTP server on 127.0.0.1 whose answers a test sets in `.routes`."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.routes = {}
    with serving(server, "local-server"):
        yield server


class _Replica:
    """Stands in for a running replica: only its base URL and date are read."""

    def __init__(self, base_url: str, as_of: date | None) -> None:
        self.base_url = base_url
        self.as_of = as_of

    def stop(self) -> None:
        pass


@pytest.fixture
def make_window(qtbot, monkeypatch):
    """Build windows on a base URL with a memory secret store; close them after."""
    from ka_explorer.app import build_window
    from ka_explorer.oauth1.secret_store import MemorySecretStore

    built = []

    def make(
        base_url: str = "http://127.0.0.1:9",
        today=date(2019, 12, 1),
        as_of=None,
        **options,
    ):
        """Build a window; without `as_of` the replica has the default date."""
        options.setdefault("secret_store", MemorySecretStore())
        replica = _Replica(base_url, as_of)
        parts = build_window(replica=replica, today=today, **options)
        qtbot.addWidget(parts.window)
        parts.window.show()
        built.append(parts)
        return parts

    yield make
    for parts in built:
        parts.close()
