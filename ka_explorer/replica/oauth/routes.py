"""Flask routes of the sign-in flows: `/api/auth2/*` and the older `/api/auth/*`."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, request
from werkzeug.wrappers import Response as BaseResponse

from ka_explorer.replica.oauth import pages
from ka_explorer.replica.oauth.provider import (
    OAuthFailure,
    Provider,
    SignedRequest,
    token_response,
)
from ka_explorer.replica.oauth.store import RequestToken

log = logging.getLogger(__name__)

REALM_HEADER = 'OAuth realm="http://www.khanacademy.org"'
TOKEN_BODY_TYPE = "application/x-www-form-urlencoded"


def oauth_error_response(message: str) -> Response:
    """Return Khan's plain-text 401 for a rejected signed request."""
    response = Response(f"OAuth error. {message}", 401, mimetype="text/plain")
    response.headers["WWW-Authenticate"] = REALM_HEADER
    return response


class _PageError(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


BOTH = ("GET", "POST")
# Path, method of _AuthRoutes that serves it, HTTP methods.
AUTH_ROUTES = (
    ("/api/auth2/request_token", "request_token2", BOTH),
    ("/api/auth2/authorize", "authorize2", BOTH),
    ("/api/auth2/login", "login2", ("POST",)),
    ("/api/auth2/approval", "approval2", BOTH),
    ("/api/auth2/access_token", "access_token", BOTH),
    ("/api/auth/request_token", "request_token1", BOTH),
    ("/api/auth/authorize", "authorize1", BOTH),
    ("/api/auth/access_token", "access_token", BOTH),
    ("/api/auth/default_callback", "default_callback", ("GET",)),
)


def auth_blueprint(provider: Provider) -> Blueprint:
    """Build the blueprint that serves both sign-in flows with `provider`."""
    routes = _AuthRoutes(provider)
    blueprint = Blueprint("auth", __name__)
    for path, name, methods in AUTH_ROUTES:
        endpoint = path.strip("/").replace("/", "_")
        blueprint.add_url_rule(
            path, endpoint, getattr(routes, name), methods=list(methods)
        )
    blueprint.register_error_handler(OAuthFailure, _on_oauth_failure)
    blueprint.register_error_handler(_PageError, _on_page_error)
    return blueprint


def _on_oauth_failure(failure: OAuthFailure) -> Response:
    log.info("OAuth request rejected on %s: %s", request.path, failure.message)
    return oauth_error_response(failure.message)


def _on_page_error(error: _PageError) -> Response:
    log.info("Sign-in page error on %s: %s", request.path, error.message)
    return Response(pages.error_page(error.message), error.status, mimetype="text/html")


class _AuthRoutes:
    def __init__(self, provider: Provider) -> None:
        self.provider = provider
        self.store = provider.store

    # Tokens.
    def request_token2(self) -> Response:
        token = self.provider.issue_request_token(SignedRequest.from_flask(request))
        return _token_body(
            ("oauth_token_secret", token.secret),
            ("oauth_token", token.key),
            ("oauth_callback_confirmed", "true"),
        )

    def access_token(self) -> Response:
        token = self.provider.issue_access_token(SignedRequest.from_flask(request))
        return _token_body(
            ("oauth_token", token.key), ("oauth_token_secret", token.secret)
        )

    # The browser flow of /api/auth2: login page, approval page, callback.
    def authorize2(self) -> BaseResponse | str:
        token = self._pending_token()
        if request.method == "GET":
            return pages.login_page(
                "/api/auth2/login", token.key, self._consumer(token)
            )
        username = self._log_in(token, "/api/auth2/authorize")
        if isinstance(username, Response):
            return username
        return self._finish(token, username, with_secret=False)

    def login2(self) -> BaseResponse:
        token = self._pending_token()
        username = self._log_in(token, "/api/auth2/login")
        if isinstance(username, Response):
            return username
        self.store.update_request_token(token.key, username=username)
        query = urlencode({"oauth_token": token.key})
        return redirect(f"/api/auth2/approval?{query}", 302)

    def approval2(self) -> BaseResponse | str:
        token = self._pending_token()
        if token.username is None:
            raise _PageError("Log in before approving this request token.", 403)
        if request.method == "GET":
            return pages.approval_page(
                "/api/auth2/approval", token.key, self._consumer(token), token.username
            )
        if "approve" in request.form:
            return self._finish(token, token.username, with_secret=False)
        return self._deny(token)

    # The older flow of /api/auth: request token opened in the browser.
    def request_token1(self) -> BaseResponse:
        signed = SignedRequest.from_flask(request)
        token = self.provider.issue_request_token_without_callback(signed)
        query = urlencode({"oauth_token": token.key})
        return redirect(f"/api/auth/authorize?{query}", 302)

    def authorize1(self) -> BaseResponse | str:
        token = self._pending_token()
        if request.method == "GET" and token.username is None:
            return pages.login_page(
                "/api/auth/authorize", token.key, self._consumer(token)
            )
        username = token.username or self._log_in(token, "/api/auth/authorize")
        if isinstance(username, Response):
            return username
        return self._finish(token, username, with_secret=True)

    def default_callback(self) -> Response:
        return Response("OK", 200, mimetype="text/plain")

    # Shared steps.
    def _pending_token(self) -> RequestToken:
        key = request.values.get("oauth_token", "")
        if not key:
            raise _PageError(
                "The oauth_token parameter is missing; start the "
                "sign-in again from the application.",
                400,
            )
        token = self.store.request_token(key)
        if token is None:
            raise _PageError(
                f"Unknown request token {key}; start the sign-in "
                "again from the application.",
                400,
            )
        if token.used:
            raise _PageError(
                f"Request token {key} was already used; start the "
                "sign-in again from the application.",
                400,
            )
        return token

    def _consumer(self, token: RequestToken) -> str:
        consumer = self.store.consumer(token.client_key)
        return consumer.name if consumer else token.client_key

    def _log_in(self, token: RequestToken, action: str) -> str | Response:
        identifier = request.form.get("identifier", "").strip()
        username = self.store.authenticate(identifier, request.form.get("password", ""))
        if username is not None:
            return username
        log.info("Login failed for %r on request token %s", identifier, token.key)
        page = pages.login_page(
            action,
            token.key,
            self._consumer(token),
            error=f"Wrong username or password for {identifier or '(empty)'}; "
            "check them and try again.",
            identifier=identifier,
        )
        return Response(page, 401, mimetype="text/html")

    def _finish(
        self, token: RequestToken, username: str, with_secret: bool
    ) -> BaseResponse | str:
        location, verifier = self.provider.authorize(token.key, username)
        log.info("Request token %s approved by %s", token.key, username)
        if location is None:
            return pages.pin_page(verifier, self._consumer(token))
        if with_secret:
            separator = "&" if "?" in location else "?"
            secret = urlencode({"oauth_token_secret": token.secret})
            location = f"{location}{separator}{secret}"
        return redirect(location, 302)

    def _deny(self, token: RequestToken) -> BaseResponse | str:
        self.store.update_request_token(token.key, used=True)
        log.info("Request token %s denied", token.key)
        if token.callback == "oob":
            return pages.message_page(
                "Access denied", "You did not allow the application access."
            )
        separator = "&" if "?" in token.callback else "?"
        denied = urlencode({"denied": token.key})
        return redirect(f"{token.callback}{separator}{denied}", 302)


def _token_body(*pairs: tuple[str, str]) -> Response:
    return Response(token_response(*pairs), 200, mimetype=TOKEN_BODY_TYPE)
