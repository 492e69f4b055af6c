"""RFC 5849 text rules: percent-encoding, form decoding and the base string URI.

Decoded values are `str` whose undecodable bytes are kept as surrogates
(`surrogateescape`), so a value that is not UTF-8 is re-encoded to the same
bytes it arrived as.
"""

from __future__ import annotations

import urllib.parse

from oauthlib.oauth1.rfc5849 import signature as oauthlib_signature

from ka_explorer.oauth1.errors import SigningError

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
_UNRESERVED = "-._~"


def percent_encode(text: str) -> str:
    """Encode `text` per RFC 5849 section 3.6.

    UTF-8 first, then every byte except ALPHA, DIGIT and `- . _ ~` becomes
    `%XX` with uppercase hex. oauthlib's `utils.escape` does the same for
    valid text but raises on the surrogates that keep non-UTF-8 bytes.
    """
    raw = text.encode("utf-8", "surrogateescape")
    return urllib.parse.quote_from_bytes(raw, safe=_UNRESERVED)


def percent_decode(text: str) -> str:
    """Decode `%XX` escapes (not `+`), keeping bytes that are not UTF-8."""
    raw = urllib.parse.unquote_to_bytes(text)
    return raw.decode("utf-8", "surrogateescape")


def decode_form(data: str | bytes) -> list[tuple[str, str]]:
    """Split application/x-www-form-urlencoded data into (name, value) pairs.

    Follows HTML 4.01 section 17.13.4 as RFC 5849 section 3.4.1.3.1 asks:
    `+` is a space, `%XX` escapes are decoded, a name without `=` has an
    empty value, repeated names are all kept in order. Unlike oauthlib's
    `urldecode`, characters that browsers and requests leave raw (`[ ] |`,
    non-ASCII) are accepted and kept as they are.
    """
    text = data.decode("utf-8", "surrogateescape") if isinstance(data, bytes) else data
    pairs = []
    for field in text.split("&"):
        if not field:
            continue
        name, _, value = field.partition("=")
        pairs.append((form_unquote(name), form_unquote(value)))
    return pairs


def form_unquote(text: str) -> str:
    """Decode one name or value of form data: `+` is a space, then `%XX`."""
    return percent_decode(text.replace("+", " "))


def encode_pairs(pairs: list[tuple[str, str]]) -> str:
    """Join pairs as `name=value&...`, each side percent-encoded per section 3.6."""
    return "&".join(f"{percent_encode(n)}={percent_encode(v)}" for n, v in pairs)


def base_string_uri(url: str, host_header: str | None = None) -> str:
    """Return the base string URI of RFC 5849 section 3.4.1.2.

    Scheme and host are lowercased, the default port (80 for http, 443 for
    https) is dropped and any other port kept, the path keeps its case and
    an empty path becomes `/`; query and fragment are left out. A `Host`
    header, when given, replaces the URL's host and port. The URL is expected
    as it goes on the wire (see `signing.wire_url`), so the path is already
    percent-encoded; a remaining space becomes `%20`.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise SigningError(
            f"Cannot sign {url!r}: the URL must start with http:// or https://."
        )
    if not parts.hostname:
        raise SigningError(f"Cannot sign {url!r}: the URL has no host name.")
    try:
        return oauthlib_signature.base_string_uri(_without_query(parts), host_header)
    except ValueError as error:
        raise SigningError(f"Cannot sign {url!r}: {error}.") from error


def _without_query(parts: urllib.parse.SplitResult) -> str:
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
