"""Form data (-d, --data-urlencode), bodies on GET and spaces in `get` URLs."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from oauthlib.oauth1 import SignatureOnlyEndpoint

from ka_explorer.cli import main
from ka_explorer.cli.options import encode_spaces, path_or_url
from tests.unit.oauth1.helpers import generated_rsa_key
from tests.unit.oauth1.test_oauthlib_verifier import (
    SECRETS,
    AllowEveryMethod,
    _public_pem,
)

REPO = Path(__file__).resolve().parents[3]
CREDENTIALS = (
    "--consumer-key", "client-key", "--consumer-secret", SECRETS[0],
    "--token", "access-token", "--token-secret", SECRETS[1],
)


class Echo(BaseHTTPRequestHandler):
    """Returns the method, target and body it received, and whether oauthlib
    verified the signature."""

    protocol_version = "HTTP/1.1"
    endpoint = SignatureOnlyEndpoint(AllowEveryMethod(_public_pem(generated_rsa_key())))

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._echo()

    def do_POST(self) -> None:
        self._echo()

    def _echo(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("latin-1")
        uri = f"http://{self.headers['Host']}{self.path}"
        valid, _ = self.endpoint.validate_request(
            uri, self.command, body, dict(self.headers.items())
        )
        answer = {"method": self.command, "target": self.path, "body": body,
                  "valid": valid}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def echo() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/echo"
    server.shutdown()
    server.server_close()


def received(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[dict, str]:
    status = main(["get", *args, *CREDENTIALS])
    out, err = capsys.readouterr()
    assert status == 0, err
    return json.loads(out), err


def test_data_is_decoded_once(echo: str, capsys: pytest.CaptureFixture[str]) -> None:
    answer, _ = received(capsys, echo, "-d", "q=a%20b", "-d", "r=x+y&s=%25")

    assert answer["method"] == "POST"
    assert answer["body"] == "q=a%20b&r=x%20y&s=%25"
    assert answer["valid"] is True


def test_data_urlencode_encodes_value(
    echo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    answer, _ = received(capsys, echo, "--data-urlencode", "p=50% a&b+c")

    assert answer["body"] == "p=50%25%20a%26b%2Bc"
    assert answer["valid"] is True


def test_data_options_keep_order(
    echo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    answer, _ = received(
        capsys, echo, "--data-urlencode", "b=1", "-d", "a=2", "--data-urlencode", "c=ü"
    )

    assert answer["body"] == "b=1&a=2&c=%C3%BC"


def test_data_not_utf8_is_rejected(
    echo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # oauthlib reads %FF as U+FFFD, so no signature of these bytes verifies.
    status = main(["get", echo, "-d", "v=%FF", *CREDENTIALS])
    err = capsys.readouterr().err

    assert status == 1
    assert "The form body field 'v'" in err
    assert "not UTF-8 text (%FF)" in err
    assert "Traceback" not in err


def test_field_without_value_in_data_named(
    capsys: pytest.CaptureFixture[str],
) -> None:
    arguments = ["/x", "-d", "a=1&novalue", "--base-url", "http://127.0.0.1:9"]
    status = main(["get", *arguments])

    assert status == 2
    assert capsys.readouterr().err == (
        "ka-explorer get: The field 'novalue' of -d 'a=1&novalue' is not "
        "KEY=VALUE; write each field like name=value.\n"
    )


def test_data_on_get_gets_note(echo: str, capsys: pytest.CaptureFixture[str]) -> None:
    answer, err = received(capsys, echo, "-X", "GET", "-d", "a=1")

    assert answer["method"] == "GET"
    assert answer["body"] == "a=1"
    assert err.startswith(
        "ka-explorer get: note: GET with -d sends the form fields in a request "
        "body, which many servers ignore on GET;"
    )


def test_body_placement_on_get_gets_note(
    echo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    answer, err = received(capsys, echo, "--placement", "body")

    assert answer["body"].startswith("oauth_consumer_key=client-key")
    assert "note: GET with --placement body sends the OAuth parameters" in err


def test_post_body_gets_no_note(echo: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, err = received(capsys, echo, "-d", "a=1", "--placement", "body")

    assert "note:" not in err


def test_spaces_in_url_sent_as_percent_20(
    echo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    answer, _ = received(capsys, f"{echo}/a b?q=c d ")

    assert answer["target"] == "/echo/a%20b?q=c%20d"
    assert answer["valid"] is True


def test_encode_spaces_leaves_host() -> None:
    assert encode_spaces(" /a b?c d ") == "/a%20b?c%20d"
    assert encode_spaces("http://h x:1/a b") == "http://h x:1/a%20b"
    assert encode_spaces("http://h?x y#z w") == "http://h?x%20y#z%20w"
    assert path_or_url("http://127.0.0.1:1/a b") == "http://127.0.0.1:1/a%20b"


def test_help_says_data_is_encoded() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "ka_explorer", "get", "--help"],
        cwd=REPO, capture_output=True, text=True, timeout=60,
        env={"COLUMNS": "200", "PATH": ""},
    )
    text = " ".join(finished.stdout.split())

    assert finished.returncode == 0
    assert (
        "form data as curl -d sends it: already URL-encoded, so %20 or + is a "
        "space, %25 a percent sign and & separates fields (a=1&b=2)" in text
    )
    assert (
        "--data-urlencode KEY=VALUE one form field whose VALUE is taken as "
        "typed and URL-encoded when sent" in text
    )
