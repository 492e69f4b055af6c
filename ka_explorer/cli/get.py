"""`ka-explorer get`: send one request, print the body, then the elapsed time.

Like Khan Academy's sample client, it signs every request with the
profile's consumer (the replica's demo consumer by default), query
parameters and `-d` form fields included. The stored access token is added
only where it is needed: for endpoints that the catalog marks
login-required, for paths the catalog does not know, or with --token.
Without --base-url or an absolute URL it starts the replica in this process.

Exit status: 0 for a 2xx response with a usable body, 1 when the request
failed (network, HTTP status, body), 2 for invalid arguments.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import difflib
import logging
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ka_explorer.catalog import Catalog, CatalogError, load_catalog
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
    diagnose_401,
    expected_base_string,
    find_profile,
    open_secret_store,
    read_rsa_key_file,
)

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
PROGRAM = "ka-explorer get"


class GetError(KaExplorerError):
    """The arguments of `get` do not describe a request that can be sent."""


@dataclasses.dataclass(frozen=True)
class Target:
    """The request target: an absolute URL, or a path on the base URL."""

    text: str

    @property
    def is_absolute(self) -> bool:
        return self.text.startswith(("http://", "https://"))


def run(args: argparse.Namespace) -> int:
    """Send the request that `args` describe; return the exit status."""
    try:
        target = _parse_target(args.target)
        form = _form_pairs(args.data)
        profile = find_profile(args.profile or REPLICA_PROFILE)
        with _base_url(args, target, profile) as base_url:
            spec = _spec(args, target, base_url, form)
            credentials = _credentials(args, profile, spec)
            exchange = send(spec, credentials, timeout=args.timeout)
    except GetError as error:
        _print_error(str(error))
        return EXIT_USAGE
    except KaExplorerError as error:
        _print_error(str(error))
        return EXIT_FAILED
    except OSError as error:
        # Files named on the command line and the replica's socket.
        reason = error.strerror or str(error)
        where = f" ({error.filename})" if error.filename else ""
        _print_error(f"{reason}{where}; check the path and permissions.")
        return EXIT_FAILED
    return _report(args, exchange)


def _parse_target(text: str) -> Target:
    target = Target(text.strip())
    if not target.text.startswith("/") and not target.is_absolute:
        raise GetError(
            f"{text!r} is not a path or URL: start it with / (a path on the server, "
            "such as /api/v1/badges) or with http:// or https://."
        )
    if any(character.isspace() for character in target.text):
        raise GetError(f"The URL {text!r} contains a space; encode it as %20.")
    return target


def _form_pairs(items: list[str]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in items:
        name, equals, value = item.partition("=")
        if not equals or not name:
            raise GetError(
                f"-d {item!r} is not KEY=VALUE; write it like -d name=value."
            )
        pairs.append((name, value))
    return tuple(pairs)


@contextlib.contextmanager
def _base_url(args: argparse.Namespace, target: Target,
              profile: Profile) -> Iterator[str]:
    """Yield the server's base URL, starting the replica when none is given."""
    if target.is_absolute:
        yield ""
        return
    if args.base_url:
        yield args.base_url.rstrip("/")
        return
    if profile.base_url and not profile.base_url_from_replica:
        yield profile.base_url
        return
    with running_replica(args) as replica:
        yield replica.base_url


def _spec(args: argparse.Namespace, target: Target, base_url: str,
          form: tuple[tuple[str, str], ...]) -> RequestSpec:
    url = target.text if target.is_absolute else base_url + target.text
    method = (args.method or ("POST" if form else "GET")).upper()
    return RequestSpec(method=method, url=url, form=form)


def _credentials(args: argparse.Namespace, profile: Profile,
                 spec: RequestSpec) -> Credentials | None:
    store = open_secret_store()
    with_token = args.token is None and _needs_token(spec)
    creds = credentials_for(profile, store, with_token=with_token)
    warning = store.take_warning()
    if warning:
        log.info("%s", warning)
    creds = _apply_flags(args, creds)
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


def _report(args: argparse.Namespace, exchange: Exchange) -> int:
    if args.explain:
        _print_explanation(exchange)
    if exchange.error is not None:
        _print_error(_failure_line(exchange))
        return EXIT_FAILED
    _print_body(exchange)
    return EXIT_OK


def _print_body(exchange: Exchange) -> None:
    body = exchange.body
    ending = b"" if body.endswith(b"\n") or not body else b"\n"
    time_line = f"\nTime: {exchange.timings.total:.3f}s\n".encode()
    stream = getattr(sys.stdout, "buffer", None)
    try:
        if stream is None:
            sys.stdout.write((body + ending + time_line).decode("utf-8", "replace"))
        else:
            sys.stdout.flush()
            stream.write(body + ending + time_line)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (such as `head`) closed the pipe; nothing is left to do.
        sys.stderr.close()


def _print_explanation(exchange: Exchange) -> None:
    if exchange.signature is None:
        print("The request was not signed (no consumer key).", file=sys.stderr)
    else:
        print(exchange.signature.format(), file=sys.stderr)


def _failure_line(exchange: Exchange) -> str:
    assert exchange.error is not None
    parts = [exchange.error.message]
    if exchange.status == 404:
        parts.append(_path_suggestion(exchange))
    if exchange.status == 401:
        parts.append(_signature_diagnosis(exchange) or _sign_in_hint(exchange))
    return " ".join(part for part in parts if part)


def _path_suggestion(exchange: Exchange) -> str:
    catalog = _catalog()
    spec = exchange.spec
    path = urlsplit(spec.url).path
    if catalog is None or catalog.match(spec.method, path) is not None:
        return ""
    templates = [endpoint.url for endpoint in catalog.endpoints
                 if endpoint.http_method == spec.method.upper()]
    close = difflib.get_close_matches(path, templates, n=3, cutoff=0.6)
    if not close:
        return f"{path} is not in the {spec.method.upper()} endpoints of the catalog."
    return f"{path} is not in the catalog; did you mean {' or '.join(close)}?"


def _signature_diagnosis(exchange: Exchange) -> str:
    server_text = exchange.body_text()
    if exchange.signature is None or expected_base_string(server_text) is None:
        return ""
    diagnosis = diagnose_401(exchange.signature, server_text)
    return f"Signature check: {diagnosis.likely_cause}"


def _sign_in_hint(exchange: Exchange) -> str:
    debug = exchange.signature
    if debug is not None and any(p.name == "oauth_token" for p in debug.parameters):
        return ""
    return ("No access token was sent: run `ka-explorer login` first, or pass "
            "--token and --token-secret.")


def _print_error(message: str) -> None:
    line = " ".join(message.split())
    print(f"{PROGRAM}: {line}", file=sys.stderr)
