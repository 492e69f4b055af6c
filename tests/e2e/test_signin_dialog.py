"""The sign-in dialog on its own: provider error pages and the callback catch."""

from __future__ import annotations

from ka_explorer.ui.webengine_env import prepare_chromium_flags


def _dialog(qtbot, url: str, callback: str = ""):
    prepare_chromium_flags()
    from ka_explorer.ui.signin_dialog import SignInDialog

    dialog = SignInDialog(url, callback)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    return dialog


def test_provider_error_page_shown(qtbot, replica):
    url = f"{replica.base_url}/api/auth2/authorize?oauth_token=unknown-token"
    dialog = _dialog(qtbot, url)
    qtbot.waitUntil(lambda: dialog.status_area.level == "error", timeout=20_000)
    assert "The provider answered HTTP 4" in dialog.status_area.text()


def test_callback_caught_without_loading(qtbot, replica):
    callback = "http://127.0.0.1/ka-explorer/oauth-callback"
    url = f"{replica.base_url}/api/auth2/authorize?oauth_token=x"
    dialog = _dialog(qtbot, url, callback)
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
