"""The status-area message and the status chip for a finished exchange.

One function per question, each returning plain text, so the wording can be
checked without a window. Exceptions raised before a request goes out are
turned into text by `messages.describe_error`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ka_explorer.http.errors import host_port
from ka_explorer.http.outcome import server_text_summary
from ka_explorer.oauth1 import diagnose_401, expected_base_string
from ka_explorer.ui.raw_render import format_size
from ka_explorer.ui.removal_day import RemovalDay

NULL_BODY = (
    "The API returned null: no access or not found. Khan Academy answered null "
    "both for ids that do not exist and for users this token may not see."
)
TOO_DEEP = (
    "nests arrays and objects deeper than the JSON tree can show (about 1000 "
    "levels, the parser's limit), so it has no tree; the Raw tab shows it"
)
TIMEOUT_SETTING = "the Timeout box at the top right"
# Names of the status chip's colours in colors.COLORS.
GREEN, AMBER, RED = "chip_green", "chip_amber", "chip_red"
# Chip text after the status, by error kind, when the response arrived but failed.
CHIP_LABELS = {
    "timeout": "timed out",
    "incomplete": "incomplete",
    "corrupt_body": "corrupt body",
    "invalid_response": "invalid response",
    "cancelled": "cancelled",
    "too_large": "too large",
    "not_json": "not JSON",
    "invalid_json": "invalid JSON",
}


# Prefixes of two notes of `ProfileSession.unsigned_note`: a request sent
# unsigned for lack of a consumer key, and an endpoint the live site removed.
UNSIGNED_NOTE_START = "Sent unsigned:"
REMOVAL_NOTE_START = "Note: Khan Academy removed"


@dataclass(frozen=True)
class RequestContext:
    """The window's knowledge of a sent request, for the message afterwards.

    `signed` is True when the profile's keys signed the request.
    `unsigned_note` is the reason they did not, or "", with any other note
    for the status area. `not_signed_reason` is that reason alone, for the
    Request tab.
    """

    endpoint: object | None = None
    signed: bool = False
    unsigned_note: str = ""
    timeout: float = 30.0
    not_signed_reason: str = ""


@dataclass(frozen=True)
class Outcome:
    """The message for one exchange, how loud it is, and details for a tooltip."""

    text: str
    level: str  # "info" | "warning" | "error"
    ok: bool
    short: str  # the history column: "200 OK", "timeout", ...
    details: str = ""


def describe_exchange(exchange, context: RequestContext, day: RemovalDay) -> Outcome:
    """Return the status-area message for `exchange`; removals count as of `day`."""
    outcome = _describe(exchange, context, day)
    note = context.unsigned_note
    if outcome.text.startswith("404 Not Found: Khan Academy removed"):
        # The message already gives the date that the session's note repeats.
        note = note.partition(REMOVAL_NOTE_START)[0].strip()
    if not note or exchange.status == 401:
        return outcome
    text = f"{outcome.text} {note}"
    return Outcome(text, outcome.level, outcome.ok, outcome.short, outcome.details)


def _describe(exchange, context: RequestContext, day: RemovalDay) -> Outcome:
    status = exchange.status
    short = _short(exchange)
    if status == 404 and context.endpoint is not None:
        removed = _removed_message(context.endpoint, day)
        if removed:
            return Outcome(removed, "error", False, short)
    if status == 401:
        text, details = _unauthorized_message(exchange, context)
        return Outcome(text, "error", False, short, details)
    if _too_deep(exchange):
        text = f"{_short_status(exchange)}, but the body {TOO_DEEP} as received."
        return Outcome(text, "warning", True, "nested too deeply")
    if exchange.error is not None:
        if 300 <= status < 400 and exchange.error.kind == "http_error":
            # Redirects are not followed, so the message names the Location.
            return Outcome(_error_text(exchange, context), "warning", True, short)
        return Outcome(_error_text(exchange, context), "error", False, short)
    return _success(exchange, short)


def _too_deep(exchange) -> bool:
    problem = exchange.parse_error
    return problem is not None and problem.kind == "too_deep"


def status_chip(exchange) -> tuple[str, str]:
    """Return the chip's text (the status, and what failed after it) and the
    name of its colour in colors.COLORS."""
    error = exchange.error
    if not exchange.status:
        kind = error.kind if error is not None else "no answer"
        return kind.replace("_", " "), RED
    head = f"{exchange.status} {exchange.reason}".strip()
    if error is None or error.kind == "http_error":
        return head, _status_color(exchange.status)
    color = AMBER if error.kind in ("not_json", "invalid_json") else RED
    return f"{head} · {_chip_label(exchange)}", color


def _status_color(status: int) -> str:
    if status < 300:
        return GREEN
    return AMBER if status < 400 else RED


def _chip_label(exchange) -> str:
    kind = exchange.error.kind
    if kind == "invalid_json" and _too_deep(exchange):
        return "nested too deeply"
    return CHIP_LABELS.get(kind, kind.replace("_", " "))


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
    problem = getattr(exchange, "parse_error", None)
    if problem is not None and problem.kind == "too_deep":
        return f"The body {TOO_DEEP} as received."
    if problem is not None and problem.kind == "incomplete":
        return f"{problem} The Raw tab shows the bytes received."
    content_type = _header(exchange, "content-type") or "no Content-Type"
    reason = f" ({problem})" if problem else ""
    return (
        f"The body is not JSON ({content_type}){reason}; "
        "the Raw tab shows it as received."
    )


def _error_text(exchange, context: RequestContext) -> str:
    error = exchange.error
    if error.kind == "timeout":
        return timeout_text(error.message, context.timeout)
    return str(error.message)


def timeout_text(message: str, timeout: float) -> str:
    """Return a timeout message that names the window's timeout setting."""
    setting = f"raise the timeout in {TIMEOUT_SETTING} (now {timeout:g} s)."
    if message.endswith("raise the timeout."):
        return message.removesuffix("raise the timeout.") + setting
    return f"{message} To wait longer, {setting}"


