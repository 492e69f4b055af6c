"""Turn the URL bar text into a RequestSpec, or a message saying what is wrong.

Nothing here raises anything but RequestInputError, whatever the user typed.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qsl, urlsplit, urlunsplit

from ka_explorer.errors import KaExplorerError
from ka_explorer.http import RequestSpec

_PLACEHOLDER = re.compile(r"<([A-Za-z_][A-Za-z0-9_]*)>")


class RequestInputError(KaExplorerError):
    """The URL bar or the form contains something that cannot be sent."""


class MissingPathValues(RequestInputError):
    """The path still has `<name>` placeholders; `names` lists them in order."""

    def __init__(self, message: str, names: list[str]) -> None:
        super().__init__(message)
        self.names = names


def build_spec(method: str, text: str, base_url: str, form=()) -> RequestSpec:
    """Return the request for URL bar `text`, resolved against `base_url`."""
    url = resolve_url(text, base_url)
    parts = split_url(url)
    query = tuple(parse_qsl(parts.query, keep_blank_values=True))
    bare = urlunsplit(parts._replace(query="", fragment=""))
    return RequestSpec(
        method=method, url=bare, query=query, form=tuple(form), headers=()
    )


def split_url(text: str) -> SplitResult:
    """Return urlsplit(text), raising RequestInputError where urlsplit raises."""
    try:
        return urlsplit(text)
    except ValueError as error:
        raise RequestInputError(
            f"The URL {text!r} is not valid ({error}); check the host, and close "
            "the brackets of an IPv6 address, as in http://[::1]:8123/."
        ) from None


def resolve_url(text: str, base_url: str) -> str:
    """Return the absolute URL for `text`, checking what a user can get wrong."""
    text = text.strip()
    if not text:
        raise RequestInputError(
            "The URL bar is empty; type a path like /api/v1/badges or pick an endpoint."
        )
    if any(character.isspace() for character in text):
        raise RequestInputError(
            f"The URL {text!r} contains a space; encode it as %20 or remove it."
        )
    missing = _PLACEHOLDER.findall(split_url(text).path)
    if missing:
        names = ", ".join(missing)
        raise MissingPathValues(
            f"The path {text} still has placeholders ({names}); fill in the path "
            "parameters in the form below the URL bar, then press Enter.",
            missing,
        )
    if text.startswith("/"):
        return _join(base_url, text)
    return _check_absolute(text)


def _join(base_url: str, path: str) -> str:
    if not base_url:
        raise RequestInputError(
            f"The profile has no base URL, so {path} cannot be sent; type a full "
            "URL (http://host/path) or choose a profile with a server."
        )
    return base_url.rstrip("/") + path


def _check_absolute(text: str) -> str:
    parts = split_url(text)
    if parts.scheme not in ("http", "https"):
        raise RequestInputError(
            f"The URL {text!r} is not valid: it must start with / (a path on the "
            "profile's server) or with http:// or https://."
        )
    if not parts.hostname:
        raise RequestInputError(f"The URL {text!r} has no host name; add one after //.")
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise RequestInputError(
            f"The URL {text!r} has an invalid port; use a number from 1 to 65535."
        ) from None
    return text
