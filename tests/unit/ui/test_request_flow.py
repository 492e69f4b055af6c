"""The request flow: the response's removal badge, the method for typed URLs,
and the wording of an empty body, a redirect and an invalid URL."""

from __future__ import annotations

import pytest

from ka_explorer.ui.badges import removal_badge

TOPICTREE = "/api/v1/topictree"
VIDEO_LOG = "/api/v1/user/videos/<youtube_id>/log"


def _endpoint(window, method: str, url: str):
    return next(e for e in window.catalog.endpoints
                if e.http_method == method and e.url == url)


def _send(qtbot, window, text: str) -> None:
    window.request_bar.set_url_text(text)
    window.flow.on_url_edited(text)
    window.flow.on_send_requested()
    qtbot.waitUntil(lambda: window.flow.task is None, timeout=20_000)


def _type_url(window, text: str) -> None:
    window.request_bar.set_url_text(text)
    window.flow.on_url_edited(text)


@pytest.fixture
def window(make_window, local_server):
    local_server.routes[TOPICTREE] = (200, "application/json", b'{"a": 1}')
    local_server.routes["/empty"] = (200, "application/json", b"")
    local_server.routes["/found"] = (302, "text/plain", b"")
    return make_window(local_server.base_url).window


def test_badge_stays_with_response(qtbot, window):
    chip = window.response_pane.removal_label
    window.flow.on_endpoint_activated(_endpoint(window, "GET", TOPICTREE))
    _send(qtbot, window, TOPICTREE)
    shown = chip.text()
    log_endpoint = _endpoint(window, "POST", VIDEO_LOG)
    log_badge = removal_badge(log_endpoint, window.flow.removal_day())

    window.flow.on_endpoint_activated(log_endpoint)

    assert log_badge is not None
    assert log_badge.text != shown
    assert chip.text() == shown
    assert chip.isVisibleTo(window)


def test_badge_previews_before_response(qtbot, window):
    log_endpoint = _endpoint(window, "POST", VIDEO_LOG)

    window.flow.on_endpoint_activated(log_endpoint)

    badge = removal_badge(log_endpoint, window.flow.removal_day())
    assert window.response_pane.removal_label.text() == badge.text


def test_non_catalog_url_gets_get(qtbot, window):
    window.flow.on_endpoint_activated(_endpoint(window, "POST", VIDEO_LOG))
    assert window.request_bar.method() == "POST"

    _type_url(window, "http://127.0.0.1:9/ok?second")

    assert window.request_bar.method() == "GET"


def test_method_by_hand_kept_off_catalog(qtbot, window):
    window.flow.on_endpoint_activated(_endpoint(window, "GET", TOPICTREE))
    window.request_bar.set_method("PUT")
    window.flow.on_method_changed("PUT")

    _type_url(window, "/not/in/catalog")

    assert window.request_bar.method() == "PUT"


def test_catalog_method_back_after_detour(qtbot, window):
    window.flow.on_endpoint_activated(_endpoint(window, "POST", VIDEO_LOG))
    _type_url(window, "/elsewhere")

    _type_url(window, "/api/v1/user/videos/abc/log")

    assert window.request_bar.method() == "POST"


def test_empty_body_message(qtbot, window):
    _send(qtbot, window, "/empty")

    assert window.status_area.text() == "200 OK: empty body."


def test_redirect_is_warning(qtbot, window):
    _send(qtbot, window, "/found")

    assert window.status_area.level == "warning"
    assert window.history_model.entry_at(0).ok


def test_invalid_url_quoted_as_typed(qtbot, window):
    _send(qtbot, window, "htp:/bad url")

    text = window.status_area.text()
    assert "'htp:/bad url'" in text
    assert "%20" not in text
