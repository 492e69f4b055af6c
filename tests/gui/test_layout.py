"""What the user sees at the default size: full paths and names, tidy panes."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt

from ka_explorer.oauth1.profiles import REPLICA_PROFILE
from ka_explorer.ui.endpoint_model import METHOD_COLUMN, PATH_COLUMN, REMOVAL_COLUMN
from ka_explorer.ui.raw_render import PREVIEW_BYTES
from ka_explorer.ui.screenshot import SCREENSHOT_SIZE
from tests.gui.window_keys import press_enter_in_url_bar


def _default_size_window(qtbot, make_window, base_url: str = "http://127.0.0.1:9"):
    # The offscreen screen is 800 x 800, so the window is resized the way
    # screenshot mode does it.
    window = make_window(base_url).window
    window.resize(*SCREENSHOT_SIZE)
    window.use_default_layout()
    qtbot.waitUntil(lambda: window.width() == SCREENSHOT_SIZE[0])
    return window


def _send(qtbot, window, text: str):
    window.request_bar.set_url_text(text)
    with qtbot.waitSignal(window.response_shown, timeout=20_000) as shown:
        press_enter_in_url_bar(qtbot, window)
    return shown.args[0]


def test_endpoint_paths_not_elided(qtbot, make_window):
    window = _default_size_window(qtbot, make_window)
    view = window.endpoint_panel.view
    header = view.header()
    columns = (PATH_COLUMN, METHOD_COLUMN, REMOVAL_COLUMN)
    used = sum(header.sectionSize(column) for column in columns)

    assert header.sectionSize(PATH_COLUMN) >= view.sizeHintForColumn(PATH_COLUMN)
    assert header.sectionSize(REMOVAL_COLUMN) >= view.sizeHintForColumn(REMOVAL_COLUMN)
    assert used <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()


def test_profile_box_shows_full_name(qtbot, make_window):
    window = _default_size_window(qtbot, make_window)
    box = window.request_bar.profile_box
    text_width = box.fontMetrics().horizontalAdvance(REPLICA_PROFILE)

    assert box.currentText() == REPLICA_PROFILE
    assert box.width() >= box.sizeHint().width()
    assert box.width() > text_width


def test_profile_state_beside_selector(qtbot, make_window):
    window = make_window("http://127.0.0.1:9").window
    state = window.request_bar.profile_state.full_text()

    window.copy_text("something", "a value")

    assert state == "http://127.0.0.1:9 · not signed in"
    assert window.request_bar.profile_state.full_text() == state


def test_parameter_rows_start_at_top(qtbot, make_window):
    window = _default_size_window(qtbot, make_window)
    window.request_bar.set_url_text("/api/v1/videos/abc")
    window.flow.on_url_edited("/api/v1/videos/abc")
    form = window.param_form

    def first_row_at_top() -> None:
        editor = form.editor("video_id")
        assert editor.isVisible()
        assert editor.mapTo(form, QPoint(0, 0)).y() < editor.height()

    # The layout settles after a few events, so the check is retried.
    qtbot.waitUntil(first_row_at_top, timeout=2000)


def test_default_form_shows_four_rows(qtbot, make_window):
    window = _default_size_window(qtbot, make_window)
    window.request_bar.set_url_text("/api/v1/user")
    window.flow.on_url_edited("/api/v1/user")
    form = window.param_form

    def fourth_row_inside() -> None:
        fourth = form.editor("kaid")
        assert fourth.isVisible()
        assert fourth.mapTo(form, QPoint(0, fourth.height())).y() <= form.height()

    qtbot.waitUntil(fourth_row_inside, timeout=2000)


def test_raw_tab_chosen_then_json_again(qtbot, make_window, local_server):
    local_server.routes["/api/v1/badges"] = (200, "text/plain", b"plain words")
    local_server.routes["/api/v1/exercises"] = (200, "application/json", b"[1]")
    window = make_window(local_server.base_url).window
    tabs = window.response_pane.tabs

    _send(qtbot, window, "/api/v1/badges")
    after_text = tabs.currentWidget()
    _send(qtbot, window, "/api/v1/exercises")

    assert after_text is window.response_pane.raw_tab
    assert tabs.currentWidget() is window.response_pane.json_tab


def test_raw_tab_user_picked_stays(qtbot, make_window, local_server):
    local_server.routes["/api/v1/exercises"] = (200, "application/json", b"[1]")
    window = make_window(local_server.base_url).window
    pane = window.response_pane
    raw_index = pane.tabs.indexOf(pane.raw_tab)
    pane.tabs.tabBarClicked.emit(raw_index)
    pane.tabs.setCurrentIndex(raw_index)

    _send(qtbot, window, "/api/v1/exercises")

    assert pane.tabs.currentWidget() is pane.raw_tab


def test_large_body_keeps_tree_width(qtbot, make_window, local_server):
    items = [{"index": i, "text": "x" * 40} for i in range(20_000)]
    body = json.dumps(items).encode()
    assert len(body) > PREVIEW_BYTES
    local_server.routes["/api/v1/exercises"] = (200, "application/json", body)
    window = _default_size_window(qtbot, make_window, local_server.base_url)
    left_before = window.main_splitter.sizes()[0]
    raw = window.response_pane.raw_tab
    window.response_pane.tabs.setCurrentWidget(raw)

    _send(qtbot, window, "/api/v1/exercises")
    qtbot.waitUntil(lambda: raw.info.text() != "", timeout=10_000)
    qtbot.wait(50)

    assert window.main_splitter.sizes()[0] == left_before


def test_previous_response_marked_for_sign_in(qtbot, make_window, local_server):
    local_server.routes["/api/v1/exercises"] = (200, "application/json", b"[1]")
    window = make_window(local_server.base_url).window
    pane = window.response_pane
    _send(qtbot, window, "/api/v1/exercises")
    marked_before = pane.previous_label.isVisible()

    window.flow.send("GET", "/api/v1/user")

    assert not marked_before
    assert pane.previous_label.isVisible()
    assert pane.previous_label.full_text() == "previous: GET /api/v1/exercises"
    qtbot.waitUntil(lambda: not window.signin.active(), timeout=20_000)


def test_failed_request_explains_empty_tree(qtbot, make_window):
    window = make_window("http://127.0.0.1:9").window
    notice = window.response_pane.json_tab.notice

    _send(qtbot, window, "/api/v1/badges")

    assert notice.text() == "No response arrived; the message above says why."
    assert "connection refused" in window.status_area.text()


def _long_path_catalog():
    from ka_explorer.catalog import Catalog

    def entry(url: str, arguments=()):
        return {
            "url": url,
            "http_method": "GET",
            "summary": "",
            "description": "",
            "returns": "",
            "example": "",
            "access_control": "open-access",
            "arguments": list(arguments),
        }

    name = {"name": "id", "description": "", "required": True, "part_of_url": True}
    long_path = "/api/v1/" + "/".join(["nested-collection"] * 8) + "/summary"
    return Catalog.from_descriptions(
        [entry("/api/v1/items/<id>", [name]), entry(long_path)], source="test"
    )


def test_form_change_keeps_splitters(qtbot, make_window):
    window = make_window(catalog=_long_path_catalog()).window
    window.resize(*SCREENSHOT_SIZE)
    qtbot.waitUntil(lambda: window.width() == SCREENSHOT_SIZE[0])
    right_minimum = window.right_splitter.minimumSizeHint().width()
    window.main_splitter.setSizes([window.width() - right_minimum, right_minimum])
    qtbot.wait(20)
    before = (window.main_splitter.sizes(), window.right_splitter.sizes())

    seen = []
    view = window.endpoint_panel.view
    for endpoint in window.catalog.endpoints:
        index = window.endpoint_panel.view_index_of(endpoint)
        rect = view.visualRect(index.siblingAtColumn(PATH_COLUMN))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.wait(20)
        seen.append((window.main_splitter.sizes(), window.right_splitter.sizes()))

    assert all(sizes == before for sizes in seen), (before, seen)


def test_long_message_keeps_splitters(qtbot, make_window, local_server):
    body = b"OAuth error. Invalid request " + b"x" * 400 + b" (no spaces above)."
    local_server.routes["/api/v1/badges"] = (401, "text/plain", body)
    local_server.routes["/api/v1/exercises"] = (200, "application/json", b"[1]")
    window = _default_size_window(qtbot, make_window, local_server.base_url)
    _send(qtbot, window, "/api/v1/exercises")
    before = window.main_splitter.sizes()

    _send(qtbot, window, "/api/v1/badges")
    qtbot.wait(50)
    message = window.status_area.text()
    after_message = window.main_splitter.sizes()
    _send(qtbot, window, "/api/v1/" + "long-path-segment/" * 12)
    qtbot.wait(50)

    assert "x" * 400 in message
    assert after_message == before
    assert window.main_splitter.sizes() == before
