"""The sign-in dialog on its own: provider error pages and the callback catch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from ka_explorer.ui.webengine_env import prepare_chromium_flags


@pytest.fixture
def open_dialog(qtbot):
    """Open sign-in dialogs; delete them after the test, before the profile goes.

    A page that outlives its QWebEngineProfile (the application's child)
    makes QtWebEngine warn at exit and can crash it.
    """
    prepare_chromium_flags()
    from ka_explorer.ui.signin_dialog import SignInDialog

    opened = []

    def open_one(url: str, callback: str = ""):
        dialog = SignInDialog(url, callback)
        opened.append(dialog)
        dialog.show()
        dialog.start()
        return dialog

    yield open_one
    for dialog in opened:
        dialog.close()
        dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_provider_error_message_not_repeated(qtbot, open_dialog, replica):
    url = f"{replica.base_url}/api/auth2/authorize?oauth_token=unknown-token"
    dialog = open_dialog(url)
    with qtbot.waitSignal(dialog.page_alert_read, timeout=20_000) as alert:
        pass
    assert alert.args[0] == (
        "Unknown request token unknown-token; start the sign-in again from the "
        "application."
    )
    assert not dialog.status_area.isVisible()


def test_error_page_without_message_shown(qtbot, open_dialog, replica):
    dialog = open_dialog(f"{replica.base_url}/api/auth2/no-such-page")
    qtbot.waitUntil(lambda: dialog.status_area.level == "error", timeout=20_000)
    assert "The provider answered HTTP 404: Not Found" in dialog.status_area.text()


def test_callback_caught_without_loading(qtbot, open_dialog, replica):
    callback = "http://127.0.0.1/ka-explorer/oauth-callback"
    url = f"{replica.base_url}/api/auth2/authorize?oauth_token=x"
    dialog = open_dialog(url, callback)
    qtbot.waitUntil(
        lambda: dialog.page.url().toString().startswith(replica.base_url),
        timeout=20_000,
    )
    with qtbot.waitSignal(dialog.callback_reached, timeout=10_000) as reached:
        dialog.page.runJavaScript(
            f"window.location.href = '{callback}?oauth_token=x&oauth_verifier=v';"
        )
    assert reached.args[0].endswith("oauth_verifier=v")
    assert dialog.page.url().toString().startswith(replica.base_url)
