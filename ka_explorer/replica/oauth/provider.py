"""Verify signed requests and issue tokens with oauthlib's server endpoints.

Failures become `OAuthFailure` with the text Khan Academy sent after
`OAuth error. `, such as the signature base string the server computed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from flask import Request as FlaskRequest
from oauthlib.common import Request
from oauthlib.oauth1 import (
    AccessTokenEndpoint,
    AuthorizationEndpoint,
    RequestTokenEndpoint,
    ResourceEndpoint,
    SignatureOnlyEndpoint,
)
from oauthlib.oauth1.rfc5849 import errors, signature
from oauthlib.oauth1.rfc5849.endpoints.base import BaseEndpoint

from ka_explorer.replica.oauth.store import AccessToken, OAuthStore, RequestToken
from ka_explorer.replica.oauth.validator import SIGNATURE_METHODS, ReplicaValidator

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


class OAuthFailure(Exception):
    """A signed request that the provider rejects; `message` follows `OAuth error. `."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SignedRequest:
    """A request as oauthlib reads it: signed URI, method, form body, headers."""

    uri: str
    http_method: str
    body: str
    headers: dict[str, str]

    @classmethod
    def from_flask(cls, request: FlaskRequest) -> SignedRequest:
        target = request.environ.get("REQUEST_URI") or request.full_path.rstrip("?")
        if not target.startswith(("http://", "https://")):
            target = f"{request.scheme}://{request.host}{target}"
        content_type = request.headers.get("Content-Type", "")
        body = (
            request.get_data(as_text=True) if FORM_CONTENT_TYPE in content_type else ""
        )
        return cls(target, request.method, body, dict(request.headers.items()))

    def has_oauth_parameters(self) -> bool:
        header = self.headers.get("Authorization", "")
        if header.lower().startswith("oauth "):
            return True
        query = self.uri.partition("?")[2]
        pairs = parse_qsl(query, keep_blank_values=True)
        pairs += parse_qsl(self.body, keep_blank_values=True)
        return any(name.startswith("oauth_") for name, _ in pairs)


class Provider:
    """The replica's OAuth 1.0a provider over one `OAuthStore`."""

    def __init__(self, store: OAuthStore, default_callback: str) -> None:
        self.store = store
        validator = ReplicaValidator(store, default_callback)
        self._request_tokens = RequestTokenEndpoint(validator)
        self._access_tokens = AccessTokenEndpoint(validator)
        self._authorization = AuthorizationEndpoint(validator, _new_verifier)
        self._resources = ResourceEndpoint(validator)
        self._signatures = SignatureOnlyEndpoint(validator)

    def issue_request_token(self, signed: SignedRequest) -> RequestToken:
        """Check a request-token request with `oauth_callback` and issue a token."""
        request = _checked(self._request_tokens, signed)
        valid, request = _run(
            self._request_tokens.validate_request_token_request, request
        )
        _raise_unless(valid, request)
        return self._save_request_token(request)

    def issue_request_token_without_callback(
        self, signed: SignedRequest
    ) -> RequestToken:
        """Issue a request token for the older flow, where the callback is optional."""
        request = _checked(self._signatures, signed)
        valid, request = self._signatures.validate_request(
            signed.uri, signed.http_method, signed.body, signed.headers
        )
        _raise_unless(valid, request)
        return self._save_request_token(request)

    def _save_request_token(self, request: Request) -> RequestToken:
        body = self._request_tokens.create_request_token(request, {})
        key = dict(parse_qsl(body))["oauth_token"]
        token = self.store.request_token(key)
        assert token is not None
        return token

    def issue_access_token(self, signed: SignedRequest) -> AccessToken:
        """Trade an authorized request token and its verifier for an access token."""
        request = _checked(self._access_tokens, signed)
        valid, request = _run(
            self._access_tokens.validate_access_token_request, request
        )
        _raise_unless(valid, request)
        body = self._access_tokens.create_access_token(request, {})
        self.store.update_request_token(request.resource_owner_key, used=True)
        token = self.store.access_token(dict(parse_qsl(body))["oauth_token"])
        assert token is not None
        return token

    def authorize(self, token_key: str, username: str) -> tuple[str | None, str]:
        """Let `username` approve a request token.

        Return the callback URL with `oauth_token` and `oauth_verifier` added
        (None for `oob`) and the verifier.
        """
        self.store.update_request_token(token_key, username=username)
        uri = "http://replica/authorize?" + urlencode({"oauth_token": token_key})
        headers, body, status = self._authorization.create_authorization_response(
            uri, "GET", None, {}, realms=[]
        )
        verifier = self.store.request_token(token_key).verifier  # type: ignore[union-attr]
        assert verifier is not None
        return (headers["Location"] if status == 302 else None), verifier

    def authenticate_any(self, signed: SignedRequest) -> AccessToken | None:
        """Check a signed request; with `oauth_token`, return its access token.

        A request signed by the consumer alone (no token) is checked for its
        signature, nonce and timestamp, and returns None.
        """
        if "oauth_token" in _oauth_names(signed):
            return self.authenticate(signed)
        request = _checked(self._signatures, signed)
        valid, request = self._signatures.validate_request(
            signed.uri, signed.http_method, signed.body, signed.headers
        )
        _raise_unless(valid, request)
        return None

    def authenticate(self, signed: SignedRequest) -> AccessToken:
        """Check a signed resource request; return the access token it acts with."""
        request = _checked(self._resources, signed)
        if not request.resource_owner_key:
            raise OAuthFailure("Missing access token (oauth_token).")
        valid, request = self._resources.validate_protected_resource_request(
            signed.uri, signed.http_method, signed.body, signed.headers
        )
        _raise_unless(valid, request)
        token = self.store.access_token(request.resource_owner_key)
        assert token is not None
        return token


