"""The advice after a 401 follows diagnose_401's cause, over real loopback HTTP."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest

from ka_explorer.http import RequestSpec, send
from ka_explorer.http.outcome import UNAUTHORIZED_ADVICE
from ka_explorer.oauth1 import Credentials

WITH_TOKEN = Credentials("key", "secret", token="token", token_secret="ts")
WITHOUT_TOKEN = Credentials("key", "secret")


class _Unauthorized(BaseHTTPRequestHandler):
    """Replies 401 with the hex-encoded text after /401/ in the path as its body."""

    def do_GET(self) -> None:
        text = self.path.partition("/401/")[2].split("?")[0]
        body = bytes.fromhex(text) if text else b""
        self.send_response(401)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Unauthorized)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _message(base_url: str, server_text: str, credentials=WITH_TOKEN) -> str:
    url = f"{base_url}/401/{quote(server_text.encode().hex())}"
    exchange = send(RequestSpec(url=url), credentials=credentials)
    assert exchange.status == 401
    assert exchange.error is not None
    return exchange.error.message


CASES = [
    ("OAuth error. Nonce already used: 123", "nonce before"),
    ("OAuth error. Invalid timestamp 12", "computer's clock"),
    ("Invalid signature, HMAC-SHA256 not in ('HMAC-SHA1', 'PLAINTEXT')",
     "accepts only"),
    ("Invalid access token: abc", "rejected the access token: sign in again"),
    ("Invalid consumer key", "does not know the consumer key"),
    ("Invalid signature. Expected signature base string: "
     "POST&http%3A%2F%2Fx%2Fy&a%3D1", "The signature does not match"),
]


@pytest.mark.parametrize(("server_text", "advice"), CASES)
def test_401_advice_follows_cause(base_url: str, server_text: str,
                                  advice: str) -> None:
    message = _message(base_url, server_text)
    assert advice in message
    assert UNAUTHORIZED_ADVICE not in message


def test_401_without_token_says_so(base_url: str) -> None:
    message = _message(base_url, "Unauthorized", WITHOUT_TOKEN)
    assert "No access token was sent" in message


def test_401_token_named_without_token(base_url: str) -> None:
    message = _message(base_url, "Missing token", WITHOUT_TOKEN)
    assert "No access token was sent, and the server asks for one" in message


def test_401_unknown_cause_keeps_generic(base_url: str) -> None:
    message = _message(base_url, "Unauthorized")
    assert message.endswith(UNAUTHORIZED_ADVICE)


def test_401_unsigned_says_not_signed(base_url: str) -> None:
    message = _message(base_url, "Unauthorized", None)
    assert "The request was not signed" in message
