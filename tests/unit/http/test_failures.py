"""Every failure ends in Exchange.error with a kind and an actionable message."""

from __future__ import annotations

import socket
from http.client import RemoteDisconnected

import pytest
import requests
from urllib3.exceptions import ProtocolError

from ka_explorer.http import KINDS, RequestSpec, send
from ka_explorer.http.errors import from_requests_error

from .conftest import LoopbackServer


def test_refused_connection(closed_port: int) -> None:
    exchange = send(RequestSpec(url=f"http://127.0.0.1:{closed_port}/api/v1/badges"))
    assert exchange.error is not None
    assert exchange.error.kind == "connection_refused"
    assert exchange.error.message == (
        f"Could not connect to 127.0.0.1:{closed_port} (connection refused). "
        "Is the server running?")
    assert exchange.status == 0


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("htp://127.0.0.1/x", "must start with http:// or https://"),
        ("/api/v1/badges", "must start with http:// or https://"),
        ("http:///path", "has no host name"),
        ("http://127.0.0.1:99999/x", "port is not a number"),
    ],
)
def test_invalid_url(url: str, reason: str) -> None:
    exchange = send(RequestSpec(url=url))
    assert exchange.error is not None
    assert exchange.error.kind == "invalid_url"
    assert reason in exchange.error.message
    assert repr(url) in exchange.error.message


def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    # Name resolution is replaced because this machine has no DNS server.
    def fail(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    exchange = send(RequestSpec(url="http://no-such-host.test/api"))
    assert exchange.error is not None
    assert exchange.error.kind == "dns"
    assert "Could not resolve the host name no-such-host.test" in exchange.error.message


def test_read_timeout(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/slow")), timeout=0.2)
    assert exchange.error is not None
    assert exchange.error.kind == "timeout"
    assert "did not answer after 0.2 s" in exchange.error.message


def test_401_carries_server_text(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/unauthorized")))
    assert exchange.error is not None
    assert exchange.error.kind == "http_error"
    message = exchange.error.message
    assert message.startswith("401 Unauthorized from 127.0.0.1:")
    assert "OAuth error. Invalid signature. Expected signature base string" in message
    assert "The request was not signed: set a consumer key and secret" in message
    assert exchange.body.startswith(b"OAuth error.")


def test_404_html_names_page(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/no/such/path")))
    assert exchange.error is not None
    assert exchange.error.kind == "http_error"
    assert "404 Not Found" in exchange.error.message
    assert "HTML page ('404 Not Found')" in exchange.error.message
    assert "Check the path" in exchange.error.message


def test_500_names_server_failure(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/server_error")))
    assert exchange.error is not None
    assert "API error. Invalid date format" in exchange.error.message
    assert "The server failed" in exchange.error.message


def test_redirect_is_not_followed(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/redirect")))
    assert exchange.status == 301
    assert exchange.error is not None
    assert "redirects to https://example.org/api" in exchange.error.message


def test_html_instead_of_json(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/html")))
    assert exchange.error is not None
    assert exchange.error.kind == "not_json"
    assert "HTML page ('Welcome page'), not JSON" in exchange.error.message
    assert "base URL" in exchange.error.message


def test_malformed_json_body(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/broken")))
    assert exchange.error is not None
    assert exchange.error.kind == "invalid_json"
    assert "line 1, column 12" in exchange.error.message
    assert exchange.parse_error is not None
    assert exchange.body == b'{"a": [1, 2'


def test_body_over_limit_while_downloading(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/big")), max_body_bytes=100_000)
    assert exchange.error is not None
    assert exchange.error.kind == "too_large"
    assert "97.7 KiB limit" in exchange.error.message


def test_announced_length_over_limit(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/huge_announced")))
    assert exchange.error is not None
    assert exchange.error.kind == "too_large"
    assert "announces 10.0 GiB (Content-Length)" in exchange.error.message


def test_connection_cut_mid_body(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/cut")))
    assert exchange.error is not None
    assert exchange.error.kind == "incomplete"
    assert "closed the connection after 7 B of the 1000 B" in exchange.error.message
    assert exchange.body == b'{"a": 1'


def test_corrupt_gzip_body_is_corrupt_body(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/corrupt/gzip")))
    assert exchange.error is not None
    assert exchange.error.kind == "corrupt_body"
    assert exchange.status == 200
    assert "could not be decompressed" in exchange.error.message


@pytest.mark.parametrize(("path", "line"), [
    ("/bad/status", "HTTP/1.1 abc"),
    ("/status/99", "HTTP/1.1 99 Odd"),
])
def test_bad_status_line_is_invalid_response(
    server: LoopbackServer, path: str, line: str
) -> None:
    exchange = send(RequestSpec(url=server.url(path)))
    assert exchange.error is not None
    assert exchange.error.kind == "invalid_response"
    assert "sent an invalid HTTP response" in exchange.error.message
    assert repr(line) in exchange.error.message
    assert "invalid literal" not in exchange.error.message


def test_server_closing_without_response_is_incomplete() -> None:
    error = requests.exceptions.ConnectionError(
        ProtocolError("Connection aborted.", RemoteDisconnected("closed early")))
    described = from_requests_error(error, "http://127.0.0.1:9/", 5.0)
    assert described.kind == "incomplete"
    assert "broke while reading the response" in described.message


def test_root_cause_skips_suppressed_context() -> None:
    try:
        try:
            raise ValueError("inner detail")
        except ValueError:
            raise ProtocolError("outer reason") from None
    except ProtocolError as error:
        described = from_requests_error(error, "http://127.0.0.1:9/", 5.0)
    assert "(outer reason)" in described.message
    assert "inner detail" not in described.message


def test_root_cause_follows_context() -> None:
    try:
        try:
            raise ValueError("inner detail")
        except ValueError:
            raise ProtocolError("outer reason")  # noqa: B904 - the case tested
    except ProtocolError as error:
        described = from_requests_error(error, "http://127.0.0.1:9/", 5.0)
    assert "(inner detail)" in described.message


def test_every_kind_is_listed(server: LoopbackServer, closed_port: int) -> None:
    urls = ["/html", "/broken", "/unauthorized", "/slow", "/corrupt/gzip",
            "/bad/status"]
    exchanges = [send(RequestSpec(url=server.url(url)), timeout=0.2) for url in urls]
    exchanges.append(send(RequestSpec(url=f"http://127.0.0.1:{closed_port}/")))
    for exchange in exchanges:
        assert exchange.error is not None
        assert exchange.error.kind in KINDS
