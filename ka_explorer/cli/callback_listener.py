"""A one-shot HTTP listener on this machine that receives the OAuth callback."""

from __future__ import annotations

import http.server
import socket
import time

from ka_explorer.errors import KaExplorerError

CALLBACK_PATH = "/callback"
_DONE_PAGE = (
    b"<!doctype html><title>Signed in</title><p>Signed in. You can close this "
    b"tab and return to the terminal.</p>"
)


class LoginError(KaExplorerError):
    """The login command cannot go on (settings, replica, callback)."""


class CallbackListener:
    """A one-shot HTTP server that waits for the browser's redirect.

    By default it listens on 127.0.0.1 on a free port at /callback. A
    registered callback URL on this machine gives its own host, port and
    path (`url`); the listener then responds on exactly that URL.
    """

    def __init__(self, url: str | None = None, host: str = "127.0.0.1",
                 port: int = 0, path: str = CALLBACK_PATH) -> None:
        self.received: str | None = None
        self.path = path
        server_class = _IPv6Server if ":" in host else http.server.HTTPServer
        try:
            self._server = server_class((host, port), _handler_for(self))
        except OSError as error:
            raise LoginError(
                f"Could not listen on {host}:{port} for the callback "
                f"{url or path} ({error.strerror or error}); stop the program that "
                "uses the port, or set the profile's callback to loopback or oob."
            ) from None
        self.origin = f"http://127.0.0.1:{self._server.server_port}"
        self.url = url or self.origin + path

    def __enter__(self) -> CallbackListener:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.server_close()

    def wait(self, timeout: float) -> str:
        """Serve until the callback arrives and return its full URL."""
        deadline = time.monotonic() + timeout
        while self.received is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LoginError(
                    f"No browser came back to {self.url} within {timeout:g} s; "
                    "run the login again, or use --oob."
                )
            self._server.timeout = remaining
            self._server.handle_request()
        return self.received


class _IPv6Server(http.server.HTTPServer):
    address_family = socket.AF_INET6


def _handler_for(
    listener: CallbackListener,
) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (http.server's handler name)
            if self.path.split("?", 1)[0] != listener.path:
                self.send_error(404, "Not the OAuth callback")
                return
            listener.received = listener.origin + self.path
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(_DONE_PAGE)))
            self.end_headers()
            self.wfile.write(_DONE_PAGE)

        def log_message(self, *args: object) -> None:
            pass

    return Handler