def _oauth_names(signed: SignedRequest) -> set[str]:
    names = set(
        signature.collect_parameters(
            uri_query=signed.uri.partition("?")[2],
            body=signed.body,
            headers=signed.headers,
            exclude_oauth_signature=False,
        )
    )
    return {name for name, _ in names}


def token_response(*pairs: tuple[str, str]) -> str:
    """Return a form-encoded token body: `oauth_token=..&oauth_token_secret=..`."""
    return urlencode(list(pairs))


def _new_verifier() -> str:
    # Ten digits: short enough to type from an `oob` page.
    return f"{secrets.randbelow(10**10):010d}"


def _checked(endpoint: BaseEndpoint, signed: SignedRequest) -> Request:
    """Parse the request and run oauthlib's format checks, keeping their messages.

    NOTE: these are oauthlib's private helpers; the public validate_* methods
    run the same checks but ResourceEndpoint hides the reason for a failure.
    """
    try:
        request = endpoint._create_request(
            signed.uri, signed.http_method, signed.body, signed.headers
        )
        endpoint._check_mandatory_parameters(request)
    except errors.InvalidSignatureMethodError:
        raise OAuthFailure(
            unsupported_method_message(request.signature_method)
        ) from None
    except errors.OAuth1Error as error:
        raise OAuthFailure(_describe(error)) from None
    return request


def unsupported_method_message(method: str | None) -> str:
    """Return the text for a signature method that this provider does not accept.

    oauthlib's own text ("Invalid signature, X not in (...)") reads as if the
    signature were wrong, so the replica names the method and the accepted ones.
    """
    accepted = " and ".join(SIGNATURE_METHODS)
    return (
        f"Unsupported signature method {method or '(none)'}; this server accepts "
        f"{accepted}."
    )


def _run(validate: object, request: Request) -> tuple[bool, Request]:
    try:
        return validate(request)  # type: ignore[operator,no-any-return]
    except errors.OAuth1Error as error:
        raise OAuthFailure(_describe(error)) from None


def _describe(error: errors.OAuth1Error) -> str:
    description = error.description
    if isinstance(description, tuple):  # oauthlib passes some as (format, arg)
        description = description[0] % description[1:]
    return str(description or error.error)


def _raise_unless(valid: bool, request: Request | None) -> None:
    if valid:
        return
    if request is None:
        raise OAuthFailure("Missing mandatory OAuth parameters.")
    reason = getattr(request, "replica_reason", None)
    if reason:
        raise OAuthFailure(reason)
    if request.validator_log.get("signature") is False:
        raise OAuthFailure(_signature_message(request))
    raise OAuthFailure("Invalid request.")


def _signature_message(request: Request) -> str:
    if request.signature_method == "PLAINTEXT":
        return "Invalid signature. PLAINTEXT expects consumer_secret&token_secret."
    base_string = signature.signature_base_string(
        request.http_method,
        signature.base_string_uri(request.uri),
        signature.normalize_parameters(request.params),
    )
    return f"Invalid signature. Expected signature base string: {base_string}"
