"""`ka-explorer get` against a loopback server and against the replica."""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from oauthlib.common import Request as OAuthRequest
from oauthlib.oauth1.rfc5849 import signature

from ka_explorer.cli import main

DEMO_KEY, DEMO_SECRET = "demo-consumer-key", "demo-consumer-secret"
CATEGORIES = [{"category": number, "type_label": label} for number, label in
              enumerate(["Meteorite", "Moon", "Earth", "Sun", "Black Hole",
                         "Challenge Patch"])]


class Handler(BaseHTTPRequestHandler):
    """A small Khan-like API: one open route, one signed route, HTML 404s."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._route(b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._route(self.rfile.read(length))

    def _route(self, body: bytes) -> None:
        path = urlsplit(self.path).path
        if path == "/api/v1/badges/categories":
            self._reply(200, json.dumps(CATEGORIES).encode(), "application/json")
        elif path == "/api/v1/user":
            self._reply(401, b"Unauthorized", "text/plain")
        elif path == "/api/v1/echo_signed":
            self._check_signature(body)
        else:
            self._reply(404, b"<html><title>404 Not Found</title></html>", "text/html")

    def _check_signature(self, body: bytes) -> None:
        uri = f"http://{self.headers['Host']}{self.path}"
        request = OAuthRequest(uri, self.command, body, dict(self.headers.items()))
        every = signature.collect_parameters(
            uri_query=urlsplit(self.path).query, body=request.body,
            headers=request.headers, exclude_oauth_signature=False)
        request.params = [(k, v) for k, v in every if k != "oauth_signature"]
        request.signature = dict(every).get("oauth_signature", "")
        if signature.verify_hmac_sha1(request, DEMO_SECRET, None):
            signed = sorted(k for k, _ in request.params if not k.startswith("oauth_"))
            self._reply(200, json.dumps({"signed": signed}).encode(),
                        "application/json")
            return
        base = signature.signature_base_string(
            self.command, signature.base_string_uri(uri),
            signature.normalize_parameters(request.params))
        text = f"OAuth error. Invalid signature. Expected signature base string: {base}"
        self._reply(401, text.encode(), "text/plain")

    def _reply(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def run_get(*args: str) -> int:
    return main(["get", *args])


def test_prints_body_then_time(base_url: str,
                               capsys: pytest.CaptureFixture[str]) -> None:
    status = run_get("/api/v1/badges/categories", "--base-url", base_url)
    out, err = capsys.readouterr()
    assert status == 0
    assert len(json.loads(out)) == 6
    assert re.fullmatch(r"Time: \d+\.\d{3}s\n", err)


def test_absolute_url_needs_no_base(base_url: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert run_get(base_url + "/api/v1/badges/categories") == 0
    assert "Meteorite" in capsys.readouterr().out


def test_query_and_form_are_signed(base_url: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    status = run_get("/api/v1/echo_signed?casing=camel", "-d", "name=a b",
                     "--base-url", base_url)
    out, err = capsys.readouterr()
    assert status == 0, err
    assert json.loads(out) == {"signed": ["casing", "name"]}


def test_bad_signature_gets_diagnosis(base_url: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    status = run_get("/api/v1/echo_signed", "--base-url", base_url,
                     "--consumer-secret", "wrong-secret")
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("ka-explorer get: 401 Unauthorized from 127.0.0.1:")
    assert "OAuth error. Invalid signature." in err
    assert "Signature check: The base strings are identical" in err


def test_login_required_without_token(base_url: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run_get("/api/v1/user", "--base-url", base_url) == 1
    err = capsys.readouterr().err
    assert "401 Unauthorized from 127.0.0.1:" in err
    assert "No access token was sent: run `ka-explorer login` first" in err


def test_unknown_path_suggests_paths(base_url: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    status = run_get("/api/v1/badges/categorie", "--base-url", base_url)
    err = capsys.readouterr().err
    assert status == 1
    assert "404 Not Found" in err
    assert "did you mean /api/v1/badges/categories" in err
    assert err.count("\n") == 1


def test_refused_connection(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    status = run_get("/api/v1/badges", "--base-url", f"http://127.0.0.1:{port}")
    err = capsys.readouterr().err
    assert status == 1
    assert err == (f"ka-explorer get: Could not connect to 127.0.0.1:{port} "
                   "(connection refused). Is the server running?\n")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("api/v1/badges", "is not a path or URL: start it with /"),
        ("/api/v1/a\tb", "contains a tab or a line break"),
        ("http://exa mple.com/x", "its host contains a space"),
        ("ftp://host/x", "is not a path or URL"),
    ],
)
def test_malformed_target(target: str, expected: str,
                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run_get(target, "--base-url", "http://127.0.0.1:9") == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


def test_malformed_form_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_get("/x", "-d", "novalue", "--base-url", "http://127.0.0.1:9") == 2
    assert "-d 'novalue' is not KEY=VALUE" in capsys.readouterr().err


def test_malformed_base_url(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run_get("/api/v1/badges", "--base-url", "127.0.0.1:8123")
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert "invalid URL '127.0.0.1:8123': it must start with http:// or https://" in err


def test_unknown_signature_method(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_get("/api/v1/badges", "--signature-method", "NOPE",
                   "--base-url", "http://127.0.0.1:9") == 1
    assert "Unknown signature method 'NOPE'" in capsys.readouterr().err


def test_explain_prints_base_string(base_url: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert run_get("/api/v1/badges/categories", "--explain", "--base-url",
                   base_url) == 0
    err = capsys.readouterr().err
    assert "Signature base string: GET&http%3A%2F%2F127.0.0.1" in err
    assert "demo-consumer-secret" not in err


def test_replica_badge_categories(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_get("/api/v1/badges/categories") == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 6
    assert err.startswith("Time: ")

