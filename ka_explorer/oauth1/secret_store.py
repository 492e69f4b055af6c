"""Secrets (consumer secret, RSA key passphrase, tokens) in the OS keyring.

Each secret is stored under the service `ka-explorer` with the username
`<profile>:<name>`. Where no keyring backend works, `open_secret_store`
returns a memory store that keeps secrets for this session only, with a
warning text for the caller to show once.
"""

from __future__ import annotations

import abc
import logging

import keyring
import keyring.backend
import keyring.errors

from ka_explorer.oauth1.errors import SecretStoreError

log = logging.getLogger(__name__)

SERVICE = "ka-explorer"
SECRET_NAMES = ("consumer_secret", "rsa_key_passphrase", "token", "token_secret")
_PROBE_USERNAME = "ka-explorer:backend-check"


def secret_username(profile: str, name: str) -> str:
    """Return the keyring username of one secret of a profile."""
    return f"{profile}:{name}"


class SecretStore(abc.ABC):
    """Secrets by profile name and secret name.

    `persistent` is False when secrets last only for this process;
    `warning` then says why, for the user.
    """

    persistent: bool = True
    warning: str | None = None
    _warning_taken: bool = False

    @abc.abstractmethod
    def get(self, profile: str, name: str) -> str | None:
        """Return the secret, or None when it is not stored."""

    @abc.abstractmethod
    def set(self, profile: str, name: str, value: str) -> None:
        """Store the secret, replacing any earlier value."""

    @abc.abstractmethod
    def delete(self, profile: str, name: str) -> None:
        """Remove the secret; a secret that is not stored is no error."""

    def delete_profile(self, profile: str) -> None:
        """Remove every secret of the profile."""
        for name in SECRET_NAMES:
            self.delete(profile, name)

    def take_warning(self) -> str | None:
        """Return the warning the first time it is asked for, then None."""
        if self._warning_taken:
            return None
        self._warning_taken = True
        return self.warning


class MemorySecretStore(SecretStore):
    """Secrets in a dict: for tests, and where no keyring backend works."""

    def __init__(self, warning: str | None = None) -> None:
        self._values: dict[tuple[str, str], str] = {}
        self.warning = warning
        self.persistent = False

    def get(self, profile: str, name: str) -> str | None:
        return self._values.get((profile, name))

    def set(self, profile: str, name: str, value: str) -> None:
        self._values[(profile, name)] = value

    def delete(self, profile: str, name: str) -> None:
        self._values.pop((profile, name), None)


class KeyringSecretStore(SecretStore):
    """Secrets in an OS keyring backend (Secret Service, macOS, Windows)."""

    def __init__(self, backend: keyring.backend.KeyringBackend) -> None:
        self.backend = backend

    def get(self, profile: str, name: str) -> str | None:
        username = secret_username(profile, name)
        try:
            return self.backend.get_password(SERVICE, username)
        except keyring.errors.KeyringError as error:
            raise _store_error("read", username, error) from None

    def set(self, profile: str, name: str, value: str) -> None:
        username = secret_username(profile, name)
        try:
            self.backend.set_password(SERVICE, username, value)
        except keyring.errors.KeyringError as error:
            raise _store_error("store", username, error) from None

    def delete(self, profile: str, name: str) -> None:
        username = secret_username(profile, name)
        try:
            self.backend.delete_password(SERVICE, username)
        except keyring.errors.PasswordDeleteError:
            return
        except keyring.errors.KeyringError as error:
            raise _store_error("delete", username, error) from None


def _store_error(action: str, username: str, error: Exception) -> SecretStoreError:
    return SecretStoreError(
        f"Could not {action} the secret {username!r} in the OS keyring "
        f"({type(error).__name__}: {error}); unlock the keyring and try again."
    )


def open_secret_store(
    backend: keyring.backend.KeyringBackend | None = None,
) -> SecretStore:
    """Return a keyring store, or a memory store with a warning where none works.

    A backend "works" when it is not keyring's fail or null backend and a
    first read succeeds.
    """
    backend = backend or keyring.get_keyring()
    problem = _backend_problem(backend)
    if problem is None:
        return KeyringSecretStore(backend)
    log.info("No usable keyring backend: %s", problem)
    return MemorySecretStore(
        warning=f"No OS keyring is available ({problem}), so secrets and tokens "
        "are kept only until the program exits. Install and unlock a keyring "
        "(for example gnome-keyring) to keep them."
    )


def _backend_problem(backend: keyring.backend.KeyringBackend) -> str | None:
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return f"keyring has only {type(backend).__module__}.{type(backend).__name__}"
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return "keyring found no backend"
    try:
        backend.get_password(SERVICE, _PROBE_USERNAME)
    except Exception as error:  # noqa: BLE001  (backends raise D-Bus and OS errors)
        return f"{type(backend).__name__} failed: {error}"
    return None
