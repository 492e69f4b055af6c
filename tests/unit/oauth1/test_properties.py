"""Generated requests signed by sign_request and by the reference signer.

Each test draws a few hundred requests from a seeded generator, so a
failure reproduces; the seed and the request show in the assertion message.
"""

from __future__ import annotations

import random
import urllib.parse

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ka_explorer.oauth1 import Credentials, Placement, SignatureMethod, sign_request
from tests.unit.oauth1 import reference_signer as ref
from tests.unit.oauth1.helpers import signature_of

ALPHABET = "abcXYZ019-._~ !\"#$%&'()*+,/:;<=>?@[\\]^`{|}éü日本\U0001f600\u00a0\t"
CASES = 300


def random_text(rng: random.Random, max_length: int = 8) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, max_length)))


def random_pairs(rng: random.Random) -> list[tuple[str, str]]:
    pairs = [
        (random_text(rng) or "n", random_text(rng)) for _ in range(rng.randint(0, 4))
    ]
    if pairs and rng.random() < 0.3:
        pairs.append((pairs[0][0], random_text(rng)))
    return pairs


def encode_form(rng: random.Random, pairs: list[tuple[str, str]]) -> str:
    """Encode pairs the ways clients do: %20 or +, and safe characters raw."""
    quote = rng.choice([urllib.parse.quote, urllib.parse.quote_plus])
    safe = rng.choice(["", "~", "~!*()'"])
    return "&".join(f"{quote(n, safe=safe)}={quote(v, safe=safe)}" for n, v in pairs)


def random_request(rng: random.Random) -> dict:
    scheme = rng.choice(["http", "https"])
    host = rng.choice(["example.com", "API.Example.COM", "127.0.0.1"])
    port = rng.choice([None, 80, 443, 8080])
    segments = [random_text(rng, 5) for _ in range(rng.randint(0, 3))]
    # requests removes "." and ".." segments before sending; test_signing covers it.
    segments = ["dot" if s in (".", "..") else s for s in segments]
    path = "/" + "/".join(urllib.parse.quote(s, safe="") for s in segments)
    query = random_pairs(rng)
    form = random_pairs(rng) if rng.random() < 0.5 else []
    return {
        "scheme": scheme,
        "host": host,
        "port": port,
        "path": path,
        "query": query,
        "form": form,
        "method": rng.choice(["GET", "POST", "PUT"]),
    }


def build_url(rng: random.Random, request: dict) -> str:
    netloc = request["host"] + (f":{request['port']}" if request["port"] else "")
    query = encode_form(rng, request["query"])
    return f"{request['scheme']}://{netloc}{request['path']}" + (
        f"?{query}" if query else ""
    )


RSA_PEM = (
    rsa.generate_private_key(public_exponent=65537, key_size=1024)
    .private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    .decode()
)


def reference_signature(request: dict, creds: Credentials, oauth: list) -> str:
    uri = ref.base_uri(
        request["scheme"], request["host"], request["port"], request["path"]
    )
    params = request["query"] + request["form"] + oauth
    sbs = ref.base_string(request["method"], uri, params)
    if creds.signature_method is SignatureMethod.PLAINTEXT:
        return ref.plaintext_signature(creds.consumer_secret, creds.token_secret or "")
    digest = creds.signature_method.hash_name
    if creds.signature_method.is_rsa:
        return ref.rsa_signature(sbs, digest, RSA_PEM)
    return ref.hmac_signature(
        sbs, digest, creds.consumer_secret, creds.token_secret or ""
    )


HMAC_METHODS = [
    SignatureMethod.HMAC_SHA1,
    SignatureMethod.HMAC_SHA256,
    SignatureMethod.HMAC_SHA512,
    SignatureMethod.PLAINTEXT,
]


ALL_METHODS = HMAC_METHODS + [SignatureMethod.RSA_SHA1, SignatureMethod.RSA_SHA256]


@pytest.mark.parametrize("placement", list(Placement))
def test_signature_matches_reference_signer(placement: Placement) -> None:
    rng = random.Random(f"reference-{placement}")
    for case in range(CASES):
        request = random_request(rng)
        creds = Credentials(
            random_text(rng) or "ck",
            random_text(rng),
            token=random_text(rng) or None,
            token_secret=random_text(rng),
            signature_method=rng.choice(ALL_METHODS),
            rsa_key_pem=RSA_PEM,
            placement=placement,
            realm=rng.choice([None, "Realm"]),
        )
        url = build_url(rng, request)
        form = encode_form(rng, request["form"])
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        signed = sign_request(
            request["method"],
            url,
            headers,
            form,
            creds,
            nonce=f"nonce{case}",
            timestamp="1700000000",
        )
        oauth = [
            ("oauth_consumer_key", creds.consumer_key),
            ("oauth_signature_method", creds.signature_method.value),
            ("oauth_timestamp", "1700000000"),
            ("oauth_nonce", f"nonce{case}"),
        ]
        if creds.token:
            oauth.append(("oauth_token", creds.token))
        expected = reference_signature(request, creds, oauth)

        assert signature_of(signed) == expected, (case, url, form, creds)


@pytest.mark.parametrize("placement", [Placement.QUERY, Placement.BODY])
def test_placed_parameters_round_trip_through_form_decoder(
    placement: Placement,
) -> None:
    rng = random.Random(f"round-trip-{placement}")
    for case in range(CASES):
        request = random_request(rng)
        creds = Credentials(
            random_text(rng) or "ck",
            random_text(rng),
            token=random_text(rng) or None,
            token_secret=random_text(rng),
            placement=placement,
            signature_method=rng.choice(HMAC_METHODS),
        )
        form = encode_form(rng, request["form"])
        signed = sign_request(
            "POST",
            build_url(rng, request),
            {"Content-Type": "application/x-www-form-urlencoded"},
            form,
            creds,
        )
        carrier = (
            urllib.parse.urlsplit(signed.url).query
            if placement is Placement.QUERY
            else str(signed.body)
        )
        decoded = urllib.parse.parse_qsl(carrier, keep_blank_values=True)
        oauth = {n: v for n, v in decoded if n.startswith("oauth_")}
        original = [(n, v) for n, v in decoded if not n.startswith("oauth_")]
        source = request["query"] if placement is Placement.QUERY else request["form"]

        expected = signed.debug.signature
        if creds.signature_method is SignatureMethod.PLAINTEXT:
            expected = ref.plaintext_signature(
                creds.consumer_secret, creds.token_secret or ""
            )

        assert oauth["oauth_signature"] == expected, case
        assert oauth["oauth_consumer_key"] == creds.consumer_key, case
        assert [p for p in original if not p[0].startswith("oauth_")] == [
            p for p in source if not p[0].startswith("oauth_")
        ], case


def test_header_values_round_trip_through_percent_decoding() -> None:
    rng = random.Random("header")
    for case in range(CASES):
        creds = Credentials(
            random_text(rng) or "ck", "cs", token=random_text(rng) or None
        )
        callback = random_text(rng, 20)
        signed = sign_request(
            "POST", "http://example.com/", {}, None, creds, callback=callback
        )
        header = signed.headers["Authorization"]
        fields = dict(
            (name, urllib.parse.unquote(value.strip('"')))
            for name, value in (part.split("=", 1) for part in header[6:].split(", "))
        )

        assert fields["oauth_callback"] == callback, case
        assert fields["oauth_consumer_key"] == creds.consumer_key, case
