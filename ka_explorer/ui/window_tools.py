"""Slots for profiles, copy and save, mixed into RequestFlow."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ka_explorer.oauth1.tokens import token_rejected
from ka_explorer.ui import url_sync
from ka_explorer.ui.curl import curl_command
from ka_explorer.ui.json_model import NODE_ROLE
from ka_explorer.ui.messages import Dialogs, describe_error
from ka_explorer.ui.model_data import item_data

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1/"
_UNSAFE_NAME = re.compile(r"[^\w.-]+")
COPYING = "Copying"  # starts the status bar message of a running Copy value
_EXTENSIONS = (("json", "json"), ("html", "html"), ("xml", "xml"), ("text/", "txt"))


class WindowTools:
    """Expects `self.window`, `self.exchange`, `self.spec`, `self.context`,
    `self.replica_starting`, `self._notices_shown` and `self._startup_notices`.
    """

    _value_copy = None  # the Task of the running Copy value of a container

    # Profiles

    def on_profile_changed(self) -> None:
        window = self.window
        session = window.session
        window.request_bar.set_profiles(session.names(), session.profile.name)
        window.request_bar.set_completions(url_sync.catalog_paths(window.catalog))
        window.endpoint_model.set_removal_day(self.removal_day())
        self.show_removal_badge()
        state = "signed in" if session.signed_in() else "not signed in"
        base = session.base_url() or "no base URL"
        window.request_bar.set_profile_state(f"{base} · {state}")

    def on_profile_selected(self, name: str) -> None:
        if self.window.session.select(name):
            self.on_profile_changed()

    def on_edit_profiles_requested(self) -> None:
        from ka_explorer.ui.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.window.session, self.window)
        dialog.profile_saved.connect(lambda _name: self.on_profile_changed())
        dialog.open()
        self.window.profile_dialog = dialog

    def add_startup_notice(self, text: str, level: str = "warning") -> None:
        """Keep `text` for the status area, shown once the window appears."""
        self._startup_notices.append((text, level))

    def show_startup_notices(self) -> None:
        """Show, once, the notices of start-up, such as secrets kept in memory.

        While the replica starts they wait, so that its outcome joins them.
        """
        if self._notices_shown or self.replica_starting:
            return
        self._notices_shown = True
        warning = self.window.session.store.take_warning()
        if warning:
            self._startup_notices.append((warning, "warning"))
        if not self._startup_notices:
            return
        texts = [text for text, _level in self._startup_notices]
        levels = {level for _text, level in self._startup_notices}
        level = "error" if "error" in levels else "warning"
        self.window.show_message("\n".join(texts), level)

    def _forget_rejected_token(self, exchange) -> str | None:
        """Delete a token the server rejected; return the message to show, if any.

        Only a 401 to a request that the profile's keys signed counts, because
        another server's 401 proves nothing about the profile's token.
        """
        if exchange.status != 401 or not self.context.signed:
            return None
        session = self.window.session
        text = exchange.body_text()
        try:
            rejected = token_rejected(session.profile.name, session.store, 401, text)
        except Exception as error:  # noqa: BLE001 - the keyring may refuse
            log.warning("Could not delete the rejected token: %s", error)
            return None
        self.on_profile_changed()
        return str(rejected) if rejected is not None else None

    # Copy and save

    def on_copy_response_requested(self) -> None:
        if self._no_response():
            return
        body = self.exchange.body.decode("utf-8", "replace")
        self.window.copy_text(body, "the response body")

    def on_copy_value_requested(self) -> None:
        """Copy the selected node's value: a scalar at once, a container as
        JSON text written in a worker.

        Written on the UI thread, `$.children` of the 50 MB topic tree froze
        the window for about 3.5 s.
        NOTE: the worker loads deferred arrays for the moment, so copying a
        long array read in pieces (see jsontree/pieces.py) takes about nine
        times its size in memory while it is written.
        """
        node = self._selected_node()
        if node is None:
            return
        subject = f"the value of {node.path}"
        if not node.is_container:
            self.window.copy_text(node.value_text, subject)
            return
        self.cancel_value_copy()
        self.window.statusBar().showMessage(f"{COPYING} {subject} …")

        def on_copied(text: str) -> None:
            if self._value_copy is task:
                self._value_copy = None
                self.window.copy_text(text, subject)

        def on_failed(error: BaseException) -> None:
            if self._value_copy is task:
                self._value_copy = None
                self.window.show_message(
                    f"Could not copy {subject}: {describe_error(error)}", "error")

        task = self.window.runner.start(
            "copy value", lambda _report, _cancel: node.to_json(), on_copied,
            on_failed,
        )
        self._value_copy = task

    def cancel_value_copy(self) -> None:
        """Drop the result of a running Copy value without a message.

        Called when another body replaces the one it copies, so that the
        clipboard never gets the old value after the new response shows.
        The worker runs to its end, because `to_json` takes no cancel event.
        """
        task, self._value_copy = self._value_copy, None
        if task is None:
            return
        task.cancel()
        status_bar = self.window.statusBar()
        if status_bar.currentMessage().startswith(COPYING):
            status_bar.clearMessage()

    def on_copy_path_requested(self) -> None:
        node = self._selected_node()
        if node is not None:
            self.window.copy_text(node.path, "the JSONPath")

    def on_copy_curl_requested(self) -> None:
        command = self._curl_command(reveal_secrets=False)
        if command:
            self.window.copy_text(
                command, "the request as curl (token and signature masked)"
            )

    def on_copy_signed_curl_requested(self) -> None:
        """Copy a curl command signed now with the real secrets; it runs once."""
        command = self._curl_command(reveal_secrets=True)
        if not command:
            return
        self.window.copy_text(command, "the request as curl, signed")
        self.window.show_message(
            "Copied the request as curl, signed now. The command holds the "
            "access token and a valid signature, so keep it private. Its nonce "
            "works once: run it once, and copy again for another run.",
            "warning",
        )

    def _curl_command(self, reveal_secrets: bool) -> str:
        """Return the URL bar's request as curl, or "" after showing why not."""
        bar = self.window.request_bar
        try:
            from ka_explorer.ui.request_builder import build_spec

            session = self.window.session
            spec = build_spec(
                bar.method(),
                bar.url_text(),
                session.base_url(),
                self.window.param_form.body_pairs(),
            )
            signs = session.signs(spec.url)
            credentials = session.credentials() if signs else None
            return curl_command(spec, credentials, reveal_secrets)
        except Exception as error:  # noqa: BLE001 - shown as a message
            self.window.show_message(describe_error(error), "error")
            return ""

    def on_save_body_requested(self) -> None:
        if self._no_response():
            return
        suggested = save_folder(self) / body_file_name(self.exchange)
        path = Dialogs.choose_save_path(
            self.window, "Save response body", str(suggested)
        )
        if not path:
            return
        try:
            Path(path).write_bytes(self.exchange.body)
        except OSError as error:
            self.window.show_message(describe_error(error), "error")
            return
        self._save_folder = Path(path).parent
        self.window.show_message(f"Saved {len(self.exchange.body):,} bytes to {path}.")

    def _selected_node(self):
        index = self.window.response_pane.json_tab.current_index()
        if not index.isValid():
            self.window.show_message(
                "Select a node in the JSON tree first, then copy.", "warning"
            )
            return None
        return item_data(index.siblingAtColumn(0), NODE_ROLE)

    def _no_response(self) -> bool:
        if self.exchange is None or not self.exchange.body:
            self.window.show_message(
                "There is no response body yet; send a request.", "warning"
            )
            return True
        return False


def save_folder(tools) -> Path:
    """Return the folder of the last save in this session, else Downloads or home."""
    last = getattr(tools, "_save_folder", None)
    if last is not None and last.is_dir():
        return last
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.StandardLocation.DownloadLocation
    downloads = QStandardPaths.writableLocation(location)
    if downloads and Path(downloads).is_dir():
        return Path(downloads)
    return Path.home()


def body_file_name(exchange) -> str:
    """Name a saved body after its endpoint: /api/v1/topictree -> topictree.json."""
    path = urlsplit(exchange.spec.url).path
    if path.startswith(API_PREFIX):
        path = path[len(API_PREFIX) :]
    words = [unquote(part) for part in path.split("/") if part]
    stem = _UNSAFE_NAME.sub("_", "-".join(words)).strip("._-")[:100] or "response"
    return f"{stem}.{_extension(exchange)}"


def _extension(exchange) -> str:
    content_type = (exchange.header("Content-Type") or "").lower()
    for marker, extension in _EXTENSIONS:
        if marker in content_type:
            return extension
    return "json" if exchange.document is not None else "txt"
