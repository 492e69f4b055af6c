"""The window's menus and shortcuts, built in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass
class WindowActions:
    """Every QAction of the main window; the window connects them."""

    send: QAction
    send_alt: QAction
    cancel: QAction
    sign_in: QAction
    sign_out: QAction
    edit_profiles: QAction
    save_body: QAction
    quit: QAction
    copy_response: QAction
    copy_value: QAction
    copy_path: QAction
    copy_curl: QAction
    copy_signed_curl: QAction
    expand_all: QAction
    collapse_all: QAction
    focus_filter: QAction
    focus_url: QAction
    restart_replica: QAction
    edit_timeout: QAction

    def node_actions(self) -> list[QAction]:
        return [
            self.copy_value,
            self.copy_path,
            self.copy_response,
            self.copy_curl,
            self.copy_signed_curl,
        ]


def build_actions(window: QMainWindow) -> WindowActions:
    def action(text: str, shortcut=None, context=Qt.ShortcutContext.WindowShortcut):
        item = QAction(text, window)
        if shortcut is not None:
            item.setShortcut(QKeySequence(shortcut))
            item.setShortcutContext(context)
        window.addAction(item)
        return item

    actions = WindowActions(
        send=action("Send", "Ctrl+Return"),
        send_alt=action("Send (keypad Enter)", "Ctrl+Enter"),
        cancel=action("Cancel", "Esc"),
        sign_in=action("Sign in…", "Ctrl+L"),
        sign_out=action("Sign out (forget the token)"),
        edit_profiles=action("Profiles and keys…", "Ctrl+K"),
        save_body=action("Save response body…", QKeySequence.StandardKey.Save),
        quit=action("Quit", QKeySequence.StandardKey.Quit),
        copy_response=action("Copy response body", "Ctrl+Shift+R"),
        copy_value=action("Copy value", QKeySequence.StandardKey.Copy),
        copy_path=action("Copy JSONPath", "Ctrl+Shift+C"),
        copy_curl=action("Copy request as curl", "Ctrl+Shift+U"),
        copy_signed_curl=action("Copy request as curl (signed, with secrets)"),
        expand_all=action("Expand all", "Ctrl+E"),
        collapse_all=action("Collapse all", "Ctrl+Shift+E"),
        focus_filter=action("Filter endpoints", "Ctrl+F"),
        # Not Ctrl+U: a line edit on X11 takes it to delete the line, so the
        # shortcut never fires while the filter or the URL bar has the focus.
        # F6 and Alt+D go to the address bar in web browsers too.
        focus_url=action("Go to URL bar", "F6"),
        restart_replica=action("Restart local replica"),
        edit_timeout=action("Timeout…"),
    )
    actions.focus_url.setShortcuts([QKeySequence("F6"), QKeySequence("Alt+D")])
    actions.copy_signed_curl.setToolTip(
        "Signs the request now with the real token and secret; the command "
        "runs once, because the server accepts each nonce only once"
    )
    # The request flow exists only once the window is complete, after
    # build_actions; the action looks it up when triggered.
    actions.copy_signed_curl.triggered.connect(
        lambda: _call_flow(window, "on_copy_signed_curl_requested")
    )
    _build_menus(window, actions)
    return actions


def _call_flow(window: QMainWindow, slot: str) -> None:
    flow = getattr(window, "flow", None)
    if flow is not None:
        getattr(flow, slot)()


def _build_menus(window: QMainWindow, a: WindowActions) -> None:
    menu_bar = window.menuBar()
    _menu(menu_bar.addMenu("&File"), [a.save_body, None, a.quit])
    _menu(
        menu_bar.addMenu("&Edit"),
        [
            a.copy_value,
            a.copy_path,
            a.copy_response,
            a.copy_curl,
            a.copy_signed_curl,
            None,
            a.focus_filter,
            a.focus_url,
        ],
    )
    _menu(
        menu_bar.addMenu("&Request"),
        [
            a.send,
            a.cancel,
            None,
            a.sign_in,
            a.sign_out,
            None,
            a.edit_timeout,
            a.edit_profiles,
            a.restart_replica,
        ],
    )
    _menu(menu_bar.addMenu("&View"), [a.expand_all, a.collapse_all])


def _menu(menu: QMenu, items) -> None:
    for item in items:
        if item is None:
            menu.addSeparator()
        else:
            menu.addAction(item)


def node_context_menu(actions: WindowActions, parent) -> QMenu:
    menu = QMenu(parent)
    for item in actions.node_actions():
        menu.addAction(item)
    menu.addSeparator()
    menu.addAction(actions.expand_all)
    menu.addAction(actions.collapse_all)
    return menu
