"""sign_request: parameter collection, encoding, placement and options."""

from __future__ import annotations

import pytest
import requests

from ka_explorer.oauth1 import (
    Credentials,
    OAuth1Auth,
    Placement,
    SignatureMethod,
    SigningError,
    sign_request,
)
from tests.unit.oauth1.helpers import header_fields

CREDS = Credentials("ck", "cs", token="tk", token_secret="ts")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def signed_pairs(
    url: str, headers=None, body=None, creds=CREDS
) -> list[tuple[str, str]]:
    signed = sign_request(
        "POST", url, headers or {}, body, creds, nonce="n", timestamp="1"
    )
    return [(p.name, p.value) for p in signed.debug.parameters if p.source != "oauth"]


def normalized(url: str, headers=None, body=None, creds=CREDS) -> str:
    signed = sign_request(
        "POST", url, headers or {}, body, creds, nonce="n", timestamp="1"
    )
    return signed.debug.normalized_parameters


def test_query_plus_is_space() -> None:
    assert signed_pairs("http://example.com/?q=a+b") == [("q", "a b")]
    assert normalized("http://example.com/?q=a+b").startswith("oauth_")
    assert "q=a%20b" in normalized("http://example.com/?q=a+b")


def test_query_encoded_plus_is_plus() -> None:
    assert signed_pairs("http://example.com/?q=a%2Bb") == [("q", "a+b")]
    assert "q=a%2Bb" in normalized("http://example.com/?q=a%2Bb")


def test_query_brackets_in_names() -> None:
    pairs = signed_pairs("http://example.com/?ids[]=1&ids[]=2&m[a]=x")

    assert pairs == [("ids[]", "1"), ("ids[]", "2"), ("m[a]", "x")]
    assert normalized("http://example.com/?ids[]=1&ids[]=2").startswith(
        "ids%5B%5D=1&ids%5B%5D=2&"
    )


def test_query_non_ascii_value_typed_raw() -> None:
    pairs = signed_pairs("http://example.com/?q=café&ü=1")

    assert pairs == [("q", "café"), ("ü", "1")]
    assert "q=caf%C3%A9" in normalized("http://example.com/?q=café")


def test_query_non_ascii_sent_percent_encoded() -> None:
    signed = sign_request("GET", "http://example.com/?q=café", {}, None, CREDS)

    assert signed.url == "http://example.com/?q=caf%C3%A9"


def test_query_non_utf8_bytes_kept() -> None:
    assert "q=%FF%FE" in normalized("http://example.com/?q=%FF%FE")


def test_query_valueless_and_empty_names() -> None:
    pairs = signed_pairs("http://example.com/?flag&empty=&=v&&x=1")

    assert pairs == [("flag", ""), ("empty", ""), ("", "v"), ("x", "1")]
    text = normalized("http://example.com/?flag&empty=")
    assert "empty=&flag=&oauth" in text


def test_query_value_with_equals_and_ampersand_encoded() -> None:
    pairs = signed_pairs("http://example.com/?a=b%3Dc%26d&e==f")

    assert pairs == [("a", "b=c&d"), ("e", "=f")]


def test_query_tilde_written_encoded_is_tilde() -> None:
    assert signed_pairs("http://example.com/?a=%7E") == [("a", "~")]
    assert "a=~&" in normalized("http://example.com/?a=%7E")


def test_path_encoded_as_sent() -> None:
    signed = sign_request("GET", "http://example.com/a b/ü/%7E", {}, None, CREDS)

    assert signed.debug.base_string_uri == "http://example.com/a%20b/%C3%BC/~"
    assert signed.url == "http://example.com/a%20b/%C3%BC/~"


def test_dot_segments_removed_as_sent() -> None:
    signed = sign_request("GET", "http://example.com/a/./b/../c/.", {}, None, CREDS)

    assert signed.url == "http://example.com/a/c/"
    assert signed.debug.base_string_uri == "http://example.com/a/c/"


def test_method_uppercased() -> None:
    signed = sign_request("get", "http://example.com/", {}, None, CREDS)

    assert signed.method == "GET"
    assert signed.debug.base_string.startswith("GET&")


