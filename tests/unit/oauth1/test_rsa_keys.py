"""RSA private keys: each way a key can be wrong gives its own message."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from ka_explorer.oauth1 import Credentials, RsaKeyError, SignatureMethod, sign_request
from ka_explorer.oauth1.rsa_keys import read_rsa_key_file, unencrypted_pem


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def encrypted(key: rsa.RSAPrivateKey, passphrase: bytes) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    ).decode()


def traditional(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()


def test_missing_file_named(tmp_path: Path) -> None:
    with pytest.raises(RsaKeyError, match="not found; check the path") as caught:
        read_rsa_key_file(tmp_path / "absent.pem")

    assert "absent.pem" in str(caught.value)


def test_binary_file_reported(tmp_path: Path) -> None:
    path = tmp_path / "key.der"
    path.write_bytes(b"\x30\x82\xff\xfe")

    with pytest.raises(RsaKeyError, match="Give a PEM file"):
        read_rsa_key_file(path)


def test_encrypted_key_without_passphrase(rsa_key: rsa.RSAPrivateKey) -> None:
    with pytest.raises(RsaKeyError, match="encrypted; enter its passphrase"):
        unencrypted_pem(encrypted(rsa_key, b"right"))


def test_encrypted_key_with_wrong_passphrase(rsa_key: rsa.RSAPrivateKey) -> None:
    with pytest.raises(RsaKeyError, match="passphrase .* is wrong"):
        unencrypted_pem(encrypted(rsa_key, b"right"), "wrong")


def test_encrypted_key_with_right_passphrase_signs(rsa_key: rsa.RSAPrivateKey) -> None:
    creds = Credentials(
        "ck",
        signature_method=SignatureMethod.RSA_SHA256,
        rsa_key_pem=encrypted(rsa_key, b"right"),
        rsa_key_passphrase="right",
    )
    plain = Credentials(
        "ck",
        signature_method=SignatureMethod.RSA_SHA256,
        rsa_key_pem=traditional(rsa_key),
    )
    url = "http://a.example/x"

    one = sign_request("GET", url, {}, None, creds, nonce="n", timestamp="1")
    two = sign_request("GET", url, {}, None, plain, nonce="n", timestamp="1")

    assert one.debug.signature == two.debug.signature


def test_passphrase_for_plain_key_reported(rsa_key: rsa.RSAPrivateKey) -> None:
    with pytest.raises(RsaKeyError, match="not encrypted, but a passphrase"):
        unencrypted_pem(traditional(rsa_key), "unneeded")


@pytest.mark.parametrize(
    "pem",
    [
        "not a key",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    ],
)
def test_malformed_pem_reported(pem: str) -> None:
    with pytest.raises(RsaKeyError, match="not a valid PEM private key"):
        unencrypted_pem(pem)


def test_non_rsa_key_reported() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()

    with pytest.raises(RsaKeyError, match="not an RSA key"):
        unencrypted_pem(pem)


def test_missing_optional_dependency_reported(
    monkeypatch: pytest.MonkeyPatch, rsa_key: rsa.RSAPrivateKey
) -> None:
    # PyJWT is installed here, so its import is made to fail for this test.
    real_import = builtins.__import__

    def without_jwt(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("jwt"):
            raise ImportError("No module named 'jwt'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", without_jwt)

    with pytest.raises(RsaKeyError, match="pip install cryptography pyjwt"):
        unencrypted_pem(traditional(rsa_key))
