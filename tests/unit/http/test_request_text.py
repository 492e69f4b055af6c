"""Query and form text that is not UTF-8: rejected when signed, sent as bytes
when unsigned, against a real loopback server."""

from __future__ import annotations

import json

import pytest

from ka_explorer.http import RequestSpec, send
from ka_explorer.oauth1 import Credentials
from ka_explorer.oauth1.encoding import FORM_CONTENT_TYPE, form_unquote

from .conftest import CONSUMER, TOKEN, LoopbackServer

CREDENTIALS = Credentials(CONSUMER[0], CONSUMER[1], token=TOKEN[0],
                          token_secret=TOKEN[1])
FORM_HEADER = (("Content-Type", FORM_CONTENT_TYPE),)
RAW_FF = form_unquote("%FF")  # "\udcff", as the command line decodes -d a=%FF


def _specs(server: LoopbackServer) -> dict[str, RequestSpec]:
    url = server.url("/echo")
    return {
        "form pair": RequestSpec(method="POST", url=url, form=(("a", RAW_FF),)),
        "query pair": RequestSpec(url=url, query=(("a", RAW_FF),)),
        "URL query": RequestSpec(url=url + "?a=%FF"),
        "form body": RequestSpec(method="POST", url=url, body=b"a=%FF",
                                 headers=FORM_HEADER),
        "form name": RequestSpec(method="POST", url=url, form=((RAW_FF, "1"),)),
    }


@pytest.mark.parametrize(
    "case", ["form pair", "query pair", "URL query", "form body", "form name"]
)
def test_signed_non_utf8_is_rejected(server: LoopbackServer, case: str) -> None:
    exchange = send(_specs(server)[case], credentials=CREDENTIALS)
    assert exchange.status == 0
    assert exchange.error is not None
    assert exchange.error.kind == "invalid_request"
    assert "(%FF)" in exchange.error.message
    assert "%C3%BF" in exchange.error.message
    assert exchange.request is None  # nothing went out


def test_signed_bad_escape_is_rejected(server: LoopbackServer) -> None:
    spec = RequestSpec(url=server.url("/echo?q=100%zz"))
    exchange = send(spec, credentials=CREDENTIALS)
    assert exchange.error is not None
    assert exchange.error.kind == "invalid_request"
    assert "'%zz'" in exchange.error.message
    assert "%25" in exchange.error.message


def test_unsigned_form_surrogate_sent_as_byte(server: LoopbackServer) -> None:
    exchange = send(_specs(server)["form pair"])
    assert exchange.error is None, exchange.error
    assert json.loads(exchange.body)["body"] == "a=%FF"


def test_unsigned_query_surrogate_sent_as_byte(server: LoopbackServer) -> None:
    exchange = send(_specs(server)["query pair"])
    assert exchange.error is None, exchange.error
    assert exchange.request is not None
    assert exchange.request.url.endswith("/echo?a=%FF")


def test_unsigned_url_query_sent_as_given(server: LoopbackServer) -> None:
    exchange = send(_specs(server)["URL query"])
    assert exchange.error is None, exchange.error
    assert exchange.request is not None
    assert exchange.request.url.endswith("?a=%FF")


def test_signed_utf8_escape_passes_provider(server: LoopbackServer) -> None:
    spec = RequestSpec(method="POST", url=server.url("/signed?q=%C3%BF"),
                       form=(("a", "100%"), ("b", "ÿ")))
    exchange = send(spec, credentials=CREDENTIALS)
    assert exchange.error is None, exchange.error
    assert exchange.status == 200

