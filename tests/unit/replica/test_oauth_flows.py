"""The three-legged sign-in, driven over HTTP as a browser and a client would."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import requests
from oauthlib.oauth1 import SIGNATURE_TYPE_QUERY, Client
from requests_oauthlib import OAuth1Session

from ka_explorer.replica import DEMO, RunningReplica
from tests.replica_signin import authorize_page

CALLBACK = "http://127.0.0.1:9/callback"


def _client(callback: str = CALLBACK) -> OAuth1Session:
    return OAuth1Session(DEMO.consumer_key, DEMO.consumer_secret, callback_uri=callback)


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def _query_signed(url: str, callback: str | None) -> str:
    client = Client(
        DEMO.consumer_key,
        DEMO.consumer_secret,
        callback_uri=callback,
        signature_type=SIGNATURE_TYPE_QUERY,
    )
    return str(client.sign(url)[0])


def _form_action(page: str, form_id: str) -> str:
    found = re.search(rf'<form id="{form_id}"[^>]*action="([^"]+)"', page)
    assert found, f"no form {form_id} in page"
    return found.group(1)


def test_auth2_browser_flow_reaches_user(replica: RunningReplica) -> None:
    base = replica.base_url
    # The older flow's default callback is a page that exists, so the
    # browser can follow the final redirect.
    callback = f"{base}/api/auth/default_callback"
    client = _client(callback)
    token = client.fetch_request_token(f"{base}/api/auth2/request_token")
    assert token["oauth_callback_confirmed"] == "true"

    browser = requests.Session()
    login = browser.get(
        f"{base}/api/auth2/authorize", params={"oauth_token": token["oauth_token"]}
    )
    assert login.status_code == 200
    assert DEMO.username in login.text
    assert DEMO.password in login.text
    approval = browser.post(
        base + _form_action(login.text, "login-form"),
        data={
            "oauth_token": token["oauth_token"],
            "identifier": DEMO.username,
            "password": DEMO.password,
        },
    )
    assert approval.status_code == 200
    assert 'name="approve" value="Accept"' in approval.text
    landed = browser.post(
        base + _form_action(approval.text, "approval-form"),
        data={"oauth_token": token["oauth_token"], "approve": "Accept"},
    )
    assert landed.history[0].status_code == 302
    assert landed.url.startswith(callback)
    assert landed.text == "OK"
    assert _query(landed.url)["oauth_token"] == token["oauth_token"]

    client.parse_authorization_response(landed.url)
    access = client.fetch_access_token(f"{base}/api/auth2/access_token")
    assert set(access) >= {"oauth_token", "oauth_token_secret"}
    user = client.get(f"{base}/api/v1/user")
    assert user.status_code == 200
    assert user.json()["username"] == DEMO.username


def test_older_auth_flow_redirects_with_secret(replica: RunningReplica) -> None:
    base = replica.base_url
    # The older flow opens the signed request-token URL in the browser.
    url = _query_signed(f"{base}/api/auth/request_token", CALLBACK)
    browser = requests.Session()
    login = browser.get(url)
    assert login.status_code == 200
    assert 'id="login-form"' in login.text
    redirect = browser.post(
        base + _form_action(login.text, "login-form"),
        data={
            "oauth_token": _query(login.url)["oauth_token"],
            "identifier": DEMO.username,
            "password": DEMO.password,
        },
        allow_redirects=False,
    )
    assert redirect.status_code == 302
    params = _query(redirect.headers["Location"])
    assert set(params) == {"oauth_token", "oauth_token_secret", "oauth_verifier"}

    signed = OAuth1Session(
        DEMO.consumer_key,
        DEMO.consumer_secret,
        resource_owner_key=params["oauth_token"],
        resource_owner_secret=params["oauth_token_secret"],
        verifier=params["oauth_verifier"],
    )
    access = signed.fetch_access_token(f"{base}/api/auth/access_token")
    user = OAuth1Session(
        DEMO.consumer_key,
        DEMO.consumer_secret,
        access["oauth_token"],
        access["oauth_token_secret"],
    )
    assert user.get(f"{base}/api/v1/user").json()["username"] == DEMO.username


def test_older_flow_default_callback_answers_ok(replica: RunningReplica) -> None:
    base = replica.base_url
    url = _query_signed(f"{base}/api/auth/request_token", None)
    browser = requests.Session()
    login = browser.get(url)
    done = browser.post(
        f"{base}/api/auth/authorize",
        data={
            "oauth_token": _query(login.url)["oauth_token"],
            "identifier": DEMO.username,
            "password": DEMO.password,
        },
    )
    assert urlsplit(done.url).path == "/api/auth/default_callback"
    assert done.text == "OK"
    assert "oauth_verifier" in _query(done.url)


def test_oob_page_shows_pin(replica: RunningReplica) -> None:
    base = replica.base_url
    client, page = authorize_page(base)
    pin = re.search(r'id="oauth-verifier">(\d+)<', page.text)
    assert pin is not None
    access = client.fetch_access_token(
        f"{base}/api/auth2/access_token", verifier=pin.group(1)
    )
    assert access["oauth_token"]


def test_email_works_as_identifier(replica: RunningReplica) -> None:
    _, page = authorize_page(replica.base_url, f"{DEMO.username}@example.org")
    assert 'id="oauth-verifier"' in page.text


def test_wrong_password_shows_error(replica: RunningReplica) -> None:
    base = replica.base_url
    token = _client().fetch_request_token(f"{base}/api/auth2/request_token")
    page = requests.post(
        f"{base}/api/auth2/login",
        data={
            "oauth_token": token["oauth_token"],
            "identifier": DEMO.username,
            "password": "nope",
        },
    )
    assert page.status_code == 401
    assert 'class="error"' in page.text
    assert "Wrong username or password for demo-student" in page.text
    assert 'id="login-form"' in page.text


def test_unknown_token_shows_error(replica: RunningReplica) -> None:
    page = requests.get(
        f"{replica.base_url}/api/auth2/authorize", params={"oauth_token": "nosuchtoken"}
    )
    assert page.status_code == 400
    assert 'class="error"' in page.text
    assert "Unknown request token nosuchtoken" in page.text


def test_used_token_shows_error(replica: RunningReplica) -> None:
    base = replica.base_url
    client = _client("oob")
    token = client.fetch_request_token(f"{base}/api/auth2/request_token")
    form = {
        "oauth_token": token["oauth_token"],
        "identifier": DEMO.username,
        "password": DEMO.password,
    }
    page = requests.post(f"{base}/api/auth2/authorize", data=form)
    pin = re.search(r'id="oauth-verifier">(\d+)<', page.text)
    assert pin is not None
    client.fetch_access_token(f"{base}/api/auth2/access_token", verifier=pin.group(1))
    again = requests.get(
        f"{base}/api/auth2/authorize", params={"oauth_token": token["oauth_token"]}
    )
    assert again.status_code == 400
    assert 'class="error"' in again.text
    assert "already used" in again.text


def test_deny_redirects_with_denied(replica: RunningReplica) -> None:
    base = replica.base_url
    token = _client().fetch_request_token(f"{base}/api/auth2/request_token")
    browser = requests.Session()
    browser.post(
        f"{base}/api/auth2/login",
        data={
            "oauth_token": token["oauth_token"],
            "identifier": DEMO.username,
            "password": DEMO.password,
        },
    )
    denied = browser.post(
        f"{base}/api/auth2/approval",
        data={"oauth_token": token["oauth_token"], "deny": "Deny"},
        allow_redirects=False,
    )
    assert denied.status_code == 302
    assert _query(denied.headers["Location"])["denied"] == token["oauth_token"]


def test_approval_needs_login(replica: RunningReplica) -> None:
    base = replica.base_url
    token = _client().fetch_request_token(f"{base}/api/auth2/request_token")
    page = requests.get(
        f"{base}/api/auth2/approval", params={"oauth_token": token["oauth_token"]}
    )
    assert page.status_code == 403
    assert 'class="error"' in page.text
