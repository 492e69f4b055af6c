"""What to send, before and after signing."""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode, urlsplit, urlunsplit

from ka_explorer.http.masking import mask_body, mask_header, mask_url

Pairs = tuple[tuple[str, str], ...]


@dataclasses.dataclass(frozen=True)
class RequestSpec:
    """One request as the user describes it; immutable.

    `query` pairs are appended to any query already in `url`. `form` pairs
    become an `application/x-www-form-urlencoded` body (and are signed);
    `body` is a raw body for anything else. A request has one or the other.
    """

    method: str = "GET"
    url: str = ""
    query: Pairs = ()
    form: Pairs = ()
    headers: Pairs = ()
    body: bytes | None = None

    def full_url(self) -> str:
        """Return `url` with the `query` pairs encoded into its query string."""
        if not self.query:
            return self.url
        parts = urlsplit(self.url)
        extra = urlencode(self.query)
        query = f"{parts.query}&{extra}" if parts.query else extra
        return urlunsplit(parts._replace(query=query))


@dataclasses.dataclass(frozen=True)
class SentRequest:
    """The request exactly as it went on the wire, after signing.

    It contains the signature and the token; `masked()` returns the copy to
    show, store or export.
    """

    method: str
    url: str
    headers: Pairs
    body: bytes = b""

    def __repr__(self) -> str:
        shown = self.masked()
        return f"SentRequest({shown.method} {shown.url}, headers={shown.headers!r})"

    def masked(self) -> SentRequest:
        """Return a copy with OAuth tokens, signatures and verifiers masked."""
        headers = tuple((name, mask_header(name, value))
                        for name, value in self.headers)
        return SentRequest(self.method, mask_url(self.url), headers,
                           mask_body(self.body))

    def header(self, name: str) -> str | None:
        """Return the first header called `name` (case-insensitive), if any."""
        return first_header(self.headers, name)


def first_header(headers: Pairs, name: str) -> str | None:
    """Return the value of the first header called `name` (case-insensitive)."""
    wanted = name.lower()
    for key, value in headers:
        if key.lower() == wanted:
            return value
    return None
