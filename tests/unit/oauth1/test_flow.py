"""The three-legged flow against a real oauthlib provider on loopback."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator

import pytest
import requests

from ka_explorer.oauth1 import (
    AccessTokenError,
    Authorization,
    CallbackError,
    Credentials,
    OAuth1Auth,
    OAuth1Flow,
    Placement,
    RequestTokenError,
    TemporaryCredentials,
    diagnose_401,
    sign_request,
)
from tests.unit.oauth1.oauth_provider import (
    CONSUMER_KEY,
    CONSUMER_SECRET,
    PASSWORD,
    USERNAME,
    LoopbackProvider,
)

CALLBACK = "http://127.0.0.1:9/callback"


def make_flow(
    provider: LoopbackProvider,
    secret: str = CONSUMER_SECRET,
    placement: Placement = Placement.HEADER,
) -> OAuth1Flow:
    creds = Credentials(CONSUMER_KEY, secret, placement=placement)
    base = provider.base_url
    return OAuth1Flow(
        creds,
        f"{base}/oauth/request_token",
        f"{base}/oauth/authorize",
        f"{base}/oauth/access_token",
        timeout=10,
    )


def approve_in_browser(authorize_url: str, approve: bool = True) -> requests.Response:
    """Do what the user does: open the page, log in, press Accept or Deny."""
    session = requests.Session()
    page = session.get(authorize_url, timeout=10)
    assert 'id="login-form"' in page.text
    token = authorize_url.split("oauth_token=")[1]
    base = authorize_url.split("/oauth/")[0]
    approval = session.post(
        f"{base}/oauth/login",
        data={
            "oauth_token": token,
            "identifier": USERNAME,
            "password": PASSWORD,
        },
        timeout=10,
    )
    assert 'id="approval-form"' in approval.text
    choice = {"approve": "Accept"} if approve else {"deny": "Deny"}
    return session.post(
        f"{base}/oauth/approve",
        data={"oauth_token": token, **choice},
        allow_redirects=False,
        timeout=10,
    )


@pytest.mark.parametrize("placement", list(Placement))
def test_flow_with_callback_reaches_protected_resource(
    provider: LoopbackProvider, placement: Placement
) -> None:
    flow = make_flow(provider, placement=placement)

    temporary = flow.request_token(CALLBACK)
    redirect = approve_in_browser(flow.authorize_url(temporary))
    authorization = flow.parse_callback(redirect.headers["Location"], temporary)
    access = flow.access_token(temporary, authorization)
    creds = Credentials(
        CONSUMER_KEY,
        CONSUMER_SECRET,
        token=access.token,
        token_secret=access.token_secret,
    )
    answer = requests.get(
        f"{provider.base_url}/api/me", auth=OAuth1Auth(creds), timeout=10
    )

    assert temporary.callback_confirmed is True
    assert redirect.headers["Location"].startswith(CALLBACK + "?")
    assert authorization.token == temporary.token
    assert answer.status_code == 200
    assert answer.json() == {"user": USERNAME}


def test_flow_out_of_band_with_pin(provider: LoopbackProvider) -> None:
    flow = make_flow(provider)

    temporary = flow.request_token("oob")
    page = approve_in_browser(flow.authorize_url(temporary))
    pin = page.text.split('id="oauth-verifier">')[1].split("<")[0]
    access = flow.access_token(temporary, flow.parse_pin(f"  {pin}\n", temporary))

    assert temporary.callback == "oob"
    assert access.token in provider.validator.access_tokens


def test_wrong_consumer_secret_fails_request_token_step(
    provider: LoopbackProvider,
) -> None:
    flow = make_flow(provider, secret="wrong")

    with pytest.raises(RequestTokenError) as caught:
        flow.request_token(CALLBACK)

    assert caught.value.step == "request_token"
    assert caught.value.status == 401
    assert caught.value.server_text == ""
    assert "/oauth/request_token answered HTTP 401" in str(caught.value)
    assert "(empty body)" in str(caught.value)
    assert caught.value.debug is not None


def test_wrong_verifier_fails_access_token_step(provider: LoopbackProvider) -> None:
    flow = make_flow(provider)
    temporary = flow.request_token(CALLBACK)
    approve_in_browser(flow.authorize_url(temporary))

    with pytest.raises(AccessTokenError) as caught:
        flow.access_token(temporary, Authorization(temporary.token, "not-the-verifier"))

    assert caught.value.step == "access_token"
    assert caught.value.status == 401


def test_denied_approval_reported(provider: LoopbackProvider) -> None:
    flow = make_flow(provider)
    temporary = flow.request_token(CALLBACK)
    redirect = approve_in_browser(flow.authorize_url(temporary), approve=False)

    with pytest.raises(CallbackError, match="not granted"):
        flow.parse_callback(redirect.headers["Location"], temporary)


TEMPORARY = TemporaryCredentials("request-token", "secret", CALLBACK, True)


def test_callback_with_other_token_rejected() -> None:
    flow = OAuth1Flow(Credentials("k", "s"), "http://a/", "http://a/", "http://a/")

    with pytest.raises(CallbackError, match="another sign-in"):
        flow.parse_callback(f"{CALLBACK}?oauth_token=other&oauth_verifier=v", TEMPORARY)


def test_callback_without_verifier_rejected() -> None:
    flow = OAuth1Flow(Credentials("k", "s"), "http://a/", "http://a/", "http://a/")

    with pytest.raises(CallbackError, match="no oauth_verifier"):
        flow.parse_callback(f"{CALLBACK}?oauth_token=request-token", TEMPORARY)


def test_empty_pin_rejected() -> None:
    flow = OAuth1Flow(Credentials("k", "s"), "http://a/", "http://a/", "http://a/")

    with pytest.raises(CallbackError, match="No PIN"):
        flow.parse_pin("  ", TEMPORARY)


def test_authorize_url_keeps_existing_query() -> None:
    flow = OAuth1Flow(
        Credentials("k", "s"), "http://a/", "http://a/auth?lang=de", "http://a/"
    )

    assert flow.authorize_url(TEMPORARY) == (
        "http://a/auth?lang=de&oauth_token=request-token"
    )


class _FixedAnswer(http.server.BaseHTTPRequestHandler):
    status = 200
    body = b""
    received: tuple[str, dict[str, str], bytes] = ("", {}, b"")

    def do_POST(self) -> None:  # noqa: N802  (http.server's handler name)
        length = int(self.headers.get("Content-Length") or 0)
        type(self).received = (self.path, dict(self.headers), self.rfile.read(length))
        self.send_response(self.status)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def fixed_server() -> Iterator[type[_FixedAnswer]]:
    handler = type("Handler", (_FixedAnswer,), {})
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    handler.url = f"http://127.0.0.1:{server.server_port}/token"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler
    server.shutdown()
    server.server_close()


def fixed_flow(handler: type[_FixedAnswer], **options: object) -> OAuth1Flow:
    url = handler.url  # type: ignore[attr-defined]
    return OAuth1Flow(Credentials("k", "s"), url, url, url, timeout=5, **options)  # type: ignore[arg-type]


def test_missing_callback_confirmed_accepted_by_default(
    fixed_server: type[_FixedAnswer],
) -> None:
    fixed_server.body = b"oauth_token_secret=ts&oauth_token=t"

    temporary = fixed_flow(fixed_server).request_token(CALLBACK)

    assert (temporary.token, temporary.token_secret) == ("t", "ts")
    assert temporary.callback_confirmed is None


def test_missing_callback_confirmed_rejected_when_required(
    fixed_server: type[_FixedAnswer],
) -> None:
    fixed_server.body = b"oauth_token_secret=ts&oauth_token=t"

    with pytest.raises(RequestTokenError, match="oauth_callback_confirmed=None"):
        fixed_flow(fixed_server, require_callback_confirmed=True).request_token(
            CALLBACK
        )


def test_false_callback_confirmed_rejected(fixed_server: type[_FixedAnswer]) -> None:
    fixed_server.body = (
        b"oauth_token=t&oauth_token_secret=ts&oauth_callback_confirmed=false"
    )

    with pytest.raises(RequestTokenError, match="did not accept the callback"):
        fixed_flow(fixed_server).request_token(CALLBACK)


def test_token_response_without_secret_rejected(
    fixed_server: type[_FixedAnswer],
) -> None:
    fixed_server.body = b"oauth_token=t"

    with pytest.raises(RequestTokenError, match="lacks oauth_token_secret") as caught:
        fixed_flow(fixed_server).request_token(CALLBACK)

    assert caught.value.status == 200
    assert caught.value.server_text == "oauth_token=t"


def test_json_token_error_quoted_on_one_line(
    fixed_server: type[_FixedAnswer],
) -> None:
    fixed_server.body = b'{\n  "error": "invalid_client",\n  "oauth_token": "t"\n}'

    with pytest.raises(RequestTokenError) as caught:
        fixed_flow(fixed_server).request_token(CALLBACK)

    message = str(caught.value)
    assert message.endswith(
        'returned: { "error": "invalid_client", "oauth_token": "t" }'
    )


def test_long_token_error_shortened(fixed_server: type[_FixedAnswer]) -> None:
    fixed_server.body = b"x " * 400

    with pytest.raises(RequestTokenError) as caught:
        fixed_flow(fixed_server).request_token(CALLBACK)

    assert str(caught.value).endswith("x " * 149 + "x…")


def test_rejected_method_named_on_token_step(
    fixed_server: type[_FixedAnswer],
) -> None:
    fixed_server.status = 401
    fixed_server.body = b"Invalid signature, HMAC-SHA1 not in ('HMAC-SHA256',)."

    with pytest.raises(RequestTokenError) as caught:
        fixed_flow(fixed_server).request_token(CALLBACK)

    message = str(caught.value)
    assert "('HMAC-SHA256',). The server accepts only HMAC-SHA256" in message
    assert message.endswith("use --signature-method HMAC-SHA256.")
    assert "Check the consumer key" not in message


def test_json_token_response_accepted(fixed_server: type[_FixedAnswer]) -> None:
    fixed_server.body = b'{"oauth_token": "t", "oauth_token_secret": "ts"}'

    assert fixed_flow(fixed_server).request_token(CALLBACK).token == "t"


def test_server_error_text_carried(fixed_server: type[_FixedAnswer]) -> None:
    fixed_server.status, fixed_server.body = 500, b"API error. Something broke"

    with pytest.raises(RequestTokenError) as caught:
        fixed_flow(fixed_server).request_token(CALLBACK)

    assert caught.value.status == 500
    assert caught.value.server_text == "API error. Something broke"
    assert "API error. Something broke" in str(caught.value)


def test_closed_port_reports_connection_failure() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/token"
    flow = OAuth1Flow(Credentials("k", "s"), url, url, url, timeout=5)

    with pytest.raises(RequestTokenError, match="Could not reach") as caught:
        flow.request_token()

    assert caught.value.status is None


def test_silent_server_times_out() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/token"
        flow = OAuth1Flow(Credentials("k", "s"), url, url, url, timeout=0.5)

        with pytest.raises(RequestTokenError, match="did not answer within 0.5 s"):
            flow.request_token()


def test_diagnosis_names_unsigned_query_parameter(provider: LoopbackProvider) -> None:
    token, secret = provider.issue_access_token()
    creds = Credentials(CONSUMER_KEY, CONSUMER_SECRET, token=token, token_secret=secret)
    signed = sign_request("GET", f"{provider.base_url}/api/me?a=1", {}, None, creds)

    answer = requests.get(signed.url + "&extra=2", headers=signed.headers, timeout=10)
    diagnosis = diagnose_401(signed.debug, answer.text)

    assert answer.status_code == 401
    assert diagnosis.expected_base_string is not None
    assert diagnosis.differences[0].part == "parameter"
    assert "Unsigned parameter(s) extra" in diagnosis.likely_cause


@pytest.mark.parametrize(
    ("placement", "carrier"), [(Placement.BODY, "body"), (Placement.QUERY, "path")]
)
def test_token_placement_keeps_callback_out_of_header(
    fixed_server: type[_FixedAnswer], placement: Placement, carrier: str
) -> None:
    fixed_server.body = b"oauth_token=t&oauth_token_secret=ts"
    url = fixed_server.url  # type: ignore[attr-defined]
    flow = OAuth1Flow(Credentials("k", "s"), url, url, url, token_placement=placement)

    flow.request_token("http://127.0.0.1:9/cb")
    path, headers, body = fixed_server.received
    sent = body.decode() if carrier == "body" else path

    assert "Authorization" not in headers
    assert "oauth_callback=http%3A%2F%2F127.0.0.1%3A9%2Fcb" in sent
    assert "oauth_signature=" in sent


def test_flow_from_profile_uses_profile_urls(fixed_server: type[_FixedAnswer]) -> None:
    from ka_explorer.oauth1 import REPLICA_PROFILE, find_profile

    fixed_server.body = b"oauth_token=t&oauth_token_secret=ts"
    base = fixed_server.url.rsplit("/", 1)[0]  # type: ignore[attr-defined]
    profile = find_profile(REPLICA_PROFILE).with_base_url(base)
    flow = OAuth1Flow.from_profile(profile, Credentials("demo-consumer-key", "s"))

    flow.request_token()
    path, headers, body = fixed_server.received

    assert path == "/api/auth2/request_token"
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert b"oauth_callback=oob" in body
    assert flow.authorize_url(TEMPORARY) == (
        f"{base}/api/auth2/authorize?oauth_token=request-token"
    )


def test_realm_sent_with_token_requests(fixed_server: type[_FixedAnswer]) -> None:
    fixed_server.body = b"oauth_token=t&oauth_token_secret=ts"
    url = fixed_server.url  # type: ignore[attr-defined]
    creds = Credentials("k", "s", realm="Photos")

    OAuth1Flow(creds, url, url, url, timeout=5).request_token("oob")
    _, headers, _ = fixed_server.received

    assert headers["Authorization"].startswith('OAuth realm="Photos", ')
