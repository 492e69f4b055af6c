"""The request in the URL bar as a curl command, signed, with secrets masked."""

from __future__ import annotations

from urllib.parse import urlencode

from ka_explorer.http import SentRequest, to_curl
from ka_explorer.oauth1 import sign_request


def curl_command(spec, credentials) -> str:
    """Return a curl command for `spec`, signed when there are credentials.

    Tokens, signatures and verifiers read ****: the command shows how the
    request is built, and the user signs it again to run it.
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
    return to_curl(spec, sent)