def test_parameter_names_encoded_like_values() -> None:
    body = [("a b", "1"), ("c@d", "2"), ("é", "3"), ("x*", "4")]
    text = normalized("http://example.com/", body=body)

    assert text == (
        "%C3%A9=3&a%20b=1&c%40d=2&oauth_consumer_key=ck&oauth_nonce=n&"
        "oauth_signature_method=HMAC-SHA1&oauth_timestamp=1&oauth_token=tk&x%2A=4"
    )


def test_empty_token_omitted_by_default() -> None:
    creds = Credentials("ck", "cs", token="")
    signed = sign_request("GET", "http://example.com/", {}, None, creds)

    assert "oauth_token" not in header_fields(signed)


def test_empty_token_signed_when_asked() -> None:
    creds = Credentials("ck", "cs", sign_empty_token=True)
    signed = sign_request(
        "GET", "http://example.com/", {}, None, creds, nonce="n", timestamp="1"
    )

    assert header_fields(signed)["oauth_token"] == ""
    assert "oauth_token=&" not in signed.debug.normalized_parameters
    assert signed.debug.normalized_parameters.endswith("oauth_token=")


def test_version_only_when_asked() -> None:
    plain = sign_request("GET", "http://example.com/", {}, None, CREDS)
    versioned = sign_request(
        "GET",
        "http://example.com/",
        {},
        None,
        Credentials("ck", "cs", include_version=True),
    )

    assert "oauth_version" not in header_fields(plain)
    assert header_fields(versioned)["oauth_version"] == "1.0"


def test_fixed_nonce_and_timestamp_reproduce() -> None:
    one = sign_request(
        "GET", "http://example.com/", {}, None, CREDS, nonce="x", timestamp=42
    )
    two = sign_request(
        "GET", "http://example.com/", {}, None, CREDS, nonce="x", timestamp="42"
    )

    assert one.headers == two.headers
    assert header_fields(one)["oauth_timestamp"] == "42"


def test_generated_nonces_differ() -> None:
    one = sign_request("GET", "http://example.com/", {}, None, CREDS)
    two = sign_request("GET", "http://example.com/", {}, None, CREDS)

    assert header_fields(one)["oauth_nonce"] != header_fields(two)["oauth_nonce"]


@pytest.mark.parametrize(
    ("method", "digest_length"),
    [
        (SignatureMethod.HMAC_SHA1, 20),
        (SignatureMethod.HMAC_SHA256, 32),
        (SignatureMethod.HMAC_SHA512, 64),
    ],
)
def test_hmac_body_hash_follows_method(
    method: SignatureMethod, digest_length: int
) -> None:
    import base64

    creds = Credentials("ck", "cs", signature_method=method)
    signed = sign_request(
        "POST",
        "http://example.com/",
        {"Content-Type": "application/json"},
        b'{"a": 1}',
        creds,
    )
    digest = base64.b64decode(header_fields(signed)["oauth_body_hash"])

    assert len(digest) == digest_length


def test_body_hash_can_be_switched_off() -> None:
    creds = Credentials("ck", "cs", body_hash=False)
    signed = sign_request(
        "POST", "http://example.com/", {"Content-Type": "text/plain"}, "hello", creds
    )

    assert "oauth_body_hash" not in header_fields(signed)
    assert any("not signed" in note for note in signed.debug.notes)


def test_empty_non_form_body_has_no_body_hash() -> None:
    signed = sign_request(
        "POST", "http://example.com/", {"Content-Type": "text/plain"}, b"", CREDS
    )

    assert "oauth_body_hash" not in header_fields(signed)


def test_form_body_bytes_stay_bytes() -> None:
    creds = Credentials("ck", "cs", placement=Placement.BODY)
    signed = sign_request("POST", "http://example.com/", FORM, b"a=1", creds)

    assert isinstance(signed.body, bytes)
    assert signed.body.startswith(b"a=1&oauth_consumer_key=ck&")


def test_form_content_type_with_charset_is_form() -> None:
    headers = {"content-type": "Application/X-WWW-Form-Urlencoded; charset=UTF-8"}

    assert signed_pairs("http://example.com/", headers, "a=1") == [("a", "1")]


