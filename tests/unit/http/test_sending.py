"""send() against a real loopback server: bodies, signing, progress, cancel."""

from __future__ import annotations

import dataclasses
import json
import threading
import time

import pytest

from ka_explorer.http import Client, RequestSpec, send
from ka_explorer.oauth1 import Credentials

from .conftest import CONSUMER, TOKEN, LoopbackServer

CREDENTIALS = Credentials(CONSUMER[0], CONSUMER[1], token=TOKEN[0],
                          token_secret=TOKEN[1])


def test_json_body_is_parsed(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/json")))
    assert exchange.error is None
    assert exchange.status == 200
    assert exchange.reason == "OK"
    assert exchange.document is not None
    points = exchange.document.root.child(0).child(0).child(1)
    assert points.value_text == "1.10"
    assert exchange.size == len(exchange.body)
    assert exchange.header("content-type") == "application/json"


def test_query_form_and_headers_reach_server(server: LoopbackServer) -> None:
    spec = RequestSpec(method="POST", url=server.url("/echo?x=1"),
                       query=(("y", "a b"),), form=(("k", "v&w"),),
                       headers=(("X-Test", "yes"),))
    exchange = send(spec)
    echoed = json.loads(exchange.body)
    assert echoed["method"] == "POST"
    assert echoed["query"] == [["x", "1"], ["y", "a b"]]
    assert echoed["body"] == "k=v%26w"
    assert echoed["headers"]["X-Test"] == "yes"


def test_raw_body_is_sent(server: LoopbackServer) -> None:
    spec = RequestSpec(method="POST", url=server.url("/echo"), body=b"\x00raw",
                       headers=(("Content-Type", "application/octet-stream"),))
    echoed = json.loads(send(spec).body)
    assert echoed["body"] == "\x00raw"


def test_signed_get_passes_provider_check(server: LoopbackServer) -> None:
    spec = RequestSpec(url=server.url("/signed"), query=(("casing", "camel"),))
    exchange = send(spec, credentials=CREDENTIALS)
    assert exchange.error is None, exchange.error
    assert exchange.signature is not None
    assert "casing%3Dcamel" in exchange.signature.base_string


def test_signed_form_post_passes_provider_check(server: LoopbackServer) -> None:
    spec = RequestSpec(method="POST", url=server.url("/signed"),
                       form=(("name", "a b+c"),))
    exchange = send(spec, credentials=CREDENTIALS)
    assert exchange.error is None, exchange.error


def test_wrong_secret_gets_401(server: LoopbackServer) -> None:
    wrong = dataclasses.replace(CREDENTIALS, consumer_secret="wrong")
    exchange = send(RequestSpec(url=server.url("/signed")), credentials=wrong)
    assert exchange.status == 401
    assert exchange.error is not None
    assert exchange.error.kind == "http_error"


def test_request_as_sent_is_masked(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/signed")), credentials=CREDENTIALS)
    assert exchange.request is not None
    assert exchange.sent is not None
    shown = exchange.request.header("Authorization") or ""
    real = exchange.sent.header("Authorization") or ""
    assert 'oauth_token="****"' in shown
    assert 'oauth_signature="****"' in shown
    assert 'oauth_consumer_key="test-key"' in shown
    assert TOKEN[0] not in shown
    assert TOKEN[0] in real
    assert TOKEN[0] not in repr(exchange)


def test_unsigned_request_has_no_signature(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/json")))
    assert exchange.signature is None
    assert exchange.request is not None
    assert exchange.request.header("Authorization") is None


def test_gzip_body_is_decoded(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/gzip")))
    assert exchange.error is None
    assert exchange.size == len(b'{"zipped": "' + b"z" * 10_000 + b'"}')
    assert exchange.wire_size < exchange.size


def test_chunked_body_is_read(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/chunked")))
    assert exchange.document is not None
    assert exchange.document.root.child(0).child_count == 3


def test_progress_reports_bytes_and_length(server: LoopbackServer) -> None:
    reports: list[tuple[int, int | None]] = []
    exchange = send(RequestSpec(url=server.url("/big")),
                    progress=lambda received, total: reports.append((received, total)))
    assert exchange.error is None
    assert len(reports) >= 2
    assert reports[-1] == (exchange.size, exchange.size)
    received = [count for count, _ in reports]
    assert received == sorted(received)


def test_last_byte_time_is_after_every_progress(server: LoopbackServer) -> None:
    progress_times: list[float] = []
    started = time.perf_counter()
    exchange = send(RequestSpec(url=server.url("/big")),
                    progress=lambda _received, _total: progress_times.append(
                        time.perf_counter()))
    returned = time.perf_counter()
    assert exchange.error is None
    assert started < exchange.last_byte_at < returned
    assert exchange.last_byte_at <= progress_times[-1]
    assert exchange.last_byte_at >= progress_times[-2]


def test_last_byte_time_is_zero_without_response(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url="http://127.0.0.1:9/none"), timeout=2)
    assert exchange.error is not None
    assert exchange.last_byte_at == 0.0


def test_cancel_mid_download(server: LoopbackServer) -> None:
    cancel = threading.Event()

    def on_progress(received: int, total: int | None) -> None:
        cancel.set()

    exchange = send(RequestSpec(url=server.url("/big")), progress=on_progress,
                    cancel=cancel)
    assert exchange.error is not None
    assert exchange.error.kind == "cancelled"
    assert "cancelled after" in exchange.error.message
    assert "of 1.0 MiB" in exchange.error.message
    assert exchange.status == 200
    assert exchange.document is None


def test_cancel_before_sending(server: LoopbackServer) -> None:
    cancel = threading.Event()
    cancel.set()
    exchange = send(RequestSpec(url=server.url("/json")), cancel=cancel)
    assert exchange.error is not None
    assert exchange.error.kind == "cancelled"
    assert exchange.status == 0


def test_null_body_is_a_document(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/null")))
    assert exchange.error is None
    assert exchange.document is not None
    assert exchange.document.root.kind == "null"


def test_no_content_has_no_document(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/empty")))
    assert exchange.error is None
    assert exchange.status == 204
    assert exchange.document is None
    assert exchange.parse_error is None


def test_plain_text_success_is_not_an_error(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/text")))
    assert exchange.error is None
    assert exchange.document is None
    assert exchange.parse_error is not None
    assert exchange.parse_error.kind == "text"


def test_exchange_is_immutable(server: LoopbackServer) -> None:
    exchange = send(RequestSpec(url=server.url("/json")))
    with pytest.raises(dataclasses.FrozenInstanceError):
        exchange.status = 500  # type: ignore[misc]


def test_form_and_body_together_is_rejected(server: LoopbackServer) -> None:
    spec = RequestSpec(method="POST", url=server.url("/echo"), form=(("a", "1"),),
                       body=b"x")
    exchange = send(spec)
    assert exchange.error is not None
    assert exchange.error.kind == "invalid_request"
    assert "both form fields and a raw body" in exchange.error.message


def test_own_client_is_used(server: LoopbackServer) -> None:
    client = Client()
    try:
        first = send(RequestSpec(url=server.url("/json")), client=client)
        second = send(RequestSpec(url=server.url("/json")), client=client)
    finally:
        client.close()
    assert not first.timings.reused_connection
    assert second.timings.reused_connection


def test_cancel_while_waiting_for_server(server: LoopbackServer) -> None:
    cancel = threading.Event()
    timer = threading.Timer(0.1, cancel.set)
    timer.start()
    started = time.perf_counter()
    exchange = send(RequestSpec(url=server.url("/slow")), cancel=cancel, timeout=10)
    elapsed = time.perf_counter() - started
    timer.cancel()
    assert exchange.error is not None
    assert exchange.error.kind == "cancelled"
    assert "while waiting for the server's response" in exchange.error.message
    assert elapsed < 0.6


def test_client_works_after_cancel(server: LoopbackServer) -> None:
    client = Client()
    try:
        cancel = threading.Event()
        threading.Timer(0.1, cancel.set).start()
        send(RequestSpec(url=server.url("/slow")), cancel=cancel, client=client)
        exchange = send(RequestSpec(url=server.url("/json")), client=client)
    finally:
        client.close()
    assert exchange.error is None


def test_cookies_are_not_kept(server: LoopbackServer) -> None:
    client = Client()
    try:
        first = send(RequestSpec(url=server.url("/set_cookie")), client=client)
        echoed = json.loads(send(RequestSpec(url=server.url("/echo")),
                                 client=client).body)
    finally:
        client.close()
    assert first.header("Set-Cookie") == "session=abc; Path=/"
    assert "Cookie" not in echoed["headers"]


def test_cancel_watch_uses_one_thread(server: LoopbackServer) -> None:
    send(RequestSpec(url=server.url("/json")), cancel=threading.Event())
    before = threading.active_count()

    for _ in range(5):
        exchange = send(RequestSpec(url=server.url("/json")), cancel=threading.Event())
        assert exchange.error is None

    watchers = [t for t in threading.enumerate() if t.name == "send-cancel"]
    assert len(watchers) == 1
    assert threading.active_count() == before
