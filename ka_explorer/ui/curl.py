"""The request as a curl command, signed, with the token and signature masked."""

from __future__ import annotations

import re
import shlex
from urllib.parse import urlencode

from ka_explorer.oauth1 import sign_request

MASK = "****"
# oauth_* values that let someone replay or sign as the user.
_SECRET_PARAMETERS = ("oauth_token", "oauth_signature", "oauth_verifier")
_HEADER_SECRET = re.compile(r'({names})="[^"]*"'.format(names="|".join(_SECRET_PARAMETERS)))
_QUERY_SECRET = re.compile(r"(?<=[?&])({names})=[^&]*".format(names="|".join(_SECRET_PARAMETERS)))


def curl_command(spec, credentials) -> str:
    """Return a curl command line for `spec`, signed when there are credentials.

    The signature and the token are replaced by ****: the command shows how
    the request is built, and the user signs it again to run it.
    """
    url = spec.url + (f"?{urlencode(spec.query)}" if spec.query else "")
    headers: dict[str, str] = dict(spec.headers)
    body = urlencode(spec.form) if spec.form else None
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if credentials is not None:
        signed = sign_request(spec.method, url, headers, body, credentials)
        url, headers, body = signed.url, dict(signed.headers), signed.body
    return _render(spec.method, url, headers, body)


def mask_oauth(text: str) -> str:
    """Return `text` with token, signature and verifier values replaced by ****."""
    text = _HEADER_SECRET.sub(lambda m: f'{m.group(1)}="{MASK}"', text)
    return _QUERY_SECRET.sub(lambda m: f"{m.group(1)}={MASK}", text)


def _render(method: str, url: str, headers: dict[str, str], body) -> str:
    parts = ["curl"]
    if method != "GET":
        parts += ["-X", method]
    for name, value in headers.items():
        parts += ["-H", shlex.quote(mask_oauth(f"{name}: {value}"))]
    if body:
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
        parts += ["--data", shlex.quote(mask_oauth("&" + text)[1:])]
    parts.append(shlex.quote(mask_oauth(url)))
    return " ".join(parts)
