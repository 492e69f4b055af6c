"""The oauthlib RequestValidator of the replica, backed by `OAuthStore`.

When a check fails for a reason worth telling the client, the validator notes
it on the oauthlib request as `replica_reason`. The provider sends the first
such note as the text of the 401.
"""

from __future__ import annotations

import re
from typing import Any

from oauthlib.common import Request
from oauthlib.oauth1 import RequestValidator

from ka_explorer.replica.oauth.store import AccessToken, OAuthStore, RequestToken

DEFAULT_CALLBACK_PATH = "/api/auth/default_callback"
SIGNATURE_METHODS = ("HMAC-SHA1", "PLAINTEXT")
TIMESTAMP_LIFETIME = 600

_TOKEN_FORMAT = re.compile(r"^[A-Za-z0-9_.~-]{1,128}$")
_NONCE_FORMAT = re.compile(r"^[!-~]{1,128}$")
_DUMMY = "replica-dummy"


def note_reason(request: Request, reason: str) -> None:
    """Keep the first reason a request failed, for the 401 text."""
    if not getattr(request, "replica_reason", None):
        request.replica_reason = reason


class ReplicaValidator(RequestValidator):
    """Checks consumers, tokens, nonces and verifiers against the store."""

    def __init__(self, store: OAuthStore, default_callback: str = "") -> None:
        super().__init__()
        self.store = store
        self.default_callback = default_callback

    # Settings that oauthlib reads as properties.
    @property
    def enforce_ssl(self) -> bool:
        return False

    @property
    def allowed_signature_methods(self) -> tuple[str, ...]:
        return SIGNATURE_METHODS

    @property
    def timestamp_lifetime(self) -> int:
        return TIMESTAMP_LIFETIME

    @property
    def dummy_client(self) -> str:
        return _DUMMY

    @property
    def dummy_request_token(self) -> str:
        return _DUMMY

    @property
    def dummy_access_token(self) -> str:
        return _DUMMY

    # Formats: the replica's keys contain '-', which oauthlib's defaults reject.
    def check_client_key(self, client_key: str) -> bool:
        return bool(_TOKEN_FORMAT.match(client_key))

    def check_request_token(self, request_token: str) -> bool:
        return bool(_TOKEN_FORMAT.match(request_token))

    def check_access_token(self, request_token: str) -> bool:
        return bool(_TOKEN_FORMAT.match(request_token))

    def check_nonce(self, nonce: str) -> bool:
        return bool(_NONCE_FORMAT.match(nonce))

    def check_verifier(self, verifier: str) -> bool:
        return bool(_TOKEN_FORMAT.match(verifier))

    def check_realms(self, realms: Any) -> bool:
        return True

    # Secrets.
    def get_client_secret(self, client_key: str, request: Request) -> str:
        consumer = self.store.consumer(client_key)
        return consumer.secret if consumer else _DUMMY

    def get_request_token_secret(
        self, client_key: str, token: str, request: Request
    ) -> str:
        found = self.store.request_token(token)
        return found.secret if found else _DUMMY

    def get_access_token_secret(
        self, client_key: str, token: str, request: Request
    ) -> str:
        found = self.store.access_token(token)
        return found.secret if found else _DUMMY

    def get_rsa_key(self, client_key: str, request: Request) -> str:
        raise NotImplementedError("the replica accepts no RSA signatures")

    # Realms: the replica has none.
    def get_default_realms(self, client_key: str, request: Request) -> list[str]:
        return []

    def get_realms(self, token: str, request: Request) -> list[str]:
        return []

    def validate_requested_realms(
        self, client_key: str, realms: Any, request: Request
    ) -> bool:
        return True

    def validate_realms(
        self,
        client_key: str,
        token: str,
        request: Request,
        uri: str | None = None,
        realms: Any = None,
    ) -> bool:
        return True

    def verify_realms(self, token: str, realms: Any, request: Request) -> bool:
        return True

    # Checks.
    def validate_client_key(self, client_key: str, request: Request) -> bool:
        if self.store.consumer(client_key) is None:
            note_reason(request, f"Invalid consumer key: {client_key}")
            return False
        return True

    def validate_timestamp_and_nonce(
        self,
        client_key: str,
        timestamp: str,
        nonce: str,
        request: Request,
        request_token: str | None = None,
        access_token: str | None = None,
    ) -> bool:
        token = request_token or access_token or ""
        if not self.store.remember_nonce(client_key, timestamp, nonce, token):
            note_reason(request, f"Nonce already used: {nonce}")
            return False
        return True

    def validate_redirect_uri(
        self, client_key: str, redirect_uri: str, request: Request
    ) -> bool:
        if redirect_uri == "oob" or redirect_uri.startswith(("http://", "https://")):
            return True
        note_reason(request, f"Invalid callback URL: {redirect_uri}")
        return False

    def validate_request_token(
        self, client_key: str, token: str, request: Request
    ) -> bool:
        return self._usable_request_token(client_key, token, request) is not None

    def _usable_request_token(
        self, client_key: str, token: str, request: Request
    ) -> RequestToken | None:
        found = self.store.request_token(token)
        if found is None or found.client_key != client_key:
            note_reason(request, f"Invalid request token: {token}")
            return None
        if found.used:
            note_reason(request, f"Request token already used: {token}")
            return None
        return found

    def verify_request_token(self, token: str, request: Request) -> bool:
        found = self.store.request_token(token)
        return found is not None and not found.used

    def validate_verifier(
        self, client_key: str, token: str, verifier: str, request: Request
    ) -> bool:
        found = self.store.request_token(token)
        if found is None or found.verifier is None or found.verifier != verifier:
            note_reason(request, f"Invalid verifier: {verifier}")
            return False
        request.user = found.username
        return True

    def validate_access_token(
        self, client_key: str, token: str, request: Request
    ) -> bool:
        found = self.store.access_token(token)
        if found is None or found.client_key != client_key:
            note_reason(request, f"Invalid access token: {token}")
            return False
        request.user = found.username
        return True

    # Storage.
    def get_redirect_uri(self, token: str, request: Request) -> str:
        found = self.store.request_token(token)
        return found.callback if found else "oob"

    def save_request_token(self, token: dict[str, str], request: Request) -> None:
        callback = request.redirect_uri or self.default_callback
        self.store.add_request_token(
            RequestToken(
                key=token["oauth_token"],
                secret=token["oauth_token_secret"],
                client_key=request.client_key,
                callback=callback,
            )
        )

    def save_verifier(
        self, token: str, verifier: dict[str, str], request: Request
    ) -> None:
        self.store.update_request_token(token, verifier=verifier["oauth_verifier"])

    def save_access_token(self, token: dict[str, str], request: Request) -> None:
        username = self.store.request_token(request.resource_owner_key)
        assert username is not None and username.username is not None
        self.store.add_access_token(
            AccessToken(
                key=token["oauth_token"],
                secret=token["oauth_token_secret"],
                client_key=request.client_key,
                username=username.username,
            )
        )

    def invalidate_request_token(
        self, client_key: str, request_token: str, request: Request
    ) -> None:
        self.store.update_request_token(request_token, used=True)
