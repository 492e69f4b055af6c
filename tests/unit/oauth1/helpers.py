"""Shared helpers of the oauth1 tests."""

from __future__ import annotations

import functools
import re
import urllib.parse
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ka_explorer.oauth1 import SignedRequest

REPO = Path(__file__).resolve().parents[3]
REFERENCE = REPO.parent / "shared" / "reference"

_HEADER_FIELD = re.compile(r'([\w.~%-]+)="([^"]*)"')


def header_fields(signed: SignedRequest) -> dict[str, str]:
    """Return the Authorization header fields, percent-decoded (realm raw)."""
    header = signed.headers["Authorization"]
    assert header.startswith("OAuth ")
    return {
        name: value if name == "realm" else urllib.parse.unquote(value)
        for name, value in _HEADER_FIELD.findall(header)
    }


def raw_header_value(signed: SignedRequest, name: str) -> str:
    """Return one Authorization header field exactly as sent (still encoded)."""
    return dict(_HEADER_FIELD.findall(signed.headers["Authorization"]))[name]


def signature_of(signed: SignedRequest) -> str:
    """Return the decoded oauth_signature wherever the request carries it."""
    if "Authorization" in signed.headers:
        return header_fields(signed)["oauth_signature"]
    query = urllib.parse.urlsplit(signed.url).query
    body = signed.body.decode() if isinstance(signed.body, bytes) else signed.body or ""
    fields = urllib.parse.parse_qs(query) | urllib.parse.parse_qs(body)
    return fields["oauth_signature"][0]


def reference_file(name: str) -> Path:
    """Return a file of the shared reference folder, skipping when absent."""
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"{path} is not present beside the repository")
    return path


def rsa_test_key() -> str:
    """Return the public RSA test key of the RSA-SHA1 test vector."""
    return reference_file("rsa-test-key.pem").read_text(encoding="ascii")


@functools.cache
def generated_rsa_key() -> str:
    """Return a private RSA key made for this test run, for servers that need
    some key but verify no RSA signature."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
