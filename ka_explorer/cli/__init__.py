"""The `ka-explorer` command: the window by default, plus get, login and serve."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from ka_explorer import __version__
from ka_explorer.cli import options
from ka_explorer.errors import KaExplorerError

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = options.Parser(
        prog="ka-explorer",
        description="Explore the Khan Academy API v1 and other OAuth 1.0a APIs.",
    )
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument(
        "--debug", action="store_true", help="log details and show tracebacks"
    )
    _add_window_options(parser)

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_get_command(parser, commands)
    _add_login_command(parser, commands)
    _add_serve_command(parser, commands)
    return parser


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("window (when no COMMAND is given)")
    group.add_argument(
        "--open",
        metavar="PATH_OR_URL",
        type=options.path_or_url,
        help="send this request on start",
    )
    group.add_argument(
        "--screenshot",
        metavar="FILE",
        help="with --open: save a PNG of the window once the response shows, then exit",
    )
    group.add_argument("--profile", metavar="NAME", help="start on this profile")
    _add_replica_options(group)


def _add_replica_options(group: argparse._ActionsContainer) -> None:
    group.add_argument(
        "--as-of",
        metavar="DATE",
        type=options.as_of_date,
        help="replica date (YYYY-MM-DD): endpoints removed before it answer 404",
    )
    group.add_argument(
        "--recordings",
        metavar="PATH",
        action="append",
        default=[],
        help="replay recorded responses from this file or folder (repeatable)",
    )


def _add_get_command(
    parser: options.Parser, commands: argparse._SubParsersAction
) -> None:
    get = parser.add_command(
        commands,
        "get",
        help="send one request and print the body and the elapsed time",
        description="Send one signed request. The body goes to standard output "
        "and the 'Time: N.NNNs' line to standard error, so the body can be piped "
        "(as in `| python -m json.tool`); on a terminal the time shows after the "
        "body.",
    )
    get.add_argument(
        "target",
        metavar="PATH_OR_URL",
        help="a path such as /api/v1/badges (on --base-url, the profile's server "
        "or the replica) or a full http(s) URL",
    )
    get.add_argument(
        "--base-url",
        metavar="URL",
        type=options.base_url,
        help="server to ask; without it a replica starts in this process",
    )
    get.add_argument("--profile", metavar="NAME", help="use this profile's settings")
    get.add_argument("--consumer-key", metavar="K",
                     help="sign with this consumer key instead of the profile's")
    get.add_argument("--consumer-secret", metavar="S",
                     help="the consumer secret that goes with --consumer-key")
    get.add_argument("--token", metavar="T",
                     help="sign with this access token instead of the stored one")
    get.add_argument("--token-secret", metavar="TS",
                     help="the token secret that goes with --token")
    get.add_argument(
        "--signature-method",
        metavar="METHOD",
        help="HMAC-SHA1 (default), HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256 "
        "or PLAINTEXT",
    )
    get.add_argument("--rsa-key", metavar="PEM_FILE", help="private key for RSA-*")
    get.add_argument(
        "--placement",
        choices=("header", "query", "body"),
        help="where the OAuth parameters go (default: header)",
    )
    get.add_argument("--realm", metavar="REALM",
                     help="the realm parameter of the Authorization header")
    get.add_argument(
        "-X",
        "--request",
        dest="method",
        default=None,
        metavar="METHOD",
        type=options.http_method,
        help="HTTP method (default: GET, or POST with -d)",
    )
    get.add_argument(
        "-d",
        "--data",
        dest="data",
        action=options.FormData,
        const="encoded",
        default=[],
        metavar="KEY=VALUE",
        help="form data as curl -d sends it: already URL-encoded, so %%20 or + is "
        "a space, %%25 a percent sign and & separates fields (a=1&b=2); signed; "
        "repeatable; makes the default method POST",
    )
    get.add_argument(
        "--data-urlencode",
        dest="data",
        action=options.FormData,
        const="plain",
        metavar="KEY=VALUE",
        help="one form field whose VALUE is taken as typed and URL-encoded when "
        "sent (a space becomes %%20, %% becomes %%25); signed; repeatable; makes "
        "the default method POST",
    )
    get.add_argument(
        "--timeout",
        type=options.seconds,
        default=30.0,
        metavar="SECONDS",
        help="how long to wait for the connection and for each read of the "
        "response (default: 30)",
    )
    get.add_argument(
        "--explain",
        action="store_true",
        help="print the signature base string and parameters to stderr",
    )
    _add_replica_options(get)


def _add_login_command(
    parser: options.Parser, commands: argparse._SubParsersAction
) -> None:
    login = parser.add_command(
        commands,
        "login",
        help="sign in with OAuth 1.0a from the terminal and store the token",
        description="Run the three-legged OAuth 1.0a flow and store the access "
        "token in the OS keyring.",
    )
    login.add_argument(
        "--base-url", metavar="URL", type=options.base_url,
        help="the provider to sign in to; without it, the profile's server or "
        "a replica started in this process",
    )
    login.add_argument("--profile", metavar="NAME",
                       help="sign in for this profile and store its token")
    login.add_argument("--consumer-key", metavar="K",
                       help="the consumer key to sign in with, instead of the "
                       "profile's")
    login.add_argument("--consumer-secret", metavar="S",
                       help="the consumer secret that goes with --consumer-key")
    login.add_argument(
        "--signature-method",
        metavar="METHOD",
        help="sign the token requests with this method instead of the profile's: "
        "HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256 or PLAINTEXT",
    )
    login.add_argument(
        "--rsa-key",
        metavar="PEM_FILE",
        help="private key for RSA-* instead of the profile's key file",
    )
    login.add_argument(
        "--oob",
        action="store_true",
        help="ask for the PIN that the provider shows instead of a loopback callback",
    )
    login.add_argument(
        "--callback",
        metavar="loopback|oob|URL",
        help="where the provider sends the browser after approval (default: the "
        "profile's callback, else loopback): a listener on 127.0.0.1, a PIN, or "
        "the URL registered with the provider",
    )
    login.add_argument(
        "--no-browser", action="store_true", help="print the URL but do not open it"
    )
    login.add_argument(
        "--timeout",
        type=options.seconds,
        default=300.0,
        metavar="SECONDS",
        help="how long to wait for the browser to return to the loopback callback "
        "(default: 300)",
    )
    login.conflicts.append(options.oob_callback_conflict)
    _add_replica_options(login)


def _add_serve_command(
    parser: options.Parser, commands: argparse._SubParsersAction
) -> None:
    serve = parser.add_command(
        commands,
        "serve",
        help="run the local Khan Academy API v1 replica",
        description="Serve the Khan Academy API v1 replica and log each request.",
    )
    serve.add_argument(
        "--host", type=options.host, default="127.0.0.1", help="default: 127.0.0.1"
    )
    serve.add_argument(
        "--port", type=options.port, default=0, help="default: 0, a free port"
    )
    _add_replica_options(serve)


def window_defaults() -> argparse.Namespace:
    """Return the arguments that `build_parser().parse_args([])` returns,
    without building the parser.

    A desktop launcher starts the program with no arguments, and the window
    opens at once. Building the parser with its subcommands took about 4 ms,
    which the window's first frame would wait for.
    """
    return argparse.Namespace(
        debug=False, open=None, screenshot=None, profile=None, as_of=None,
        recordings=[], command=None,
    )


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser().parse_args(arguments) if arguments else window_defaults()
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return _dispatch(args)
    except KaExplorerError as error:
        print(f"ka-explorer: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("ka-explorer: interrupted", file=sys.stderr)
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "get":
        from ka_explorer.cli import get

        return get.run(args)
    if args.command == "login":
        from ka_explorer.cli import login

        return login.run(args)
    if args.command == "serve":
        from ka_explorer.cli import serve

        return serve.run(args)

    from ka_explorer import app

    return app.main(args)
