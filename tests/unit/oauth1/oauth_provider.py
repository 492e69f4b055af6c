"""A small OAuth 1.0a provider on loopback for the flow and login tests.

Built on oauthlib's server endpoints and Flask, served by werkzeug in a
thread. Its pages follow the replica's: `login-form` (identifier, password),
then `approval-form` (approve=Accept or deny), then a redirect to the
callback, or for `oob` a page showing the verifier in `oauth-verifier`.
A 401 from `/api/me` quotes the expected signature base string.
"""

from __future__ import annotations

import threading
import urllib.parse
from typing import Any

import flask
from oauthlib.common import generate_token
from oauthlib.oauth1 import (
    AccessTokenEndpoint,
    AuthorizationEndpoint,
    RequestTokenEndpoint,
    RequestValidator,
    ResourceEndpoint,
)
from oauthlib.oauth1.rfc5849 import signature as oauthlib_signature
from werkzeug.serving import make_server

CONSUMER_KEY, CONSUMER_SECRET = "test-consumer-key", "test-consumer-secret"
USERNAME, PASSWORD = "learner", "secret-password"


class _Validator(RequestValidator):
    def __init__(self) -> None:
        super().__init__()
        self.request_tokens: dict[str, dict[str, str]] = {}
        self.access_tokens: dict[str, str] = {}

    enforce_ssl = False  # type: ignore[assignment]
    dummy_client = dummy_request_token = dummy_access_token = "dummy"  # type: ignore[assignment]

    def check_client_key(self, key: str) -> bool:
        return True

    check_request_token = check_access_token = check_nonce = check_verifier = (
        check_client_key
    )

    def check_realms(self, realms: Any) -> bool:
        return True

    def validate_client_key(self, key: str, request: Any) -> bool:
        return key == CONSUMER_KEY

    def get_client_secret(self, key: str, request: Any) -> str:
        return CONSUMER_SECRET if key == CONSUMER_KEY else "dummy"

    def validate_timestamp_and_nonce(self, *args: Any, **kwargs: Any) -> bool:
        return True

    def get_default_realms(self, *args: Any) -> list[str]:
        return []

    def get_realms(self, *args: Any) -> list[str]:
        return []

    def validate_requested_realms(self, *args: Any) -> bool:
        return True

    def validate_realms(self, *args: Any, **kwargs: Any) -> bool:
        return True

    def verify_realms(self, *args: Any) -> bool:
        return True

    def validate_redirect_uri(self, *args: Any) -> bool:
        return True

    def save_request_token(self, token: dict[str, str], request: Any) -> None:
        self.request_tokens[token["oauth_token"]] = {
            "secret": token["oauth_token_secret"],
            "callback": request.redirect_uri,
        }

    def verify_request_token(self, token: str, request: Any) -> bool:
        return token in self.request_tokens

    validate_request_token = lambda self, key, token, request: (  # noqa: E731
        token in self.request_tokens
    )

    def get_redirect_uri(self, token: str, request: Any) -> str:
        return self.request_tokens[token]["callback"]

    def save_verifier(self, token: str, verifier: dict[str, str], request: Any) -> None:
        self.request_tokens[token]["verifier"] = verifier["oauth_verifier"]

    def get_request_token_secret(self, key: str, token: str, request: Any) -> str:
        return self.request_tokens.get(token, {}).get("secret", "dummy")

    def validate_verifier(
        self, key: str, token: str, verifier: str, request: Any
    ) -> bool:
        return self.request_tokens.get(token, {}).get("verifier") == verifier

    def invalidate_request_token(self, key: str, token: str, request: Any) -> None:
        self.request_tokens.pop(token, None)

    def save_access_token(self, token: dict[str, str], request: Any) -> None:
        self.access_tokens[token["oauth_token"]] = token["oauth_token_secret"]

    def validate_access_token(self, key: str, token: str, request: Any) -> bool:
        return token in self.access_tokens

    def get_access_token_secret(self, key: str, token: str, request: Any) -> str:
        return self.access_tokens.get(token, "dummy")


def create_app(validator: _Validator) -> flask.Flask:
    app = flask.Flask(__name__)
    request_endpoint = RequestTokenEndpoint(validator)
    authorize_endpoint = AuthorizationEndpoint(validator)
    access_endpoint = AccessTokenEndpoint(validator)
    resource_endpoint = ResourceEndpoint(validator)

    def oauthlib_args() -> tuple[str, str, bytes, dict[str, str]]:
        request = flask.request
        return request.url, request.method, request.get_data(), dict(request.headers)

    @app.post("/oauth/request_token")
    def request_token() -> flask.Response:
        headers, body, status = request_endpoint.create_request_token_response(
            *oauthlib_args()
        )
        return flask.Response(body, status, headers)

    @app.post("/oauth/access_token")
    def access_token() -> flask.Response:
        headers, body, status = access_endpoint.create_access_token_response(
            *oauthlib_args()
        )
        return flask.Response(body, status, headers)

    @app.get("/oauth/authorize")
    def login_page() -> str:
        token = flask.request.args.get("oauth_token", "")
        return (
            '<form id="login-form" method="post" action="/oauth/login">'
            f'<input type="hidden" name="oauth_token" value="{token}">'
            '<input name="identifier"><input name="password" type="password">'
            "</form>"
        )

    @app.post("/oauth/login")
    def login() -> tuple[str, int] | str:
        form = flask.request.form
        if (form.get("identifier"), form.get("password")) != (USERNAME, PASSWORD):
            return "Wrong username or password", 403
        return (
            '<form id="approval-form" method="post" action="/oauth/approve">'
            f'<input type="hidden" name="oauth_token" value="{form["oauth_token"]}">'
            '<button name="approve" value="Accept">Accept</button>'
            '<button name="deny" value="Deny">Deny</button></form>'
        )

    @app.post("/oauth/approve")
    def approve() -> flask.Response:
        token = flask.request.form["oauth_token"]
        if "approve" not in flask.request.form:
            callback = validator.get_redirect_uri(token, None)
            return flask.redirect(f"{callback}?denied={token}")
        uri = f"{flask.request.host_url}oauth/authorize?oauth_token={token}"
        headers, body, status = authorize_endpoint.create_authorization_response(
            uri, credentials={"user": USERNAME}
        )
        if status == 200:
            verifier = dict(urllib.parse.parse_qsl(body))["oauth_verifier"]
            body = f'<p>PIN: <code id="oauth-verifier">{verifier}</code></p>'
        return flask.Response(body, status, headers)

    @app.get("/api/me")
    def me() -> flask.Response | tuple[str, int]:
        valid, request = resource_endpoint.validate_protected_resource_request(
            *oauthlib_args()
        )
        if valid:
            return flask.jsonify({"user": USERNAME})
        return (
            f"OAuth error. Invalid signature. Expected signature base string: "
            f"{_expected_base_string(request)}",
            401,
        )

    return app


def _expected_base_string(request: Any) -> str:
    if request is None:
        return ""
    normalized = oauthlib_signature.normalize_parameters(request.params)
    uri = oauthlib_signature.base_string_uri(request.uri)
    return oauthlib_signature.signature_base_string(
        request.http_method, uri, normalized
    )


class LoopbackProvider:
    """The provider served on 127.0.0.1 and a free port until `stop()`."""

    def __init__(self) -> None:
        self.validator = _Validator()
        self._server = make_server(
            "127.0.0.1", 0, create_app(self.validator), threaded=True
        )
        self.base_url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)

    def issue_access_token(self) -> tuple[str, str]:
        token, secret = generate_token(), generate_token()
        self.validator.access_tokens[token] = secret
        return token, secret