def replica_stopped_text(exchange, exit_code: int) -> str:
    """Return the message for a request to the local replica after it ended."""
    where = host_port(exchange.spec.url)
    return (
        f"The local replica has stopped (exit code {exit_code}), so nothing "
        f"answers on {where}. Choose Request > Restart local replica, or start "
        "KA Explorer again."
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
    if document is None:
        return Outcome(f"{short}: empty body.", "info", True, short)
    return Outcome(f"{short}: {size} of {_shape(document)}.", "info", True, short)


def _shape(document) -> str:
    root = document.root
    if root.kind == "array":
        return f"JSON, {_count(root.child_count, 'item')}"
    if root.kind == "object":
        return f"JSON, {_count(root.child_count, 'key')}"
    return f"JSON {root.kind}"


def _count(count: int, noun: str) -> str:
    """Return "1 key" or "3 keys": `count` with `noun` in the singular for 1."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


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


def _unauthorized_message(exchange, context: RequestContext) -> tuple[str, str]:
    """Return the 401 message and the signature debugger's full comparison."""
    head = _server_said(exchange)
    if not context.signed:
        return f"{head} {_unsigned_hint(context)}", ""
    if exchange.signature is None:
        return head, ""
    diagnosis = diagnose_401(exchange.signature, exchange.body_text())
    text = f"{head} Likely cause: {diagnosis.likely_cause}"
    if _needs_sign_in(context.endpoint) and not _token_sent(exchange):
        text += " This endpoint needs sign-in: choose Request > Sign in."
    return text, diagnosis.format()


def _unsigned_hint(context: RequestContext) -> str:
    if context.unsigned_note.startswith(UNSIGNED_NOTE_START):
        return context.unsigned_note  # the note already advises setting the keys
    if context.unsigned_note:
        return (
            f"{context.unsigned_note} To sign requests to that server, add a "
            "profile with its base URL (Request > Profiles and keys)."
        )
    return (
        "The request was not signed, because the profile has no consumer key; "
        "add one under Keys…."
    )


def _server_said(exchange) -> str:
    text = f"{_short_status(exchange)} from {host_port(exchange.spec.url)}"
    server_text = server_text_summary(exchange)
    expected = expected_base_string(server_text)
    if expected:
        # Hundreds of characters without a space; the tooltip compares it.
        server_text = server_text.replace(expected, "(shown on hover)")
    if server_text:
        text += f": {server_text}"
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _short_status(exchange) -> str:
    return f"{exchange.status} {exchange.reason}".strip()


def _needs_sign_in(endpoint) -> bool:
    return bool(getattr(endpoint, "login_required", False))


def _token_sent(exchange) -> bool:
    debug = exchange.signature
    return debug is not None and any(
        parameter.name == "oauth_token" for parameter in debug.parameters
    )


def _header(exchange, name: str) -> str:
    return exchange.header(name) or ""
