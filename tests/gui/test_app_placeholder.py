"""The placeholder frame that `app.show_first_frame` shows before the widgets."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from ka_explorer import app
from ka_explorer.ui.main_window import MENU_TITLES, RESPONSE_TAB_TITLES


class RecordingReplica:
    """A stand-in for a ChildReplica that records when it was started."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.as_of = None
        self.started_built: list[bool] = []
        self.stopped = False

    def wait_listening(self, timeout: float = 60.0) -> None:
        pass

    def stop(self) -> None:
        self.stopped = True


def _start(replica: RecordingReplica, parts_box: list) -> tuple:
    """Return a `start_replica` function that records whether the window was
    built when it ran."""

    def start_replica():
        replica.started_built.append(parts_box[0].window.built)
        return replica, None

    return start_replica


def test_placeholder_shown_before_widgets(qtbot, local_server) -> None:
    replica = RecordingReplica(local_server.base_url)
    parts_box: list = []
    parts = app.show_first_frame(_start(replica, parts_box), None)
    parts_box.append(parts)
    qtbot.addWidget(parts.window)
    window = parts.window
    titles = [action.text() for action in window.menuBar().actions()]

    built_at_show = window.built
    started_at_show = list(replica.started_built)
    qtbot.waitUntil(lambda: window.flow is not None, timeout=10_000)

    assert built_at_show is False
    assert started_at_show == []
    assert titles == list(MENU_TITLES)
    assert replica.started_built == [False]
    assert window.endpoint_model.rowCount() > 0
    assert window.centralWidget() is window.main_splitter
    assert window.session.base_url() == local_server.base_url
    parts.close()
    assert replica.stopped


def test_real_menus_replace_placeholder(qtbot, local_server) -> None:
    replica = RecordingReplica(local_server.base_url)
    parts_box: list = []
    parts = app.show_first_frame(_start(replica, parts_box), None)
    parts_box.append(parts)
    qtbot.addWidget(parts.window)
    window = parts.window
    qtbot.waitUntil(lambda: window.built, timeout=10_000)

    titles = []
    item_counts = []
    for action in window.menuBar().actions():
        titles.append(action.text())
        item_counts.append(len(action.menu().actions()))

    assert titles == list(MENU_TITLES)
    assert all(count > 0 for count in item_counts)
    qtbot.waitUntil(lambda: window.flow is not None, timeout=10_000)
    parts.close()


def test_close_before_build_starts_nothing(qtbot, local_server) -> None:
    replica = RecordingReplica(local_server.base_url)
    parts_box: list = []
    parts = app.show_first_frame(_start(replica, parts_box), None)
    parts_box.append(parts)
    qtbot.addWidget(parts.window)

    parts.close()

    assert parts.replica is None
    assert replica.started_built == []
    assert parts.window.built is False


def test_placeholder_tabs_match_response_pane(qtbot, make_window):
    pane = make_window().window.response_pane
    titles = [pane.tabs.tabText(i) for i in range(pane.tabs.count())]
    assert titles == list(RESPONSE_TAB_TITLES)


def _start_window(qtbot, local_server):
    replica = RecordingReplica(local_server.base_url)
    parts_box: list = []
    parts = app.show_first_frame(_start(replica, parts_box), None)
    parts_box.append(parts)
    qtbot.addWidget(parts.window)
    return parts


def _tabs_geometry(window) -> tuple[int, int, int]:
    tabs = window.centralWidget().findChildren(QTabWidget)[0]
    corner = tabs.mapTo(window, tabs.rect().topLeft())
    return corner.x(), corner.y(), tabs.width()


def test_placeholder_takes_saved_pane_sizes(qtbot, local_server) -> None:
    first = _start_window(qtbot, local_server)
    window = first.window
    qtbot.waitUntil(lambda: window.flow is not None, timeout=10_000)
    # Qt's offscreen screen is 800 x 800, and a restored geometry is cut to
    # fit the screen.
    window.resize(790, 700)
    qtbot.waitUntil(lambda: window.width() == 790, timeout=5_000)
    window.main_splitter.setSizes([250, 536])
    window.right_splitter.setSizes([320, 360])
    first.close()

    second = _start_window(qtbot, local_server)
    placeholder = _tabs_geometry(second.window)
    qtbot.waitUntil(lambda: second.window.flow is not None, timeout=10_000)
    real = _tabs_geometry(second.window)
    second.close()

    assert placeholder == real
