"""`ka-explorer get`: send one request, print the body, then the elapsed time.

The body goes to standard output and the `Time: N.NNNs` line to standard
error, so `ka-explorer get PATH | python -m json.tool` reads the body alone.

Like Khan Academy's sample client, it signs every request with the
profile's consumer (the replica's demo consumer by default), query
parameters and `-d` form fields included. The stored access token is added
only where it is needed: for endpoints that the catalog marks
login-required, for paths the catalog does not know, or with --token.
Without --base-url or an absolute URL it starts the replica in this process.

Exit status: 0 for a 2xx response with a usable body, 1 when the request
failed (network, HTTP status, body), 2 for invalid arguments. A 2xx body
that does not parse as JSON is printed before its error line.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import logging
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ka_explorer.catalog import Catalog, CatalogError, load_catalog
from ka_explorer.cli import get_report
from ka_explorer.cli.get_report import print_error
from ka_explorer.cli.options import encode_spaces, url_problem
from ka_explorer.cli.replica_launch import running_replica
from ka_explorer.errors import KaExplorerError
from ka_explorer.http import Exchange, RequestSpec, send
from ka_explorer.oauth1 import (
    REPLICA_PROFILE,
    Credentials,
    Placement,
    Profile,
    SignatureMethod,
    credentials_for,
    find_profile,
    open_secret_store,
    read_rsa_key_file,
)
from ka_explorer.oauth1.encoding import FORM_CONTENT_TYPE, encode_pairs, form_unquote
from ka_explorer.oauth1.tokens import require_consumer_secret

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# RFC 9110 section 9.3: a body on these methods has no generally defined meaning.
_NO_BODY_METHODS = ("GET", "HEAD", "DELETE")


class GetError(KaExplorerError):
    """The arguments of `get` do not describe a request that can be sent."""


@dataclasses.dataclass(frozen=True)
class Target:
    """The request target: an absolute URL, or a path on the base URL."""

    text: str

    @property
    def is_absolute(self) -> bool:
        return self.text.startswith(("http://", "https://"))


@dataclasses.dataclass(frozen=True)
class Server:
    """The server to send to, and the date of a replica started here."""

    base_url: str
    as_of: date | None = None


def run(args: argparse.Namespace) -> int:
    """Send the request that `args` describe; return the exit status."""
    try:
        target = _parse_target(args.target)
        body = _form_body(args.data)
        profile = find_profile(args.profile or REPLICA_PROFILE)
        with _server(args, target, profile) as server:
            spec = _spec(args, target, server.base_url, body)
            credentials = _credentials(args, profile, spec)
            note = _body_note(spec, credentials)
            if note:
                print_error(note)
            exchange = send(spec, credentials, timeout=args.timeout)
    except GetError as error:
        print_error(str(error))
        return EXIT_USAGE
    except KaExplorerError as error:
        print_error(str(error))
        return EXIT_FAILED
    except OSError as error:
        # Files named on the command line and the replica's socket.
        reason = error.strerror or str(error)
        where = f" ({error.filename})" if error.filename else ""
        print_error(f"{reason}{where}; check the path and permissions.")
        return EXIT_FAILED
    return _report(args, exchange, server.as_of)


def _parse_target(text: str) -> Target:
    target = Target(encode_spaces(text))
    if not target.text.startswith("/") and not target.is_absolute:
        raise GetError(
            f"{text!r} is not a path or URL: start it with / (a path on the server, "
            "such as /api/v1/badges) or with http:// or https://."
        )
    if not target.is_absolute and any(c.isspace() for c in target.text):
        raise GetError(
            f"The path {text!r} contains a tab or a line break; remove it."
        )
    problem = url_problem(target.text) if target.is_absolute else None
    if problem:
        raise GetError(
            f"The URL {text!r} is not valid: {problem}. Give a path such as "
            "/api/v1/badges or a URL such as http://127.0.0.1:8123/api/v1/badges."
        )
    return target


def _form_body(items: list[tuple[str, str]]) -> bytes | None:
    """Return the form body of -d and --data-urlencode fields, in their order.

    A -d item is URL-encoded already, as curl takes it, so it is decoded once
    (`+` and `%20` are spaces) and may hold several fields joined with `&`.
    A --data-urlencode value is taken as typed. Every name and value is then
    percent-encoded as RFC 5849 section 3.6 does, so the body means what curl
    would send, and strict parsers such as oauthlib's read it too.
    """
    if not items:
        return None
    pairs: list[tuple[str, str]] = []
    for kind, item in items:
        if kind == "plain":
            name, value = _key_value(item, "--data-urlencode", item)
            pairs.append((form_unquote(name), value))
            continue
        for field in (field for field in item.split("&") if field):
            name, value = _key_value(field, "-d", item)
            pairs.append((form_unquote(name), form_unquote(value)))
    return encode_pairs(pairs).encode("ascii")


def _key_value(field: str, option: str, item: str) -> tuple[str, str]:
    name, equals, value = field.partition("=")
    if equals and name:
        return name, value
    if field == item:
        raise GetError(
            f"{option} {item!r} is not KEY=VALUE; write it like {option} name=value."
        )
    raise GetError(
        f"The field {field!r} of {option} {item!r} is not KEY=VALUE; write each "
        "field like name=value."
    )


def _body_note(spec: RequestSpec, credentials: Credentials | None) -> str | None:
    """Return a note for a body on a method whose body has no defined meaning."""
    if spec.method not in _NO_BODY_METHODS:
        return None
    if spec.body is not None:
        return (
            f"note: {spec.method} with -d sends the form fields in a request body, "
            f"which many servers ignore on {spec.method}; put them in the URL's "
            "query, or leave out -X to send a POST."
        )
    if credentials is not None and credentials.placement is Placement.BODY:
        return (
            f"note: {spec.method} with --placement body sends the OAuth parameters "
            f"in a request body, which many servers ignore on {spec.method}; use "
            "--placement header or query unless this server reads the body."
        )
    return None


@contextlib.contextmanager
def _server(args: argparse.Namespace, target: Target,
            profile: Profile) -> Iterator[Server]:
    """Yield the server to ask, starting the replica when none is given."""
    if target.is_absolute:
        yield Server("")
        return
    if args.base_url:
        yield Server(args.base_url.rstrip("/"))
        return
    if profile.base_url and not profile.base_url_from_replica:
        yield Server(profile.base_url)
        return
    with running_replica(args) as replica:
        yield Server(replica.base_url, replica.as_of)


def _spec(args: argparse.Namespace, target: Target, base_url: str,
          body: bytes | None) -> RequestSpec:
    url = target.text if target.is_absolute else base_url + target.text
    method = (args.method or ("POST" if body is not None else "GET")).upper()
    if body is None:
        return RequestSpec(method=method, url=url)
    headers = (("Content-Type", FORM_CONTENT_TYPE),)
    return RequestSpec(method=method, url=url, headers=headers, body=body)


def _credentials(args: argparse.Namespace, profile: Profile,
                 spec: RequestSpec) -> Credentials | None:
    store = open_secret_store()
    with_token = args.token is None and _needs_token(spec)
    creds = credentials_for(profile, store, with_token=with_token,
                            consumer_secret=args.consumer_secret)
    warning = store.take_warning()
    if warning:
        log.info("%s", warning)
    creds = _apply_flags(args, creds)
    if args.consumer_secret is None:
        require_consumer_secret(creds, profile.name)
    return creds if creds.consumer_key else None


def _needs_token(spec: RequestSpec) -> bool:
    catalog = _catalog()
    if catalog is None:
        return True
    match = catalog.match(spec.method, urlsplit(spec.url).path)
    return match is None or match.endpoint.login_required


def _apply_flags(args: argparse.Namespace, creds: Credentials) -> Credentials:
    changes: dict[str, Any] = {}
    for flag in ("consumer_key", "consumer_secret", "token", "token_secret", "realm"):
        value = getattr(args, flag)
        if value is not None:
            changes[flag] = value
    if args.signature_method:
        changes["signature_method"] = SignatureMethod.parse(args.signature_method)
    if args.placement:
        changes["placement"] = Placement.parse(args.placement)
    if args.rsa_key:
        changes["rsa_key_pem"] = read_rsa_key_file(args.rsa_key)
    return dataclasses.replace(creds, **changes)


def _catalog() -> Catalog | None:
    try:
        return load_catalog()
    except (CatalogError, OSError):
        return None


def _report(args: argparse.Namespace, exchange: Exchange, as_of: date | None) -> int:
    if args.explain:
        get_report.print_explanation(exchange)
    if exchange.error is None:
        get_report.print_body(exchange.body)
        get_report.print_time(exchange)
        return EXIT_OK
    if exchange.error.kind == "invalid_json":
        get_report.print_body(exchange.body)
    print_error(get_report.failure_line(exchange, args.timeout, as_of))
    return EXIT_FAILED
