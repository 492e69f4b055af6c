"""The `callback` setting of a profile: the URL the provider redirects to.

- "loopback" (the default): the client picks its own URL on 127.0.0.1, such
  as the login command's one-shot listener or the window's browser.
- "oob": the provider shows a PIN (the verifier) that the user types in.
- A URL, for providers that accept only the callback registered with the
  consumer key. The provider redirects the browser there with
  `oauth_token` and `oauth_verifier` in the query.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import urllib.parse

from ka_explorer.oauth1.errors import ProfileError

LOOPBACK = "loopback"
OOB = "oob"
_LOOPBACK_NAMES = ("localhost",)


@dataclasses.dataclass(frozen=True)
class Callback:
    """A parsed `callback` setting: `kind` is "loopback", "oob" or "url"."""

    kind: str
    url: str = ""

    @classmethod
    def parse(cls, text: str) -> Callback:
        """Read "loopback", "oob" or an absolute URL; ProfileError otherwise."""
        value = text.strip()
        if value.lower() in ("", LOOPBACK):
            return cls(LOOPBACK)
        if value.lower() == OOB:
            return cls(OOB)
        problem = _url_problem(value)
        if problem:
            raise ProfileError(
                f"Invalid callback {text!r}: {problem}. Give loopback, oob or the "
                "URL registered with the provider, such as "
                "https://app.example.org/oauth/callback."
            )
        return cls("url", value)

    @classmethod
    def check(cls, text: object) -> None:
        """Raise ProfileError unless `text` is a valid callback setting."""
        if not isinstance(text, str):
            raise ProfileError(
                f"Invalid callback {text!r}: give loopback, oob or a URL as text."
            )
        cls.parse(text)

    @property
    def text(self) -> str:
        """The setting as a profile stores it."""
        return self.url if self.kind == "url" else self.kind

    def oauth_callback(self, loopback_url: str) -> str:
        """Return the `oauth_callback` value to send with the request token.

        `loopback_url` is the client's own URL, used for "loopback".
        """
        if self.kind == OOB:
            return OOB
        return self.url if self.kind == "url" else loopback_url

    def is_reached_by(self, url: str) -> bool:
        """Return True when `url` is a redirect to this callback URL.

        Scheme, host, port and path must match; the query may differ, since
        the provider adds `oauth_token` and `oauth_verifier` to it.
        """
        if self.kind != "url":
            return False
        return _endpoint(url) == _endpoint(self.url)

    @property
    def listen_address(self) -> tuple[str, int] | None:
        """The (host, port) to listen on for an http callback URL on this machine.

        None for other callbacks: the user copies the redirect from the browser.
        """
        if self.kind != "url":
            return None
        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme.lower() != "http" or not _is_loopback(parts.hostname or ""):
            return None
        return parts.hostname or "", parts.port or 80


def _url_problem(value: str) -> str | None:
    try:
        parts = urllib.parse.urlsplit(value)
        parts.port  # noqa: B018  (raises ValueError for an invalid port)
    except ValueError as error:
        return f"it is not a valid URL ({error})"
    if not parts.scheme or not (parts.netloc or parts.path):
        return "it is not an absolute URL"
    if any(character.isspace() for character in value):
        return "it contains a space"
    if parts.scheme.lower() in ("http", "https") and not parts.hostname:
        return "it has no host name"
    if parts.fragment:
        return "it has a fragment (#...), which the provider cannot add to"
    return None


def _endpoint(url: str) -> tuple[str, str, int | None, str]:
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return (
        parts.scheme.lower(),
        (parts.hostname or "").lower(),
        port or default,
        parts.path or "/",
    )


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
