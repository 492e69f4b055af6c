"""Mask OAuth secrets in URLs, headers and form bodies before they are shown.

The consumer key and the protocol parameters that are not secret stay
visible, so a masked request still shows how it was signed. Token values,
signatures (which are the secrets themselves with PLAINTEXT), verifiers and
cookie values are replaced by `MASK`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MASK = "****"
SECRET_PARAMETERS = frozenset({
    "oauth_token", "oauth_token_secret", "oauth_signature", "oauth_verifier",
    "oauth_consumer_secret", "x_auth_password",
})
_FORM_PARAMETER = re.compile(
    r"((?:^|(?<=[&;]))(?:" + "|".join(sorted(SECRET_PARAMETERS)) + r")=)[^&;]*"
)
_HEADER_PARAMETER = re.compile(r'(\b[a-z_]+)="([^"]*)"')
_COOKIE_VALUE = re.compile(r"(=)[^;,]*")
_SECRET_HEADERS = frozenset({"cookie", "set-cookie", "proxy-authorization"})


def mask_url(url: str) -> str:
    """Return `url` with secret query parameters masked."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    return urlunsplit(parts._replace(query=mask_form(parts.query)))


def mask_form(text: str) -> str:
    """Return an urlencoded string with the values of secret parameters masked.

    Everything else keeps its original encoding.
    """
    return _FORM_PARAMETER.sub(rf"\g<1>{MASK}", text)


def mask_body(body: bytes) -> bytes:
    """Return a form body with secret parameters masked; other bodies unchanged."""
    if b"oauth_" not in body and b"x_auth_password" not in body:
        return body
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError:
        return body
    return mask_form(text).encode("ascii")


def mask_header(name: str, value: str) -> str:
    """Return a header value with OAuth secrets or cookie values masked."""
    lowered = name.lower()
    if lowered == "authorization":
        return mask_authorization(value)
    if lowered in _SECRET_HEADERS:
        return _COOKIE_VALUE.sub(rf"\g<1>{MASK}", value)
    return value


def mask_authorization(value: str) -> str:
    """Mask secret parameters of an `OAuth ...` header, or a whole other scheme."""
    scheme, _, rest = value.partition(" ")
    if scheme.lower() != "oauth":
        return f"{scheme} {MASK}" if rest else MASK
    return _HEADER_PARAMETER.sub(_mask_header_parameter, value)


def _mask_header_parameter(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in SECRET_PARAMETERS:
        return f'{name}="{MASK}"'
    return match.group(0)


_TEXT_PARAMETER = re.compile(
    r"(oauth_(?:token_secret|token|signature|verifier)(?:=\"|=|%3D|%253D))"
    r"(.*?)(?=&|%26|%2526|\"|,|\s|$)"
)


def mask_text(text: str) -> str:
    """Mask OAuth secrets in free text, such as a server's expected base string.

    The values end at `&`, its percent-encoded forms, a quote, a comma or
    white space.
    """
    return _TEXT_PARAMETER.sub(rf"\g<1>{MASK}", text)
