"""Signing one HTTP request with OAuth 1.0a (RFC 5849 section 3).

oauthlib computes the base string and the HMAC, RSA and PLAINTEXT
signatures. This module collects and normalizes the parameters and places
them itself, because oauthlib 4.0.1 differs from RFC 5849 there: it always
adds `oauth_version`, drops an empty `oauth_token`, rejects query strings
with characters such as `[` or non-ASCII, decodes `oauth_*` values in the
query and body twice, and hashes only text bodies with SHA-1.
tests/unit/oauth1/test_library_deviations.py shows each case.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import urllib.parse
from collections.abc import Mapping, Sequence

import requests
from oauthlib.common import generate_nonce, generate_timestamp
from oauthlib.oauth1 import Client
from oauthlib.oauth1.rfc5849 import signature as oauthlib_signature

from ka_explorer.oauth1.credentials import (
    Credentials,
    Placement,
    SignatureMethod,
    mask_secret,
)
from ka_explorer.oauth1.debug import SignatureDebug, SignedParameter
from ka_explorer.oauth1.encoding import (
    FORM_CONTENT_TYPE,
    base_string_uri,
    decode_form,
    encode_pairs,
    percent_encode,
)
from ka_explorer.oauth1.errors import SigningError
from ka_explorer.oauth1.rsa_keys import load_rsa_private_key

Body = str | bytes | Mapping[str, str] | Sequence[tuple[str, str]] | None
Pairs = list[tuple[str, str]]


@dataclasses.dataclass(frozen=True)
class SignedRequest:
    """The request as it must be sent: URL, headers and body after signing."""

    method: str
    url: str
    headers: dict[str, str]
    body: str | bytes | None
    debug: SignatureDebug


@dataclasses.dataclass(frozen=True)
class _Request:
    method: str
    url: str
    headers: dict[str, str]
    body: str | bytes | None
    is_form: bool


def sign_request(
    method: str,
    url: str,
    headers: Mapping[str, str] | None,
    body: Body,
    creds: Credentials,
    nonce: str | None = None,
    timestamp: str | int | None = None,
    *,
    callback: str | None = None,
    verifier: str | None = None,
) -> SignedRequest:
    """Sign a request and return it with the OAuth parameters in place.

    `body` may be text, bytes, or form fields as a mapping or pairs (sent
    form-encoded). A form body (Content-Type application/x-www-form-urlencoded)
    is signed parameter by parameter; any other non-empty body is covered by
    `oauth_body_hash` instead. `callback` and `verifier` add `oauth_callback`
    and `oauth_verifier` for the token steps. `nonce` and `timestamp` fix
    those values for reproducible signatures. Raises SigningError (or
    RsaKeyError) with a message naming the problem.
    """
    request = _prepare(method, url, headers, body, creds.placement)
    oauth = _protocol_params(request, creds, nonce, timestamp, callback, verifier)
    parameters = _collect(request, oauth)
    normalized = normalize_parameters([(p.name, p.value) for p in parameters])
    uri = base_string_uri(request.url, _header(request.headers, "Host"))
    base_string = oauthlib_signature.signature_base_string(
        request.method, uri, normalized
    )
    signature = _compute_signature(base_string, creds)
    debug = SignatureDebug(
        http_method=request.method,
        base_string_uri=uri,
        parameters=tuple(parameters),
        normalized_parameters=normalized,
        base_string=base_string,
        signing_key=_masked_signing_key(creds),
        signature_method=creds.signature_method.value,
        signature=_shown_signature(signature, creds),
        placement=creds.placement.value,
        notes=_notes(request, creds),
        secrets_need_encoding=_secrets_need_encoding(creds),
    )
    return _render(request, oauth + [("oauth_signature", signature)], creds, debug)


def explain_signature(
    method: str,
    url: str,
    headers: Mapping[str, str] | None,
    body: Body,
    creds: Credentials,
    nonce: str | None = None,
    timestamp: str | int | None = None,
    *,
    callback: str | None = None,
    verifier: str | None = None,
) -> SignatureDebug:
    """Return the debug data of signing this request (see `sign_request`)."""
    signed = sign_request(
        method, url, headers, body, creds, nonce, timestamp,
        callback=callback, verifier=verifier,
    )
    return signed.debug


def normalize_parameters(pairs: Pairs) -> str:
    """Return the normalized parameter string of RFC 5849 section 3.4.1.3.2.

    Names and values are percent-encoded, then sorted by name and, for equal
    names, by value, in byte order; every pair keeps its `=` even when the
    value is empty.
    """
    encoded = sorted((percent_encode(n), percent_encode(v)) for n, v in pairs)
    return "&".join(f"{name}={value}" for name, value in encoded)


def body_hash(body: str | bytes, signature_method: SignatureMethod) -> str:
    """Return `oauth_body_hash`: base64 of the body's digest (body hash draft 00).

    The digest follows the signature method (SHA-1, SHA-256 or SHA-512).
    """
    raw = body.encode("utf-8") if isinstance(body, str) else body
    digest = hashlib.new(signature_method.hash_name, raw).digest()
    return base64.b64encode(digest).decode("ascii")


def wire_url(url: str) -> str:
    """Return `url` as requests sends it: IDNA host, percent-encoded, no fragment.

    Signing this form makes the signature match the bytes on the wire even
    when the caller typed spaces, non-ASCII text or `%7E` in the URL.
    """
    prepared = requests.PreparedRequest()
    try:
        prepared.prepare_url(url, None)
    except requests.exceptions.RequestException as error:
        raise SigningError(f"Cannot sign {url!r}: {error}") from None
    assert prepared.url is not None
    return urllib.parse.urldefrag(prepared.url).url


def _prepare(
    method: str,
    url: str,
    headers: Mapping[str, str] | None,
    body: Body,
    placement: Placement,
) -> _Request:
    all_headers = dict(headers or {})
    text_body = _body_text(body, all_headers)
    if placement is Placement.BODY:
        text_body = _form_body_for_placement(text_body, all_headers)
    is_form = _media_type(_header(all_headers, "Content-Type")) == FORM_CONTENT_TYPE
    return _Request(method.upper(), wire_url(url), all_headers, text_body, is_form)


def _body_text(body: Body, headers: dict[str, str]) -> str | bytes | None:
    if body is None or isinstance(body, str | bytes):
        return body
    if isinstance(body, Mapping):
        body = list(body.items())
    if not all(isinstance(pair, tuple) and len(pair) == 2 for pair in body):
        raise SigningError(
            f"Cannot sign a body of type {type(body).__name__}; pass text, bytes "
            "or form fields as (name, value) pairs."
        )
    if _header(headers, "Content-Type") is None:
        headers["Content-Type"] = FORM_CONTENT_TYPE
    return encode_pairs([(str(n), str(v)) for n, v in body])


def _form_body_for_placement(
    body: str | bytes | None, headers: dict[str, str]
) -> str | bytes:
    content_type = _header(headers, "Content-Type")
    if not body and content_type is None:
        headers["Content-Type"] = FORM_CONTENT_TYPE
        return body or ""
    if _media_type(content_type) != FORM_CONTENT_TYPE:
        raise SigningError(
            "The OAuth parameters can go in the body only when the body is a form "
            f"(Content-Type {FORM_CONTENT_TYPE}), not {content_type or 'unset'}; "
            "choose header or query placement."
        )
    return body or ""


def _protocol_params(
    request: _Request,
    creds: Credentials,
    nonce: str | None,
    timestamp: str | int | None,
    callback: str | None,
    verifier: str | None,
) -> Pairs:
    params = [("oauth_consumer_key", creds.consumer_key)]
    if creds.token or creds.sign_empty_token:
        params.append(("oauth_token", creds.token or ""))
    params += [
        ("oauth_signature_method", creds.signature_method.value),
        ("oauth_timestamp", _timestamp_text(timestamp)),
        ("oauth_nonce", generate_nonce() if nonce is None else nonce),
    ]
    if creds.include_version:
        params.append(("oauth_version", "1.0"))
    if callback is not None:
        params.append(("oauth_callback", callback))
    if verifier is not None:
        params.append(("oauth_verifier", verifier))
    if creds.body_hash and request.body and not request.is_form:
        params.append(
            ("oauth_body_hash", body_hash(request.body, creds.signature_method))
        )
    return params


def _timestamp_text(timestamp: str | int | None) -> str:
    return generate_timestamp() if timestamp is None else str(timestamp)


def _collect(request: _Request, oauth: Pairs) -> list[SignedParameter]:
    query = urllib.parse.urlsplit(request.url).query
    collected = [SignedParameter(n, v, "query") for n, v in decode_form(query)]
    if request.is_form and request.body:
        body = decode_form(request.body)
        collected += [SignedParameter(n, v, "body") for n, v in body]
    collected += [SignedParameter(n, v, "oauth") for n, v in oauth]
    return collected


def _compute_signature(base_string: str, creds: Credentials) -> str:
    rsa_key = None
    if creds.signature_method.is_rsa:
        rsa_key = load_rsa_private_key(creds.rsa_key_pem, creds.rsa_key_passphrase)
    client = Client(
        creds.consumer_key,
        client_secret=creds.consumer_secret or "",
        resource_owner_secret=creds.token_secret or "",
        signature_method=creds.signature_method.value,
        rsa_key=rsa_key,
    )
    sign = Client.SIGNATURE_METHODS[creds.signature_method.value]
    return str(sign(base_string, client))


def _render(
    request: _Request, oauth: Pairs, creds: Credentials, debug: SignatureDebug
) -> SignedRequest:
    headers = dict(request.headers)
    url, body = request.url, request.body
    if creds.placement is Placement.HEADER:
        _set_header(headers, "Authorization", authorization_header(oauth, creds.realm))
    elif creds.placement is Placement.QUERY:
        url = _append_to_query(url, encode_pairs(oauth))
    else:
        body = _append_to_body(body, encode_pairs(oauth))
    return SignedRequest(request.method, url, headers, body, debug)


def authorization_header(oauth: Pairs, realm: str | None = None) -> str:
    """Return the `Authorization: OAuth ...` value of RFC 5849 section 3.5.1.

    Only `realm` and the protocol parameters go here. Values are
    percent-encoded; the realm is a quoted string (RFC 2617) and is not.
    """
    fields = [f'{percent_encode(n)}="{percent_encode(v)}"' for n, v in oauth]
    if realm:
        escaped = realm.replace("\\", "\\\\").replace('"', '\\"')
        fields.insert(0, f'realm="{escaped}"')
    return "OAuth " + ", ".join(fields)


def _append_to_query(url: str, encoded: str) -> str:
    parts = urllib.parse.urlsplit(url)
    query = f"{parts.query}&{encoded}" if parts.query else encoded
    return urllib.parse.urlunsplit(parts._replace(query=query, fragment=""))


def _append_to_body(body: str | bytes | None, encoded: str) -> str | bytes:
    if isinstance(body, bytes):
        suffix = encoded.encode("ascii")
        return body + b"&" + suffix if body else suffix
    return f"{body}&{encoded}" if body else encoded


def _masked_signing_key(creds: Credentials) -> str:
    if creds.signature_method.is_rsa:
        return "the client's RSA private key (token secret not used)"
    consumer = mask_secret(creds.consumer_secret)
    token = mask_secret(creds.token_secret)
    return f"{consumer}&{token}"


def _shown_signature(signature: str, creds: Credentials) -> str:
    if creds.signature_method is SignatureMethod.PLAINTEXT:
        return f"{_masked_signing_key(creds)} (PLAINTEXT sends the key itself)"
    return signature


def _notes(request: _Request, creds: Credentials) -> tuple[str, ...]:
    notes = []
    if creds.realm and creds.placement is not Placement.HEADER:
        notes.append("realm goes only in the Authorization header, so it is left out")
    if request.body and not request.is_form:
        hashed = "covered by oauth_body_hash" if creds.body_hash else "not signed"
        notes.append(f"the body is not a form, so its parameters are {hashed}")
    if creds.signature_method is SignatureMethod.PLAINTEXT:
        notes.append("PLAINTEXT uses no base string, nonce or timestamp")
        if creds.placement is not Placement.HEADER and _secrets_need_encoding(creds):
            notes.append(
                "the secrets contain characters that percent-encoding changes, and "
                "servers built on oauthlib decode a PLAINTEXT signature in the "
                "query or body twice; the header placement avoids that"
            )
    return tuple(notes)


def _secrets_need_encoding(creds: Credentials) -> bool:
    secrets = (creds.consumer_secret or "", creds.token_secret or "")
    return any(percent_encode(secret) != secret for secret in secrets)


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return None


def _set_header(headers: dict[str, str], name: str, value: str) -> None:
    for key in [k for k in headers if k.lower() == name.lower()]:
        del headers[key]
    headers[name] = value
