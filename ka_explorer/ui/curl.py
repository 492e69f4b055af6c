"""The request in the URL bar as a curl command, signed now, secrets masked or not."""

from __future__ import annotations

from urllib.parse import urlencode

from ka_explorer.http import SentRequest, to_curl
from ka_explorer.oauth1 import sign_request


def curl_command(spec, credentials, reveal_secrets: bool = False) -> str:
    """Return a curl command for `spec`, signed when there are credentials.

    Each call signs afresh, with a new nonce and timestamp. Without
    `reveal_secrets`, tokens, signatures and verifiers read ****: the
    command shows how the request is built. With it, the command carries
    the real token and signature and runs once, until the server has seen
    its nonce or its timestamp is too old.
    """
    if credentials is None:
        return to_curl(spec)
    headers: dict[str, str] = dict(spec.headers)
    body = urlencode(spec.form).encode("ascii") if spec.form else spec.body
    if spec.form:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    signed = sign_request(spec.method, spec.full_url(), headers, body, credentials)
    signed_body = (
        signed.body.encode("utf-8") if isinstance(signed.body, str) else signed.body
    )
    sent = SentRequest(
        spec.method, signed.url, tuple(signed.headers.items()), signed_body or b""
    )
    return to_curl(spec, sent, reveal_secrets=reveal_secrets)
