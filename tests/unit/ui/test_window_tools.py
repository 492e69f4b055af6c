"""Copy value of a container: written in a worker, dropped when the body changes."""

from __future__ import annotations

import json
import threading

from PySide6.QtGui import QGuiApplication

from ka_explorer.jsontree import Node

BIG = {"children": [{"name": f"topic {index}"} for index in range(200)]}
SMALL = {"ok": True}


def _serve(server) -> None:
    server.routes["/big"] = (200, "application/json", json.dumps(BIG).encode())
    server.routes["/small"] = (200, "application/json", json.dumps(SMALL).encode())


def _send(qtbot, window, path: str) -> None:
    window.request_bar.set_url_text(path)
    window.flow.on_url_edited(path)
    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        window.flow.on_send_requested()
    qtbot.waitUntil(lambda: window.flow.task is None, timeout=20_000)


def _copy_tasks(window) -> list:
    return [task for task in window.runner.running() if task.name == "copy value"]


def _held_to_json(monkeypatch) -> threading.Event:
    """Make `Node.to_json` wait for the returned event, so that a test can
    replace the response while the copy runs; the real method does the work."""
    release = threading.Event()
    real_to_json = Node.to_json

    def held(node, *args, **kwargs):
        release.wait(10)
        return real_to_json(node, *args, **kwargs)

    monkeypatch.setattr(Node, "to_json", held)
    return release


def _start_copy_of_children(qtbot, window) -> None:
    _send(qtbot, window, "/big")
    window.response_pane.json_tab.view.setCurrentIndex(
        window.json_model.index_for_route([0]))
    window.actions.copy_value.trigger()


def _copy_started(qtbot, make_window, local_server, monkeypatch):
    """Start a held copy of `$.children` with "before" on the clipboard; return
    the window, the event that lets the copy go on, and the clipboard."""
    _serve(local_server)
    window = make_window(local_server.base_url).window
    release = _held_to_json(monkeypatch)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")
    _start_copy_of_children(qtbot, window)
    return window, release, clipboard


def test_copy_dropped_when_body_replaced(qtbot, make_window, local_server,
                                         monkeypatch):
    window, release, clipboard = _copy_started(
        qtbot, make_window, local_server, monkeypatch)
    copying = window.statusBar().currentMessage()

    _send(qtbot, window, "/small")
    status_after_send = window.statusBar().currentMessage()
    message_after_send = window.status_area.text()
    release.set()
    qtbot.waitUntil(lambda: not _copy_tasks(window), timeout=10_000)
    qtbot.wait(50)

    assert copying == "Copying the value of $.children …"
    assert status_after_send == ""
    assert clipboard.text() == "before"
    assert window.statusBar().currentMessage() == ""
    assert window.status_area.text() == message_after_send
    assert message_after_send.startswith("200 OK")


def test_copy_completes_without_new_body(qtbot, make_window, local_server,
                                         monkeypatch):
    window, release, clipboard = _copy_started(
        qtbot, make_window, local_server, monkeypatch)

    release.set()
    qtbot.waitUntil(lambda: clipboard.text() != "before", timeout=10_000)

    assert json.loads(clipboard.text()) == BIG["children"]
    assert window.statusBar().currentMessage().startswith(
        "Copied the value of $.children: ")


def test_second_copy_replaces_first(qtbot, make_window, local_server, monkeypatch):
    window, release, clipboard = _copy_started(
        qtbot, make_window, local_server, monkeypatch)
    window.response_pane.json_tab.view.setCurrentIndex(
        window.json_model.index_for_route([0, 1]))

    window.actions.copy_value.trigger()
    release.set()
    qtbot.waitUntil(lambda: not _copy_tasks(window), timeout=10_000)
    qtbot.wait(50)

    assert json.loads(clipboard.text()) == BIG["children"][1]
