"""Response pane for a body cut short: size chip, Raw text, saved bytes."""

from __future__ import annotations

from ka_explorer.ui.messages import Dialogs
from tests.gui.window_keys import press_enter_in_url_bar
from tests.unit.http.test_incomplete_body import SENT, ClosingServer


def test_incomplete_body_shown_and_saved(qtbot, make_window, tmp_path):
    server = ClosingServer()
    try:
        base_url = server.url.removesuffix("/early")
        window = make_window(base_url).window
        window.request_bar.set_url_text("/early")
        with qtbot.waitSignal(window.response_shown, timeout=20_000):
            press_enter_in_url_bar(qtbot, window)
    finally:
        server.close()
    pane = window.response_pane
    assert pane.size_label.text() == "101.6 KiB of 1.9 MiB"
    notice = pane.json_tab.notice.text()
    assert notice.startswith("The body is incomplete (101.6 KiB of 1.9 MiB arrived)")
    assert "not JSON" not in notice
    raw = pane.raw_tab
    pane.tabs.setCurrentWidget(raw)
    qtbot.waitUntil(lambda: raw.editor.toPlainText() != "", timeout=10_000)
    assert '"n": 1' in raw.editor.toPlainText()
    target = tmp_path / "early.json"
    Dialogs.save_path = str(target)
    try:
        window.actions.save_body.trigger()
    finally:
        Dialogs.save_path = None
    assert target.read_bytes() == SENT
