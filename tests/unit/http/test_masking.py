"""Masking OAuth secrets in URLs, headers, bodies and free text."""

from __future__ import annotations

import pytest

from ka_explorer.http.masking import (
    mask_authorization,
    mask_body,
    mask_form,
    mask_header,
    mask_text,
    mask_url,
)

HEADER = ('OAuth realm="r", oauth_consumer_key="key", oauth_token="tok", '
          'oauth_signature_method="HMAC-SHA1", oauth_signature="c2ln%3D"')


def test_authorization_keeps_public_parameters() -> None:
    masked = mask_authorization(HEADER)
    assert 'oauth_consumer_key="key"' in masked
    assert 'oauth_signature_method="HMAC-SHA1"' in masked
    assert 'oauth_token="****"' in masked
    assert 'oauth_signature="****"' in masked
    assert "tok" not in masked.replace("oauth_token", "")


def test_other_authorization_schemes_are_masked_whole() -> None:
    assert mask_authorization("Bearer abc.def") == "Bearer ****"
    assert mask_authorization("opaque") == "****"


def test_form_masks_only_secret_values() -> None:
    text = "a=1&oauth_token=tok&b=%20x&oauth_verifier=v&oauth_nonce=n"
    expected = "a=1&oauth_token=****&b=%20x&oauth_verifier=****&oauth_nonce=n"
    assert mask_form(text) == expected


def test_form_does_not_mask_lookalike_names() -> None:
    assert mask_form("my_oauth_token=x") == "my_oauth_token=x"


def test_url_query_is_masked() -> None:
    url = "http://h/p?oauth_signature=abc&page=2"
    assert mask_url(url) == "http://h/p?oauth_signature=****&page=2"
    assert mask_url("http://h/p") == "http://h/p"


def test_token_response_body_is_masked() -> None:
    body = b"oauth_token_secret=s3&oauth_token=t1"
    assert mask_body(body) == b"oauth_token_secret=****&oauth_token=****"
    assert mask_body(b'{"a": 1}') == b'{"a": 1}'


@pytest.mark.parametrize("name", ["Cookie", "Set-Cookie"])
def test_cookie_values_are_masked(name: str) -> None:
    assert mask_header(name, "sid=abc; Path=/") == "sid=****; Path=****"


def test_plain_headers_are_kept() -> None:
    assert mask_header("Accept", "application/json") == "application/json"


def test_base_string_in_server_text_is_masked() -> None:
    text = ("Expected signature base string: GET&http%3A%2F%2Fh%2Fp&"
            "oauth_consumer_key%3Dk%26oauth_token%3Dsecret%26oauth_version%3D1.0")
    masked = mask_text(text)
    assert "secret" not in masked
    assert "oauth_token%3D****%26oauth_version" in masked
    assert "oauth_consumer_key%3Dk" in masked
