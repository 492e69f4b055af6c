"""Where oauthlib 4.0.1 and requests-oauthlib 2.0.0 differ from RFC 5849.

Each test shows what the library does and what sign_request does instead.
If a library assertion starts failing after an upgrade, the library changed
and the correction in ka_explorer.oauth1.signing may no longer be needed.
"""

from __future__ import annotations

import base64
import hashlib

import pytest
import requests
import requests_oauthlib
from oauthlib.oauth1 import Client
from oauthlib.oauth1.rfc5849 import signature as oauthlib_signature

from ka_explorer.oauth1 import (
    Credentials,
    OAuth1Auth,
    SignatureMethod,
    sign_request,
)
from tests.unit.oauth1.helpers import header_fields


def test_oauth_version_always_added_by_oauthlib() -> None:
    _, headers, _ = Client("ck", "cs", nonce="n", timestamp="1").sign(
        "http://a.example/"
    )
    ours = sign_request("GET", "http://a.example/", {}, None, Credentials("ck", "cs"))

    assert 'oauth_version="1.0"' in headers["Authorization"]
    assert "oauth_version" not in header_fields(ours)


def test_empty_token_dropped_by_oauthlib() -> None:
    client = Client("ck", "cs", resource_owner_key="", nonce="n", timestamp="1")
    _, headers, _ = client.sign("http://a.example/")
    creds = Credentials("ck", "cs", token="", sign_empty_token=True)
    ours = sign_request("GET", "http://a.example/", {}, None, creds)

    assert "oauth_token" not in headers["Authorization"]
    assert header_fields(ours)["oauth_token"] == ""


def test_brackets_in_query_rejected_by_oauthlib() -> None:
    client = Client("ck", "cs")

    with pytest.raises(ValueError, match="invalid characters"):
        client.sign("http://a.example/?ids[]=1")
    ours = sign_request(
        "GET", "http://a.example/?ids[]=1", {}, None, Credentials("ck", "cs")
    )
    assert ("ids[]", "1") in [(p.name, p.value) for p in ours.debug.parameters]


def test_oauth_values_in_query_decoded_twice_by_oauthlib() -> None:
    params = oauthlib_signature.collect_parameters(
        uri_query="oauth_callback=http%253A%252F%252Fx"
    )
    ours = sign_request(
        "GET",
        "http://a.example/?oauth_callback=http%253A%252F%252Fx",
        {},
        None,
        Credentials("ck", "cs"),
    )

    assert params == [("oauth_callback", "http://x")]
    assert ("oauth_callback", "http%3A%2F%2Fx") in [
        (p.name, p.value) for p in ours.debug.parameters
    ]


def test_body_hash_always_sha1_in_oauthlib() -> None:
    body = '{"a":1}'
    client = Client(
        "ck", "cs", signature_method="HMAC-SHA256", nonce="n", timestamp="1"
    )
    _, headers, _ = client.sign(
        "http://a.example/",
        "POST",
        body=body,
        headers={"Content-Type": "application/json"},
    )
    creds = Credentials("ck", "cs", signature_method=SignatureMethod.HMAC_SHA256)
    ours = sign_request(
        "POST", "http://a.example/", {"Content-Type": "application/json"}, body, creds
    )
    sha1 = base64.b64encode(hashlib.sha1(body.encode()).digest()).decode()
    sha256 = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()

    assert sha1.replace("=", "%3D") in headers["Authorization"]
    assert header_fields(ours)["oauth_body_hash"] == sha256


def test_no_body_hash_from_requests_oauthlib() -> None:
    theirs = requests.Request(
        "POST",
        "http://a.example/",
        json={"a": 1},
        auth=requests_oauthlib.OAuth1("ck", "cs"),
    ).prepare()
    ours = requests.Request(
        "POST",
        "http://a.example/",
        json={"a": 1},
        auth=OAuth1Auth(Credentials("ck", "cs")),
    ).prepare()

    assert b"oauth_body_hash" not in theirs.headers["Authorization"]  # type: ignore[operator]
    assert "oauth_body_hash" in ours.headers["Authorization"]


def test_form_guessed_by_requests_oauthlib_without_content_type() -> None:
    theirs = requests.Request(
        "POST",
        "http://a.example/",
        data="a=1",
        auth=requests_oauthlib.OAuth1("ck", "cs"),
    ).prepare()
    auth = OAuth1Auth(Credentials("ck", "cs"))
    ours = requests.Request(
        "POST", "http://a.example/", data="a=1", auth=auth
    ).prepare()

    assert theirs.headers["Content-Type"] == b"application/x-www-form-urlencoded"
    assert "Content-Type" not in ours.headers
    assert auth.last_debug is not None
    assert "a" not in [p.name for p in auth.last_debug.parameters]
