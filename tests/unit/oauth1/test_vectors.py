"""RFC 5849, OAuth Core 1.0 and provider documentation vectors."""

from __future__ import annotations

import pytest

from ka_explorer.oauth1 import (
    Credentials,
    Placement,
    SignatureMethod,
    body_hash,
    sign_request,
)
from ka_explorer.oauth1.encoding import base_string_uri
from tests.unit.oauth1.helpers import header_fields, raw_header_value, rsa_test_key

CK, CS = "dpf43f3p2l4k3l03", "kd94hf93k423kf44"


def test_rfc_temporary_credentials_request() -> None:
    creds = Credentials(CK, CS, realm="Photos")
    signed = sign_request(
        "POST",
        "https://photos.example.net/initiate",
        {},
        None,
        creds,
        nonce="wIjqoS",
        timestamp="137131200",
        callback="http://printer.example.com/ready",
    )
    fields = header_fields(signed)

    assert signed.debug.base_string == (
        "POST&https%3A%2F%2Fphotos.example.net%2Finitiate&oauth_callback%3Dhttp"
        "%253A%252F%252Fprinter.example.com%252Fready%26oauth_consumer_key%3D"
        "dpf43f3p2l4k3l03%26oauth_nonce%3DwIjqoS%26oauth_signature_method%3D"
        "HMAC-SHA1%26oauth_timestamp%3D137131200"
    )
    assert fields["oauth_signature"] == "74KNZJeDHnMBp0EMJ9ZHt/XKycU="
    assert (
        raw_header_value(signed, "oauth_signature")
        == "74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D"
    )
    assert raw_header_value(signed, "oauth_callback") == (
        "http%3A%2F%2Fprinter.example.com%2Fready"
    )
    assert fields["realm"] == "Photos"
    assert "oauth_version" not in fields
    assert signed.debug.signing_key == "****(16 chars)&"


def test_rfc_token_credentials_request() -> None:
    creds = Credentials(
        CK, CS, token="hh5s93j4hdidpola", token_secret="hdhd0244k9j7ao03"
    )
    signed = sign_request(
        "POST",
        "https://photos.example.net/token",
        {},
        None,
        creds,
        nonce="walatlh",
        timestamp="137131201",
        verifier="hfdp7dh39dks9884",
    )

    assert signed.debug.base_string == (
        "POST&https%3A%2F%2Fphotos.example.net%2Ftoken&oauth_consumer_key%3D"
        "dpf43f3p2l4k3l03%26oauth_nonce%3Dwalatlh%26oauth_signature_method%3D"
        "HMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dhh5s93j4hdidpola"
        "%26oauth_verifier%3Dhfdp7dh39dks9884"
    )
    assert header_fields(signed)["oauth_signature"] == "gKgrFCywp7rO0OXSjdot/IHF7IU="


@pytest.mark.parametrize(
    ("scheme", "expected"),
    [
        ("http", "MdpQcU8iPSUjWoN/UDMsK2sui9I="),
        ("https", "91yh92rtXzicpezVYjTDNzieVps="),
    ],
)
def test_rfc_protected_resource_uses_request_scheme(scheme: str, expected: str) -> None:
    creds = Credentials(
        CK,
        CS,
        token="nnch734d00sl2jdk",
        token_secret="pfkkdhi9sl3r4s00",
        realm="Photos",
    )
    signed = sign_request(
        "GET",
        f"{scheme}://photos.example.net/photos?file=vacation.jpg&size=original",
        {},
        None,
        creds,
        nonce="chapoH",
        timestamp="137131202",
    )

    assert header_fields(signed)["oauth_signature"] == expected
    assert "realm" not in signed.debug.base_string


def test_rfc_base_string_example_with_erratum() -> None:
    creds = Credentials(
        "9djdj82h48djs9d2",
        "j49sk3j29djd",
        token="kkk9d7dh3k39sjv7",
        token_secret="dh893hdasih9",
        realm="Example",
    )
    signed = sign_request(
        "POST",
        "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
        {"Content-Type": "application/x-www-form-urlencoded"},
        "c2&a3=2+q",
        creds,
        nonce="7d8f3e4a",
        timestamp="137131201",
    )

    assert signed.debug.normalized_parameters == (
        "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key="
        "9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1"
        "&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7"
    )
    assert signed.debug.base_string == (
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3"
        "%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj"
        "82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1"
        "%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
    )
    assert header_fields(signed)["oauth_signature"] == "r6/TJjbCOr97/+UU0NsvSne7s5g="
    assert signed.body == "c2&a3=2+q"


