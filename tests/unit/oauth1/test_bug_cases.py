"""Known OAuth 1.0a client faults, one kind per test group, with expected values."""

from __future__ import annotations

import urllib.parse

import pytest

from ka_explorer.oauth1 import (
    Credentials,
    Placement,
    RsaKeyError,
    SignatureMethod,
    sign_request,
)
from tests.unit.oauth1.helpers import header_fields, raw_header_value, rsa_test_key

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
CK_CS = Credentials("ck", "cs", include_version=True)


def test_percent_encoded_query_value_is_decoded_once() -> None:
    creds = Credentials("a", "b", token="123", token_secret="abc", include_version=True)
    signed = sign_request(
        "GET",
        "http://localhost:4567/fun?foo=first%2Csecond",
        {},
        None,
        creds,
        nonce="3",
        timestamp="123",
    )

    assert signed.debug.base_string == (
        "GET&http%3A%2F%2Flocalhost%3A4567%2Ffun&foo%3Dfirst%252Csecond%26"
        "oauth_consumer_key%3Da%26oauth_nonce%3D3%26oauth_signature_method%3D"
        "HMAC-SHA1%26oauth_timestamp%3D123%26oauth_token%3D123%26oauth_version%3D1.0"
    )
    assert header_fields(signed)["oauth_signature"] == "cdQQuXon1opN/3wj5APnIF5NAMg="
    assert signed.url == "http://localhost:4567/fun?foo=first%2Csecond"


def test_form_body_parameters_are_signed() -> None:
    signed = sign_request(
        "POST",
        "https://api.example.com/1.1/statuses/update.json",
        FORM,
        "status=hello+world",
        CK_CS,
        nonce="n",
        timestamp="1",
    )

    assert signed.debug.normalized_parameters.endswith(
        "&oauth_version=1.0&status=hello%20world"
    )


def test_json_body_is_not_signed_as_parameters() -> None:
    signed = sign_request(
        "POST",
        "https://api.example.com/1.1/statuses/update.json",
        {"Content-Type": "application/json"},
        "status=hello+world",
        CK_CS,
        nonce="n",
        timestamp="1",
    )

    assert "status" not in signed.debug.normalized_parameters
    assert "oauth_body_hash" in signed.debug.normalized_parameters


def test_untyped_body_not_signed_as_form() -> None:
    signed = sign_request(
        "POST", "https://api.example.com/x", {}, "a=1", CK_CS, nonce="n", timestamp="1"
    )

    assert "a=1" not in signed.debug.normalized_parameters


def test_form_values_with_space_and_at_sign() -> None:
    creds = Credentials("ck", "cs", include_version=True)
    signed = sign_request(
        "POST",
        "https://api.example.com/users",
        {},
        [("name", "Test User"), ("email", "test@test.com")],
        creds,
        nonce="n",
        timestamp="1",
    )

    assert signed.debug.normalized_parameters.startswith(
        "email=test%40test.com&name=Test%20User&oauth_consumer_key=ck&"
    )
    assert signed.body == "name=Test%20User&email=test%40test.com"
    assert signed.headers["Content-Type"] == "application/x-www-form-urlencoded"


def test_duplicate_names_kept_and_sorted_by_value() -> None:
    signed = sign_request(
        "POST",
        "https://api.example.com/0.1/fileops/access",
        FORM,
        "a=123&a=12",
        CK_CS,
        nonce="g05Hmr",
        timestamp="1381990714",
    )

    assert signed.debug.normalized_parameters.startswith("a=12&a=123&oauth_")
    assert set(header_fields(signed)) == {
        "oauth_consumer_key",
        "oauth_signature_method",
        "oauth_timestamp",
        "oauth_nonce",
        "oauth_version",
        "oauth_signature",
    }


def test_duplicate_names_across_query_and_body() -> None:
    signed = sign_request(
        "POST",
        "https://api.example.com/x?a=2&a=10",
        FORM,
        "a=1&a=10",
        CK_CS,
        nonce="n",
        timestamp="1",
    )

    assert signed.debug.normalized_parameters.startswith("a=1&a=10&a=10&a=2&")


@pytest.mark.parametrize(
    ("consumer_secret", "token_secret", "signature", "raw"),
    [
        ("cs", "ts", "cs&ts", "cs%26ts"),
        ("", "S3cr/t+", "&S3cr%2Ft%2B", "%26S3cr%252Ft%252B"),
        ("ja893SD9", "", "ja893SD9&", "ja893SD9%26"),
    ],
)
def test_plaintext_sends_the_key_not_the_base_string(
    consumer_secret: str, token_secret: str, signature: str, raw: str
) -> None:
    creds = Credentials(
        "ck",
        consumer_secret,
        token="t",
        token_secret=token_secret,
        signature_method=SignatureMethod.PLAINTEXT,
    )
    signed = sign_request("GET", "https://api.example.com/x?q=1", {}, None, creds)

    assert header_fields(signed)["oauth_signature"] == signature
    assert raw_header_value(signed, "oauth_signature") == raw


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://API.Example.COM:443/Users/Me", "https://api.example.com/Users/Me"),
        ("http://localhost:8080/myService", "http://localhost:8080/myService"),
        ("HTTP://EXAMPLE.COM:80/r%20v/X?id=123", "http://example.com/r%20v/X"),
        ("https://example.com:80/a", "https://example.com:80/a"),
        ("http://example.com:443/a", "http://example.com:443/a"),
        ("http://example.com", "http://example.com/"),
        ("http://example.com/a b/C", "http://example.com/a%20b/C"),
        ("http://example.com/p?q=1#frag", "http://example.com/p"),
        ("http://[::1]:8080/p", "http://[::1]:8080/p"),
    ],
)
def test_base_uri_normalization(url: str, expected: str) -> None:
    signed = sign_request("GET", url, {}, None, CK_CS, nonce="n", timestamp="1")

    assert signed.debug.base_string_uri == expected
    assert signed.debug.base_string.startswith(
        "GET&" + urllib.parse.quote(expected, safe="") + "&"
    )


