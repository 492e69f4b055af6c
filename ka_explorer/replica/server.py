"""Run the replica on loopback in a background thread of this process."""

from __future__ import annotations

import errno
import logging
import socket
import threading
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from ka_explorer.replica.app import create_app
from ka_explorer.replica.dataset import Dataset
from ka_explorer.replica.errors import ReplicaError

log = logging.getLogger(__name__)
request_log = logging.getLogger("ka_explorer.replica.requests")


class RunningReplica:
    """A replica served by werkzeug's threaded server until `stop()`."""

    def __init__(self, app: Flask, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        self._server = _bind(app, host, port)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            name=f"replica-{self._server.port}",
            daemon=True,
        )
        self._thread.start()
        log.info("Replica listening on %s", self.base_url)

    @property
    def as_of(self) -> date:
        """The replica's date: endpoints removed on or before it answer 404."""
        return self.app.config["REPLICA"].as_of  # type: ignore[no-any-return]

    def revoke_access_token(self, key: str) -> bool:
        """Revoke an issued access token, as a provider's admin would."""
        store = self.app.config["REPLICA"].provider.store
        return store.revoke_access_token(key)  # type: ignore[no-any-return]

    @property
    def host(self) -> str:
        return str(self._server.host)

    @property
    def port(self) -> int:
        return int(self._server.port)

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def stop(self) -> None:
        """Stop serving and wait for the server thread to end."""
        if not self._thread.is_alive():
            return
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        log.info("Replica on %s stopped", self.base_url)

    def __enter__(self) -> RunningReplica:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class _QuietRequestHandler(WSGIRequestHandler):
    """Leaves request logging to the app, which logs one line per request.

    A request that the HTTP server rejects before the app sees it (such as
    414 for a request line over its length limit) is logged at INFO in the
    request log, which `serve` prints, instead of werkzeug's ERROR line.
    """

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass

    def log_error(self, format: str, *args: Any) -> None:
        request_log.info(
            "Rejected a request from %s before the app: %s",
            self.address_string(),
            format % args,
        )


def start_replica(
    as_of: date | str | None = None,
    recordings: Iterable[Path | str] = (),
    host: str = "127.0.0.1",
    port: int = 0,
    dataset: Dataset | None = None,
    token_file: Path | str | None = None,
) -> RunningReplica:
    """Create the replica app and serve it; port 0 picks a free port."""
    app = create_app(
        dataset=dataset, as_of=as_of, recordings=recordings, token_file=token_file
    )
    return RunningReplica(app, host, port)


def _bind(app: Flask, host: str, port: int) -> BaseWSGIServer:
    """Bind the socket here, so a taken port raises instead of exiting.

    werkzeug prints to stderr and calls sys.exit when its own bind fails, so
    the listening socket is made first and handed over by file descriptor.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        # create_server turns a resolver error into a plain OSError, so the
        # name is resolved first to tell that case apart.
        socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)
        listener = socket.create_server((host, port), family=family, backlog=128)
    except OSError as error:
        raise ReplicaError(_bind_failure(host, port, error)) from None
    with listener:
        bound_port = listener.getsockname()[1]
        return make_server(
            host,
            bound_port,
            app,
            threaded=True,
            request_handler=_QuietRequestHandler,
            fd=listener.fileno(),
        )


def _bind_failure(host: str, port: int, error: OSError) -> str:
    """Return the message for a failed bind, with the option to change."""
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    if isinstance(error, socket.gaierror):
        return (
            f"Could not listen on {host}: the host name cannot be resolved "
            f"({error.strerror}); give --host an IP address of this machine, such "
            "as 127.0.0.1 or ::1."
        )
    if error.errno == errno.EADDRNOTAVAIL:
        return (
            f"Could not listen on {where}: {host} is not an address of this "
            "machine; give --host 127.0.0.1, ::1 or another local address."
        )
    return (
        f"Could not listen on {where} ({error.strerror}); "
        "pick another --port or stop the program that uses it."
    )
