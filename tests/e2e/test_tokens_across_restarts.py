"""A token that one process signed in for works in the next process and window.

Each `ka-explorer login`, `ka-explorer get` and window runs its own replica.
They share the replica's token file in the cache folder (a temporary one,
set by tests/conftest.py), as they share the user's cache folder outside
the tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ka_explorer.oauth1.secret_store import KeyringSecretStore, MemorySecretStore
from ka_explorer.replica import DEMO, start_replica
from tests.e2e.window_driver import (
    open_sign_in,
    press_enter_in_url_bar,
    sign_in,
    top_level_value,
)
from tests.keyring_service import SecretService, SecretServiceUnavailable
from tests.unit.cli.test_login import approve, printed_token, read_authorize_url

REPO = Path(__file__).resolve().parents[2]
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
SECRET_SERVICE = {"PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring"}


def login(environment: dict[str, str]) -> str:
    """Run `ka-explorer login` on its own replica, approve as the demo student."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ka_explorer", "login", "--no-browser"],
        cwd=REPO,
        env={**os.environ, **environment},
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    approve(read_authorize_url(process), DEMO.username, DEMO.password)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert "Started the local replica" in stderr
    return stdout


def get_user(environment: dict[str, str], *options: str) -> dict:
    """Run `ka-explorer get /api/v1/user` on a new replica; return the user."""
    result = subprocess.run(
        [sys.executable, "-m", "ka_explorer", "get", "/api/v1/user", *options],
        cwd=REPO,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Time: " in result.stderr  # the body alone goes to standard output
    return json.loads(result.stdout)


@pytest.fixture
def secret_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, str]]:
    """A private Secret Service; this process and its children use it."""
    try:
        service = SecretService.start(tmp_path / "secret-service")
    except SecretServiceUnavailable as error:
        pytest.skip(f"no Secret Service for the keyring test: {error}")
    for name, value in service.environment.items():
        monkeypatch.setenv(name, value)
    yield {**service.environment, **SECRET_SERVICE}
    service.stop()


def send_user_request(qtbot, window):
    window.request_bar.set_url_text("/api/v1/user")
    with qtbot.waitSignal(window.response_shown, timeout=30_000) as shown:
        press_enter_in_url_bar(qtbot, window)
    return shown.args[0]


def test_login_token_works_in_next_get() -> None:
    token, secret = printed_token(login(NO_KEYRING))

    user = get_user(NO_KEYRING, "--token", token, "--token-secret", secret)

    assert user["username"] == DEMO.username


def test_keyring_token_works_in_get_and_window(
    qtbot, open_window, secret_service: dict[str, str]
) -> None:
    stdout = login(secret_service)
    user = get_user(secret_service)
    from keyring.backends.SecretService import Keyring

    with start_replica() as replica:
        parts = open_window(replica, secret_store=KeyringSecretStore(Keyring()))
        exchange = send_user_request(qtbot, parts.window)
        username = top_level_value(parts.window, "username")
        parts.close()

    assert "the access token is in the OS keyring" in stdout
    assert user["username"] == DEMO.username
    assert exchange.status == 200
    assert username == DEMO.username
    assert parts.window.signin.dialog is None


def test_window_restart_keeps_signed_in(qtbot, open_window) -> None:
    store = MemorySecretStore()
    with start_replica() as first:
        parts = open_window(first, secret_store=store)
        parts.window.request_bar.set_url_text("/api/v1/user")
        dialog = open_sign_in(qtbot, parts.window)
        with qtbot.waitSignal(parts.window.response_shown, timeout=30_000):
            sign_in(qtbot, dialog)
        parts.close()

    with start_replica() as second:
        restarted = open_window(second, secret_store=store)
        exchange = send_user_request(qtbot, restarted.window)
        username = top_level_value(restarted.window, "username")
        restarted.close()

    assert exchange.status == 200
    assert username == DEMO.username
    assert restarted.window.signin.dialog is None
    assert exchange.signature is not None
    names = [parameter.name for parameter in exchange.signature.parameters]
    assert "oauth_token" in names
