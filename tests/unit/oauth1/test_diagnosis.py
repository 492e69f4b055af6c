"""diagnose_401 and SignatureDebug.format: what was signed against what was expected."""

from __future__ import annotations

import pytest

from ka_explorer.oauth1 import (
    Credentials,
    Placement,
    SignatureMethod,
    diagnose_401,
    expected_base_string,
    sign_request,
)

CREDS = Credentials("ck", "consumer-secret", token="tok", token_secret="token-secret")


def debug_for(url: str, method: str = "GET", **kwargs: object):  # type: ignore[no-untyped-def]
    return sign_request(
        method, url, {}, None, CREDS, nonce="n", timestamp="1", **kwargs
    ).debug  # type: ignore[arg-type]


def khan_401(base_string: str) -> str:
    return (
        f"OAuth error. Invalid signature. Expected signature base string: {base_string}"
    )


@pytest.mark.parametrize(
    ("signed_url", "server_url", "part", "words"),
    [
        (
            "http://api.example.com/v1/x",
            "https://api.example.com/v1/x",
            "scheme",
            "signed http, the server saw https",
        ),
        (
            "http://api.example.com/v1/x",
            "http://www.example.com/v1/x",
            "host",
            "signed api.example.com",
        ),
        (
            "http://api.example.com:8080/v1/x",
            "http://api.example.com/v1/x",
            "port",
            "signed 8080",
        ),
        (
            "http://api.example.com/V1/X",
            "http://api.example.com/v1/x",
            "path",
            "letter case",
        ),
        (
            "http://api.example.com/v1/x/",
            "http://api.example.com/v1/x",
            "path",
            "trailing slash",
        ),
        (
            "http://api.example.com/v1/a%20b",
            "http://api.example.com/v1/a+b",
            "path",
            "percent-encoding",
        ),
        (
            "http://api.example.com/v1/x",
            "http://api.example.com/v2/y",
            "path",
            "check the base URL",
        ),
    ],
)
def test_uri_difference_named(
    signed_url: str, server_url: str, part: str, words: str
) -> None:
    signed = debug_for(signed_url)
    expected = debug_for(server_url).base_string

    diagnosis = diagnose_401(signed, khan_401(expected))

    assert diagnosis.differences[0].part == part
    assert words in diagnosis.likely_cause
    assert diagnosis.first_difference is not None
    assert (
        signed.base_string[: diagnosis.first_difference]
        == (expected[: diagnosis.first_difference])
    )


def test_method_difference_named() -> None:
    diagnosis = diagnose_401(
        debug_for("http://a.example/x", "POST"),
        khan_401(debug_for("http://a.example/x").base_string),
    )

    assert diagnosis.differences[0].part == "method"
    assert "signed POST, the server checked GET" in diagnosis.likely_cause
    assert diagnosis.first_difference == 0


def test_unsigned_parameter_named() -> None:
    diagnosis = diagnose_401(
        debug_for("http://a.example/x"),
        khan_401(debug_for("http://a.example/x?page=2").base_string),
    )

    assert "Unsigned parameter(s) page" in diagnosis.likely_cause


def test_extra_parameter_named() -> None:
    diagnosis = diagnose_401(
        debug_for("http://a.example/x?page=2"),
        khan_401(debug_for("http://a.example/x").base_string),
    )

    assert "Extra parameter(s) page" in diagnosis.likely_cause


def test_double_decoding_named_as_encoding() -> None:
    diagnosis = diagnose_401(
        debug_for("http://a.example/x?foo=first%252Csecond"),
        khan_401(debug_for("http://a.example/x?foo=first%2Csecond").base_string),
    )

    assert diagnosis.differences[0].part == "encoding"
    assert "percent-decoded on one side only" in diagnosis.likely_cause


def test_plus_read_as_space_named() -> None:
    diagnosis = diagnose_401(
        debug_for("http://a.example/x?q=a%2Bb"),
        khan_401(debug_for("http://a.example/x?q=a+b").base_string),
    )

    assert "A + in q was read as a space" in diagnosis.likely_cause


def test_same_base_string_points_at_key() -> None:
    debug = debug_for("http://a.example/x")

    diagnosis = diagnose_401(debug, khan_401(debug.base_string))

    assert diagnosis.differences == ()
    assert diagnosis.first_difference is None
    assert "signing key differs" in diagnosis.likely_cause


def test_flickr_debug_sbs_found() -> None:
    text = "oauth_problem=signature_invalid&debug_sbs=GET&http%3A%2F%2Fa%2F&x%3D1"

    assert expected_base_string(text) == "GET&http%3A%2F%2Fa%2F&x%3D1"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("OAuth error. Invalid timestamp", "clock"),
        ("OAuth error. Nonce already used", "nonce"),
        ("OAuth error. Invalid access token", "sign in again"),
        ("Unknown consumer", "consumer key"),
        ("Unauthorized", "did not say"),
    ],
)
def test_cause_without_base_string(text: str, words: str) -> None:
    diagnosis = diagnose_401(debug_for("http://a.example/x"), text)

    assert diagnosis.expected_base_string is None
    assert words in diagnosis.likely_cause


def test_diagnosis_format_shows_both_and_caret() -> None:
    signed = debug_for("http://a.example/x")
    text = diagnose_401(
        signed, khan_401(debug_for("https://a.example/x").base_string)
    ).format()

    assert "Signed base string:   GET&http%3A" in text
    assert "Expected base string: GET&https%3A" in text
    assert "First difference at character 8" in text
    assert "Likely cause: The scheme differs" in text


def test_debug_format_masks_secrets() -> None:
    debug = debug_for("http://a.example/x?b=2&a=1")
    text = debug.format()

    assert "consumer-secret" not in text
    assert "token-secret" not in text
    assert "Signing key: ****(15 chars)&****(12 chars)" in text
    assert text.index("  a = '1'") < text.index("  b = '2'")
    assert f"Signature base string: {debug.base_string}" in text


def test_debug_format_masks_plaintext_signature() -> None:
    creds = Credentials(
        "ck",
        "consumer-secret",
        signature_method=SignatureMethod.PLAINTEXT,
        placement=Placement.QUERY,
    )
    debug = sign_request("GET", "http://a.example/", {}, None, creds).debug

    assert "consumer-secret" not in debug.format()
    assert "PLAINTEXT sends the key itself" in debug.signature


def test_diagnosis_format_quotes_json_on_one_line() -> None:
    debug = debug_for("http://a.example/x")
    text = diagnose_401(debug, '{\n  "errors": [\n    {"code": 32}\n  ]\n}').format()

    assert text.splitlines()[0] == 'Server said: { "errors": [ {"code": 32} ] }'
