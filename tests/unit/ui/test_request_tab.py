"""Request tab: the request line, masked headers, form body and signature."""

from __future__ import annotations

from ka_explorer.http import RequestSpec, send
from ka_explorer.oauth1 import Credentials
from ka_explorer.replica import DEMO
from ka_explorer.ui.request_tab import NOT_SIGNED, request_text
from tests.gui.window_keys import press_enter_in_url_bar
from tests.replica_signin import access_token, authorize


def _send(qtbot, window, text: str):
    window.request_bar.set_url_text(text)
    with qtbot.waitSignal(window.response_shown, timeout=20_000) as shown:
        press_enter_in_url_bar(qtbot, window)
    return shown.args[0]


def _token(replica) -> tuple[str, str]:
    return access_token(authorize(replica.base_url, DEMO.username, DEMO.password))


def test_request_tab_masks_signed_request(qtbot, make_window, replica):
    parts = make_window(replica.base_url)
    token, secret = _token(replica)
    parts.session.store_token(token, secret)
    window = parts.window
    exchange = _send(qtbot, window, "/api/v1/user")
    text = window.response_pane.request_tab.text()
    assert exchange.status == 200
    assert text.startswith(f"GET {replica.base_url}/api/v1/user")
    assert "Authorization: OAuth " in text
    assert 'oauth_token="****"' in text
    assert 'oauth_signature="****"' in text
    assert token not in text
    assert secret not in text
    assert DEMO.consumer_secret not in text
    assert "Signature base string: GET&" in text
    assert "[oauth]" in text
    assert "Signing key:" in text
    assert window.response_pane.tabs.tabText(3) == "Request"


def test_request_tab_explains_rejected_signature(qtbot, make_window, replica):
    parts = make_window(replica.base_url)
    token, _secret = _token(replica)
    parts.session.store_token(token, "not-the-token-secret")
    window = parts.window
    exchange = _send(qtbot, window, "/api/v1/user")
    text = window.response_pane.request_tab.text()
    assert exchange.status == 401
    assert "401 check of the signature:" in text
    assert "Expected base string:" in text
    assert "Likely cause:" in text
    assert "not-the-token-secret" not in text
    assert "shown as the server sent them" in text
    signed_line = next(line for line in text.splitlines()
                       if line.startswith("Signed base string:"))
    assert token not in signed_line
    assert f"oauth_token%3D{'*' * len(token)}" in signed_line


def test_request_tab_unsigned_request(qtbot, make_window, local_server, replica):
    local_server.routes["/api/v1/badges"] = (200, "application/json", b"[]")
    window = make_window(replica.base_url).window
    _send(qtbot, window, f"{local_server.base_url}/api/v1/badges")
    text = window.response_pane.request_tab.text()
    assert text.startswith(f"GET {local_server.base_url}/api/v1/badges")
    assert "is not the profile's server" in text
    assert NOT_SIGNED not in text


def test_request_text_decodes_form_body(replica):
    credentials = Credentials(DEMO.consumer_key, DEMO.consumer_secret)
    spec = RequestSpec(
        method="POST",
        url=f"{replica.base_url}/api/v1/badges",
        form=(("q", "a b"), ("empty", "")),
    )
    exchange = send(spec, credentials=credentials, timeout=10.0)
    text = request_text(exchange)
    assert text.startswith(f"POST {replica.base_url}/api/v1/badges")
    assert "Form body (decoded):" in text
    assert "  q = 'a b'" in text
    assert "  empty = ''" in text
    assert "q = 'a b'  [body]" in text


def test_request_tab_masks_token_everywhere(qtbot, make_window, replica):
    parts = make_window(replica.base_url)
    token, secret = _token(replica)
    parts.session.store_token(token, secret)
    window = parts.window
    exchange = _send(qtbot, window, "/api/v1/user?limit=2")
    text = window.response_pane.request_tab.text()
    lines = text.splitlines()
    parameter_line = next(line for line in lines if "oauth_token =" in line)
    normalized = next(line for line in lines if line.startswith("Normalized"))
    base_string = next(line for line in lines if line.startswith("Signature base"))
    signature_line = next(line for line in lines if line.startswith("Signature: "))

    assert exchange.sent is not None
    assert token not in text
    assert parameter_line.strip() == "oauth_token = '****'  [oauth]"
    assert "oauth_token=****" in normalized
    assert "oauth_token%3D****" in base_string
    assert signature_line == "Signature: ****"
    assert "limit%3D2" in base_string


def test_show_secrets_reveals_token(qtbot, make_window, replica):
    parts = make_window(replica.base_url)
    token, secret = _token(replica)
    parts.session.store_token(token, secret)
    window = parts.window
    _send(qtbot, window, "/api/v1/user")
    tab = window.response_pane.request_tab

    tab.show_secrets_box.setChecked(True)

    assert f'oauth_token="{token}"' in tab.text()
    assert f"oauth_token = {token!r}  [oauth]" in tab.text()
    assert "Signature: ****" not in tab.text()
    assert secret not in tab.text()
    tab.show_secrets_box.setChecked(False)
    assert token not in tab.text()


def test_request_text_names_given_reason(replica):
    spec = RequestSpec(url=replica.base_url + "/api/v1/badges/categories")
    exchange = send(spec)

    with_reason = request_text(exchange, not_signed_reason="Not signed: no key.")
    without = request_text(exchange)

    assert "Not signed: no key." in with_reason
    assert NOT_SIGNED not in with_reason
    assert NOT_SIGNED in without
