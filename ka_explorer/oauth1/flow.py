"""The three-legged OAuth 1.0a flow (RFC 5849 section 2) as plain steps.

1. `request_token(callback)`: temporary credentials from the provider.
2. `authorize_url(temporary)`: the page where the user approves access.
3. `parse_callback(url, temporary)` or `parse_pin(pin, temporary)`.
4. `access_token(temporary, authorization)`: the token credentials.

Each step that fails raises an OAuthError subclass carrying the step, the
HTTP status and the server's text.
"""

from __future__ import annotations

import dataclasses
import json
import urllib.parse

import requests

from ka_explorer.oauth1.callbacks import OOB
from ka_explorer.oauth1.credentials import Credentials, Placement
from ka_explorer.oauth1.debug import SignatureDebug
from ka_explorer.oauth1.diagnosis import diagnose_401
from ka_explorer.oauth1.encoding import decode_form
from ka_explorer.oauth1.errors import (
    AccessTokenError,
    CallbackError,
    OAuthError,
    RequestTokenError,
    one_line,
)
from ka_explorer.oauth1.profiles import Profile
from ka_explorer.oauth1.signing import sign_request

_MAX_SERVER_TEXT = 4000


@dataclasses.dataclass(frozen=True)
class TemporaryCredentials:
    """The request token. `callback_confirmed` is None when the server
    did not send `oauth_callback_confirmed` (OAuth 1.0 servers, Khan's auth2)."""

    token: str
    token_secret: str
    callback: str
    callback_confirmed: bool | None


@dataclasses.dataclass(frozen=True)
class Authorization:
    """The user's approval: the request token and its verifier."""

    token: str
    verifier: str


@dataclasses.dataclass(frozen=True)
class AccessToken:
    """The token credentials, plus any other fields the provider returned."""

    token: str
    token_secret: str
    extra: tuple[tuple[str, str], ...] = ()

    def __repr__(self) -> str:
        return f"AccessToken(token=****({len(self.token)} chars), secret=****)"


class OAuth1Flow:
    """Run the three steps against one provider with consumer credentials.

    `token_placement` is where the token requests put their protocol
    parameters, `oauth_callback` included (default: the credentials'
    placement). With `require_callback_confirmed` a missing
    `oauth_callback_confirmed` is an error, as RFC 5849 requires; without
    it only a value other than "true" is.
    """

    def __init__(
        self,
        creds: Credentials,
        request_token_url: str,
        authorize_url: str,
        access_token_url: str,
        *,
        token_placement: Placement | None = None,
        timeout: float = 30.0,
        session: requests.Session | None = None,
        require_callback_confirmed: bool = False,
    ) -> None:
        placement = token_placement or creds.placement
        self.creds = dataclasses.replace(
            creds, token=None, token_secret=None, placement=placement
        )
        self.request_token_url = request_token_url
        self.authorize_url_base = authorize_url
        self.access_token_url = access_token_url
        self.timeout = timeout
        self._owns_session = session is None
        self.session = session or requests.Session()
        self.require_callback_confirmed = require_callback_confirmed

    def close(self) -> None:
        """Close the requests session that the flow created, with its connections.

        A session passed to the constructor stays open: its owner closes it.
        """
        if self._owns_session:
            self.session.close()

    def __enter__(self) -> OAuth1Flow:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @classmethod
    def from_profile(
        cls, profile: Profile, creds: Credentials, **options: object
    ) -> OAuth1Flow:
        """Return a flow for the profile's three URLs and token placement."""
        return cls(
            creds,
            profile.url(profile.request_token_url),
            profile.url(profile.authorize_url),
            profile.url(profile.access_token_url),
            token_placement=profile.token_placement,
            **options,  # type: ignore[arg-type]
        )

    def request_token(self, callback: str = OOB) -> TemporaryCredentials:
        """Obtain temporary credentials; `callback` is a URL or "oob"."""
        response = self._post(
            self.request_token_url, self.creds, RequestTokenError, callback=callback
        )
        fields = _token_fields(response, RequestTokenError, self.request_token_url)
        confirmed = self._callback_confirmed(fields, response)
        return TemporaryCredentials(
            fields["oauth_token"], fields["oauth_token_secret"], callback, confirmed
        )

    def authorize_url(self, temporary: TemporaryCredentials) -> str:
        """Return the URL where the user approves the request token."""
        parts = urllib.parse.urlsplit(self.authorize_url_base)
        extra = urllib.parse.urlencode({"oauth_token": temporary.token})
        query = f"{parts.query}&{extra}" if parts.query else extra
        return urllib.parse.urlunsplit(parts._replace(query=query))

    def parse_callback(
        self, callback_url: str, temporary: TemporaryCredentials
    ) -> Authorization:
        """Check the redirect to the callback and return the verifier.

        The token must be the request token; a verifier must be present; a
        provider's denial (`denied`, `oauth_problem`, `error`) is reported.
        """
        query = urllib.parse.urlsplit(callback_url).query
        fields = dict(decode_form(query))
        _raise_on_denial(fields)
        token = fields.get("oauth_token")
        if token is not None and token != temporary.token:
            raise CallbackError(
                f"The callback carries oauth_token {token!r}, not the request token "
                f"{temporary.token!r}; it belongs to another sign-in. Start again."
            )
        verifier = fields.get("oauth_verifier", "")
        if not verifier:
            raise CallbackError(
                f"The callback {_without_secrets(callback_url)} has no oauth_verifier;"
                " the provider did not complete the approval. Start again."
            )
        return Authorization(temporary.token, verifier)

    def parse_pin(self, pin: str, temporary: TemporaryCredentials) -> Authorization:
        """Return the authorization for a PIN (verifier) the user typed."""
        verifier = pin.strip()
        if not verifier:
            raise CallbackError(
                "No PIN was entered; copy the PIN the provider shows and try again."
            )
        return Authorization(temporary.token, verifier)

    def access_token(
        self, temporary: TemporaryCredentials, authorization: Authorization
    ) -> AccessToken:
        """Trade the authorized request token and verifier for an access token."""
        creds = self.creds.with_token(temporary.token, temporary.token_secret)
        response = self._post(
            self.access_token_url, creds, AccessTokenError,
            verifier=authorization.verifier,
        )
        fields = _token_fields(response, AccessTokenError, self.access_token_url)
        extra = tuple(
            (k, v) for k, v in fields.items()
            if k not in ("oauth_token", "oauth_token_secret")
        )
        return AccessToken(fields["oauth_token"], fields["oauth_token_secret"], extra)

    def _post(
        self,
        url: str,
        creds: Credentials,
        error_class: type[RequestTokenError] | type[AccessTokenError],
        **oauth: str,
    ) -> requests.Response:
        signed = sign_request("POST", url, {}, None, creds, **oauth)
        try:
            response = self.session.post(
                signed.url, data=signed.body, headers=signed.headers,
                timeout=self.timeout, allow_redirects=False,
            )
        except requests.RequestException as error:
            raise error_class(_network_message(url, error, self.timeout)) from None
        if not 200 <= response.status_code < 300:
            raise _status_error(error_class, url, response, signed.debug)
        return response

    def _callback_confirmed(
        self, fields: dict[str, str], response: requests.Response
    ) -> bool | None:
        value = fields.get("oauth_callback_confirmed")
        if value is None and not self.require_callback_confirmed:
            return None
        if value != "true":
            raise RequestTokenError(
                "The request token response has oauth_callback_confirmed="
                f"{value!r}, not 'true', so the provider did not accept the "
                "callback; check the callback URL the provider allows.",
                status=response.status_code,
                server_text=response.text[:_MAX_SERVER_TEXT],
            )
        return True


