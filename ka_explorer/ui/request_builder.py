"""Turn the URL bar text into a RequestSpec, or a message saying what is wrong.

Nothing here raises anything but RequestInputError, whatever the user typed.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit, urlunsplit

from ka_explorer.errors import KaExplorerError
from ka_explorer.http import RequestSpec

_PLACEHOLDER = re.compile(r"<([A-Za-z_][A-Za-z0-9_]*)>")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


class RequestInputError(KaExplorerError):
    """The URL bar or the form contains something that cannot be sent."""


class MissingPathValues(RequestInputError):
    """The path still has `<name>` placeholders; `names` lists them in order."""

    def __init__(self, message: str, names: list[str]) -> None:
        super().__init__(message)
        self.names = names


def build_spec(method: str, text: str, base_url: str, form=()) -> RequestSpec:
    """Return the request for URL bar `text`, resolved against `base_url`.

    The query stays as typed, so the server gets the bytes the user wrote
    (`%20` and `+` included). `form` pairs go in an
    application/x-www-form-urlencoded body, which the signature covers.
    """
    url = resolve_url(text, base_url)
    parts = split_url(url)
    _check_escapes(parts.query, text)
    bare = urlunsplit(parts._replace(fragment=""))
    return RequestSpec(method=method, url=bare, query=(), form=tuple(form), headers=())


def encode_spaces(text: str) -> str:
    """Return `text` with each space as %20, as browsers send a typed URL."""
    return text.replace(" ", "%20")


def _check_escapes(query: str, text: str) -> None:
    match = _BAD_ESCAPE.search(query)
    if match:
        excerpt = query[match.start():match.start() + 3]
        raise RequestInputError(
            f"The URL {text!r} contains {excerpt!r} in its query, a % not followed "
            "by two hex digits; write a literal percent sign as %25."
        )


def split_url(text: str, typed: str = "") -> SplitResult:
    """Return urlsplit(text), raising RequestInputError where urlsplit raises.

    The message quotes `typed`, the URL as the user typed it, when given.
    """
    try:
        return urlsplit(text)
    except ValueError as error:
        shown = typed or text
        raise RequestInputError(
            f"The URL {shown!r} is not valid ({error}); check the host, and close "
            "the brackets of an IPv6 address, as in http://[::1]:8123/."
        ) from None


def resolve_url(text: str, base_url: str) -> str:
    """Return the absolute URL for `text`, checking what a user can get wrong."""
    text = text.strip()
    if not text:
        raise RequestInputError(
            "The URL bar is empty; type a path like /api/v1/badges or pick an endpoint."
        )
    _check_characters(text)
    typed, text = text, encode_spaces(text)
    missing = _PLACEHOLDER.findall(split_url(text, typed).path)
    if missing:
        names = ", ".join(missing)
        raise MissingPathValues(
            f"The path {typed} still has placeholders ({names}); fill in the path "
            "parameters in the form below the URL bar, then press Enter.",
            missing,
        )
    if text.startswith("/"):
        return _join(base_url, text)
    return _check_absolute(text, typed)


def _check_characters(text: str) -> None:
    """Reject control characters and whitespace other than the space."""
    for character in text:
        if character == " ":
            continue
        if character.isspace() or ord(character) < 0x20 or ord(character) == 0x7F:
            code = f"U+{ord(character):04X}"
            raise RequestInputError(
                f"The URL {text!r} contains the control or whitespace character "
                f"{code}; remove it, or percent-encode it (a tab is %09)."
            )
    host = text.partition("//")[2].split("/")[0] if "//" in text else ""
    if " " in host:
        raise RequestInputError(
            f"The host of the URL {text!r} contains a space; remove it."
        )


def _join(base_url: str, path: str) -> str:
    if not base_url:
        raise RequestInputError(
            f"The profile has no base URL, so {path} cannot be sent; type a full "
            "URL (http://host/path) or choose a profile with a server."
        )
    return base_url.rstrip("/") + path


def _check_absolute(text: str, typed: str) -> str:
    """Return `text`, an absolute URL; messages quote `typed`, as the user typed it."""
    parts = split_url(text, typed)
    if parts.scheme not in ("http", "https"):
        raise RequestInputError(
            f"The URL {typed!r} is not valid: it must start with / (a path on the "
            "profile's server) or with http:// or https://."
        )
    if not parts.hostname:
        raise RequestInputError(
            f"The URL {typed!r} has no host name; add one after //."
        )
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise RequestInputError(
            f"The URL {typed!r} has an invalid port; use a number from 1 to 65535."
        ) from None
    return text
