"""The advice of `ka-explorer get` for a 401, branch by branch.

The replica and an oauthlib verifier run on loopback. Sign-in is advised
only where it can help.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, unquote, urlsplit

import pytest
from oauthlib.oauth1 import SignatureOnlyEndpoint

from ka_explorer.cli import main
from ka_explorer.replica import RunningReplica
from tests.unit.oauth1.helpers import generated_rsa_key
from tests.unit.oauth1.test_oauthlib_verifier import (
    SECRETS,
    AllowEveryMethod,
    _public_pem,
)

SIGN_IN_WORDS = ("ka-explorer login", "sign in")


class Verifier(BaseHTTPRequestHandler):
    """Checks signatures with oauthlib.

    The open catalog route and `/bare` answer 401 "Unauthorized" to any
    request, and `/text?T` answers 401 with the text T.
    """

    protocol_version = "HTTP/1.1"
    endpoint = SignatureOnlyEndpoint(AllowEveryMethod(_public_pem(generated_rsa_key())))

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path in ("/api/v1/badges/categories", "/bare"):
            self._reply(401, b"Unauthorized")
            return
        if parts.path == "/text":
            self._reply(401, unquote(parts.query).encode())
            return
        uri = f"http://{self.headers['Host']}{self.path}"
        valid, _ = self.endpoint.validate_request(
            uri, "GET", None, dict(self.headers.items())
        )
        if valid:
            self._reply(200, json.dumps({"valid": True}).encode())
        else:
            self._reply(401, b"Invalid signature.")

    def _reply(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def verifier() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Verifier)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def run_get(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    status = main(["get", *args])
    err = capsys.readouterr().err
    assert status == 1, err
    assert err.count("\n") == 1, err
    return err


def assert_no_sign_in(err: str) -> None:
    for words in SIGN_IN_WORDS:
        assert words not in err
    assert "Check the consumer key and secret, or sign in again" not in err


def test_rejected_method_on_open_endpoint(
    replica: RunningReplica, capsys: pytest.CaptureFixture[str]
) -> None:
    err = run_get(
        capsys, "/api/v1/badges/categories", "--base-url", replica.base_url,
        "--signature-method", "HMAC-SHA256",
    )
    assert err == (
        f"ka-explorer get: 401 UNAUTHORIZED from {replica.base_url[7:]}: "
        "OAuth error. Unsupported signature method HMAC-SHA256; this server "
        "accepts HMAC-SHA1 and PLAINTEXT. The server accepts only HMAC-SHA1 and "
        "PLAINTEXT, not HMAC-SHA256: use --signature-method HMAC-SHA1.\n"
    )


def test_rejected_method_with_token(
    replica: RunningReplica, capsys: pytest.CaptureFixture[str]
) -> None:
    err = run_get(
        capsys, "/api/v1/user", "--base-url", replica.base_url,
        "--signature-method", "HMAC-SHA512", "--token", "t", "--token-secret", "s",
    )
    assert "use --signature-method HMAC-SHA1." in err
    assert_no_sign_in(err)


def test_login_required_without_token(
    replica: RunningReplica, capsys: pytest.CaptureFixture[str]
) -> None:
    err = run_get(capsys, "/api/v1/user", "--base-url", replica.base_url)
    assert err.endswith(
        "Unauthorized. No access token was sent: run `ka-explorer login` first, "
        "or pass --token and --token-secret.\n"
    )


def test_rejected_token_asks_for_new_sign_in(
    replica: RunningReplica, capsys: pytest.CaptureFixture[str]
) -> None:
    err = run_get(
        capsys, "/api/v1/user", "--base-url", replica.base_url,
        "--token", "not-issued", "--token-secret", "s",
    )
    assert "OAuth error. Invalid access token: not-issued." in err
    assert err.endswith(
        "The server rejected the access token: run `ka-explorer login` to sign "
        "in again, or pass another --token and --token-secret.\n"
    )


def test_wrong_secret_on_open_endpoint(
    replica: RunningReplica, capsys: pytest.CaptureFixture[str]
) -> None:
    err = run_get(
        capsys, "/api/v1/badges", "--base-url", replica.base_url,
        "--consumer-secret", "wrong",
    )
    assert "Signature check: The base strings are identical" in err
    assert_no_sign_in(err.replace("the token secret", ""))


def test_unknown_consumer_named(
    replica: RunningReplica, capsys: pytest.CaptureFixture[str]
) -> None:
    err = run_get(
        capsys, "/api/v1/user", "--base-url", replica.base_url,
        "--consumer-key", "nobody", "--consumer-secret", "x",
    )
    assert err.endswith(
        "The server does not know the consumer key: check --consumer-key or the "
        "profile's consumer key.\n"
    )


def test_plaintext_in_query_advises_header(
    verifier: str, capsys: pytest.CaptureFixture[str]
) -> None:
    credentials = (
        "--consumer-key", "client-key", "--consumer-secret", SECRETS[0],
        "--token", "access-token", "--token-secret", SECRETS[1],
        "--signature-method", "PLAINTEXT",
    )
    err = run_get(capsys, f"{verifier}/x?a=1", *credentials, "--placement", "query")
    assert main(["get", f"{verifier}/x?a=1", *credentials]) == 0

    assert err.endswith(
        "put the OAuth parameters in the Authorization header (--placement header).\n"
    )
    assert_no_sign_in(err)


def test_open_endpoint_never_suggests_sign_in(
    verifier: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = run_get(capsys, "/api/v1/badges/categories", "--base-url", verifier)
    assert (
        "GET /api/v1/badges/categories is open access, so no sign-in is needed, "
        "and the server rejected the signature" in err
    )
    assert err.endswith("run with --explain to see what was signed.\n")


@pytest.mark.parametrize("token", [(), ("--token", "t", "--token-secret", "s")])
def test_rejected_signature_on_unknown_path(
    verifier: str, capsys: pytest.CaptureFixture[str], token: tuple[str, ...]
) -> None:
    err = run_get(
        capsys, f"{verifier}/x", "--consumer-key", "client-key",
        "--consumer-secret", "wrong", *token,
    )
    assert err.endswith(
        "Invalid signature. The server rejected the signature: check the "
        "consumer key and secret, and run with --explain to see what was "
        "signed.\n"
    )


def test_bare_401_on_unknown_path(
    verifier: str, capsys: pytest.CaptureFixture[str]
) -> None:
    signed = ("--consumer-key", "client-key", "--consumer-secret", SECRETS[0])
    token = ("--token", "access-token", "--token-secret", SECRETS[1])

    without_token = run_get(capsys, f"{verifier}/bare", *signed)
    with_token = run_get(capsys, f"{verifier}/bare", *signed, *token)

    assert without_token.endswith(
        "Unauthorized. No access token was sent: run `ka-explorer login` first, "
        "or pass --token and --token-secret.\n"
    )
    assert with_token.endswith(
        "Unauthorized. The server did not say what it rejected: check the "
        "consumer key and secret and the access token, and run with --explain "
        "to see what was signed.\n"
    )


def test_unsigned_request_named(
    verifier: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = run_get(capsys, f"{verifier}/x", "--consumer-key", "")
    assert err.endswith(
        "The request was not signed, because the profile has no consumer key: "
        "pass --consumer-key and --consumer-secret, or choose a profile with "
        "--profile.\n"
    )


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("Timestamp is too old", "set the computer's clock"),
        ("Nonce already used: 123", "send the request again"),
    ],
)
def test_clock_and_nonce_advice(
    verifier: str, capsys: pytest.CaptureFixture[str], text: str, advice: str
) -> None:
    err = run_get(
        capsys, f"{verifier}/text?{quote(text)}", "--consumer-key", "client-key",
        "--consumer-secret", "s", "--token", "t", "--token-secret", "s",
    )
    assert f"{text}. " in err
    assert advice in err
    assert_no_sign_in(err)
