"""Read an OAuth server's 401 text for causes that need no base string.

A server that rejects the signature method says so in its own words:
oauthlib "Invalid signature, HMAC-SHA256 not in ('HMAC-SHA1', 'PLAINTEXT')",
python-oauth2 and the PHP reference library OAuth.php "Signature method
'HMAC-SHA256' not supported try one of the following: HMAC-SHA1", the OAuth
Problem Reporting extension
`oauth_problem=signature_method_rejected`, and the replica "Unsupported
signature method HMAC-SHA256; this server accepts HMAC-SHA1 and PLAINTEXT."
"""

from __future__ import annotations

import dataclasses
import re

from ka_explorer.oauth1.credentials import SignatureMethod
from ka_explorer.oauth1.debug import SignatureDebug

_METHOD_NAME = re.compile(
    r"(?<![A-Za-z0-9-])(HMAC-SHA(?:1|224|256|384|512)|RSA-SHA(?:1|256|512)|PLAINTEXT)"
    r"(?![A-Za-z0-9-])",
    re.IGNORECASE,
)
_METHOD_REJECTED = re.compile(
    r"signature_method_rejected"
    r"|(?:unsupported|unknown|invalid|unrecognized)\s+(?:oauth_)?signature[ _]method"
    r"|signature[ _]method\b[^.;\n]*?\b(?:not\s+(?:supported|allowed|accepted)"
    r"|unsupported|is\s+invalid|rejected)",
    re.IGNORECASE,
)
# oauthlib's "X not in ('A', 'B')" counts only where X is the method sent.
_NOT_IN_LIST = re.compile(r"\bnot\s+in\s*[(\[]", re.IGNORECASE)
# The list of oauthlib's text holds exactly the accepted methods.
_NOT_IN_LIST_NAMES = re.compile(r"\bnot\s+in\s*[(\[]([^)\]]*)[)\]]", re.IGNORECASE)
# Methods to suggest, in order: HMAC-SHA1 is the one most providers accept,
# and PLAINTEXT and RSA come last because they need TLS or a key file.
_PREFERRED = (
    "HMAC-SHA1",
    "HMAC-SHA256",
    "HMAC-SHA512",
    "PLAINTEXT",
    "RSA-SHA256",
    "RSA-SHA1",
)
_SUPPORTED = {method.value for method in SignatureMethod}


@dataclasses.dataclass(frozen=True)
class Cause:
    """The likely cause of a 401 as data, and its advice as text.

    `kind` is one of "signature_method", "plaintext_encoding", "timestamp",
    "nonce", "token", "consumer", "base_string", "signing_key", "unknown".
    `accepted_methods` are the methods the server named as accepted;
    `suggested_method` and `suggested_placement` are the settings to try.
    """

    kind: str
    text: str
    accepted_methods: tuple[str, ...] = ()
    suggested_method: str | None = None
    suggested_placement: str | None = None


def rejected_method(debug: SignatureDebug, server_text: str) -> Cause | None:
    """Return the cause when the server rejects the signature method itself."""
    sent = debug.signature_method.upper()
    named = [name.upper() for name in _METHOD_NAME.findall(server_text)]
    if not _METHOD_REJECTED.search(server_text):
        if sent not in named or not _NOT_IN_LIST.search(server_text):
            return None
    listed = _NOT_IN_LIST_NAMES.search(server_text)
    if listed:
        named = [name.upper() for name in _METHOD_NAME.findall(listed.group(1))]
    accepted = tuple(dict.fromkeys(name for name in named if name != sent))
    suggested = _suggested_method(sent, accepted)
    return Cause(
        "signature_method",
        _method_advice(sent, accepted, suggested),
        accepted_methods=accepted,
        suggested_method=suggested,
    )


def _suggested_method(sent: str, accepted: tuple[str, ...]) -> str | None:
    candidates = accepted or ("HMAC-SHA1",)
    for method in _PREFERRED:
        if method in candidates and method != sent and method in _SUPPORTED:
            return method
    return None


def _method_advice(sent: str, accepted: tuple[str, ...], suggested: str | None) -> str:
    if accepted:
        listed = _join(accepted)
        head = f"The server accepts only {listed}, not {sent}"
    else:
        head = f"The server does not accept the signature method {sent}"
    if suggested is None and accepted:
        return f"{head}, and KA Explorer signs with none of those."
    if suggested is None:
        return f"{head}: use the method that the provider documents."
    if accepted:
        return f"{head}: use --signature-method {suggested}."
    return (
        f"{head}: use --signature-method {suggested}, the method most providers "
        "accept, or the one the provider documents."
    )


def plaintext_encoding(debug: SignatureDebug, server_text: str) -> Cause | None:
    """Return the cause for PLAINTEXT in the query or body with secrets to encode.

    oauthlib-based servers decode `oauth_signature` from the query and the
    body twice, so a PLAINTEXT signature whose secrets contain characters
    that percent-encoding changes (`&`, `%`, `+`, spaces, non-ASCII) no
    longer matches. The Authorization header is decoded once.
    """
    if debug.signature_method != SignatureMethod.PLAINTEXT.value:
        return None
    if debug.placement == "header" or not debug.secrets_need_encoding:
        return None
    if not _may_be_signature(server_text):
        return None
    return Cause(
        "plaintext_encoding",
        "The secrets contain characters that percent-encoding changes, and "
        f"servers built on oauthlib decode a PLAINTEXT signature in the "
        f"{debug.placement} twice, so it no longer matches: put the OAuth "
        "parameters in the Authorization header (--placement header).",
        suggested_placement="header",
    )


def _may_be_signature(server_text: str) -> bool:
    """Return False when the text names another cause and not the signature."""
    text = server_text.lower()
    if "signature" in text:
        return True
    return not any(word in text for word in ("timestamp", "nonce", "token", "consumer"))


def cause_from_keywords(server_text: str) -> Cause:
    """Return the cause that the words of a server's text name."""
    text = server_text.lower()
    if "timestamp" in text:
        return Cause("timestamp", (
            "The server rejected the timestamp; set the computer's clock "
            "(OAuth servers allow a few minutes of difference)."))
    if "nonce" in text:
        return Cause(
            "nonce", "The server saw this nonce before; send the request again."
        )
    if "token" in text:
        return Cause("token", "The server rejected the token; sign in again.")
    if "consumer" in text:
        return Cause(
            "consumer", "The server does not know the consumer key; check the profile."
        )
    return Cause("unknown", (
        "The server did not say which base string it expected; compare the "
        "signature details with the provider's documentation."))


def _join(names: tuple[str, ...]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]
