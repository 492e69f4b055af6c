"""Responses of the API: errors as Khan sent them, styles, JSONP, ETags."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask import Request, Response
from werkzeug.datastructures import MultiDict

from ka_explorer.replica.dataset.bodies import Body
from ka_explorer.replica.render import Style, to_text

JSON_TYPE = "application/json; charset=utf-8"
JSONP_TYPE = "application/javascript; charset=utf-8"
REALM_HEADER = 'OAuth realm="http://www.khanacademy.org"'
_CALLBACK = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$.]{0,127}$")


class ApiError(Exception):
    """An error the API returns as a plain-text body with a status."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status = status
        self.text = text


def invalid_param(text: str) -> ApiError:
    return ApiError(400, text)


def api_error(text: str) -> ApiError:
    """Return Khan's 500 for an exception inside a route: `API error. <text>`."""
    return ApiError(500, f"API error. {text}")


def unauthorized() -> ApiError:
    return ApiError(401, "Unauthorized")


def text_response(status: int, text: str) -> Response:
    response = Response(text, status, mimetype="text/plain")
    if status == 401:
        response.headers["WWW-Authenticate"] = REALM_HEADER
    return response


@dataclass(frozen=True)
class Prepared:
    """A handler result that is already serialized, such as the topic tree."""

    body: Body
    etag: bool = True


def style_of(args: MultiDict[str, str]) -> Style:
    """Read casing, format and lang; reject formats other than pretty."""
    fmt = args.get("format")
    if fmt not in (None, "", "pretty"):
        raise invalid_param(
            f"Invalid value for format: {fmt}. Use format=pretty or leave it out."
        )
    return Style(
        camel=args.get("casing") == "camel",
        pretty=fmt == "pretty",
        lang=(args.get("lang") or "en").strip() or "en",
    )


def callback_of(args: MultiDict[str, str]) -> str | None:
    callback = args.get("callback")
    if not callback:
        return None
    if not _CALLBACK.match(callback):
        raise invalid_param(
            f"Invalid callback {callback!r}: use a JavaScript function name."
        )
    return callback


def json_response(
    result: Any, style: Style, callback: str | None, request: Request
) -> Response:
    """Return a value or a prepared body with JSONP and ETag handling."""
    if isinstance(result, Prepared):
        data = result.body.data
        etag = result.body.etag if result.etag and not callback else None
    else:
        data, etag = to_text(result, style).encode(), None
    if etag and _etag_matches(request, etag):
        response = Response(status=304)
        response.headers["ETag"] = f'"{etag}"'
        return response
    if callback:
        # A list, not one concatenation: tens of megabytes are not copied.
        pieces = [callback.encode() + b"(", data, b")"]
        response = Response(pieces, 200, content_type=JSONP_TYPE)
        response.content_length = sum(len(piece) for piece in pieces)
    else:
        response = Response(data, 200, content_type=JSON_TYPE)
    if etag:
        response.headers["ETag"] = f'"{etag}"'
    return response


def _etag_matches(request: Request, etag: str) -> bool:
    return request.if_none_match.contains(etag) or "*" in request.if_none_match