@pytest.mark.parametrize(
    ("url", "host_header", "expected"),
    [
        ("http://EXAMPLE.COM:80/r%20v/X?id=123", None, "http://example.com/r%20v/X"),
        (
            "http://other.example/r%20v/X?id=123",
            "EXAMPLE.COM:80",
            "http://example.com/r%20v/X",
        ),
        ("https://www.example.net:8080/?q=1", None, "https://www.example.net:8080/"),
    ],
)
def test_rfc_base_string_uri(url: str, host_header: str | None, expected: str) -> None:
    assert base_string_uri(url, host_header) == expected


def test_base_string_uri_follows_host_header_when_signing() -> None:
    signed = sign_request(
        "GET",
        "http://10.0.0.1/r%20v/X?id=123",
        {"Host": "EXAMPLE.COM:80"},
        None,
        Credentials("k", "s"),
        nonce="n",
        timestamp="1",
    )

    assert signed.debug.base_string_uri == "http://example.com/r%20v/X"


@pytest.mark.parametrize(
    ("consumer_secret", "token_secret", "expected", "raw"),
    [
        ("ja893SD9", None, "ja893SD9&", "ja893SD9%26"),
        ("kd94hf93k423kf44", None, "kd94hf93k423kf44&", "kd94hf93k423kf44%26"),
        (
            "kd94hf93k423kf44",
            "hdhd0244k9j7ao03",
            "kd94hf93k423kf44&hdhd0244k9j7ao03",
            "kd94hf93k423kf44%26hdhd0244k9j7ao03",
        ),
    ],
)
def test_plaintext_signature_is_the_key(
    consumer_secret: str, token_secret: str | None, expected: str, raw: str
) -> None:
    creds = Credentials(
        "jd83jd92dhsh93js",
        consumer_secret,
        token="t" if token_secret else None,
        token_secret=token_secret,
        signature_method=SignatureMethod.PLAINTEXT,
    )
    first = sign_request(
        "POST",
        "https://server.example.com/x",
        {},
        None,
        creds,
        nonce="a",
        timestamp="1",
        callback="http://client.example.net/cb?x=1",
    )
    second = sign_request(
        "POST",
        "https://server.example.com/x",
        {},
        None,
        creds,
        nonce="b",
        timestamp="2",
        callback="http://client.example.net/cb?x=1",
    )

    assert header_fields(first)["oauth_signature"] == expected
    assert raw_header_value(first, "oauth_signature") == raw
    assert header_fields(second)["oauth_signature"] == expected
    assert expected not in first.debug.format()


def test_core_appendix_a5_with_version() -> None:
    creds = Credentials(
        CK,
        CS,
        token="nnch734d00sl2jdk",
        token_secret="pfkkdhi9sl3r4s00",
        include_version=True,
    )
    signed = sign_request(
        "GET",
        "http://photos.example.net/photos?file=vacation.jpg&size=original",
        {},
        None,
        creds,
        nonce="kllo9940pd9333jh",
        timestamp="1191242096",
    )

    assert signed.debug.base_string == (
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26"
        "oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26"
        "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26"
        "oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal"
    )
    assert raw_header_value(signed, "oauth_signature") == (
        "tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D"
    )


def test_rsa_sha1_wiki_vector() -> None:
    creds = Credentials(
        CK,
        signature_method=SignatureMethod.RSA_SHA1,
        rsa_key_pem=rsa_test_key(),
        include_version=True,
        token_secret="ignored-by-rsa",
    )
    signed = sign_request(
        "GET",
        "http://photos.example.net/photos?file=vacaction.jpg&size=original",
        {},
        None,
        creds,
        nonce="13917289812797014437",
        timestamp="1196666512",
    )

    assert signed.debug.base_string == (
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacaction.jpg%26"
        "oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3D13917289812797014437"
        "%26oauth_signature_method%3DRSA-SHA1%26oauth_timestamp%3D1196666512%26"
        "oauth_version%3D1.0%26size%3Doriginal"
    )
    assert header_fields(signed)["oauth_signature"] == (
        "jvTp/wX1TYtByB1m+Pbyo0lnCOLIsyGCH7wke8AUs3BpnwZJtAuEJkvQL2/9n4s5wUmUl4aC"
        "I4BwpraNx4RtEXMe5qg5T1LVTGliMRpKasKsW//e+RinhejgCuzoH26dyF8iY2ZZ/5D1ilge"
        "ijhV/vBka5twt399mXwaYdCwFYE="
    )


