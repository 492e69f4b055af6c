"""Errors of the OAuth 1.0a layer: signing, keys, the three-legged flow, secrets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ka_explorer.errors import KaExplorerError

if TYPE_CHECKING:
    from ka_explorer.oauth1.debug import SignatureDebug


def one_line(text: str, limit: int = 300) -> str:
    """Return a server's text on one line, cut to `limit` characters with "…".

    A JSON error body starts with a line that holds only "{", so the first
    line alone says nothing.
    """
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit].rstrip() + "…"


class OAuthError(KaExplorerError):
    """An OAuth failure: which step failed, the HTTP status and the server's text.

    `step` names the step ("sign", "request_token", "callback",
    "access_token", "resource"); `status` is None when no response arrived.
    `debug` is the signature of the refused request, for `diagnose_401`.
    """

    debug: SignatureDebug | None = None

    def __init__(
        self,
        message: str,
        *,
        step: str,
        status: int | None = None,
        server_text: str = "",
    ) -> None:
        super().__init__(message)
        self.step = step
        self.status = status
        self.server_text = server_text


class SigningError(OAuthError):
    """The request cannot be signed as configured (method, placement, body)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, step="sign")


class RsaKeyError(SigningError):
    """The RSA private key is missing, unreadable, encrypted or malformed."""


class RequestTokenError(OAuthError):
    """The provider refused the temporary-credentials (request token) step."""

    def __init__(self, message: str, *, status: int | None = None,
                 server_text: str = "") -> None:
        super().__init__(message, step="request_token", status=status,
                         server_text=server_text)


class CallbackError(OAuthError):
    """The authorization callback (or PIN) does not complete the sign-in."""

    def __init__(self, message: str) -> None:
        super().__init__(message, step="callback")


class AccessTokenError(OAuthError):
    """The provider refused to trade the verifier for an access token."""

    def __init__(self, message: str, *, status: int | None = None,
                 server_text: str = "") -> None:
        super().__init__(message, step="access_token", status=status,
                         server_text=server_text)


class SignInRequired(OAuthError):
    """The stored access token was rejected (401) and has been cleared."""

    def __init__(self, message: str, *, status: int | None = 401,
                 server_text: str = "") -> None:
        super().__init__(message, step="resource", status=status,
                         server_text=server_text)


class SecretStoreError(KaExplorerError):
    """The OS keyring failed to read, store or delete a secret."""


class ProfileError(KaExplorerError):
    """A profile file or entry is missing, invalid or refers to an unknown name."""
