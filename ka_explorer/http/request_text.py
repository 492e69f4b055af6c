"""Check the query and form text of a request before it is signed and sent.

RFC 5849 section 3.6 signs text as UTF-8 octets, so a value whose bytes are
not UTF-8 (a raw `%FF` in the URL, or a surrogate that `surrogateescape`
made of such a byte) has no agreed signature. oauthlib 4.0 servers decode
such bytes to U+FFFD before they check the signature, and they reject a `%`
that is not followed by two hex digits. A signed request with either is
rejected here with a message that names the value. An unsigned request is
sent with the bytes as given.
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import quote_from_bytes, unquote_to_bytes, urlencode, urlsplit

from ka_explorer.http.errors import ExchangeError
from ka_explorer.http.spec import RequestSpec
from ka_explorer.oauth1.encoding import FORM_CONTENT_TYPE

_BAD_ESCAPE = re.compile(rb"%(?![0-9A-Fa-f]{2})")
_FIX = (
    "Encode the character as UTF-8 (ÿ is %C3%BF), or write a literal percent "
    "sign as %25."
)


def with_raw_bytes(spec: RequestSpec) -> RequestSpec:
    """Return `spec` for sending unsigned, its undecodable bytes as given.

    Query and form pairs that hold surrogates (bytes that are not UTF-8,
    decoded with `surrogateescape`) are encoded into the URL and the body,
    because `urlencode` rejects surrogates.
    """
    if not _has_surrogates(spec.query + spec.form) or spec.body is not None:
        return spec
    url = spec.url
    if spec.query:
        separator = "&" if urlsplit(url).query else "?"
        url = f"{url}{separator}{_encode(spec.query)}"
    if not spec.form:
        return dataclasses.replace(spec, url=url, query=())
    headers = spec.headers
    if not _is_form(spec):
        headers = (*headers, ("Content-Type", FORM_CONTENT_TYPE))
    body = _encode(spec.form).encode("ascii")
    return dataclasses.replace(
        spec, url=url, query=(), form=(), headers=headers, body=body
    )


def check_signable(spec: RequestSpec) -> None:
    """Raise ExchangeError("invalid_request") for text that cannot be signed."""
    for where, name, value in _decoded_fields(spec):
        problem = _text_problem(name) or _text_problem(value)
        if problem:
            name_shown = quote_from_bytes(name.encode("utf-8", "surrogateescape"))
            raise ExchangeError("invalid_request", (
                f"The {where} field {name_shown!r} {problem}, so the request cannot "
                "be signed: RFC 5849 signs text as UTF-8, and servers built on "
                f"oauthlib read other bytes as U+FFFD. {_FIX}"))
    for where, text in _encoded_texts(spec):
        match = _BAD_ESCAPE.search(text)
        if match:
            excerpt = text[match.start():match.start() + 3].decode("latin-1")
            raise ExchangeError("invalid_request", (
                f"The {where} contains {excerpt!r}, a % not followed by two hex "
                "digits, so the request cannot be signed: servers built on "
                f"oauthlib reject it. {_FIX}"))


def _decoded_fields(spec: RequestSpec):
    """Yield (where, name, value) of every query and form field, decoded."""
    for name, value in spec.query:
        yield "query", name, value
    for name, value in spec.form:
        yield "form", name, value
    for where, text in _encoded_texts(spec):
        for field in text.split(b"&"):
            name, _, value = field.partition(b"=")
            yield where, _decode(name), _decode(value)


def _encoded_texts(spec: RequestSpec):
    """Yield the URL's query and a form body as the percent-encoded bytes sent."""
    try:
        query = urlsplit(spec.url).query
    except ValueError:
        query = ""  # send() reports the invalid URL itself
    if query:
        yield "URL query", query.encode("utf-8", "surrogateescape")
    if spec.body and _is_form(spec):
        yield "form body", spec.body


def _is_form(spec: RequestSpec) -> bool:
    return any(
        name.lower() == "content-type" and value.startswith(FORM_CONTENT_TYPE)
        for name, value in spec.headers
    )


def _decode(text: bytes) -> str:
    raw = unquote_to_bytes(text.replace(b"+", b" "))
    return raw.decode("utf-8", "surrogateescape")


def _text_problem(text: str) -> str:
    """Return what makes `text` other than UTF-8 text, or ""."""
    raw = text.encode("utf-8", "surrogateescape")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = quote_from_bytes(raw[error.start:error.end])
        return f"holds bytes that are not UTF-8 text ({bad})"
    return ""


def _has_surrogates(pairs: tuple[tuple[str, str], ...]) -> bool:
    try:
        for name, value in pairs:
            name.encode("utf-8")
            value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _encode(pairs: tuple[tuple[str, str], ...]) -> str:
    raw = [
        (name.encode("utf-8", "surrogateescape"),
         value.encode("utf-8", "surrogateescape"))
        for name, value in pairs
    ]
    return urlencode(raw)
