"""Consumers, accounts, tokens and seen nonces of the replica's provider.

Everything lives in memory for the life of one app, behind one lock, because
werkzeug's threaded server calls in from many threads.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field, replace


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


class OAuthStore:
    """Thread-safe storage for the provider."""

    def __init__(
        self,
        consumers: list[Consumer],
        passwords: dict[str, str],
        emails: dict[str, str] | None = None,
        nonce_lifetime: int = 600,
    ) -> None:
        self._lock = threading.Lock()
        self._consumers = {consumer.key: consumer for consumer in consumers}
        self._passwords = dict(passwords)
        self._emails = dict(emails or {})
        self._request_tokens: dict[str, RequestToken] = {}
        self._access_tokens: dict[str, AccessToken] = {}
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

    def access_token(self, key: str) -> AccessToken | None:
        with self._lock:
            return self._access_tokens.get(key)
