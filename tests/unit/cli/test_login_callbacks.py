"""`ka-explorer login` with a profile's callback: oob, a registered URL on
this machine, and a registered URL elsewhere whose address the user pastes.

The provider is oauthlib's on loopback. Nothing is sent to the registered
remote URL: the test reads the redirect without following it.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import requests

from tests.unit.cli.test_login import (
    NO_KEYRING,
    PROFILE,
    approve,
    finish,
    printed_token,
    read_authorize_url,
    start_login,
    submit,
)
from tests.unit.oauth1.helpers import generated_rsa_key
from tests.unit.oauth1.oauth_provider import (
    CONSUMER_KEY,
    CONSUMER_SECRET,
    PASSWORD,
    USERNAME,
    LoopbackProvider,
)

REMOTE_CALLBACK = "https://app.example.org/oauth/done"


def write_profile(provider: LoopbackProvider, callback: str) -> None:
    profile = {
        "name": PROFILE,
        "base_url": provider.base_url,
        "request_token_url": "/oauth/request_token",
        "authorize_url": "/oauth/authorize",
        "access_token_url": "/oauth/access_token",
        "consumer_key": CONSUMER_KEY,
        "callback": callback,
    }
    config = Path(os.environ["KA_EXPLORER_CONFIG_DIR"])
    (config / "profiles.json").write_text(json.dumps({"profiles": [profile]}))


def redirect_after_approval(authorize_url: str) -> str:
    """Log in and press Accept; return the redirect without following it."""
    session = requests.Session()
    page = session.get(authorize_url, timeout=30)
    approval = submit(
        session, page, "login-form", {"identifier": USERNAME, "password": PASSWORD}
    )
    form = approval.text.split('name="oauth_token" value="')[1].split('"')[0]
    answer = session.post(
        approval.url.replace("/oauth/login", "/oauth/approve"),
        data={"oauth_token": form, "approve": "Accept"},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def login(*arguments: str):  # type: ignore[no-untyped-def]
    return start_login(
        "--profile", PROFILE, "--consumer-secret", CONSUMER_SECRET, *arguments,
        environment=NO_KEYRING,
    )


def test_profile_oob_asks_for_pin(provider: LoopbackProvider) -> None:
    write_profile(provider, "oob")
    process = login()

    page = approve(read_authorize_url(process), USERNAME, PASSWORD)
    pin = page.text.split('id="oauth-verifier">')[1].split("<")[0]
    status, stdout, stderr = finish_with_input(process, pin)

    assert status == 0, stderr
    assert printed_token(stdout)[0] in provider.validator.access_tokens


def test_registered_loopback_url_is_listened_on(
    provider: LoopbackProvider,
) -> None:
    callback = f"http://127.0.0.1:{free_port()}/registered/cb"
    write_profile(provider, callback)
    process = login()

    authorize_url = read_authorize_url(process)
    landing = approve(authorize_url, USERNAME, PASSWORD)
    status, stdout, stderr = finish(process)

    assert status == 0, stderr
    assert landing.url.startswith(callback + "?")
    assert "Signed in" in landing.text
    assert printed_token(stdout)[0] in provider.validator.access_tokens


def test_remote_url_is_pasted(provider: LoopbackProvider) -> None:
    write_profile(provider, REMOTE_CALLBACK)
    process = login()

    redirect = redirect_after_approval(read_authorize_url(process))
    assert process.stdout is not None
    instruction = process.stdout.readline()
    status, stdout, stderr = finish_with_input(process, redirect)

    assert redirect.startswith(REMOTE_CALLBACK + "?")
    assert instruction.startswith(
        f"After you approve, the browser goes to {REMOTE_CALLBACK}, which may "
    )
    assert status == 0, stderr
    assert printed_token(stdout)[0] in provider.validator.access_tokens


def test_pasted_address_must_be_callback(
    provider: LoopbackProvider,
) -> None:
    write_profile(provider, REMOTE_CALLBACK)
    process = login()
    read_authorize_url(process)

    status, _, stderr = finish_with_input(process, "https://other.example.org/x?a=1")

    assert status == 1
    assert stderr.strip().splitlines()[-1] == (
        "ka-explorer login: The address 'https://other.example.org/x?a=1' is not "
        f"the callback {REMOTE_CALLBACK}; run the login again and paste the "
        "address the browser shows after you approve."
    )


def test_callback_option_overrides_profile(
    provider: LoopbackProvider,
) -> None:
    write_profile(provider, REMOTE_CALLBACK)
    process = login("--callback", "loopback")

    landing = approve(read_authorize_url(process), USERNAME, PASSWORD)
    status, _, stderr = finish(process)

    assert status == 0, stderr
    assert "Signed in" in landing.text


def test_invalid_callback_option_named(
    provider: LoopbackProvider,
) -> None:
    write_profile(provider, "loopback")
    process = login("--callback", "nowhere")

    status, _, stderr = finish(process)

    assert status == 1
    assert stderr.strip().splitlines()[-1].startswith(
        "ka-explorer login: Invalid callback 'nowhere': it is not an absolute URL."
    )


def test_registered_port_in_use_named(
    provider: LoopbackProvider,
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        write_profile(provider, f"http://127.0.0.1:{port}/cb")
        status, _, stderr = finish(login())

    assert status == 1
    assert stderr.strip().splitlines()[-1].startswith(
        f"ka-explorer login: Could not listen on 127.0.0.1:{port} for the callback "
        f"http://127.0.0.1:{port}/cb ("
    )


def finish_with_input(process, text: str):  # type: ignore[no-untyped-def]
    stdout, stderr = process.communicate(input=text + "\n", timeout=60)
    return process.returncode, stdout, stderr


def test_signature_method_option_used() -> None:
    process = start_login("--signature-method", "HMAC-SHA256", environment=NO_KEYRING)

    status, _, stderr = finish(process)

    assert status == 1
    assert stderr.strip().splitlines()[-1].endswith(
        "answered HTTP 401 UNAUTHORIZED: OAuth error. Unsupported signature method "
        "HMAC-SHA256; this server accepts HMAC-SHA1 and PLAINTEXT. The server "
        "accepts only HMAC-SHA1 and PLAINTEXT, not HMAC-SHA256: use "
        "--signature-method HMAC-SHA1."
    )


def test_unknown_login_method_named(provider: LoopbackProvider) -> None:
    write_profile(provider, "loopback")

    status, _, stderr = finish(login("--signature-method", "RSA-SHA512"))

    assert status == 1
    assert "Unknown signature method 'RSA-SHA512'" in stderr


def test_rsa_key_option_signs(tmp_path: Path) -> None:
    key_file = tmp_path / "consumer.pem"
    key_file.write_text(generated_rsa_key())
    arguments = ("--signature-method", "RSA-SHA1", "--rsa-key", str(key_file))

    status, _, stderr = finish(start_login(*arguments, environment=NO_KEYRING))

    assert status == 1
    assert "need a private key" not in stderr
    assert stderr.strip().splitlines()[-1].endswith(
        "Unsupported signature method RSA-SHA1; this server accepts HMAC-SHA1 and "
        "PLAINTEXT. The server accepts only HMAC-SHA1 and PLAINTEXT, not RSA-SHA1: "
        "use --signature-method HMAC-SHA1."
    )


def test_missing_rsa_key_file_named(tmp_path: Path) -> None:
    missing = tmp_path / "missing.pem"
    arguments = ("--signature-method", "RSA-SHA1", "--rsa-key", str(missing))

    status, _, stderr = finish(start_login(*arguments, environment=NO_KEYRING))

    assert status == 1
    assert stderr.strip().splitlines()[-1] == (
        f"ka-explorer login: RSA private key file {str(missing)!r} not found; "
        "check the path."
    )
