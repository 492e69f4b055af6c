"""`ka-explorer get` with query or form text that is not UTF-8 after decoding."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ka_explorer.cli import main

KEYS = ("--consumer-key", "key", "--consumer-secret", "secret")


class _Counting(BaseHTTPRequestHandler):
    """Handler that returns 200 with an empty JSON object and counts requests."""

    requests = 0

    def do_GET(self) -> None:
        self._reply()

    def do_POST(self) -> None:
        self._reply()

    def _reply(self) -> None:
        type(self).requests += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "arguments",
    [("-d", "a=%FF", "/x"), ("/x?a=%FF",), ("-d", "%FF=1", "/x")],
)
def test_get_rejects_non_utf8_text(base_url: str, arguments: tuple[str, ...],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    before = _Counting.requests
    status = main(["get", "--base-url", base_url, *KEYS, *arguments])
    err = capsys.readouterr().err
    assert status == 1
    assert "not UTF-8 text (%FF)" in err
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert _Counting.requests == before


def test_get_sends_encoded_percent(base_url: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["get", "--base-url", base_url, *KEYS, "-d", "a=%25FF", "/x"])
    assert status == 0
    assert capsys.readouterr().out.startswith("{}")
