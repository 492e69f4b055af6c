"""A requests authentication hook that signs with `sign_request`."""

from __future__ import annotations

import requests

from ka_explorer.oauth1.credentials import Credentials
from ka_explorer.oauth1.debug import SignatureDebug
from ka_explorer.oauth1.errors import SigningError
from ka_explorer.oauth1.signing import sign_request


class OAuth1Auth(requests.auth.AuthBase):
    """Sign each request that requests sends with these credentials.

    Used as `requests.get(url, auth=OAuth1Auth(creds))`. It replaces
    requests-oauthlib's `OAuth1`, which guesses a form body when the
    Content-Type is missing and never sends `oauth_body_hash` (see
    `signing`). `last_debug` holds the debug data of the latest signature.
    """

    def __init__(
        self,
        creds: Credentials,
        *,
        nonce: str | None = None,
        timestamp: str | int | None = None,
    ) -> None:
        self.creds = creds
        self.nonce = nonce
        self.timestamp = timestamp
        self.last_debug: SignatureDebug | None = None

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body
        if body is not None and not isinstance(body, str | bytes):
            raise SigningError(
                "Cannot sign a streamed request body; pass the body as bytes."
            )
        signed = sign_request(
            request.method or "GET",
            request.url or "",
            dict(request.headers),
            body,
            self.creds,
            nonce=self.nonce,
            timestamp=self.timestamp,
        )
        request.url = signed.url
        request.headers.clear()
        request.headers.update(signed.headers)
        if signed.body is not body:
            request.body = signed.body
            request.prepare_content_length(signed.body)
        self.last_debug = signed.debug
        return request
