"""The phases of one exchange, and the urllib3 connections that time their setup.

`TimedHTTPConnection` and `TimedHTTPSConnection` replace urllib3's
connection classes in the pools that `TimedAdapter` creates. Each new
connection records how long name resolution (`getaddrinfo`), the TCP
connect and the TLS handshake took. The exchange that first uses the
connection reports them. Later exchanges on the same kept-alive connection
report 0 for those phases.
"""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    NameResolutionError,
    NewConnectionError,
)
from urllib3.util import connection as connection_util


@dataclasses.dataclass(frozen=True)
class Timings:
    """Seconds spent in each phase of one exchange.

    `prepare` builds and signs the request. `dns`, `connect` and `tls` are 0
    when the exchange reused a kept-alive connection (`reused_connection`).
    `ttfb` runs from the end of connection setup to the response headers,
    so it includes writing the request. `download` reads the body and
    `parse` reads it as JSON. `total` covers all of them, from the call of
    `send` to its return.
    """

    total: float = 0.0
    prepare: float = 0.0
    dns: float = 0.0
    connect: float = 0.0
    tls: float = 0.0
    ttfb: float = 0.0
    download: float = 0.0
    parse: float = 0.0
    reused_connection: bool = False

    def phases(self) -> dict[str, float]:
        """Return the phases in the order they happen, in seconds."""
        names = ("prepare", "dns", "connect", "tls", "ttfb", "download", "parse")
        return {name: getattr(self, name) for name in names}


@dataclasses.dataclass
class ConnectionSetup:
    """How long one new connection took to open; `reported` once an exchange used it."""

    dns: float = 0.0
    connect: float = 0.0
    tls: float = 0.0
    reported: bool = False


_listeners = threading.local()


def watch_connections(callback: Callable[[HTTPConnection], None] | None) -> None:
    """Call `callback` with each timed connection that this thread sends a
    request on, until it is set back to None."""
    _listeners.callback = callback


class TimedHTTPConnection(HTTPConnection):
    """An urllib3 connection that times name resolution and the TCP connect."""

    setup: ConnectionSetup | None = None

    def request(self, *args: Any, **kwargs: Any) -> None:
        callback = getattr(_listeners, "callback", None)
        if callback is not None:
            callback(self)
        super().request(*args, **kwargs)

    def _new_conn(self) -> socket.socket:
        self.setup = ConnectionSetup()
        started = time.perf_counter()
        addresses = self._resolve()
        resolved = time.perf_counter()
        sock = self._connect_first(addresses)
        self.setup.dns = resolved - started
        self.setup.connect = time.perf_counter() - resolved
        return sock

    def _resolve(self) -> list[Any]:
        try:
            return socket.getaddrinfo(
                self._dns_host, self.port, connection_util.allowed_gai_family(),
                socket.SOCK_STREAM,
            )
        except socket.gaierror as error:
            raise NameResolutionError(self.host, self, error) from error

    def _connect_first(self, addresses: list[Any]) -> socket.socket:
        """Connect to the first address that accepts, as urllib3 itself does."""
        last_error: OSError | None = None
        for _family, _type, _proto, _name, address in addresses:
            try:
                return connection_util.create_connection(
                    (address[0], self.port), self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except TimeoutError as error:
                message = (f"Connection to {self.host} timed out. "
                           f"(connect timeout={self.timeout})")
                raise ConnectTimeoutError(self, message) from error
            except OSError as error:
                last_error = error
        message = f"Failed to establish a new connection: {last_error}"
        raise NewConnectionError(self, message) from last_error


class TimedHTTPSConnection(TimedHTTPConnection, HTTPSConnection):
    """An HTTPS connection that also times the TLS handshake."""

    def connect(self) -> None:
        started = time.perf_counter()
        super().connect()
        if self.setup is not None:
            spent = time.perf_counter() - started
            self.setup.tls = max(0.0, spent - self.setup.dns - self.setup.connect)


class _TimedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = TimedHTTPConnection


class _TimedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = TimedHTTPSConnection


class TimedAdapter(HTTPAdapter):
    """A requests adapter whose connections record their setup times."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _TimedHTTPConnectionPool,
            "https": _TimedHTTPSConnectionPool,
        }


def take_setup(raw_response: Any) -> ConnectionSetup | None:
    """Return the setup times of the connection behind a streamed response.

    Returns None for a connection that an earlier exchange already reported,
    or when the response has no timed connection.
    """
    connection = getattr(raw_response, "connection", None)
    setup = getattr(connection, "setup", None)
    if not isinstance(setup, ConnectionSetup) or setup.reported:
        return None
    setup.reported = True
    return setup
