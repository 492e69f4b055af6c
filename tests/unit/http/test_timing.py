"""Phase timings: new connections report setup, reused ones report 0."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator

import pytest

from ka_explorer.http import Client, RequestSpec, Timings, send

from .conftest import LoopbackServer


@pytest.fixture
def client() -> Iterator[Client]:
    own = Client()
    yield own
    own.close()


def test_new_connection_reports_setup(server: LoopbackServer, client: Client) -> None:
    timings = send(RequestSpec(url=server.url("/json")), client=client).timings
    assert not timings.reused_connection
    assert timings.dns > 0
    assert timings.connect > 0
    assert timings.tls == 0
    assert timings.ttfb > 0
    assert timings.parse > 0


def test_reused_connection_reports_zero_setup(server: LoopbackServer,
                                              client: Client) -> None:
    send(RequestSpec(url=server.url("/json")), client=client)
    timings = send(RequestSpec(url=server.url("/json")), client=client).timings
    assert timings.reused_connection
    assert (timings.dns, timings.connect, timings.tls) == (0.0, 0.0, 0.0)
    assert timings.ttfb > 0


def test_phases_add_up_to_total(server: LoopbackServer, client: Client) -> None:
    timings = send(RequestSpec(url=server.url("/big")), client=client).timings
    phases = sum(timings.phases().values())
    assert phases <= timings.total
    assert timings.total - phases < 0.05
    assert timings.download > timings.parse


def test_phase_order() -> None:
    names = list(Timings().phases())
    assert names == ["prepare", "dns", "connect", "tls", "ttfb", "download", "parse"]


def test_failed_exchange_has_total(closed_port: int, client: Client) -> None:
    exchange = send(RequestSpec(url=f"http://127.0.0.1:{closed_port}/"), client=client)
    assert exchange.timings.total > 0
    assert exchange.timings.download == 0


def test_tls_handshake_is_timed(client: Client) -> None:
    """A TLS server on loopback: the handshake fails certificate checks, so
    the exchange ends in a tls error, which is what an untrusted server gives."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)

    def serve() -> None:
        connection, _ = listener.accept()
        try:
            context.wrap_socket(connection, server_side=True)
        except (ssl.SSLError, OSError):
            pass
        finally:
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    exchange = send(RequestSpec(url=f"https://127.0.0.1:{port}/"), client=client,
                    timeout=5)
    thread.join(5)
    listener.close()
    assert exchange.error is not None
    assert exchange.error.kind == "tls"
    assert "TLS handshake with 127.0.0.1:" in exchange.error.message
