"""Signatures, nonces, timestamps, verifiers and tokens are really checked."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
import requests
from oauthlib.oauth1 import SIGNATURE_TYPE_QUERY, Client
from requests_oauthlib import OAuth1, OAuth1Session

from ka_explorer.replica import DEMO, RunningReplica
from tests.replica_signin import authorize_page

REALM = 'OAuth realm="http://www.khanacademy.org"'


def _encode(text: str) -> str:
    return quote(text, safe="~")


def _base_string(method: str, signed_url: str) -> str:
    """Compute the RFC 5849 base string of a query-signed URL, independently."""
    parts = urlsplit(signed_url)
    pairs = [
        (_encode(k), _encode(v))
        for k, v in parse_qsl(parts.query)
        if k != "oauth_signature"
    ]
    normalized = "&".join(f"{k}={v}" for k, v in sorted(pairs))
    uri = f"{parts.scheme}://{parts.netloc}{parts.path}"
    return "&".join([method, _encode(uri), _encode(normalized)])


def _signed(url: str, secret: str = DEMO.consumer_secret, **options: object) -> str:
    client = Client(
        DEMO.consumer_key, secret, signature_type=SIGNATURE_TYPE_QUERY, **options
    )  # type: ignore[arg-type]
    return str(client.sign(url)[0])


def test_bad_signature_shows_expected_base_string(replica: RunningReplica) -> None:
    url = _signed(f"{replica.base_url}/api/v1/badges?b=2&a=1&a=0", secret="wrong")
    response = requests.get(url)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == REALM
    assert response.headers["Content-Type"].startswith("text/plain")
    expected = _base_string("GET", url)
    assert response.text == (
        f"OAuth error. Invalid signature. Expected signature base string: {expected}"
    )


def test_good_consumer_signature_accepted(replica: RunningReplica) -> None:
    url = _signed(f"{replica.base_url}/api/v1/badges/categories?a=1&a=2")
    assert requests.get(url).status_code == 200


def test_replayed_nonce_rejected(replica: RunningReplica) -> None:
    url = _signed(
        f"{replica.base_url}/api/v1/badges/categories",
        nonce="replayed-nonce-1",
        timestamp=str(int(time.time())),
    )
    assert requests.get(url).status_code == 200
    again = requests.get(url)
    assert again.status_code == 401
    assert again.text == "OAuth error. Nonce already used: replayed-nonce-1"


def test_stale_timestamp_rejected(replica: RunningReplica) -> None:
    url = _signed(
        f"{replica.base_url}/api/v1/badges/categories",
        timestamp=str(int(time.time()) - 3600),
    )
    response = requests.get(url)
    assert response.status_code == 401
    assert "Timestamp given is invalid" in response.text
    assert "600 seconds" in response.text


def test_unknown_consumer_rejected(replica: RunningReplica) -> None:
    client = Client("nobody", "x", signature_type=SIGNATURE_TYPE_QUERY)
    response = requests.get(client.sign(f"{replica.base_url}/api/v1/badges")[0])
    assert response.status_code == 401
    assert response.text == "OAuth error. Invalid consumer key: nobody"


def test_hmac_sha256_rejected(replica: RunningReplica, student: OAuth1Session) -> None:
    client = OAuth1Session(
        DEMO.consumer_key, DEMO.consumer_secret, signature_method="HMAC-SHA256"
    )
    response = client.get(f"{replica.base_url}/api/v1/badges")
    assert response.status_code == 401
    assert response.text == (
        "OAuth error. Unsupported signature method HMAC-SHA256; "
        "this server accepts HMAC-SHA1 and PLAINTEXT."
    )


def test_rsa_sha1_rejected_on_token_request(replica: RunningReplica) -> None:
    response = requests.post(
        f"{replica.base_url}/api/auth2/request_token",
        data={
            "oauth_consumer_key": DEMO.consumer_key,
            "oauth_signature_method": "RSA-SHA1",
            "oauth_signature": "x",
            "oauth_nonce": "n1",
            "oauth_timestamp": "1",
            "oauth_callback": "oob",
        },
        timeout=10,
    )
    assert response.status_code == 401
    assert "Unsupported signature method RSA-SHA1;" in response.text


def test_plaintext_accepted(replica: RunningReplica, student: OAuth1Session) -> None:
    owner = student.auth.client
    plain = OAuth1Session(
        DEMO.consumer_key,
        DEMO.consumer_secret,
        owner.resource_owner_key,
        owner.resource_owner_secret,
        signature_method="PLAINTEXT",
    )
    response = plain.get(f"{replica.base_url}/api/v1/user")
    assert response.status_code == 200
    assert response.json()["username"] == DEMO.username


def test_unknown_access_token_rejected(replica: RunningReplica) -> None:
    client = OAuth1Session(DEMO.consumer_key, DEMO.consumer_secret, "badtoken", "x")
    response = client.get(f"{replica.base_url}/api/v1/user")
    assert response.status_code == 401
    assert response.text == "OAuth error. Invalid access token: badtoken"


def test_login_route_without_token_unauthorized(replica: RunningReplica) -> None:
    response = requests.get(f"{replica.base_url}/api/v1/user")
    assert response.status_code == 401
    assert response.text == "Unauthorized"


def test_form_body_and_repeated_keys_signed(
    replica: RunningReplica, student: OAuth1Session
) -> None:
    url = f"{replica.base_url}/api/v1/user/videos/Sc0e6xrRJYY/log"
    form = [
        ("last_second_watched", "60"),
        ("seconds_watched", "30"),
        ("tag", "a"),
        ("tag", "b"),
    ]
    response = student.post(url, data=form)
    assert response.status_code == 200
    assert response.json()["seconds_watched"] == 30


def test_tampered_form_body_rejected(
    replica: RunningReplica, student: OAuth1Session
) -> None:
    url = f"{replica.base_url}/api/v1/user/videos/Sc0e6xrRJYY/log"
    prepared = requests.Request(
        "POST",
        url,
        data={"last_second_watched": "60", "seconds_watched": "30"},
        auth=student.auth,
    ).prepare()
    prepared.body = "last_second_watched=60&seconds_watched=3000"
    prepared.headers["Content-Length"] = str(len(prepared.body))
    response = requests.Session().send(prepared)
    assert response.status_code == 401
    assert "seconds_watched%3D3000" in response.text


def _request_token(base: str) -> tuple[OAuth1Session, str]:
    client, page = authorize_page(base)
    found = re.search(r'id="oauth-verifier">(\d+)<', page.text)
    assert found is not None
    return client, found.group(1)


def test_request_token_single_use(replica: RunningReplica) -> None:
    base = replica.base_url
    client, verifier = _request_token(base)
    owner = client.auth.client
    key, secret = owner.resource_owner_key, owner.resource_owner_secret
    client.fetch_access_token(f"{base}/api/auth2/access_token", verifier=verifier)
    again = requests.post(
        f"{base}/api/auth2/access_token",
        auth=OAuth1(
            DEMO.consumer_key, DEMO.consumer_secret, key, secret, verifier=verifier
        ),
    )
    assert again.status_code == 401
    assert again.text == f"OAuth error. Request token already used: {key}"


def test_wrong_verifier_rejected(replica: RunningReplica) -> None:
    base = replica.base_url
    client, verifier = _request_token(base)
    owner = client.auth.client
    wrong = "0000000000" if verifier != "0000000000" else "1111111111"
    response = requests.post(
        f"{base}/api/auth2/access_token",
        auth=OAuth1(
            DEMO.consumer_key,
            DEMO.consumer_secret,
            owner.resource_owner_key,
            owner.resource_owner_secret,
            verifier=wrong,
        ),
    )
    assert response.status_code == 401
    assert response.text == f"OAuth error. Invalid verifier: {wrong}"


def test_request_token_needs_callback(replica: RunningReplica) -> None:
    client = OAuth1Session(DEMO.consumer_key, DEMO.consumer_secret)
    with pytest.raises(ValueError, match="Missing callback URI"):
        client.fetch_request_token(f"{replica.base_url}/api/auth2/request_token")


def test_unsigned_request_token_rejected(replica: RunningReplica) -> None:
    response = requests.get(f"{replica.base_url}/api/auth2/request_token")
    assert response.status_code == 401
    assert response.text.startswith("OAuth error. Missing mandatory OAuth")
