"""Form bodies in the parameter form: POST arguments go in a signed
application/x-www-form-urlencoded body, free rows, query and body switches."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest
from oauthlib.common import Request as OAuthRequest
from oauthlib.oauth1.rfc5849 import signature
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLineEdit

from ka_explorer.replica import DEMO
from tests.loopback_server import send_reply
from tests.replica_signin import access_token, authorize

LOG_TEMPLATE = "/api/v1/user/videos/<youtube_id>/log"
TOKEN_SECRET = "verifier-token-secret"


class _Verifier(BaseHTTPRequestHandler):
    """Checks the HMAC-SHA1 signature with oauthlib, body parameters included,
    and replies with what it checked."""

    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("ascii")
        uri = f"http://{self.headers['Host']}{self.path}"
        request = OAuthRequest(uri, self.command, body, dict(self.headers.items()))
        every = signature.collect_parameters(
            uri_query=urlsplit(self.path).query, body=request.body,
            headers=request.headers, exclude_oauth_signature=False)
        request.params = [(k, v) for k, v in every if k != "oauth_signature"]
        request.signature = dict(every).get("oauth_signature", "")
        valid = signature.verify_hmac_sha1(
            request, DEMO.consumer_secret, TOKEN_SECRET
        )
        reply = json.dumps({
            "valid": valid,
            "body": parse_qsl(body, keep_blank_values=True),
            "content_type": self.headers.get("Content-Type"),
            "query": urlsplit(self.path).query,
        }).encode()
        send_reply(self, 200 if valid else 401, "application/json", reply)

    def log_message(self, format, *args) -> None:  # noqa: A002
        pass


@pytest.fixture
def verifier():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Verifier)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="verifier")
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(5)


def _activate(window, method: str, template: str):
    endpoint = window.catalog.find(method, template)
    window.flow.on_endpoint_activated(endpoint)
    return endpoint


def _send(qtbot, window):
    with qtbot.waitSignal(window.response_shown, timeout=20_000) as shown:
        window.flow.on_send_requested()
    return shown.args[0]


def test_post_arguments_start_in_body(qtbot, make_window):
    window = make_window().window
    _activate(window, "POST", LOG_TEMPLATE)
    form = window.param_form
    assert form.location("youtube_id") == "path"
    assert form.location("last_second_watched") == "body"
    assert form.location("video_key") == "body"
    assert window.request_bar.url_text() == "/api/v1/user/videos/wD15pD5pCt4/log"
    assert form.body_pairs() == (("last_second_watched", "60"),
                                 ("seconds_watched", "30"))


def test_get_arguments_start_in_query(qtbot, make_window):
    window = make_window().window
    _activate(window, "GET", "/api/v1/user/videos")
    assert window.param_form.location("dt_start") == "query"
    assert window.param_form.body_pairs() == ()


def test_switch_row_moves_value(qtbot, make_window):
    window = make_window().window
    _activate(window, "POST", LOG_TEMPLATE)
    form, bar = window.param_form, window.request_bar
    form.set_location("last_second_watched", "query")
    assert bar.url_text().endswith("/log?last_second_watched=60")
    assert form.body_pairs() == (("seconds_watched", "30"),)
    form.set_location("last_second_watched", "body")
    assert bar.url_text().endswith("/log")
    assert ("last_second_watched", "60") in form.body_pairs()


def _free_editors(form, object_name: str) -> list:
    return [w for w in form.findChildren(QLineEdit) if w.objectName() == object_name]


def test_free_rows_add_and_remove(qtbot, make_window):
    window = make_window().window
    _activate(window, "GET", "/api/v1/badges")
    form, bar = window.param_form, window.request_bar
    qtbot.mouseClick(form.add_query_button, Qt.MouseButton.LeftButton)
    names = _free_editors(form, "freeName")
    assert len(names) == 1
    qtbot.keyClicks(names[0], "q")
    qtbot.keyClicks(_free_editors(form, "freeValue")[0], "a b")
    assert bar.url_text() == "/api/v1/badges?q=a+b"
    form.set_location("q", "body")
    assert bar.url_text() == "/api/v1/badges"
    assert form.body_pairs() == (("q", "a b"),)
    form.set_location("q", "query")
    assert bar.url_text() == "/api/v1/badges?q=a+b"
    form.remove_free_row("q")
    assert bar.url_text() == "/api/v1/badges"
    assert form.body_pairs() == ()


def test_renamed_free_row_leaves_query(qtbot, make_window):
    window = make_window().window
    window.request_bar.set_url_text("/anything")
    window.flow.on_url_edited("/anything")
    form = window.param_form
    form.add_free_row("query", "a")
    qtbot.keyClicks(_free_editors(form, "freeValue")[0], "1")
    assert window.request_bar.url_text() == "/anything?a=1"
    qtbot.keyClicks(_free_editors(form, "freeName")[0], "b")
    assert window.request_bar.url_text() == "/anything?ab=1"


def _type_url(window, text: str) -> None:
    """Set the URL bar as typing does: each edit reaches the flow."""
    for end in range(1, len(text) + 1):
        window.request_bar.set_url_text(text[:end])
        window.flow.on_url_edited(text[:end])


def _free_rows(form) -> list[tuple[str, str]]:
    # Removed rows' editors stay children of the form until deleted.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    names = [editor.text() for editor in _free_editors(form, "freeName")]
    values = [editor.text() for editor in _free_editors(form, "freeValue")]
    return list(zip(names, values, strict=True))


def test_url_keys_get_free_rows(qtbot, make_window):
    window = make_window().window
    form = window.param_form

    _type_url(window, "/api/v1/badges?casing=camel&x=1")

    assert _free_rows(form) == [("casing", "camel"), ("x", "1")]
    assert form.location("x") == "query"


def test_url_key_removed_with_its_row(qtbot, make_window):
    window = make_window().window
    form = window.param_form
    _type_url(window, "/api/v1/badges?casing=camel&x=1")

    _type_url(window, "/api/v1/badges?x=1")

    assert _free_rows(form) == [("x", "1")]


def test_row_edited_in_form_stays(qtbot, make_window):
    window = make_window().window
    form = window.param_form
    _type_url(window, "/api/v1/badges?x=1")
    value = _free_editors(form, "freeValue")[0]
    value.selectAll()
    qtbot.keyClick(value, Qt.Key.Key_Delete)
    url_after_clear = window.request_bar.url_text()

    _type_url(window, "/api/v1/badges?y=2")

    assert url_after_clear == "/api/v1/badges"
    assert _free_rows(form) == [("x", ""), ("y", "2")]


def test_url_key_becomes_argument_row(qtbot, make_window):
    window = make_window().window
    form = window.param_form
    _type_url(window, "/api/v1/use?username=ann")
    rows_before_match = _free_rows(form)

    _type_url(window, "/api/v1/user?username=ann")

    assert rows_before_match == [("username", "ann")]
    assert _free_rows(form) == []
    assert form.values()["username"] == "ann"


def test_body_signed_for_verifier(qtbot, make_window, verifier):
    parts = make_window(verifier)
    parts.session.store_token("verifier-token", TOKEN_SECRET)
    window = parts.window
    _activate(window, "POST", LOG_TEMPLATE)
    window.param_form.add_free_row("body", "note", "a&b=c ü")
    exchange = _send(qtbot, window)
    echoed = json.loads(exchange.body)
    assert exchange.status == 200, exchange.body
    assert echoed["valid"] is True
    assert echoed["content_type"] == "application/x-www-form-urlencoded"
    assert echoed["query"] == ""
    assert echoed["body"] == [["last_second_watched", "60"],
                              ["seconds_watched", "30"], ["note", "a&b=c ü"]]
    assert "last_second_watched" in exchange.signature.base_string


def test_replica_logs_body_watch(qtbot, make_window, replica):
    parts = make_window(replica.base_url)
    token, secret = access_token(
        authorize(replica.base_url, DEMO.username, DEMO.password)
    )
    parts.session.store_token(token, secret)
    window = parts.window
    _activate(window, "POST", LOG_TEMPLATE)
    window.param_form.editor("last_second_watched").setText("61")
    exchange = _send(qtbot, window)
    assert exchange.status == 200, exchange.body
    assert exchange.request.url.endswith("/api/v1/user/videos/wD15pD5pCt4/log")
    assert b"last_second_watched=61" in exchange.request.body
    logged = json.loads(exchange.body)
    assert logged["last_second_watched"] == 61
    assert window.status_area.level == "info"