def test_localhost_port_in_base_string() -> None:
    signed = sign_request(
        "GET",
        "http://localhost:8080/myService",
        {},
        None,
        CK_CS,
        nonce="n",
        timestamp="1",
    )

    assert "http%3A%2F%2Flocalhost%3A8080%2FmyService" in signed.debug.base_string


def test_fragment_never_reaches_parameters_or_url() -> None:
    signed = sign_request(
        "GET", "http://example.com/p?q=1#x=2", {}, None, CK_CS, nonce="n", timestamp="1"
    )

    assert "x" not in [p.name for p in signed.debug.parameters]
    assert "#" not in signed.url


def test_reserved_characters_encoded_and_tilde_kept() -> None:
    signed = sign_request(
        "POST",
        "https://api.twitter.com/1.1/statuses/update.json",
        {},
        [("status", "This is a tweet! ~ (it's *great*)")],
        Credentials("ck", "cs", include_version=True),
        nonce="n",
        timestamp="1",
    )

    assert signed.debug.normalized_parameters.endswith(
        "status=This%20is%20a%20tweet%21%20~%20%28it%27s%20%2Agreat%2A%29"
    )
    assert "~" in signed.body  # type: ignore[operator]


@pytest.mark.parametrize("placement", [Placement.QUERY, Placement.BODY])
def test_signature_encoded_in_query_and_body(placement: Placement) -> None:
    creds = Credentials("ck", "cs", placement=placement)
    for nonce in range(200):
        signed = sign_request(
            "POST",
            "https://api.example.com/x",
            {},
            None,
            creds,
            nonce=str(nonce),
            timestamp="1",
        )
        signature = signed.debug.signature
        if "+" in signature and "/" in signature:
            break
    carrier = signed.url if placement is Placement.QUERY else signed.body
    encoded = urllib.parse.quote(signature, safe="")

    assert f"oauth_signature={encoded}" in carrier  # type: ignore[operator]
    decoded = dict(
        urllib.parse.parse_qsl(
            urllib.parse.urlsplit(carrier).query
            if placement is Placement.QUERY
            else carrier
        )
    )  # type: ignore[arg-type]
    assert decoded["oauth_signature"] == signature


def test_query_parameters_stay_out_of_header() -> None:
    signed = sign_request(
        "GET",
        "http://test.com/api/invoices?skip=0&take=100",
        {},
        None,
        Credentials("ck", "cs", realm="Invoices"),
        nonce="n",
        timestamp="1",
    )
    fields = header_fields(signed)

    assert "skip" not in fields
    assert "take" not in fields
    assert fields["realm"] == "Invoices"
    assert signed.headers["Authorization"].startswith('OAuth realm="Invoices", ')
    assert signed.url == "http://test.com/api/invoices?skip=0&take=100"


def test_realm_not_signed() -> None:
    creds = Credentials(
        "dpf43f3p2l4k3l03",
        "kd94hf93k423kf44",
        token="nnch734d00sl2jdk",
        token_secret="pfkkdhi9sl3r4s00",
        realm="Photos",
    )
    signed = sign_request(
        "GET",
        "http://photos.example.net/photos?file=vacation.jpg&size=original",
        {},
        None,
        creds,
        nonce="chapoH",
        timestamp="137131202",
    )

    assert header_fields(signed)["oauth_signature"] == "MdpQcU8iPSUjWoN/UDMsK2sui9I="
    assert "realm" not in signed.debug.normalized_parameters


@pytest.mark.parametrize("placement", [Placement.QUERY, Placement.BODY])
def test_realm_never_sent_outside_header(placement: Placement) -> None:
    creds = Credentials("ck", "cs", realm="Photos", placement=placement)
    signed = sign_request("POST", "https://api.example.com/x", {}, None, creds)

    assert "realm" not in signed.url
    assert "realm" not in str(signed.body)
    assert any("realm" in note for note in signed.debug.notes)


def test_oob_callback_signed() -> None:
    signed = sign_request(
        "POST",
        "https://photos.example.net/initiate",
        {},
        None,
        Credentials("dpf43f3p2l4k3l03", "kd94hf93k423kf44"),
        nonce="wIjqoS",
        timestamp="137131200",
        callback="oob",
    )

    assert signed.debug.base_string == (
        "POST&https%3A%2F%2Fphotos.example.net%2Finitiate&oauth_callback%3Doob%26"
        "oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DwIjqoS%26"
        "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131200"
    )
    assert header_fields(signed)["oauth_signature"] == "WfofZ7hlNLfvzthX90prqM9Qr+A="


def test_rsa_ignores_token_secret() -> None:
    base = Credentials(
        "dpf43f3p2l4k3l03",
        signature_method=SignatureMethod.RSA_SHA1,
        rsa_key_pem=rsa_test_key(),
        token="t",
    )
    url = "http://photos.example.net/photos"
    one = sign_request(
        "GET", url, {}, None, base.with_token("t", "secret-a"), nonce="n", timestamp="1"
    )
    two = sign_request(
        "GET", url, {}, None, base.with_token("t", "secret-b"), nonce="n", timestamp="1"
    )

    assert one.debug.signature == two.debug.signature
    assert "RSA private key" in one.debug.signing_key


def test_rsa_without_key_reports_clearly() -> None:
    creds = Credentials("ck", signature_method=SignatureMethod.RSA_SHA1)

    with pytest.raises(RsaKeyError, match="need a private key"):
        sign_request("GET", "http://example.com/", {}, None, creds)
