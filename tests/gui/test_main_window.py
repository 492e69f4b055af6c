"""The window as a user drives it: endpoint tree, form, URL bar, copy, search."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ka_explorer.oauth1.profiles import LIVE_PROFILE
from ka_explorer.ui.endpoint_model import PATH_COLUMN, REMOVAL_COLUMN
from ka_explorer.ui.json_tab import EXPAND_LIMIT
from tests.gui.window_keys import press_enter_in_url_bar, type_url


def _click_endpoint(qtbot, window, method: str, url: str) -> None:
    panel = window.endpoint_panel
    endpoint = window.catalog.find(method, url)
    index = panel.view_index_of(endpoint).siblingAtColumn(PATH_COLUMN)
    panel.view.scrollTo(index)
    rect = panel.view.visualRect(index)
    qtbot.mouseClick(
        panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )


def _send_and_wait(qtbot, window) -> None:
    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        press_enter_in_url_bar(qtbot, window)


def _serve_json(server, path: str, value) -> None:
    server.routes[path] = (200, "application/json", json.dumps(value).encode())


def test_click_fills_url_and_form(qtbot, make_window):
    window = make_window().window
    _click_endpoint(qtbot, window, "GET", "/api/v1/videos/<video_id>")
    assert window.request_bar.url_text() == "/api/v1/videos/jxA8MffVmPs"
    assert window.param_form.editor("video_id").text() == "jxA8MffVmPs"
    assert "Get one video" in window.endpoint_panel.details.toPlainText()


def test_form_edit_updates_url(qtbot, make_window):
    window = make_window().window
    _click_endpoint(qtbot, window, "GET", "/api/v1/videos/<video_id>")
    editor = window.param_form.editor("video_id")
    editor.clear()
    qtbot.keyClicks(editor, "a b")
    assert window.request_bar.url_text() == "/api/v1/videos/a%20b"


def test_url_edit_updates_form_and_tree(qtbot, make_window):
    window = make_window().window
    type_url(qtbot, window, "/api/v1/exercises/logarithms_1")
    assert window.param_form.editor("exercise_name").text() == "logarithms_1"
    selected = window.endpoint_panel.view.currentIndex()
    assert (
        selected.siblingAtColumn(PATH_COLUMN).data()
        == "/api/v1/exercises/<exercise_name>"
    )


def test_required_marked_optional_shows_example(qtbot, make_window):
    window = make_window().window
    _click_endpoint(qtbot, window, "GET", "/api/v1/user/exercises/<exercise_name>/log")
    form = window.param_form
    assert form.editor("exercise_name").text() == "addition_1"
    assert form.editor("dt_start").text() == ""
    assert form.editor("dt_start").placeholderText() == "2011-03-19T08:00:00Z"


def test_filter_box_hides_other_endpoints(qtbot, make_window):
    window = make_window().window
    panel = window.endpoint_panel
    qtbot.keyClicks(panel.filter_box, "topictree")
    groups = [panel.proxy.index(row, 0).data() for row in range(panel.proxy.rowCount())]
    assert "topictree" in groups
    assert "badges" not in groups


def test_enter_sends_and_shows_tree(qtbot, make_window, local_server):
    _serve_json(local_server, "/api/v1/badges", [{"name": "a"}, {"name": "b"}])
    window = make_window(local_server.base_url).window
    _click_endpoint(qtbot, window, "GET", "/api/v1/badges")
    _send_and_wait(qtbot, window)
    pane = window.response_pane
    assert pane.status_chip.text() == "200 OK"
    assert window.json_model.rowCount() == 2
    assert pane.timing_badge.isVisible()
    assert "Time to first byte" in pane.timing_badge.toolTip()
    assert pane.removal_label.text() == "removal in 1 day"
    assert "2020-01-05, the replica's date" in pane.removal_label.toolTip()


def test_copy_jsonpath_value_and_response(qtbot, make_window, local_server):
    _serve_json(local_server, "/api/v1/badges", {"badges": [{"name": "élève"}]})
    window = make_window(local_server.base_url).window
    window.request_bar.set_url_text("/api/v1/badges")
    _send_and_wait(qtbot, window)
    index = window.json_model.index_for_route([0, 0, 0])
    window.response_pane.json_tab.view.setCurrentIndex(index)
    clipboard = QGuiApplication.clipboard()
    window.actions.copy_path.trigger()
    assert clipboard.text() == "$.badges[0].name"
    window.actions.copy_value.trigger()
    assert clipboard.text() == "élève"
    window.actions.copy_response.trigger()
    assert json.loads(clipboard.text()) == {"badges": [{"name": "élève"}]}


def test_ctrl_c_in_tree_copies_value(qtbot, make_window, local_server):
    _serve_json(local_server, "/api/v1/badges", [12345678901234567890])
    window = make_window(local_server.base_url).window
    window.request_bar.set_url_text("/api/v1/badges")
    _send_and_wait(qtbot, window)
    view = window.response_pane.json_tab.view
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus()
    view.setCurrentIndex(window.json_model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "12345678901234567890"


def test_copy_curl_masks_secrets(qtbot, make_window):
    parts = make_window()
    parts.session.store_token("secret-token-value", "secret-token-secret")
    window = parts.window
    window.request_bar.set_url_text("/api/v1/user")
    window.actions.copy_curl.trigger()
    command = QGuiApplication.clipboard().text()
    assert command.startswith("curl ")
    assert "/api/v1/user" in command
    assert 'oauth_token="****"' in command
    assert "secret-token" not in command
    assert "demo-consumer-secret" not in command


def test_search_moves_between_matches(qtbot, make_window, local_server):
    _serve_json(
        local_server, "/api/v1/badges", [{"name": "x"}, {"other": 1}, {"name": 2}]
    )
    window = make_window(local_server.base_url).window
    window.request_bar.set_url_text("/api/v1/badges")
    _send_and_wait(qtbot, window)
    tab = window.response_pane.json_tab
    qtbot.keyClicks(tab.search_box, "name")
    qtbot.keyClick(tab.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.hits_label.text() == "1 of 2", timeout=10_000)
    assert tab.current_index().data() == "name"
    tab.next_button.click()
    assert tab.hits_label.text() == "2 of 2"
    assert window.json_model.data(tab.current_index().siblingAtColumn(1)) == "2"


def test_expand_all_bounded_with_message(qtbot, make_window, local_server):
    _serve_json(local_server, "/api/v1/topictree", [{"a": [1, 2]} for _ in range(4000)])
    window = make_window(local_server.base_url).window
    window.request_bar.set_url_text("/api/v1/topictree")
    _send_and_wait(qtbot, window)
    tab = window.response_pane.json_tab
    shown = tab.expand_all()
    assert EXPAND_LIMIT <= shown < EXPAND_LIMIT + 1000
    assert tab.notice.isVisible()
    assert "first" in tab.notice.text()
    tab.collapse_all()
    assert not tab.notice.isVisible()


def test_state_persists_across_restart(qtbot, make_window, local_server):
    _serve_json(local_server, "/api/v1/badges", [])
    first = make_window(local_server.base_url)
    window = first.window
    window.resize(790, 560)  # the offscreen screen is 800 x 800
    qtbot.waitUntil(lambda: window.main_splitter.width() < 800)
    window.main_splitter.setSizes([110, 680])
    window.request_bar.set_url_text("/api/v1/badges?oauth_token=abc&casing=camel")
    _send_and_wait(qtbot, window)
    first.session.select("Khan Academy (retired live site)")
    first.close()

    second = make_window(local_server.base_url).window
    assert second.session.profile.name == "Khan Academy (retired live site)"
    assert second.size().width() == 790
    assert second.main_splitter.sizes()[0] == 110
    history = [
        second.request_bar.url_box.itemText(i)
        for i in range(second.request_bar.url_box.count())
    ]
    assert history == ["/api/v1/badges?casing=camel"]


def test_profile_change_recounts_removal_dates(qtbot, make_window):
    window = make_window(today=date(2024, 1, 1)).window
    model = window.endpoint_model
    pane = window.response_pane
    _click_endpoint(qtbot, window, "GET", "/api/v1/badges")
    replica_header = model.headerData(REMOVAL_COLUMN, Qt.Orientation.Horizontal)
    replica_badge = pane.removal_label.text()

    window.request_bar.profile_box.textActivated.emit(LIVE_PROFILE)

    live_header = model.headerData(REMOVAL_COLUMN, Qt.Orientation.Horizontal)
    assert replica_header == "Removal\nas of 2020-01-05"
    assert replica_badge == "removal in 1 day"
    assert live_header == "Removal\nas of 2024-01-01"
    assert pane.removal_label.text() == "removed 2020-01-06"
    assert "2024-01-01, today" in pane.removal_label.toolTip()


def test_copy_container_value_in_worker(qtbot, make_window, local_server):
    value = {"badges": [{"name": f"badge {index}"} for index in range(2000)]}
    _serve_json(local_server, "/api/v1/badges", value)
    window = make_window(local_server.base_url).window
    window.request_bar.set_url_text("/api/v1/badges")
    _send_and_wait(qtbot, window)
    window.response_pane.json_tab.view.setCurrentIndex(
        window.json_model.index_for_route([0]))
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")

    window.actions.copy_value.trigger()
    right_after = clipboard.text()
    qtbot.waitUntil(lambda: clipboard.text() != "before", timeout=10_000)

    assert right_after == "before"
    assert json.loads(clipboard.text()) == value["badges"]

