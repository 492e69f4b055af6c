"""What `ka-explorer get` prints for an exchange: the body, the time, or one line.

The body goes to standard output and the `Time: N.NNNs` line to standard
error, so that the body can be piped to another program. A failure is one
line on standard error: what failed, and what to do next.
"""

from __future__ import annotations

import difflib
import sys
from datetime import date
from urllib.parse import urlsplit

from ka_explorer.catalog import Catalog, CatalogError, Endpoint, load_catalog
from ka_explorer.cli.unauthorized import unauthorized_line
from ka_explorer.http import Exchange
from ka_explorer.http.errors import host_port

PROGRAM = "ka-explorer get"


def print_body(body: bytes) -> None:
    """Write the body to standard output as received, ending with a newline."""
    ending = b"" if body.endswith(b"\n") or not body else b"\n"
    stream = getattr(sys.stdout, "buffer", None)
    try:
        if stream is None:
            sys.stdout.write((body + ending).decode("utf-8", "replace"))
        else:
            sys.stdout.flush()
            stream.write(body + ending)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (such as `head`) closed the pipe; nothing is left to do.
        sys.stderr.close()


def print_time(exchange: Exchange) -> None:
    """Write the total time to standard error, after the body on a terminal."""
    if not sys.stderr.closed:
        print(f"Time: {exchange.timings.total:.3f}s", file=sys.stderr)


def print_explanation(exchange: Exchange) -> None:
    if exchange.signature is None:
        print("The request was not signed (no consumer key).", file=sys.stderr)
    else:
        print(exchange.signature.format(), file=sys.stderr)


def print_error(message: str) -> None:
    line = " ".join(message.split())
    print(f"{PROGRAM}: {line}", file=sys.stderr)


def failure_line(exchange: Exchange, timeout: float, as_of: date | None) -> str:
    """Return the line for a failed exchange, with the next step for its kind."""
    assert exchange.error is not None
    kind, message = exchange.error.kind, exchange.error.message
    if kind == "invalid_json":
        return _unreadable_body_line(exchange)
    if kind == "timeout":
        return _timeout_line(message, timeout)
    return _status_line(exchange, as_of)


def _status_line(exchange: Exchange, as_of: date | None) -> str:
    assert exchange.error is not None
    parts = [exchange.error.message]
    if exchange.status == 404:
        removal = _removal_note(exchange, as_of)
        if removal:
            return f"{_status_and_host(exchange)}: {removal}"
        parts.append(_path_suggestion(exchange))
    if exchange.status == 401:
        return unauthorized_line(exchange, _catalog_endpoint(exchange))
    if exchange.status == 414:
        parts.append(_too_long_hint(exchange))
    return " ".join(part for part in parts if part)


def _status_and_host(exchange: Exchange) -> str:
    return f"{exchange.status} {exchange.reason} from {host_port(exchange.spec.url)}"


def _unreadable_body_line(exchange: Exchange) -> str:
    """Describe a 2xx body that did not parse; the caller prints the body first."""
    problem = exchange.parse_error
    head = _status_and_host(exchange)
    printed = "The body is printed above as received."
    if problem is None:
        return f"{head}, but the body could not be read as JSON. {printed}"
    if problem.kind == "too_deep":
        return (
            f"{head}: the body nests arrays and objects deeper than the JSON "
            f"parser follows, so it was not parsed or checked. {printed}"
        )
    if problem.kind in ("invalid_json", "encoding"):
        near = f" near {problem.excerpt!r}" if problem.excerpt else ""
        return (
            f"{head}, but the body is not valid JSON: {problem.reason} at line "
            f"{problem.line}, column {problem.column}{near}. {printed}"
        )
    return f"{head}, but {_lower_first(str(problem))} {printed}"


def _timeout_line(message: str, timeout: float) -> str:
    option = f"--timeout SECONDS (now {timeout:g} s)"
    if message.endswith("raise the timeout."):
        return f"{message[:-1]} with {option}."
    return f"{message} Raise the timeout with {option}."


def _removal_note(exchange: Exchange, as_of: date | None) -> str:
    """Say when Khan Academy removed the endpoint, if its removal explains a 404."""
    endpoint = _catalog_endpoint(exchange)
    if endpoint is None:
        return ""
    what = f"{endpoint.http_method} {endpoint.url}"
    status = endpoint.removal_status(as_of or date.today())
    if not status.removed or status.date is None:
        return ""
    if as_of is not None:
        return (
            f"the replica's date is {as_of.isoformat()} (--as-of), and Khan Academy "
            f"removed {what} on {status.date.isoformat()}. Use an --as-of date "
            f"before {status.date.isoformat()}, or leave --as-of out."
        )
    return (
        f"Khan Academy removed {what} on {status.date.isoformat()}, and a replica "
        "whose --as-of date is later answers 404 for it. Start the server with an "
        "earlier --as-of date, or leave --base-url out to use a replica that "
        "serves it."
    )


def _catalog_endpoint(exchange: Exchange) -> Endpoint | None:
    catalog = _catalog()
    spec = exchange.spec
    match = catalog.match(spec.method, urlsplit(spec.url).path) if catalog else None
    return match.endpoint if match else None


def _path_suggestion(exchange: Exchange) -> str:
    catalog = _catalog()
    spec = exchange.spec
    path = urlsplit(spec.url).path or "/"
    if catalog is None or catalog.match(spec.method, path) is not None:
        return ""
    templates = [endpoint.url for endpoint in catalog.endpoints
                 if endpoint.http_method == spec.method.upper()]
    close = difflib.get_close_matches(path, templates, n=3, cutoff=0.6)
    if not close:
        return f"{path} is not in the {spec.method.upper()} endpoints of the catalog."
    return f"{path} is not in the catalog; did you mean {' or '.join(close)}?"


def _too_long_hint(exchange: Exchange) -> str:
    length = len(exchange.spec.url)
    return (
        f"The URL is {length} characters long, more than the server accepts; "
        "shorten its query string or path."
    )


def _catalog() -> Catalog | None:
    try:
        return load_catalog()
    except (CatalogError, OSError):
        return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
