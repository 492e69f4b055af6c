"""The request as a curl command, signed, with the token and signature masked."""

from __future__ import annotations

import shlex
from urllib.parse import urlencode

from ka_explorer.http.masking import mask_body, mask_header, mask_url
from ka_explorer.oauth1 import sign_request


def curl_command(spec, credentials) -> str:
    """Return a curl command line for `spec`, signed when there are credentials.

    Tokens, signatures and verifiers read ****: the command shows how the
    request is built, and the user signs it again to run it.
    """
    url = spec.full_url()
    headers: dict[str, str] = dict(spec.headers)
    body = urlencode(spec.form).encode("ascii") if spec.form else spec.body
    if spec.form:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if credentials is not None:
        signed = sign_request(spec.method, url, headers, body, credentials)
        url, headers = signed.url, dict(signed.headers)
        body = signed.body.encode("utf-8") if isinstance(signed.body, str) else signed.body
    return _render(spec.method, url, headers, body)


def _render(method: str, url: str, headers: dict[str, str], body: bytes | None) -> str:
    parts = ["curl"]
    if method != "GET":
        parts += ["-X", method]
    for name, value in headers.items():
        parts += ["-H", shlex.quote(f"{name}: {mask_header(name, value)}")]
    if body:
        shown = mask_body(body).decode("utf-8", "replace")
        parts += ["--data-raw", shlex.quote(shown)]
    parts.append(shlex.quote(mask_url(url)))
    return " ".join(parts)
