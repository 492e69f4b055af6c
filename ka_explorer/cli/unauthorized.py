"""The advice that `ka-explorer get` prints for a 401 response.

It suggests signing in only where a sign-in can help: when the endpoint
is not open access and no access token was sent, or when the server
rejected the token that was sent.
"""

from __future__ import annotations

from ka_explorer.catalog import Endpoint
from ka_explorer.http import Exchange
from ka_explorer.http.errors import host_port
from ka_explorer.http.outcome import server_text_summary
from ka_explorer.oauth1 import SignatureDebug, diagnose_401

SIGN_IN = (
    "No access token was sent: run `ka-explorer login` first, or pass "
    "--token and --token-secret."
)
SIGN_IN_AGAIN = (
    "The server rejected the access token: run `ka-explorer login` to sign in "
    "again, or pass another --token and --token-secret."
)
UNSIGNED = (
    "The request was not signed, because the profile has no consumer key: pass "
    "--consumer-key and --consumer-secret, or choose a profile with --profile."
)
UNKNOWN_CONSUMER = (
    "The server does not know the consumer key: check --consumer-key or the "
    "profile's consumer key."
)
_EXPLAIN = "run with --explain to see what was signed"
_DIAGNOSED = ("signature_method", "plaintext_encoding", "timestamp", "nonce")


def unauthorized_line(exchange: Exchange, endpoint: Endpoint | None) -> str:
    """Return "401 <reason> from <host>: <server text>. <advice>"."""
    head = f"{exchange.status} {exchange.reason}".strip()
    line = f"{head} from {host_port(exchange.spec.url)}"
    server_text = server_text_summary(exchange)
    if server_text:
        line += f": {server_text}"
    if not line.endswith((".", "!", "?", "…")):
        line += "."
    return f"{line} {unauthorized_advice(exchange, endpoint)}"


def unauthorized_advice(exchange: Exchange, endpoint: Endpoint | None) -> str:
    """Return the next step for a 401, from the signature and the server's text."""
    debug = exchange.signature
    if debug is None:
        return UNSIGNED
    diagnosis = diagnose_401(debug, exchange.body_text())
    kind = diagnosis.cause.kind
    if kind in _DIAGNOSED:
        return diagnosis.likely_cause
    if kind in ("base_string", "signing_key"):
        return f"Signature check: {diagnosis.likely_cause}"
    if kind == "consumer":
        return UNKNOWN_CONSUMER
    signature_named = "signature" in exchange.body_text().lower()
    return _token_advice(debug, endpoint, kind == "token", signature_named)


def _token_advice(
    debug: SignatureDebug,
    endpoint: Endpoint | None,
    token_named: bool,
    signature_named: bool,
) -> str:
    token_sent = any(p.name == "oauth_token" for p in debug.parameters)
    if token_sent and token_named:
        return SIGN_IN_AGAIN
    if endpoint is not None and not endpoint.login_required:
        return (
            f"{endpoint.http_method} {endpoint.url} is open access, so no sign-in "
            "is needed, and the server rejected the signature: check the consumer "
            f"key and secret, and {_EXPLAIN}."
        )
    if not token_sent and (endpoint is not None or not signature_named):
        return SIGN_IN
    if signature_named:
        return (
            "The server rejected the signature: check the consumer key and "
            f"secret, and {_EXPLAIN}."
        )
    return (
        "The server did not say what it rejected: check the consumer key and "
        f"secret and the access token, and {_EXPLAIN}."
    )
