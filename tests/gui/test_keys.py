"""Keys as the user presses them: Enter in the URL bar, the tree and the form,
URL completion, and the shortcut to the URL bar from every text box."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ka_explorer.ui.endpoint_model import PATH_COLUMN
from tests.gui.window_keys import (
    focus,
    key_target,
    press,
    press_enter_in_url_bar,
    press_key,
    type_text,
    type_url,
)

ITEM_TEMPLATE = "/api/v1/assessment_items/<assessment_item_id>"


def _serve_json(server, path: str, value) -> None:
    server.routes[path] = (200, "application/json", json.dumps(value).encode())


def _history(window) -> list[tuple[str, str]]:
    return [(entry.url, entry.outcome) for entry in window.history_model.entries()]


def _select_endpoint(qtbot, window, method: str, url: str):
    """Click the endpoint's row, as a user picks it; return its view index."""
    panel = window.endpoint_panel
    index = panel.view_index_of(window.catalog.find(method, url))
    index = index.siblingAtColumn(PATH_COLUMN)
    panel.view.scrollTo(index)
    qtbot.mouseClick(
        panel.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.view.visualRect(index).center(),
    )
    return index


def test_typed_url_sent_on_enter(qtbot, make_window, local_server):
    _serve_json(local_server, "/api/v1/badges", [{"name": "a"}])
    window = make_window(local_server.base_url).window

    type_url(qtbot, window, "/api/v1/badges")
    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        press_key(qtbot, Qt.Key.Key_Return)

    assert _history(window) == [("/api/v1/badges", "200 OK")]
    assert window.json_model.rowCount() == 1


def test_enter_sends_once(qtbot, make_window, local_server):
    _serve_json(local_server, "/api/v1/badges", [])
    window = make_window(local_server.base_url).window
    window.request_bar.set_url_text("/api/v1/badges")

    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        press_enter_in_url_bar(qtbot, window)
    qtbot.wait(100)

    assert len(window.history_model.entries()) == 1


def test_completion_popup_closes_on_send(qtbot, make_window, local_server):
    _serve_json(local_server, "/api/v1/badges", [])
    window = make_window(local_server.base_url).window
    popup = window.request_bar.url_box.completer().popup()

    type_url(qtbot, window, "/api/v1/badges")
    shown_while_typing = popup.isVisible()
    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        press_key(qtbot, Qt.Key.Key_Return)

    assert shown_while_typing
    assert not popup.isVisible()
    assert _history(window) == [("/api/v1/badges", "200 OK")]


def test_enter_on_completion_only_fills(qtbot, make_window):
    window = make_window().window
    type_url(qtbot, window, "assessment_items/<")
    press_key(qtbot, Qt.Key.Key_Down)

    press_key(qtbot, Qt.Key.Key_Return)

    assert window.request_bar.url_text() == ITEM_TEMPLATE
    assert window.param_form.editor("assessment_item_id") is not None
    assert window.history_model.entries() == []


def test_enter_in_tree_sends_endpoint(qtbot, make_window, local_server):
    _serve_json(local_server, "/api/v1/badges/categories", [{"category": 1}])
    window = make_window(local_server.base_url).window
    _select_endpoint(qtbot, window, "GET", "/api/v1/badges/categories")

    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        press(qtbot, window.endpoint_panel.view, Qt.Key.Key_Return)

    assert _history(window) == [("/api/v1/badges/categories", "200 OK")]


def test_double_click_in_tree_sends(qtbot, make_window, local_server):
    _serve_json(local_server, "/api/v1/videos/jxA8MffVmPs", {"title": "x"})
    window = make_window(local_server.base_url).window
    panel = window.endpoint_panel
    index = _select_endpoint(qtbot, window, "GET", "/api/v1/videos/<video_id>")

    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        qtbot.mouseDClick(
            panel.view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=panel.view.visualRect(index).center(),
        )

    assert _history(window) == [("/api/v1/videos/jxA8MffVmPs", "200 OK")]


def test_enter_in_tree_keeps_edited_form(qtbot, make_window, local_server):
    _serve_json(local_server, "/api/v1/videos/edited", {"title": "x"})
    window = make_window(local_server.base_url).window
    _select_endpoint(qtbot, window, "GET", "/api/v1/videos/<video_id>")
    editor = window.param_form.editor("video_id")
    press(qtbot, editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, editor, "edited")

    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        press(qtbot, window.endpoint_panel.view, Qt.Key.Key_Return)

    assert _history(window) == [("/api/v1/videos/edited", "200 OK")]


def test_missing_path_value_focuses_field(qtbot, make_window):
    window = make_window().window
    _select_endpoint(qtbot, window, "GET", ITEM_TEMPLATE)

    press(qtbot, window.endpoint_panel.view, Qt.Key.Key_Return)

    editor = window.param_form.editor("assessment_item_id")
    assert QApplication.focusWidget() is editor
    assert "assessment_item_id" in window.status_area.text()
    assert "fill in the path parameters" in window.status_area.text()
    assert _history(window) == [(ITEM_TEMPLATE, "invalid request")]


def test_enter_in_form_field_sends(qtbot, make_window, local_server):
    _serve_json(local_server, "/api/v1/assessment_items/x1", {"id": "x1"})
    window = make_window(local_server.base_url).window
    _select_endpoint(qtbot, window, "GET", ITEM_TEMPLATE)
    press(qtbot, window.endpoint_panel.view, Qt.Key.Key_Return)

    type_text(qtbot, window.param_form.editor("assessment_item_id"), "x1")
    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        press_key(qtbot, Qt.Key.Key_Return)

    assert _history(window)[0] == ("/api/v1/assessment_items/x1", "200 OK")


def test_url_shortcut_works_from_text_boxes(qtbot, make_window):
    window = make_window().window
    boxes = {
        "filter": window.endpoint_panel.filter_box,
        "search": window.response_pane.json_tab.search_box,
        "tree": window.endpoint_panel.view,
    }
    reached = {}
    for name, box in boxes.items():
        for key, modifier in (
            (Qt.Key.Key_F6, Qt.KeyboardModifier.NoModifier),
            (Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier),
        ):
            focus(qtbot, box)
            press_key(qtbot, key, modifier)
            reached[name, key] = QApplication.focusWidget()

    url_box = window.request_bar.url_box
    assert all(widget is url_box for widget in reached.values()), reached


def test_timeout_menu_item_selects_box(qtbot, make_window):
    window = make_window().window
    focus(qtbot, window.request_bar.url_box)

    window.actions.edit_timeout.trigger()
    qtbot.keyClicks(key_target(), "12")

    assert QApplication.focusWidget() is window.request_bar.timeout_box
    assert window.request_bar.timeout() == 12.0
