"""Origins (scheme, host, port) of URLs, for deciding which requests to sign.

No Qt here. Every function accepts any text the user typed: urlsplit's
ValueError (an invalid port or IPv6 address) becomes "no origin".
"""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_key(url: str) -> tuple[str, str, int] | None:
    """Return (scheme, host, port) of an absolute http(s) URL, or None.

    The host is lowercased and a missing port becomes the scheme's default,
    so `http://Example.org/` and `http://example.org:80/x` compare equal.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # an invalid port or IPv6 address
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname, port or DEFAULT_PORTS[scheme]


def origin_text(url: str) -> str:
    """Return "scheme://host[:port]" of `url` as typed, or "" when it has none."""
    key = origin_key(url)
    if key is None:
        return ""
    scheme, host, port = key
    shown_host = f"[{host}]" if ":" in host else host
    if port == DEFAULT_PORTS[scheme]:
        return f"{scheme}://{shown_host}"
    return f"{scheme}://{shown_host}:{port}"


def same_origin(url: str, other: str) -> bool:
    """True when both URLs are absolute and share scheme, host and port."""
    key = origin_key(url)
    return key is not None and key == origin_key(other)
