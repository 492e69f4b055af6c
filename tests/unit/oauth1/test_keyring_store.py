"""Secrets in a real Secret Service (gnome-keyring on a private D-Bus).

Skips, with the reason, where the daemons cannot start.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.core
import pytest

from ka_explorer.oauth1 import KeyringSecretStore, open_secret_store
from tests.keyring_service import SecretService, SecretServiceUnavailable

REPO = Path(__file__).resolve().parents[3]
PROFILE = "Test provider"


@pytest.fixture(scope="module")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecretService]:
    try:
        service = SecretService.start(tmp_path_factory.mktemp("secret-service"))
    except SecretServiceUnavailable as error:
        pytest.skip(f"no Secret Service for the keyring tests: {error}")
    yield service
    service.stop()


@pytest.fixture()
def keyring_environment(
    secret_service: SecretService, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, str]]:
    """Point this process (and keyring's backend choice) at the private service."""
    previous = keyring.get_keyring()
    for name, value in secret_service.environment.items():
        monkeypatch.setenv(name, value)
    _forget_viable_backends()
    keyring.core.init_backend()
    yield secret_service.environment
    _forget_viable_backends()
    keyring.set_keyring(previous)


def _forget_viable_backends() -> None:
    """Make keyring look for viable backends again.

    keyring computes the list once per process (`get_all_keyring` is wrapped
    in `once`), so an earlier test without a D-Bus session would hide the
    Secret Service.
    """
    reset = getattr(keyring.backend.get_all_keyring, "reset", None)
    if reset is not None and hasattr(keyring.backend.get_all_keyring, "saved_result"):
        reset()


def run_in_fresh_process(code: str, environment: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**os.environ, **environment},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


READ_TOKEN = (
    "from ka_explorer.oauth1 import open_secret_store, stored_token\n"
    "store = open_secret_store()\n"
    f"print(type(store).__name__, stored_token({PROFILE!r}, store))\n"
)


def test_open_secret_store_picks_secret_service(
    keyring_environment: dict[str, str],
) -> None:
    store = open_secret_store()

    assert isinstance(store, KeyringSecretStore), store.warning
    assert store.persistent is True
    assert store.take_warning() is None


def test_tokens_survive_a_restart(keyring_environment: dict[str, str]) -> None:
    store = open_secret_store()
    store.set(PROFILE, "token", "access-token")
    store.set(PROFILE, "token_secret", "access-secret")

    output = run_in_fresh_process(READ_TOKEN, keyring_environment)

    assert output == "KeyringSecretStore ('access-token', 'access-secret')"


def test_tokens_survive_a_keyring_daemon_restart(
    secret_service: SecretService, keyring_environment: dict[str, str]
) -> None:
    store = open_secret_store()
    store.set(PROFILE, "token", "kept-token")
    store.set(PROFILE, "token_secret", "kept-secret")

    secret_service.stop_keyring()
    secret_service.start_keyring()

    assert run_in_fresh_process(READ_TOKEN, keyring_environment) == (
        "KeyringSecretStore ('kept-token', 'kept-secret')"
    )


def test_sign_out_deletes_from_keyring(keyring_environment: dict[str, str]) -> None:
    store = open_secret_store()
    store.set(PROFILE, "token", "to-delete")
    store.set(PROFILE, "token_secret", "to-delete")
    store.set(PROFILE, "consumer_secret", "to-delete")

    run_in_fresh_process(
        f"from ka_explorer.oauth1 import open_secret_store, sign_out\n"
        f"sign_out({PROFILE!r}, open_secret_store())\n",
        keyring_environment,
    )

    assert store.get(PROFILE, "consumer_secret") is None
    assert run_in_fresh_process(READ_TOKEN, keyring_environment) == (
        "KeyringSecretStore None"
    )


def test_usernames_follow_profile_and_name(keyring_environment: dict[str, str]) -> None:
    open_secret_store().set(PROFILE, "consumer_secret", "visible-to-keyring")

    assert keyring.get_password("ka-explorer", f"{PROFILE}:consumer_secret") == (
        "visible-to-keyring"
    )