def test_body_placement_rejects_json_body() -> None:
    creds = Credentials("ck", "cs", placement=Placement.BODY)

    with pytest.raises(SigningError, match="only when the body is a form"):
        sign_request(
            "POST",
            "http://example.com/",
            {"Content-Type": "application/json"},
            "{}",
            creds,
        )


def test_body_placement_on_empty_body_makes_form() -> None:
    creds = Credentials("ck", "cs", placement=Placement.BODY)
    signed = sign_request(
        "POST", "http://example.com/", {}, None, creds, nonce="n", timestamp="1"
    )

    assert signed.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert str(signed.body).startswith("oauth_consumer_key=ck&")


def test_query_placement_keeps_existing_query_bytes() -> None:
    creds = Credentials("ck", "cs", placement=Placement.QUERY)
    signed = sign_request(
        "GET",
        "http://example.com/p?b=2&a=x+y&c",
        {},
        None,
        creds,
        nonce="n",
        timestamp="1",
    )

    assert signed.url.startswith(
        "http://example.com/p?b=2&a=x+y&c&oauth_consumer_key=ck"
    )
    assert "Authorization" not in signed.headers


def test_header_placement_replaces_existing_authorization() -> None:
    signed = sign_request(
        "GET", "http://example.com/", {"authorization": "Basic x"}, None, CREDS
    )

    assert list(signed.headers) == ["Authorization"]
    assert signed.headers["Authorization"].startswith("OAuth ")


def test_realm_with_quote_is_escaped() -> None:
    signed = sign_request(
        "GET",
        "http://example.com/",
        {},
        None,
        Credentials("ck", "cs", realm='a "b" \\c'),
    )

    assert signed.headers["Authorization"].startswith('OAuth realm="a \\"b\\" \\\\c", ')


@pytest.mark.parametrize("url", ["ftp://example.com/", "example.com/x", "http:///x"])
def test_invalid_url_reports_value(url: str) -> None:
    with pytest.raises(SigningError, match="Cannot sign"):
        sign_request("GET", url, {}, None, CREDS)


def test_unsupported_body_type_reports_clearly() -> None:
    with pytest.raises(SigningError, match="body of type"):
        sign_request("POST", "http://example.com/", {}, [1, 2], CREDS)  # type: ignore[list-item]


def test_auth_hook_signs_prepared_request() -> None:
    auth = OAuth1Auth(
        Credentials("ck", "cs", placement=Placement.BODY), nonce="n", timestamp="1"
    )
    prepared = requests.Request(
        "POST", "http://example.com/x?q=1", data={"a": "b c"}, auth=auth
    ).prepare()

    assert prepared.body == (
        "a=b+c&oauth_consumer_key=ck&oauth_signature_method="
        "HMAC-SHA1&oauth_timestamp=1&oauth_nonce=n&oauth_"
        f"signature={_encoded(auth.last_debug.signature)}"
    )  # type: ignore[union-attr]
    assert prepared.headers["Content-Length"] == str(len(prepared.body))
    assert auth.last_debug is not None
    assert ("a", "b c") in [(p.name, p.value) for p in auth.last_debug.parameters]


def test_auth_hook_hashes_json_body() -> None:
    auth = OAuth1Auth(CREDS)
    prepared = requests.Request(
        "POST", "http://example.com/x", json={"a": 1}, auth=auth
    ).prepare()

    assert "oauth_body_hash=" in prepared.headers["Authorization"]


def test_auth_hook_rejects_streamed_body() -> None:
    auth = OAuth1Auth(CREDS)

    with pytest.raises(SigningError, match="streamed"):
        requests.Request(
            "POST", "http://example.com/x", data=iter([b"a"]), auth=auth
        ).prepare()


def test_credentials_repr_masks_secrets() -> None:
    text = repr(Credentials("ck", "consumer-secret", token="tok", token_secret="tsec"))

    assert "consumer-secret" not in text
    assert "tsec" not in text
    assert "ck" in text


def _encoded(value: str) -> str:
    import urllib.parse

    return urllib.parse.quote(value, safe="")
