"""Drive the window and its sign-in page as a user would: fill, approve, read."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ka_explorer.replica import DEMO
from ka_explorer.ui.endpoint_model import PATH_COLUMN
from tests.gui.window_keys import press_enter_in_url_bar

FILL_LOGIN = f"""
document.querySelector('#login-form [name=identifier]').value = '{DEMO.username}';
document.querySelector('#login-form [name=password]').value = '{DEMO.password}';
document.querySelector('#login-form [name=login]').click();
"""
APPROVE = "document.querySelector('#approval-form [name=approve]').click();"
DENY = "document.querySelector('#approval-form [name=deny]').click();"


def run_js(qtbot, page, script: str):
    results = []
    page.runJavaScript(script, 0, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    return results[0]


def wait_for_element(qtbot, dialog, element_id: str) -> None:
    script = f"!!document.getElementById('{element_id}')"
    qtbot.waitUntil(lambda: run_js(qtbot, dialog.page, script) is True, timeout=20_000)


def click_endpoint(qtbot, window, method: str, url: str) -> None:
    panel = window.endpoint_panel
    index = panel.view_index_of(window.catalog.find(method, url))
    index = index.siblingAtColumn(PATH_COLUMN)
    panel.view.scrollTo(index)
    rect = panel.view.visualRect(index)
    qtbot.mouseClick(
        panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )


def open_sign_in(qtbot, window):
    """Send the URL bar's request and return the sign-in dialog it opens."""
    with qtbot.waitSignal(window.signin.dialog_opened, timeout=20_000) as opened:
        press_enter_in_url_bar(qtbot, window)
    dialog = opened.args[0]
    wait_for_element(qtbot, dialog, "login-form")
    return dialog


def log_in(qtbot, dialog) -> None:
    """Log in as the demo student and wait for the approval page."""
    run_js(qtbot, dialog.page, FILL_LOGIN)
    wait_for_element(qtbot, dialog, "approval-form")


def sign_in(qtbot, dialog) -> None:
    """Log in as the demo student and approve access."""
    log_in(qtbot, dialog)
    run_js(qtbot, dialog.page, APPROVE)


def deny_access(qtbot, window, dialog) -> None:
    """Log in as the demo student, deny access and wait for `cancelled`."""
    log_in(qtbot, dialog)
    with qtbot.waitSignal(window.signin.cancelled, timeout=20_000):
        run_js(qtbot, dialog.page, DENY)


def top_level_value(window, key: str) -> str:
    """Return the Value column of a top-level key in the JSON tree."""
    model = window.json_model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == key:
            return model.index(row, 1).data()
    raise AssertionError(f"{key} not among the top rows")