def _token_fields(
    response: requests.Response,
    error_class: type[RequestTokenError] | type[AccessTokenError],
    url: str,
) -> dict[str, str]:
    text = response.text
    fields = _parse_token_body(text)
    missing = [k for k in ("oauth_token", "oauth_token_secret") if k not in fields]
    if missing:
        raise error_class(
            f"The response of {url} lacks {' and '.join(missing)}; the provider "
            f"returned: {one_line(text) or '(empty body)'}",
            status=response.status_code,
            server_text=text[:_MAX_SERVER_TEXT],
        )
    return fields


def _parse_token_body(text: str) -> dict[str, str]:
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): str(v) for k, v in data.items()}
    return dict(decode_form(text.strip()))


def _status_error(
    error_class: type[RequestTokenError] | type[AccessTokenError],
    url: str,
    response: requests.Response,
    debug: SignatureDebug,
) -> OAuthError:
    text = response.text[:_MAX_SERVER_TEXT]
    shown = one_line(text) or "(empty body)"
    end = "" if shown.endswith((".", "…")) else "."
    error = error_class(
        f"{url} answered HTTP {response.status_code} "
        f"{response.reason or ''}: {shown}{end} "
        f"{_status_hint(response.status_code, text, debug)}",
        status=response.status_code,
        server_text=text,
    )
    error.debug = debug
    return error


def _status_hint(status: int, text: str, debug: SignatureDebug) -> str:
    if status == 401:
        cause = diagnose_401(debug, text).cause
        if cause.kind in ("signature_method", "plaintext_encoding", "timestamp"):
            return cause.text
        return "Check the consumer key and secret, and the signature details."
    if status == 404:
        return "Check the auth URLs of the profile."
    return "See the server's text for the reason."


def _network_message(url: str, error: requests.RequestException, timeout: float) -> str:
    if isinstance(error, requests.Timeout):
        return f"{url} did not answer within {timeout:g} s; is the server running?"
    reason = type(error).__name__
    return f"Could not reach {url} ({reason}); is the server running?"


def _raise_on_denial(fields: dict[str, str]) -> None:
    reason = fields.get("oauth_problem") or fields.get("error") or (
        "denied" if "denied" in fields else None
    )
    if reason:
        raise CallbackError(
            f"Access was not granted: the provider reports a denial ({reason}), "
            "and its request token cannot be approved any more. Start the "
            "sign-in again to approve access."
        )


def _without_secrets(url: str) -> str:
    return urllib.parse.urlsplit(url)._replace(query="", fragment="").geturl()
