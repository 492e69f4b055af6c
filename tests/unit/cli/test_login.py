"""`ka-explorer login` end to end: a real process, a real provider, a user's clicks.

The command runs as a subprocess, and the test reads the authorize URL it
prints. Then requests does what the user does in the browser: open the page,
submit `login-form`, press Accept in `approval-form` and follow the redirect
to the command's loopback listener.
"""

from __future__ import annotations

import html.parser
import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
import requests

from ka_explorer.oauth1 import Credentials, OAuth1Auth
from tests.keyring_service import SecretService, SecretServiceUnavailable
from tests.unit.oauth1.oauth_provider import (
    CONSUMER_KEY,
    CONSUMER_SECRET,
    PASSWORD,
    USERNAME,
    LoopbackProvider,
)

REPO = Path(__file__).resolve().parents[3]
PROFILE = "Loopback test provider"
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


class FormParser(html.parser.HTMLParser):
    """Collects each form's action and fields by the form's id."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, dict] = {}
        self._current: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._current = {"action": values.get("action", ""), "fields": {}}
            self.forms[values.get("id", "")] = self._current
        elif tag == "input" and self._current is not None and "name" in values:
            self._current["fields"][values["name"]] = values.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def submit(
    session: requests.Session,
    page: requests.Response,
    form_id: str,
    fields: dict[str, str],
) -> requests.Response:
    parser = FormParser()
    parser.feed(page.text)
    assert form_id in parser.forms, page.text[:500]
    form = parser.forms[form_id]
    action = urllib.parse.urljoin(page.url, form["action"])
    return session.post(action, data={**form["fields"], **fields}, timeout=30)


def approve(authorize_url: str, username: str, password: str) -> requests.Response:
    """Log in and press Accept; requests follows the redirect to the callback."""
    session = requests.Session()
    page = session.get(authorize_url, timeout=30)
    approval = submit(
        session, page, "login-form", {"identifier": username, "password": password}
    )
    return submit(session, approval, "approval-form", {"approve": "Accept"})


@pytest.fixture()
def provider_profile(provider: LoopbackProvider) -> str:
    profile = {
        "name": PROFILE,
        "base_url": provider.base_url,
        "request_token_url": "/oauth/request_token",
        "authorize_url": "/oauth/authorize",
        "access_token_url": "/oauth/access_token",
        "consumer_key": CONSUMER_KEY,
    }
    config = Path(os.environ["KA_EXPLORER_CONFIG_DIR"])
    (config / "profiles.json").write_text(json.dumps({"profiles": [profile]}))
    return provider.base_url


def start_login(*arguments: str, environment: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ka_explorer", "login", "--no-browser", *arguments],
        cwd=REPO,
        env={**os.environ, **environment},
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def read_authorize_url(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("  http"):
            return line.strip()
    raise AssertionError(f"no authorize URL; stderr: {process.stderr.read()}")  # type: ignore[union-attr]


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=60)
    return process.returncode, stdout, stderr


def printed_token(stdout: str) -> tuple[str, str]:
    words = stdout.split("--token ")[1].split()
    return words[0], words[2]


def test_login_with_loopback_callback(
    provider: LoopbackProvider, provider_profile: str
) -> None:
    process = start_login(
        "--profile",
        PROFILE,
        "--consumer-secret",
        CONSUMER_SECRET,
        environment=NO_KEYRING,
    )

    landing = approve(read_authorize_url(process), USERNAME, PASSWORD)
    status, stdout, stderr = finish(process)
    token, secret = printed_token(stdout)
    creds = Credentials(CONSUMER_KEY, CONSUMER_SECRET, token=token, token_secret=secret)
    me = requests.get(f"{provider.base_url}/api/me", auth=OAuth1Auth(creds), timeout=30)

    assert landing.status_code == 200
    assert "Signed in" in landing.text
    assert status == 0, stderr
    assert "no OS keyring works here" in stdout
    assert "Warning: No OS keyring is available" in stderr
    assert me.json() == {"user": USERNAME}


def test_login_out_of_band_pin(
    provider: LoopbackProvider, provider_profile: str
) -> None:
    process = start_login(
        "--profile",
        PROFILE,
        "--consumer-secret",
        CONSUMER_SECRET,
        "--oob",
        environment=NO_KEYRING,
    )

    page = approve(read_authorize_url(process), USERNAME, PASSWORD)
    pin = page.text.split('id="oauth-verifier">')[1].split("<")[0]
    assert process.stdin is not None
    process.stdin.write(pin + "\n")
    process.stdin.flush()
    status, stdout, stderr = finish(process)

    assert status == 0, stderr
    assert printed_token(stdout)[0] in provider.validator.access_tokens


def test_oob_end_of_input_one_line(
    provider: LoopbackProvider, provider_profile: str
) -> None:
    process = start_login(
        "--profile", PROFILE, "--consumer-secret", CONSUMER_SECRET, "--oob",
        environment=NO_KEYRING,
    )
    read_authorize_url(process)

    _, stderr = process.communicate(input="", timeout=60)  # end of input, as Ctrl+D
    status = process.returncode

    assert status == 1
    assert stderr.strip().splitlines()[-1] == (
        "ka-explorer login: No PIN was entered: the input ended (Ctrl+D) before a "
        "PIN was typed. Run the login again and type the PIN that the provider "
        "shows, or leave out --oob to use the loopback callback."
    )
    assert "Traceback" not in stderr


def test_oob_wrong_pin_named(provider: LoopbackProvider, provider_profile: str) -> None:
    process = start_login(
        "--profile", PROFILE, "--consumer-secret", CONSUMER_SECRET, "--oob",
        environment=NO_KEYRING,
    )
    approve(read_authorize_url(process), USERNAME, PASSWORD)
    assert process.stdin is not None
    process.stdin.write("123456\n")
    process.stdin.flush()

    status, _, stderr = finish(process)
    last_line = stderr.strip().splitlines()[-1]

    assert status == 1
    assert last_line.startswith(
        "ka-explorer login: The provider rejected the PIN '123456' (HTTP 401"
    )
    assert "type the PIN that the provider shows after you approve" in last_line
    assert "consumer key" not in last_line


def test_oob_wrong_pin_on_replica() -> None:
    process = start_login("--oob", environment=NO_KEYRING)
    read_authorize_url(process)
    assert process.stdin is not None
    process.stdin.write("123456\n")
    process.stdin.flush()

    status, _, stderr = finish(process)

    assert status == 1
    assert "The provider rejected the PIN '123456' (HTTP 401: OAuth error. " in stderr
    assert "Invalid verifier: 123456" in stderr


def test_missing_consumer_secret_named(provider_profile: str) -> None:
    process = start_login("--profile", PROFILE, environment=NO_KEYRING)

    status, _, stderr = finish(process)

    assert status == 1
    assert stderr.strip().splitlines()[-1] == (
        f"ka-explorer login: No consumer secret for profile {PROFILE!r}: set it "
        "with Keys… or --consumer-secret."
    )


def test_login_stores_token_in_keyring(
    provider: LoopbackProvider,
    provider_profile: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    try:
        service = SecretService.start(tmp_path / "secret-service")
    except SecretServiceUnavailable as error:
        pytest.skip(f"no Secret Service for the keyring test: {error}")
    try:
        environment = {
            **service.environment,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
        }
        process = start_login(
            "--profile",
            PROFILE,
            "--consumer-secret",
            CONSUMER_SECRET,
            environment=environment,
        )
        approve(read_authorize_url(process), USERNAME, PASSWORD)
        status, stdout, stderr = finish(process)
        for name, value in service.environment.items():
            monkeypatch.setenv(name, value)
        from keyring.backends import SecretService as backend

        stored = backend.Keyring().get_password("ka-explorer", f"{PROFILE}:token")
    finally:
        service.stop()

    assert status == 0, stderr
    assert "the access token is in the OS keyring" in stdout
    assert "--token" not in stdout
    assert stored in provider.validator.access_tokens


def test_wrong_consumer_secret_fails_in_one_line(provider_profile: str) -> None:
    process = start_login(
        "--profile", PROFILE, "--consumer-secret", "wrong", environment=NO_KEYRING
    )

    status, stdout, stderr = finish(process)

    assert status == 1
    assert stderr.strip().splitlines()[-1].startswith("ka-explorer login: http://")
    assert "answered HTTP 401" in stderr
    assert "Traceback" not in stderr


def test_callback_timeout_fails_in_one_line(provider_profile: str) -> None:
    process = start_login(
        "--profile",
        PROFILE,
        "--consumer-secret",
        CONSUMER_SECRET,
        "--timeout",
        "0.5",
        environment=NO_KEYRING,
    )

    status, _, stderr = finish(process)

    assert status == 1
    assert "No browser came back" in stderr
    assert "within 0.5 s" in stderr


def test_profile_without_consumer_key_fails(provider_profile: str) -> None:
    process = start_login(
        "--profile", "Khan Academy (retired live site)", environment=NO_KEYRING
    )

    status, _, stderr = finish(process)

    assert status == 1
    assert "has no consumer key; pass --consumer-key" in stderr


def test_unknown_profile_fails(provider_profile: str) -> None:
    status, _, stderr = finish(start_login("--profile", "Nope", environment=NO_KEYRING))

    assert status == 1
    assert "No profile named 'Nope'" in stderr


def test_login_against_replica_started_in_process() -> None:
    from ka_explorer.replica import DEMO

    process = start_login(environment=NO_KEYRING)

    landing = approve(read_authorize_url(process), DEMO.username, DEMO.password)
    status, stdout, stderr = finish(process)

    assert status == 0, stderr
    assert "Started the local replica at http://127.0.0.1:" in stderr
    assert landing.status_code == 200
    assert "--token " in stdout


def test_login_token_opens_replica_user_endpoint() -> None:
    from ka_explorer.replica import DEMO, start_replica

    replica = start_replica()
    try:
        process = start_login("--base-url", replica.base_url, environment=NO_KEYRING)
        approve(read_authorize_url(process), DEMO.username, DEMO.password)
        status, stdout, stderr = finish(process)
        token, secret = printed_token(stdout)
        creds = Credentials(
            DEMO.consumer_key, DEMO.consumer_secret, token=token, token_secret=secret
        )
        user = requests.get(
            f"{replica.base_url}/api/v1/user", auth=OAuth1Auth(creds), timeout=30
        )
    finally:
        replica.stop()

    assert status == 0, stderr
    assert "Started the local replica" not in stderr
    assert user.status_code == 200
    assert user.json() is not None


def test_keyring_token_works_in_next_get(tmp_path: Path) -> None:
    """`login` and a later `get` each start their own replica, as a user's do."""
    from ka_explorer.replica import DEMO

    try:
        service = SecretService.start(tmp_path / "secret-service")
    except SecretServiceUnavailable as error:
        pytest.skip(f"no Secret Service for the keyring test: {error}")
    environment = {
        **service.environment,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
    }
    try:
        process = start_login(environment=environment)
        approve(read_authorize_url(process), DEMO.username, DEMO.password)
        status, stdout, stderr = finish(process)
        user = subprocess.run(
            [sys.executable, "-m", "ka_explorer", "get", "/api/v1/user"],
            cwd=REPO, env={**os.environ, **environment},
            capture_output=True, text=True, timeout=60,
        )
    finally:
        service.stop()

    assert status == 0, stderr
    assert "the access token is in the OS keyring" in stdout
    assert user.returncode == 0, user.stderr
    assert json.loads(user.stdout)["username"] == DEMO.username
    assert user.stderr.startswith("Time: ")
