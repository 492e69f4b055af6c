"""What `ka-explorer get` prints: body on stdout, time and failures on stderr."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ka_explorer.cli import main
from ka_explorer.replica import DEMO, start_replica

REPO = Path(__file__).resolve().parents[3]
DEEP_BODY = b"[" * 100_000 + b"]" * 100_000
STALL_SECONDS = 5.0


def _response(status_line: bytes, body: bytes = b"") -> bytes:
    head = (
        status_line + b"\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % len(body)
    )
    return head + body


RESPONSES = {
    "/invalid": _response(b"HTTP/1.1 200 OK", b'{"a": 1,}'),
    "/deep": _response(b"HTTP/1.1 200 OK", DEEP_BODY),
    "/bad-status": _response(b"HTTP/1.1 abc", b"{}"),
    "/status-99": _response(b"HTTP/1.1 99 Odd", b"{}"),
}


class RawServer:
    """A loopback server that writes fixed bytes, or headers and then stalls."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)  # so the accept loop sees `stop` soon
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            connection.settimeout(None)
            threading.Thread(
                target=self._answer, args=(connection,), daemon=True
            ).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            self._write_response(connection)

    def _write_response(self, connection: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = connection.recv(65536)
            if not chunk:
                return
            request += chunk
        path = request.split(b" ")[1].decode()
        if path == "/stall":
            connection.sendall(_response(b"HTTP/1.1 200 OK", b"{}")[:-2] + b"{")
            self.stop.wait(STALL_SECONDS)
            return
        connection.sendall(RESPONSES[path])

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.listener.close()


@pytest.fixture(scope="module")
def raw_server() -> Iterator[str]:
    server = RawServer()
    yield server.url
    server.close()


def run_get(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["get", *args])
    out, err = capsys.readouterr()
    return status, out, err


def run_get_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ka_explorer", "get", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
    )


def test_body_pipes_to_json_tool() -> None:
    result = run_get_process("/api/v1/badges/categories")
    formatted = subprocess.run(
        [sys.executable, "-m", "json.tool"], input=result.stdout,
        capture_output=True, text=True, timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert formatted.returncode == 0, formatted.stderr
    assert result.stderr.startswith("Time: ")
    assert len(json.loads(result.stdout)) == 6


def test_removed_by_as_of_names_date(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_get(
        capsys, "/api/v1/badges/categories", "--as-of", "2020-03-01"
    )

    assert status == 1
    assert out == ""
    assert "404 NOT FOUND from 127.0.0.1:" in err
    assert (
        "the replica's date is 2020-03-01 (--as-of), and Khan Academy removed "
        "GET /api/v1/badges/categories on 2020-01-06. Use an --as-of date before "
        "2020-01-06, or leave --as-of out." in err
    )
    assert "Check the path" not in err


def test_removed_on_other_server_names_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with start_replica(as_of="2020-03-01") as replica:
        status, _, err = run_get(
            capsys, "/api/v1/badges/categories", "--base-url", replica.base_url
        )

    assert status == 1
    assert "Khan Academy removed GET /api/v1/badges/categories on 2020-01-06" in err
    assert "Start the server with an earlier --as-of date" in err


def test_invalid_json_body_printed(
    raw_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_get(capsys, raw_server + "/invalid")

    assert status == 1
    assert out == '{"a": 1,}\n'
    assert "200 OK from 127.0.0.1:" in err
    assert "the body is not valid JSON: Expecting property name" in err
    assert "at line 1, column 9" in err
    assert "The body is printed above as received." in err
    assert "Check the raw body" not in err
    assert err.count("\n") == 1


def test_deep_body_not_called_invalid(
    raw_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_get(capsys, raw_server + "/deep")

    assert status == 1
    assert out == DEEP_BODY.decode() + "\n"
    assert "nests arrays and objects deeper than the JSON parser follows" in err
    assert "not valid JSON" not in err
    assert "printed above as received" in err


def test_timeout_names_option(
    raw_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run_get(capsys, raw_server + "/stall", "--timeout", "0.5")

    assert status == 1
    assert "the body stopped after 1 B of 2 B (Content-Length)" in err
    assert "--timeout SECONDS (now 0.5 s)" in err


@pytest.mark.parametrize("path", ["/bad-status", "/status-99"])
def test_bad_status_line_named(
    raw_server: str, capsys: pytest.CaptureFixture[str], path: str
) -> None:
    status, _, err = run_get(capsys, raw_server + path)

    assert status == 1
    assert "sent an invalid HTTP response: its status line has no valid" in err
    assert "invalid literal" not in err


def test_long_url_gets_next_step() -> None:
    result = run_get_process("/api/v1/badges?x=" + "a" * 70_000)

    assert result.returncode == 1
    assert "414 Request-URI Too Long from 127.0.0.1:" in result.stderr
    assert "The URL is 70" in result.stderr
    assert "shorten its query string or path" in result.stderr
    assert "werkzeug" not in result.stderr
    assert result.stderr.count("\n") == 1


def _write_profiles(*entries: dict) -> None:
    config = Path(os.environ["KA_EXPLORER_CONFIG_DIR"])
    (config / "profiles.json").write_text(
        json.dumps({"profiles": list(entries)}), encoding="utf-8"
    )


def _own_profile(base_url: str) -> dict:
    return {"name": "Own", "base_url": base_url, "request_token_url": "/rt",
            "authorize_url": "/auth", "access_token_url": "/at",
            "consumer_key": DEMO.consumer_key}


def test_missing_consumer_secret_named(capsys: pytest.CaptureFixture[str]) -> None:
    _write_profiles(_own_profile("http://127.0.0.1:9"))

    status, out, err = run_get(capsys, "/api/v1/badges", "--profile", "Own")

    assert status == 1
    assert out == ""
    assert err == (
        "ka-explorer get: No consumer secret for profile 'Own': set it with Keys… "
        "or --consumer-secret.\n"
    )


def test_consumer_secret_flag_fills_gap(capsys: pytest.CaptureFixture[str]) -> None:
    with start_replica() as replica:
        _write_profiles(_own_profile(replica.base_url))
        status, out, err = run_get(
            capsys, "/api/v1/badges/categories", "--profile", "Own",
            "--consumer-secret", DEMO.consumer_secret,
        )

    assert status == 0, err
    assert len(json.loads(out)) == 6


def test_saved_replica_copy_still_signs(capsys: pytest.CaptureFixture[str]) -> None:
    _write_profiles({
        "name": "Khan Academy API v1 (local replica)", "base_url": "",
        "request_token_url": "/api/auth2/request_token",
        "authorize_url": "/api/auth2/authorize",
        "access_token_url": "/api/auth2/access_token",
        "consumer_key": "demo-consumer-key", "base_url_from_replica": True,
        "token_placement": "body",
    })

    status, out, err = run_get(capsys, "/api/v1/badges/categories")

    assert status == 0, err
    assert len(json.loads(out)) == 6
