"""The single view behind `/api/v1/...`: match, check, replay or handle, render."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote, urlsplit

from flask import Blueprint, Response, abort, request

from ka_explorer.catalog import Catalog, Match

# Importing the handler modules registers their routes in HANDLERS.
from ka_explorer.replica.api import content, misc, user  # noqa: F401
from ka_explorer.replica.api.call import HANDLERS, Call
from ka_explorer.replica.api.respond import (
    ApiError,
    callback_of,
    json_response,
    style_of,
    text_response,
    unauthorized,
)
from ka_explorer.replica.dataset import Dataset
from ka_explorer.replica.oauth.provider import OAuthFailure, Provider, SignedRequest
from ka_explorer.replica.oauth.routes import oauth_error_response
from ka_explorer.replica.oauth.store import AccessToken
from ka_explorer.replica.recordings import RecordedBody, RecordedResponse, Recordings
from ka_explorer.replica.recordings.merge import merge_items
from ka_explorer.replica.render import Style, recase, snake_key
from ka_explorer.replica.timeline import is_removed

log = logging.getLogger(__name__)
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
RECORDING_HEADER = "X-KA-Replica-Recording"
# Printable ASCII stays as it is; other characters of a file name are
# percent-encoded, because header values are Latin-1.
_HEADER_SAFE = " !\"#$&'()*+,/:;<=>?@[]^_`{|}~"


@dataclass
class ReplicaContext:
    """What the API view needs: catalog, data, provider, recordings and date."""

    catalog: Catalog
    dataset: Dataset
    provider: Provider
    recordings: Recordings
    as_of: date


def api_blueprint(context: ReplicaContext) -> Blueprint:
    blueprint = Blueprint("api_v1", __name__)
    view = _ApiView(context)
    blueprint.add_url_rule("/api/v1/<path:rest>", "api", view.dispatch, methods=METHODS)
    return blueprint


def raw_path() -> str:
    """Return the request path as the client sent it, percent-encoding intact."""
    target = request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI")
    return urlsplit(target).path if target else quote(request.path)


class _ApiView:
    def __init__(self, context: ReplicaContext) -> None:
        self.context = context

    def dispatch(self, rest: str) -> Response:
        try:
            return self._dispatch()
        except ApiError as error:
            return text_response(error.status, error.text)
        except OAuthFailure as failure:
            log.info("OAuth request rejected on %s: %s", request.path, failure.message)
            return oauth_error_response(failure.message)

    def _dispatch(self) -> Response:
        path = raw_path()
        method = "GET" if request.method == "HEAD" else request.method
        match = self.context.catalog.match(method, path)
        recorded = self.context.recordings.exact(method, request.full_path)
        if match is None:
            return self._unmatched(path, recorded)
        if is_removed(match.endpoint, self.context.as_of):
            abort(404)
        style, callback = style_of(request.args), callback_of(request.args)
        # Access control comes before any recording: a recorded body of a
        # login-required route goes only to a caller with a valid access token.
        token = self._authenticate()
        if match.endpoint.login_required and token is None:
            raise unauthorized()
        if recorded is not None:
            return _replay(recorded)
        body = self.context.recordings.body(method, path, token is not None)
        if body is not None and not body.list_items:
            response = json_response(_recased(body, style), style, callback, request)
            return _named(response, body.source)
        result = self._handle(match, style, token)
        if body is None:
            return json_response(result, style, callback, request)
        merged = _merged_into_generated(result, body)
        return _named(json_response(merged, style, callback, request), body.source)

    def _unmatched(self, path: str, recorded: RecordedResponse | None) -> Response:
        if recorded is not None:
            return _replay(recorded)
        methods = self.context.catalog.methods_for(path)
        if request.method == "OPTIONS" and methods:
            return _preflight(methods)
        abort(405 if methods else 404)

    def _authenticate(self) -> AccessToken | None:
        """Check the request's signature; return its access token, if it has one."""
        signed = SignedRequest.from_flask(request)
        if not signed.has_oauth_parameters():
            return None
        return self.context.provider.authenticate_any(signed)

    def _handle(self, match: Match, style: Style, token: AccessToken | None) -> Any:
        endpoint = match.endpoint
        consumer = (
            self.context.provider.store.consumer(token.client_key) if token else None
        )
        call = Call(
            endpoint,
            match.path_params,
            request.args,
            request.form,
            style,
            self.context.dataset,
            self.context.catalog,
            token,
            extra={"anointed": bool(consumer and consumer.anointed)},
        )
        try:
            return HANDLERS[endpoint.key](call)
        except ApiError:
            raise
        except Exception as error:  # the live API turned any exception into a 500
            log.exception("Handler for %s failed", endpoint.key)
            raise ApiError(500, f"API error. {error}") from error


def _recased(body: RecordedBody, style: Style) -> Any:
    if body.casing == "camel" and not style.camel:
        return recase(body.data, snake_key)
    return body.data


def _merged_into_generated(result: Any, body: RecordedBody) -> Any:
    """Merge a signed-in user's recorded items into the generated list."""
    if not isinstance(result, list):
        log.warning(
            "Recording %s: the generated body of %s is no list; served without it",
            body.source,
            request.path,
        )
        return result
    merged, appended = merge_items(result, "snake", body.data, body.casing)
    if appended:
        log.debug("Recording %s: appended %s", body.source, ", ".join(appended))
    return merged


def _named(response: Response, source: str) -> Response:
    """Name the recording that served a response, as exchanges are named."""
    response.headers[RECORDING_HEADER] = quote(source, safe=_HEADER_SAFE)
    return response


def _replay(recorded: RecordedResponse) -> Response:
    response = Response(recorded.body, recorded.status)
    response.headers.clear()
    for name, value in recorded.replay_headers():
        response.headers.add(name, value)
    response.headers[RECORDING_HEADER] = quote(recorded.source, safe=_HEADER_SAFE)
    return response


def _preflight(methods: list[str]) -> Response:
    response = Response(status=200)
    response.headers["Access-Control-Allow-Methods"] = ", ".join([*methods, "OPTIONS"])
    response.headers["Access-Control-Allow-Headers"] = request.headers.get(
        "Access-Control-Request-Headers", "Authorization, Content-Type"
    )
    return response
