"""Turn an HTTP response that arrived but is unusable into an ExchangeError."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ka_explorer.http.errors import ExchangeError
from ka_explorer.oauth1 import diagnose_401

if TYPE_CHECKING:
    from ka_explorer.http.exchange import Exchange

SERVER_TEXT_LIMIT = 500
_JSON_TYPES = ("json", "javascript")
UNAUTHORIZED_ADVICE = "Check the consumer key and secret, or sign in again."
_ADVICE = {
    401: UNAUTHORIZED_ADVICE,
    403: "The credentials may not access this resource.",
    404: "Check the path; the server has no such resource.",
    405: "The server does not accept this method here; check GET versus POST.",
    429: "The server limits the request rate; wait before sending again.",
}


def body_error(exchange: Exchange, where: str) -> ExchangeError | None:
    """Return the error for a non-2xx status or an unusable 2xx body, or None."""
    status = exchange.status
    if not 200 <= status < 300:
        return ExchangeError("http_error", http_error_message(exchange, where))
    problem = exchange.parse_error
    if problem is None:
        return None
    if problem.kind == "html":
        return ExchangeError("not_json", (
            f"{status} {exchange.reason} from {where}, but {_lower_first(str(problem))}"
            " The base URL may point at a web site rather than the API."))
    if problem.kind in ("text", "empty") and not _declares_json(exchange):
        return None
    return ExchangeError("invalid_json", (
        f"{status} {exchange.reason} from {where}, but the body is not valid JSON: "
        f"{problem}"))


def http_error_message(exchange: Exchange, where: str) -> str:
    """Return "<status> <reason> from <host>: <server text>. <advice>"."""
    status, reason = exchange.status, exchange.reason
    text = f"{status} {reason}".strip() + f" from {where}"
    server_text = server_text_summary(exchange)
    if server_text:
        text += f": {server_text}"
    if not text.endswith((".", "!", "?", "…")):
        text += "."
    advice = _advice(exchange)
    return f"{text} {advice}" if advice else text


def server_text_summary(exchange: Exchange) -> str:
    """Return the server's error text on one line, shortened, or the page title."""
    problem = exchange.parse_error
    if problem is not None and problem.kind == "html":
        return _lower_first(str(problem)).removeprefix("the body is ").rstrip(".")
    text = " ".join(exchange.body_text().split())
    if len(text) > SERVER_TEXT_LIMIT:
        text = text[:SERVER_TEXT_LIMIT] + "…"
    return text


def _advice(exchange: Exchange) -> str:
    status = exchange.status
    if 300 <= status < 400:
        location = exchange.header("Location")
        if location:
            return f"The server redirects to {location}; send the request there."
        return "The server redirects without a Location header."
    if status >= 500:
        return "The server failed; try again later or read its log."
    if status == 401:
        return unauthorized_advice(exchange)
    return _ADVICE.get(status, "")


def unauthorized_advice(exchange: Exchange) -> str:
    """Return the next step for a 401, from `diagnose_401`'s cause when it has one.

    The generic advice is left only for a 401 whose text names no cause.
    """
    debug = exchange.signature
    if debug is None:
        return ("The request was not signed: set a consumer key and secret for "
                "the server, and sign in if the resource needs it.")
    cause = diagnose_401(debug, exchange.body_text()).cause
    token_sent = any(p.name == "oauth_token" for p in debug.parameters)
    if cause.kind == "token":
        if token_sent:
            return "The server rejected the access token: sign in again."
        return "No access token was sent, and the server asks for one: sign in."
    if cause.kind == "base_string":
        return f"The signature does not match: {cause.text}"
    if cause.kind == "consumer":
        return "The server does not know the consumer key: check the profile's key."
    if cause.kind != "unknown":
        return cause.text
    if not token_sent:
        return f"No access token was sent. {UNAUTHORIZED_ADVICE}"
    return UNAUTHORIZED_ADVICE


def _declares_json(exchange: Exchange) -> bool:
    content_type = exchange.content_type.lower()
    return any(kind in content_type for kind in _JSON_TYPES)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
