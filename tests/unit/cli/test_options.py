"""Command-line values are checked by argparse: one line, exit status 2."""

from __future__ import annotations

import pytest

from ka_explorer.cli import build_parser, main, window_defaults


def rejected(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Parse `argv`, expect a usage error, and return its one line."""
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    captured = capsys.readouterr()
    assert stopped.value.code == 2
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err
    assert "Traceback" not in captured.err
    return captured.err


@pytest.mark.parametrize("command", ["get /x", "login"])
@pytest.mark.parametrize("value", ["0", "-1", "-5", "nan", "inf", "1e10", "abc", ""])
def test_timeout_must_be_positive_seconds(
    capsys: pytest.CaptureFixture[str], command: str, value: str
) -> None:
    line = rejected(capsys, *command.split(), f"--timeout={value}")

    assert f"argument --timeout: invalid value {value!r}" in line
    assert "give a positive number of seconds, at most 86400" in line


@pytest.mark.parametrize("value", ["70000", "65536", "-1", "http", "8.5"])
def test_serve_port_range(capsys: pytest.CaptureFixture[str], value: str) -> None:
    line = rejected(capsys, "serve", f"--port={value}")

    assert line == (
        f"ka-explorer serve: argument --port: invalid port {value!r}: give a "
        "number from 0 to 65535 (0 picks a free port).\n"
    )


@pytest.mark.parametrize("value", ["", " ", "a host"])
def test_serve_host_not_blank(capsys: pytest.CaptureFixture[str], value: str) -> None:
    assert "argument --host: invalid host" in rejected(
        capsys, "serve", f"--host={value}"
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("http://[::1", "an IPv6 address needs both brackets"),
        ("http://[::1/x", "an IPv6 address needs both brackets"),
        ("notaurl", "it must start with http:// or https://"),
        ("127.0.0.1:8123", "it must start with http:// or https://"),
        ("ftp://127.0.0.1", "it must start with http:// or https://"),
        ("http://", "it has no host name"),
        ("http://127.0.0.1:99999", "the port must be a number from 1 to 65535"),
        ("http://127.0.0.1:0", "the port must be a number from 1 to 65535"),
        ("http://127.0.0.1:x", "the port must be a number from 1 to 65535"),
        ("http://127.0.0.1/a b", "it contains a space"),
        ("http://[zz]:9/x", "its host is not valid ('zz' does not appear"),
        ("http://[::1]]/x", "its host is not valid ('[::1]]' is not a valid host"),
        ("http://h%zz/", "its host is not valid ('h%zz' is not a valid host"),
    ],
)
@pytest.mark.parametrize("command", ["get /x", "login"])
def test_base_url_checked(
    capsys: pytest.CaptureFixture[str], command: str, value: str, reason: str
) -> None:
    line = rejected(capsys, *command.split(), f"--base-url={value}")

    assert f"argument --base-url: invalid URL {value!r}: {reason}" in line
    assert "Give one such as http://127.0.0.1:8123." in line


def test_window_open_url_checked(capsys: pytest.CaptureFixture[str]) -> None:
    line = rejected(capsys, "--open", "http://[::1/x", "--screenshot", "x.png")

    assert "argument --open: invalid URL 'http://[::1/x'" in line


@pytest.mark.parametrize("command", ["get /x", "login", "serve", ""])
@pytest.mark.parametrize("value", ["", "2020-13-01", "yesterday"])
def test_as_of_must_be_a_date(
    capsys: pytest.CaptureFixture[str], command: str, value: str
) -> None:
    line = rejected(capsys, *command.split(), f"--as-of={value}")

    assert f"argument --as-of: invalid date {value!r}: give it as YYYY-MM-DD" in line


@pytest.mark.parametrize("value", ["G T", "GET/1", "", "G,T"])
def test_method_must_be_a_token(capsys: pytest.CaptureFixture[str], value: str) -> None:
    line = rejected(capsys, "get", "/x", f"--request={value}")

    assert f"argument -X/--request: invalid method {value!r}" in line


def test_unknown_option_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    line = rejected(capsys, "--bogus")

    assert line == (
        "ka-explorer: unrecognized arguments: --bogus; see ka-explorer --help.\n"
    )


@pytest.mark.parametrize("command", ["get /x", "login", "serve"])
def test_unknown_option_names_command_help(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    name = command.split()[0]

    line = rejected(capsys, *command.split(), "--bogus", "x")

    assert line == (
        f"ka-explorer {name}: unrecognized arguments: --bogus x; see "
        f"ka-explorer {name} --help.\n"
    )


@pytest.mark.parametrize("callback", ["loopback", "http://127.0.0.1:9/cb", ""])
def test_oob_conflicts_with_other_callback(
    capsys: pytest.CaptureFixture[str], callback: str
) -> None:
    line = rejected(capsys, "login", "--oob", "--callback", callback)

    assert line.startswith(f"ka-explorer login: --oob and --callback {callback!r} ")
    assert "give only one of them." in line


def test_oob_with_oob_callback_accepted() -> None:
    args = build_parser().parse_args(["login", "--oob", "--callback", "OOB"])

    assert args.oob
    assert args.callback == "OOB"


def test_login_takes_rsa_key() -> None:
    args = build_parser().parse_args(["login", "--rsa-key", "/keys/consumer.pem"])

    assert args.rsa_key == "/keys/consumer.pem"


def test_valid_values_parsed() -> None:
    args = build_parser().parse_args(
        ["get", "/x", "--timeout", "2.5", "--base-url", "http://[::1]:8123/",
         "-X", "post", "--as-of", " 2020-03-01 "]
    )
    serve = build_parser().parse_args(["serve", "--port", "0", "--host", "[::1]"])

    assert args.timeout == 2.5
    assert args.base_url == "http://[::1]:8123"
    assert args.method == "POST"
    assert args.as_of == "2020-03-01"
    assert (serve.port, serve.host) == (0, "::1")


def test_no_arguments_give_the_parsers_defaults() -> None:
    assert window_defaults() == build_parser().parse_args([])
