"""Consumers, accounts, tokens and seen nonces of the replica's provider.

Everything lives in memory behind one lock, because werkzeug's threaded
server calls in from many threads. When the store has an `AccessTokenFile`,
issued access tokens are written to it too, so they outlive the process.
Request tokens and nonces are never written.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ka_explorer.replica.oauth.token_file import AccessTokenFile

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Consumer:
    """A registered application: its key, secret and whether it may log views."""

    key: str
    secret: str
    name: str
    anointed: bool = False


@dataclass(frozen=True)
class RequestToken:
    """A temporary credential, from issue until its single exchange."""

    key: str
    secret: str
    client_key: str
    callback: str
    username: str | None = None
    verifier: str | None = None
    used: bool = False
    issued_at: float = field(default_factory=time.time)


@dataclass(frozen=True)
class AccessToken:
    """A token credential that acts for one user on behalf of one consumer."""

    key: str
    secret: str
    client_key: str
    username: str
    issued_at: float = field(default_factory=time.time)


class OAuthStore:
    """Thread-safe storage for the provider."""

    def __init__(
        self,
        consumers: list[Consumer],
        passwords: dict[str, str],
        emails: dict[str, str] | None = None,
        nonce_lifetime: int = 600,
        token_file: AccessTokenFile | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._consumers = {consumer.key: consumer for consumer in consumers}
        self._passwords = dict(passwords)
        self._emails = dict(emails or {})
        self._request_tokens: dict[str, RequestToken] = {}
        self._token_file = token_file
        self._access_tokens = token_file.read() if token_file else {}
        self._nonces: dict[tuple[str, str, str, str], float] = {}
        self._nonce_lifetime = nonce_lifetime

    def consumer(self, key: str) -> Consumer | None:
        return self._consumers.get(key)

    def authenticate(self, identifier: str, password: str) -> str | None:
        """Return the username that `identifier` (username or email) names, if the
        password is right."""
        username = self._emails.get(identifier.lower(), identifier)
        expected = self._passwords.get(username)
        if expected is None or not secrets.compare_digest(expected, password):
            return None
        return username

    def remember_nonce(
        self, client_key: str, timestamp: str, nonce: str, token: str
    ) -> bool:
        """Record a nonce; return False when the same one was seen before."""
        key = (client_key, timestamp, nonce, token)
        now = time.time()
        with self._lock:
            self._forget_old_nonces(now)
            if key in self._nonces:
                return False
            self._nonces[key] = now
            return True

    def _forget_old_nonces(self, now: float) -> None:
        # Twice the timestamp window: a nonce older than that cannot come back
        # with a timestamp that passes the window check.
        horizon = now - 2 * self._nonce_lifetime
        stale = [key for key, seen in self._nonces.items() if seen < horizon]
        for key in stale:
            del self._nonces[key]

    def add_request_token(self, token: RequestToken) -> None:
        with self._lock:
            self._request_tokens[token.key] = token

    def request_token(self, key: str) -> RequestToken | None:
        with self._lock:
            return self._request_tokens.get(key)

    def update_request_token(self, key: str, **changes: object) -> RequestToken:
        with self._lock:
            token = replace(self._request_tokens[key], **changes)  # type: ignore[arg-type]
            self._request_tokens[key] = token
            return token

    def add_access_token(self, token: AccessToken) -> None:
        with self._lock:
            self._access_tokens[token.key] = token
            self._save(add=token)

    def access_token(self, key: str) -> AccessToken | None:
        with self._lock:
            self._reload_if_changed()
            return self._access_tokens.get(key)

    def revoke_access_token(self, key: str) -> bool:
        """Delete an access token here and in the token file; False if it is unknown."""
        with self._lock:
            self._reload_if_changed()
            found = self._access_tokens.pop(key, None) is not None
            self._save(revoke=key)
            return found

    def _reload_if_changed(self) -> None:
        # Another process (a `login` or `get` with its own replica) may have
        # issued or revoked a token since this one last read the file.
        if self._token_file is not None and self._token_file.changed():
            self._access_tokens = self._token_file.read()

    def _save(self, add: AccessToken | None = None, revoke: str | None = None) -> None:
        """Write a change to the token file; on failure the change stays in memory."""
        if self._token_file is None:
            return
        try:
            self._access_tokens = self._token_file.update(add=add, revoke=revoke)
        except OSError as error:
            log.warning(
                "Could not write the replica's tokens to %s (%s); the change lasts "
                "only while this process runs.",
                self._token_file.path,
                error,
            )
