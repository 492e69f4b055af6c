"""Types of command-line values, checked by argparse before any command runs.

Each type returns the value or raises `argparse.ArgumentTypeError` with one
sentence that names the value and what to give instead. The parser prints
that sentence on one line and exits with status 2.
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NoReturn
from urllib.parse import SplitResult, urlsplit

# One day: long enough for any wait, and far below the largest value that
# socket timeouts and time arithmetic accept.
MAX_SECONDS = 86_400.0
MAX_PORT = 65_535
# RFC 9110 section 5.6.2: a method is a token.
_METHOD = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


# A check across options: the usage error's text for the parsed arguments,
# or None when they go together.
Conflict = Callable[[argparse.Namespace], "str | None"]


class Parser(argparse.ArgumentParser):
    """An argument parser that reports a usage error on one line.

    A usage error of a subcommand, an unknown option included, names that
    subcommand's --help page, such as `ka-explorer login --help`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands: dict[str, Parser] = {}
        self.conflicts: list[Conflict] = []

    def add_command(
        self, commands: argparse._SubParsersAction, name: str, **kwargs: Any
    ) -> Parser:
        """Add subcommand `name` and keep it for its usage errors."""
        command: Parser = commands.add_parser(name, **kwargs)
        self.commands[name] = command
        return command

    def parse_args(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        namespace: argparse.Namespace | None = None,
    ) -> argparse.Namespace:
        """Parse `args`, reporting a usage error on the subcommand it belongs to."""
        parsed, unknown = self.parse_known_args(args, namespace)
        command = self.commands.get(getattr(parsed, "command", None) or "", self)
        if unknown:
            command.error(f"unrecognized arguments: {' '.join(unknown)}")
        for conflict in command.conflicts:
            problem = conflict(parsed)
            if problem:
                command.error(problem)
        return parsed

    def error(self, message: str) -> NoReturn:
        text = " ".join(message.split())
        if not text.endswith("."):
            text += f"; see {self.prog} --help."
        self.exit(2, f"{self.prog}: {text}\n")


def oob_callback_conflict(args: argparse.Namespace) -> str | None:
    """Return the usage error for --oob with a --callback other than oob."""
    if not args.oob or args.callback is None:
        return None
    if args.callback.strip().lower() == "oob":
        return None
    return (
        f"--oob and --callback {args.callback!r} conflict: --oob asks for a PIN, "
        "so give only one of them."
    )


def seconds(text: str) -> float:
    """Return a timeout in seconds: a finite number above 0, at most a day."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            f"invalid value {text!r}: give a positive number of seconds, at most "
            f"{MAX_SECONDS:g}, such as 30."
        )
    return value


def port(text: str) -> int:
    """Return a TCP port number from 0 (any free port) to 65535."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_PORT:
        raise argparse.ArgumentTypeError(
            f"invalid port {text!r}: give a number from 0 to {MAX_PORT} "
            "(0 picks a free port)."
        )
    return value


def host(text: str) -> str:
    """Return a host name or IP address to listen on, without IPv6 brackets."""
    value = text.strip().removeprefix("[").removesuffix("]")
    if not value or any(character.isspace() for character in value):
        raise argparse.ArgumentTypeError(
            f"invalid host {text!r}: give an IP address or a host name, such as "
            "127.0.0.1 or ::1."
        )
    return value


def base_url(text: str) -> str:
    """Return an http or https URL with a host, without a trailing slash."""
    problem = url_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(
            f"invalid URL {text!r}: {problem}. Give one such as "
            "http://127.0.0.1:8123."
        )
    return text.strip().rstrip("/")


def path_or_url(text: str) -> str:
    """Return a request target; one with a scheme must be a valid http(s) URL.

    Spaces in the path, query and fragment become %20, as browsers send them.
    """
    target = encode_spaces(text)
    if "://" in target:
        problem = url_problem(target)
        if problem:
            raise argparse.ArgumentTypeError(
                f"invalid URL {text!r}: {problem}. Give a path such as "
                "/api/v1/badges or a URL such as http://127.0.0.1:8123/api/v1/badges."
            )
    return target


def encode_spaces(target: str) -> str:
    """Return a stripped target with each space after its host as %20.

    Browsers send a typed space in a path or query as %20. A space in the
    host stays, so that `url_problem` names it.
    """
    text = target.strip()
    scheme_end = text.find("://")
    if scheme_end < 0:
        return text.replace(" ", "%20")
    authority_end = _authority_end(text, scheme_end + 3)
    return text[:authority_end] + text[authority_end:].replace(" ", "%20")


def _authority_end(text: str, start: int) -> int:
    ends = [text.find(mark, start) for mark in "/?#"]
    return min((end for end in ends if end >= 0), default=len(text))


class FormData(argparse.Action):
    """Append (const, value) to one list, so that -d and --data-urlencode fields
    keep their command-line order."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        items = list(getattr(namespace, self.dest, None) or [])
        items.append((self.const, values))
        setattr(namespace, self.dest, items)


def http_method(text: str) -> str:
    """Return an HTTP method name in upper case, such as GET or POST."""
    if not _METHOD.match(text):
        raise argparse.ArgumentTypeError(
            f"invalid method {text!r}: give an HTTP method such as GET, POST or "
            "DELETE (letters, no spaces)."
        )
    return text.upper()


def as_of_date(text: str) -> str:
    """Return a date as YYYY-MM-DD text."""
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid date {text!r}: give it as YYYY-MM-DD, such as 2020-01-05."
        ) from None


def url_problem(text: str) -> str | None:
    """Return why `text` is not a usable http(s) URL with a host, or None."""
    stripped = text.strip()
    if any(character.isspace() and character != " " for character in stripped):
        return "it contains a tab or a line break; remove it"
    try:
        parts = urlsplit(stripped)
    except ValueError as error:
        return _split_problem(error)
    if " " in parts.netloc:
        return "its host contains a space"
    if " " in stripped:
        return "it contains a space (encode it as %20)"
    if parts.scheme.lower() not in ("http", "https"):
        return "it must start with http:// or https://"
    if not parts.hostname:
        return "it has no host name after the scheme"
    return _port_problem(parts) or _host_problem(text.strip())


def _split_problem(error: ValueError) -> str:
    if str(error) == "Invalid IPv6 URL":
        return "an IPv6 address needs both brackets, as in http://[::1]:8123"
    return f"its host is not valid ({error})"


def _host_problem(text: str) -> str | None:
    """Return why urllib3, which sends the request, cannot read the host."""
    # Imported here: every start of the program, the window's included, reads
    # this module, and urllib3 costs it 45 to 75 ms before the first frame.
    from urllib3.exceptions import LocationParseError
    from urllib3.util import parse_url

    try:
        parse_url(text)
    except LocationParseError as error:
        reason = str(error).removeprefix("Failed to parse: ")
        return f"its host is not valid ({reason})"
    return None


def _port_problem(parts: SplitResult) -> str | None:
    try:
        number = parts.port
    except ValueError:
        number = 0
    if number == 0:
        return f"the port must be a number from 1 to {MAX_PORT}"
    return None