TWITTER = Credentials(
    "xvz1evFS4wEEPTGEFPHBog",
    "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
    token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
    token_secret="LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
    include_version=True,
)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("api.twitter.com", "hCtSmYh+iHYCEqBWrE7C7hYmtUk="),
        ("api.x.com", "Ls93hJiZbQ3akF3HF3x1Bz8/zU4="),
    ],
)
def test_twitter_creating_a_signature(host: str, expected: str) -> None:
    signed = sign_request(
        "POST",
        f"https://{host}/1.1/statuses/update.json?include_entities=true",
        {"Content-Type": "application/x-www-form-urlencoded"},
        "status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21",
        TWITTER,
        nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
        timestamp="1318622958",
    )

    assert header_fields(signed)["oauth_signature"] == expected
    assert signed.debug.base_string.endswith(
        "status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed"
        "%2520OAuth%2520request%2521"
    )


def test_twitter_request_token_vector() -> None:
    creds = Credentials(
        "GDdmIQH6jhtmLUypg82g",
        "MCD8BKwGdgPHvAuvgvz4EQpqDAtx89grbuNMRd7Eh98",
        include_version=True,
    )
    signed = sign_request(
        "POST",
        "https://api.twitter.com/oauth/request_token",
        {},
        None,
        creds,
        nonce="QP70eNmVz8jvdPevU3oJD2AfF7R7odC2XJcn4XlZJqk",
        timestamp="1272323042",
        callback="http://localhost:3005/the_dance/process_callback?service_provider_id=11",
    )

    assert signed.debug.base_string == (
        "POST&https%3A%2F%2Fapi.twitter.com%2Foauth%2Frequest_token&oauth_callback"
        "%3Dhttp%253A%252F%252Flocalhost%253A3005%252Fthe_dance%252Fprocess_callback"
        "%253Fservice_provider_id%253D11%26oauth_consumer_key%3DGDdmIQH6jhtmLUypg82g"
        "%26oauth_nonce%3DQP70eNmVz8jvdPevU3oJD2AfF7R7odC2XJcn4XlZJqk%26oauth_"
        "signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1272323042%26oauth_"
        "version%3D1.0"
    )
    assert header_fields(signed)["oauth_signature"] == "8wUi7m5HFQy76nowoCThusfgB+Q="


def test_twitter_access_token_vector() -> None:
    creds = Credentials(
        "GDdmIQH6jhtmLUypg82g",
        "MCD8BKwGdgPHvAuvgvz4EQpqDAtx89grbuNMRd7Eh98",
        token="8ldIZyxQeVrFZXFOZH5tAwj6vzJYuLQpl0WUEYtWc",
        token_secret="x6qpRnlEmW9JbQn4PQVVeVG8ZLPEx6A0TOebgwcuA",
        include_version=True,
    )
    signed = sign_request(
        "POST",
        "https://api.twitter.com/oauth/access_token",
        {},
        None,
        creds,
        nonce="9zWH6qe0qG7Lc1telCn7FhUbLyVdjEaL3MO5uHxn8",
        timestamp="1272323047",
        verifier="pDNg57prOHapMbhv25RNf75lVRd6JDsni1AJJIDYoTY",
    )

    assert header_fields(signed)["oauth_signature"] == "PUw/dHA4fnlJYM6RhXk5IU/0fCc="


@pytest.mark.parametrize(
    ("body", "method", "expected"),
    [
        (b"Hello World!", SignatureMethod.HMAC_SHA1, "Lve95gjOVATpfV8EL5X4nxwjKHE="),
        (b"", SignatureMethod.HMAC_SHA1, "2jmj7l5rSw0yVb/vlWAYkK/YBwk="),
        (
            b"",
            SignatureMethod.RSA_SHA256,
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        ),
    ],
)
def test_body_hash_draft_values(
    body: bytes, method: SignatureMethod, expected: str
) -> None:
    assert body_hash(body, method) == expected


def test_body_hash_is_signed_for_text_body() -> None:
    signed = sign_request(
        "PUT",
        "https://api.example.com/doc",
        {"Content-Type": "text/plain"},
        "Hello World!",
        Credentials("ck", "cs"),
        nonce="n",
        timestamp="1",
    )

    assert header_fields(signed)["oauth_body_hash"] == "Lve95gjOVATpfV8EL5X4nxwjKHE="
    assert "oauth_body_hash%3DLve95gjOVATpfV8EL5X4nxwjKHE%253D" in (
        signed.debug.base_string
    )


@pytest.mark.parametrize("placement", list(Placement))
def test_form_body_never_gets_body_hash(placement: Placement) -> None:
    signed = sign_request(
        "POST",
        "https://api.example.com/doc",
        {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        "a=1",
        Credentials("ck", "cs", placement=placement),
        nonce="n",
        timestamp="1",
    )

    assert "oauth_body_hash" not in signed.debug.base_string
    assert "a%3D1" in signed.debug.base_string
