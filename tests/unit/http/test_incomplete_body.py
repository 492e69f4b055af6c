"""A body shorter than its Content-Length keeps the bytes that arrived."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from ka_explorer.cli import main
from ka_explorer.http import RequestSpec, send

ANNOUNCED = 2_000_000
SENT = b'{"items": [' + b'{"n": 1},' * 11_555 + b"{"  # 104,007 bytes


class ClosingServer:
    """A loopback server that announces ANNOUNCED bytes, sends SENT, then closes."""

    def __init__(self, chunked: bool = False) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.chunked = chunked
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/early"

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                connection.sendall(self._response())

    def _response(self) -> bytes:
        if self.chunked:
            head = "Transfer-Encoding: chunked"
            body = f"{len(SENT):x}\r\n".encode() + SENT + b"\r\n"
        else:
            head = f"Content-Length: {ANNOUNCED}"
            body = SENT
        return (
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            f"{head}\r\n\r\n"
        ).encode() + body

    def close(self) -> None:
        """Stop the server; shutting the socket down wakes the blocked accept."""
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # a listening socket that is not connected may reject shutdown
        self.listener.close()
        self.thread.join(timeout=5)


@pytest.fixture
def closing_server() -> Iterator[ClosingServer]:
    server = ClosingServer()
    yield server
    server.close()


def test_incomplete_body_keeps_received_bytes(closing_server: ClosingServer) -> None:
    assert len(SENT) == 104_007
    exchange = send(RequestSpec(url=closing_server.url))
    assert exchange.status == 200
    assert exchange.body == SENT
    assert exchange.size == len(SENT)
    assert exchange.wire_size == len(SENT)
    assert exchange.announced_size == ANNOUNCED


def test_incomplete_body_message_in_words(closing_server: ClosingServer) -> None:
    exchange = send(RequestSpec(url=closing_server.url))
    assert exchange.error is not None
    assert exchange.error.kind == "incomplete"
    assert exchange.error.message == (
        "The server closed the connection after 101.6 KiB of the 1.9 MiB it "
        "announced (Content-Length). Try again; if it repeats, the server is "
        "cutting the response."
    )
    assert "IncompleteRead" not in exchange.error.message


def test_incomplete_body_is_not_parsed(closing_server: ClosingServer) -> None:
    exchange = send(RequestSpec(url=closing_server.url))
    assert exchange.document is None
    assert exchange.parse_error is not None
    assert exchange.parse_error.kind == "incomplete"
    assert "101.6 KiB of 1.9 MiB arrived" in str(exchange.parse_error)


def test_incomplete_chunked_body_keeps_bytes() -> None:
    server = ClosingServer(chunked=True)
    try:
        exchange = send(RequestSpec(url=server.url))
    finally:
        server.close()
    assert exchange.error is not None
    assert exchange.error.kind == "incomplete"
    assert exchange.body == SENT
    assert exchange.announced_size is None
    assert "before the end of the body" in exchange.error.message


def test_cli_get_incomplete_body_one_line(
    closing_server: ClosingServer, capsys: pytest.CaptureFixture[str]
) -> None:
    base_url = closing_server.url.removesuffix("/early")
    status = main(["get", "/early", "--base-url", base_url])
    err = capsys.readouterr().err
    assert status != 0
    assert err.count("\n") == 1
    assert "closed the connection after 101.6 KiB of the 1.9 MiB" in err
