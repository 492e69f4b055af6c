"""Keeps the URL bar text and the parameter form in step, through the catalog.

No widgets here: the form and the bar call these functions, so the rules can
be tested on plain strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, urlencode, urlsplit


@dataclass(frozen=True)
class ParsedUrl:
    """The URL bar text split into what the form shows."""

    endpoint: object | None
    path_values: dict[str, str] = field(default_factory=dict)
    query: tuple[tuple[str, str], ...] = ()
    origin: str = ""


def example_values(endpoint) -> dict[str, str]:
    """Return the documented example of each argument that has one."""
    return {a.name: a.example for a in endpoint.arguments if a.example}


def compose_url(endpoint, values: dict[str, str], origin: str = "") -> str:
    """Return the URL for `endpoint` with the form's `values`.

    An empty path parameter stays as its `<name>` placeholder, so the user
    sees what is missing; query parameters follow the documented order and
    any extra keys follow them.
    """
    path = endpoint.url
    for argument in endpoint.path_arguments():
        value = values.get(argument.name, "")
        if value:
            path = path.replace(f"<{argument.name}>", quote(value, safe=""))
    path_names = {a.name for a in endpoint.path_arguments()}
    query = [(k, v) for k, v in values.items() if k not in path_names and v != ""]
    return origin + path + (f"?{urlencode(query)}" if query else "")


def compose_path_url(path: str, values: dict[str, str], origin: str = "") -> str:
    """Return `origin` + `path` with the non-empty `values` as its query."""
    query = [(k, v) for k, v in values.items() if v != ""]
    return origin + path + (f"?{urlencode(query)}" if query else "")


def parse_url(text: str, catalog, method: str) -> ParsedUrl:
    """Split URL bar text into the matching endpoint, path values and query.

    Text that urlsplit rejects, such as an unclosed IPv6 bracket while the
    user types, gives an empty ParsedUrl: Send reports the problem.
    """
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return ParsedUrl(None)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    query = tuple(parse_qsl(parts.query, keep_blank_values=True))
    match = catalog.match(method, parts.path) if catalog is not None else None
    if match is None:
        return ParsedUrl(None, {}, query, origin)
    return ParsedUrl(match.endpoint, dict(match.path_params), query, origin)


def form_values(parsed: ParsedUrl) -> dict[str, str]:
    """Return the form's values for a parsed URL: path values, then the query."""
    values = dict(parsed.path_values)
    for key, value in parsed.query:
        values.setdefault(key, value)
    return values


def catalog_paths(catalog) -> list[str]:
    """Return the endpoint templates offered by URL completion."""
    if catalog is None:
        return []
    return list(dict.fromkeys(endpoint.url for endpoint in catalog.endpoints))


def catalog_method(text: str, catalog, preferred: str) -> str | None:
    """Return the method to use for the path in `text`, by the catalog.

    `preferred` when an endpoint of that method fits the path, else the
    method of the first endpoint that fits, or None when none fits.
    """
    if catalog is None:
        return None
    path = url_path(text)
    if not path or catalog.match(preferred, path) is not None:
        return preferred if path else None
    methods = catalog.methods_for(path)
    return methods[0] if methods else None


def url_path(text: str) -> str:
    """Return the path of URL bar `text`, or "" when urlsplit rejects it."""
    try:
        return urlsplit(text.strip()).path
    except ValueError:
        return ""
