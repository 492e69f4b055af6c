"""A small RFC 5849 signer written from the RFC alone, to check the product.

It shares no code with ka_explorer or oauthlib: hmac and hashlib for HMAC,
cryptography for RSA, and its own encoding and normalization.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

UNRESERVED = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def encode(text: str) -> str:
    """Percent-encode per RFC 5849 section 3.6."""
    out = []
    for byte in text.encode("utf-8"):
        out.append(chr(byte) if byte in UNRESERVED else f"%{byte:02X}")
    return "".join(out)


def form_decode(text: str) -> list[tuple[str, str]]:
    """Decode application/x-www-form-urlencoded text, + as space."""
    pairs = []
    for field in text.split("&"):
        if field:
            name, _, value = field.partition("=")
            pairs.append((_unescape(name), _unescape(value)))
    return pairs


def _unescape(text: str) -> str:
    raw = bytearray()
    data = text.replace("+", " ").encode("utf-8")
    index = 0
    while index < len(data):
        if data[index] == 0x25 and _is_hex(data[index + 1 : index + 3]):
            raw.append(int(data[index + 1 : index + 3], 16))
            index += 3
        else:
            raw.append(data[index])
            index += 1
    return raw.decode("utf-8")


def _is_hex(pair: bytes) -> bool:
    return len(pair) == 2 and all(chr(c) in "0123456789abcdefABCDEF" for c in pair)


def normalize(params: list[tuple[str, str]]) -> str:
    encoded = sorted((encode(k), encode(v)) for k, v in params)
    return "&".join(f"{k}={v}" for k, v in encoded)


def base_uri(scheme: str, host: str, port: int | None, path: str) -> str:
    scheme, host = scheme.lower(), host.lower()
    default = {"http": 80, "https": 443}[scheme]
    netloc = host if port in (None, default) else f"{host}:{port}"
    return f"{scheme}://{netloc}{path or '/'}"


def base_string(method: str, uri: str, params: list[tuple[str, str]]) -> str:
    return "&".join((encode(method.upper()), encode(uri), encode(normalize(params))))


def hmac_signature(
    sbs: str, digest: str, consumer_secret: str, token_secret: str
) -> str:
    key = f"{encode(consumer_secret)}&{encode(token_secret)}".encode()
    mac = hmac.new(key, sbs.encode("ascii"), getattr(hashlib, digest))
    return base64.b64encode(mac.digest()).decode("ascii")


def rsa_signature(sbs: str, digest: str, pem: str) -> str:
    key = serialization.load_pem_private_key(pem.encode("ascii"), None)
    algorithm = {"sha1": hashes.SHA1(), "sha256": hashes.SHA256()}[digest]
    raw = key.sign(sbs.encode("ascii"), padding.PKCS1v15(), algorithm)  # type: ignore[union-attr]
    return base64.b64encode(raw).decode("ascii")


def plaintext_signature(consumer_secret: str, token_secret: str) -> str:
    return f"{encode(consumer_secret)}&{encode(token_secret)}"
