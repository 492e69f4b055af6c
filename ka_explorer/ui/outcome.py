"""The status-area message for a finished exchange.

One function per question, each returning plain text, so the wording can be
checked without a window. Exceptions raised before a request goes out are
turned into text by `messages.describe_error`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ka_explorer.ui.raw_tab import format_size
from ka_explorer.ui.session import RemovalDay

NULL_BODY = (
    "The API returned null: no access or not found. Khan Academy answered null "
    "both for ids that do not exist and for users this token may not see."
)


@dataclass(frozen=True)
class Outcome:
    """The message for one exchange and how loud it is."""

    text: str
    level: str  # "info" | "warning" | "error"
    ok: bool
    short: str  # the history column: "200 OK", "timeout", ...


def describe_exchange(exchange, endpoint, day: RemovalDay, signed_in: bool) -> Outcome:
    """Return the status-area message for `exchange`; removals count as of `day`."""
    status = exchange.status
    short = _short(exchange)
    if status == 404 and endpoint is not None:
        removed = _removed_message(endpoint, day)
        if removed:
            return Outcome(removed, "error", False, short)
    if status == 401:
        return Outcome(
            _unauthorized_message(exchange, signed_in), "error", False, short
        )
    if exchange.error is not None:
        return Outcome(str(exchange.error.message), "error", False, short)
    return _success(exchange, short)


def _short(exchange) -> str:
    """Return the history column text: the status, or what failed instead."""
    error = exchange.error
    if exchange.status and (error is None or error.kind == "http_error"):
        return f"{exchange.status} {exchange.reason}".strip()
    return error.kind.replace("_", " ") if error is not None else "no answer"


def body_kind_notice(exchange) -> str:
    """Return why the JSON tab has no tree for this body, or "" when it has one."""
    document = exchange.document
    if document is not None:
        return NULL_BODY if document.root.kind == "null" else ""
    if not exchange.status:
        return "No response arrived; the message above says why."
    if not exchange.body:
        return "The response has no body."
    content_type = _header(exchange, "content-type") or "no Content-Type"
    problem = getattr(exchange, "parse_error", None)
    reason = f" ({problem})" if problem else ""
    return (
        f"The body is not JSON ({content_type}){reason}; "
        "the Raw tab shows it as received."
    )


def _success(exchange, short: str) -> Outcome:
    document = exchange.document
    size = format_size(exchange.size)
    if document is None and exchange.body:
        content_type = _header(exchange, "content-type") or "no Content-Type"
        text = (
            f"{short}, but the body is not JSON ({content_type}, {size}). "
            "The server may be a web page rather than the API: check the base URL."
        )
        return Outcome(text, "warning", True, short)
    if document is not None and document.root.kind == "null":
        return Outcome(f"{short}. {NULL_BODY}", "warning", True, short)
    return Outcome(f"{short}: {size} of {_shape(document)}.", "info", True, short)


def _shape(document) -> str:
    if document is None:
        return "empty body"
    root = document.root
    if root.kind == "array":
        return f"JSON, {root.child_count} items"
    if root.kind == "object":
        return f"JSON, {root.child_count} keys"
    return f"JSON {root.kind}"


def _removed_message(endpoint, day: RemovalDay) -> str:
    status = endpoint.removal_status(day.day)
    if not status.removed or status.date is None:
        return ""
    removed_on = status.date.isoformat()
    what = f"{endpoint.http_method} {endpoint.url}"
    if day.from_replica:
        return (
            f"404 Not Found: the replica's date is {day.day.isoformat()} (--as-of), "
            f"and Khan Academy removed {what} on {removed_on}. Start KA Explorer "
            f"with an --as-of date before {removed_on} to use it."
        )
    return (
        f"404 Not Found: Khan Academy removed {what} on {removed_on}. Use the "
        "local replica profile, which serves it unless its --as-of date is later."
    )


def _unauthorized_message(exchange, signed_in: bool) -> str:
    text = exchange.error.message if exchange.error is not None else "401 Unauthorized"
    if signed_in:
        return (
            f"{text} The stored access token was rejected (revoked or expired?); "
            "choose Request > Sign in to get a new one."
        )
    return f"{text} This endpoint needs sign-in: choose Request > Sign in."


def _header(exchange, name: str) -> str:
    return exchange.header(name) or ""
