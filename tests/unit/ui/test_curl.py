"""Copy request as curl: masked, and signed with secrets to run once."""

from __future__ import annotations

import shlex
import shutil
import subprocess

import pytest
from PySide6.QtGui import QGuiApplication

from ka_explorer.replica import DEMO
from tests.replica_signin import access_token, authorize


def _signed_in_window(make_window, replica):
    parts = make_window(replica.base_url)
    token, secret = access_token(
        authorize(replica.base_url, DEMO.username, DEMO.password)
    )
    parts.session.store_token(token, secret)
    return parts, token


def _run_curl(command: str) -> tuple[str, str]:
    """Run the copied command with curl; return the status code and the body."""
    arguments = shlex.split(command) + ["-s", "-w", "\n%{http_code}"]
    result = subprocess.run(arguments, capture_output=True, text=True, timeout=30)
    body, _, status = result.stdout.rpartition("\n")
    return status, body


def test_signed_curl_holds_secrets(qtbot, make_window, replica):
    parts, token = _signed_in_window(make_window, replica)
    window = parts.window
    window.request_bar.set_url_text("/api/v1/user")
    window.actions.copy_signed_curl.trigger()
    command = QGuiApplication.clipboard().text()
    assert f'oauth_token="{token}"' in command
    assert "****" not in command
    assert "holds the access token" in window.status_area.text()
    assert "nonce works once" in window.status_area.text()


def test_signed_curl_signs_afresh(qtbot, make_window, replica):
    parts, _token = _signed_in_window(make_window, replica)
    window = parts.window
    window.request_bar.set_url_text("/api/v1/user")
    window.actions.copy_signed_curl.trigger()
    first = QGuiApplication.clipboard().text()
    window.actions.copy_signed_curl.trigger()
    assert QGuiApplication.clipboard().text() != first


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_signed_curl_runs_once(qtbot, make_window, replica):
    parts, _token = _signed_in_window(make_window, replica)
    window = parts.window
    window.request_bar.set_url_text("/api/v1/user")
    window.actions.copy_signed_curl.trigger()
    command = QGuiApplication.clipboard().text()

    status, body = _run_curl(command)
    assert status == "200", body
    assert DEMO.username in body or "nickname" in body
    status, body = _run_curl(command)
    assert status == "401"
    assert "nonce" in body.lower()


def test_masked_curl_in_context_menu(qtbot, make_window):
    actions = make_window().window.actions
    menu_items = actions.node_actions()
    assert actions.copy_curl in menu_items
    assert actions.copy_signed_curl in menu_items


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_signed_curl_carries_form_body(qtbot, make_window, replica):
    parts, _token = _signed_in_window(make_window, replica)
    window = parts.window
    endpoint = window.catalog.find("POST", "/api/v1/user/videos/<youtube_id>/log")
    window.flow.on_endpoint_activated(endpoint)
    window.param_form.editor("last_second_watched").setText("62")
    window.actions.copy_signed_curl.trigger()
    command = QGuiApplication.clipboard().text()
    assert "last_second_watched=62" in command

    status, body = _run_curl(command)
    assert status == "200", body
    assert '"last_second_watched": 62' in body
