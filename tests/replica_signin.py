"""Sign in to the replica without a browser, for tests that need an access token."""

from __future__ import annotations

import requests
from requests_oauthlib import OAuth1Session

from ka_explorer.replica import DEMO


def authorize(base_url: str, username: str, password: str) -> OAuth1Session:
    """Run the browserless auth2 flow and return a session signed with the token."""
    client, page = authorize_page(base_url, username, password)
    verifier = page.text.split('id="oauth-verifier">')[1].split("<")[0]
    client.fetch_access_token(f"{base_url}/api/auth2/access_token", verifier=verifier)
    return client


def authorize_page(
    base_url: str, identifier: str = DEMO.username, password: str = DEMO.password
) -> tuple[OAuth1Session, requests.Response]:
    """Get an "oob" request token and post the login form for it.

    Returns the client that contains the request token, and the page that the
    replica sends back: the PIN page when the login is accepted.
    """
    client = OAuth1Session(DEMO.consumer_key, DEMO.consumer_secret, callback_uri="oob")
    token = client.fetch_request_token(f"{base_url}/api/auth2/request_token")
    page = requests.post(
        f"{base_url}/api/auth2/authorize",
        data={
            "oauth_token": token["oauth_token"],
            "identifier": identifier,
            "password": password,
        },
        timeout=10,
    )
    page.raise_for_status()
    return client, page


def access_token(session: OAuth1Session) -> tuple[str, str]:
    """Return the access token and its secret that `session` signs with."""
    client = session.auth.client
    return client.resource_owner_key, client.resource_owner_secret
