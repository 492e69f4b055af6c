"""Runs the three-legged sign-in: token steps in workers, approval in the browser.

1. request token (worker) 2. the authorize page in SignInDialog
3. the callback or PIN gives the verifier 4. access token (worker), stored
in the secret store, then `signed_in` lets the window resend the request.
"""

from __future__ import annotations

import logging
import urllib.parse

from PySide6.QtCore import QObject, Signal

from ka_explorer.errors import KaExplorerError
from ka_explorer.oauth1.flow import OOB, OAuth1Flow
from ka_explorer.ui.messages import describe_error
from ka_explorer.ui.webengine_env import prepare_chromium_flags

log = logging.getLogger(__name__)

# The browser never loads this address: the dialog stops the redirect to it.
CALLBACK_URL = "http://127.0.0.1/ka-explorer/oauth-callback"
DENIED_MESSAGE = (
    "Access was denied at the provider; the request was not sent. "
    "Send again to sign in again."
)


class SignInController(QObject):
    """One sign-in at a time for the session's current profile.

    The profile's callback setting picks how the verifier arrives: the
    dialog stops the redirect to the loopback address or to the profile's
    registered URL, or, for "oob", reads the PIN. `use_oob` forces a PIN.
    A denial at the provider ends the flow as Cancel does: `cancelled`
    fires, so the window drops the waiting request, then `failed` carries
    DENIED_MESSAGE for the status area.
    """

    signed_in = Signal()
    failed = Signal(str)
    cancelled = Signal()
    dialog_opened = Signal(object)

    def __init__(self, session, runner, parent_widget=None, use_oob: bool = False):
        super().__init__(parent_widget)
        self._session = session
        self._runner = runner
        self._parent_widget = parent_widget
        self.use_oob = use_oob
        self.dialog = None
        self._flow: OAuth1Flow | None = None
        self._temporary = None

    def active(self) -> bool:
        return self._flow is not None

    def start(self) -> None:
        """Ask the provider for a request token, then open the sign-in browser."""
        if self.active():
            if self.dialog is not None:
                self.dialog.raise_()
            return
        problem = self._open_flow()
        if problem:
            self.failed.emit(problem)
            return
        try:
            oauth_callback, _caught = self.callback_urls()
        except KaExplorerError as error:  # an invalid callback in the profile
            self._finish()
            self.failed.emit(f"Sign-in failed: {describe_error(error)}")
            return
        flow = self._flow
        self._runner.start(
            "request token",
            lambda report, cancel: flow.request_token(oauth_callback),
            self._on_request_token_received,
            self._on_step_failed,
        )

    def _open_flow(self) -> str:
        """Make the flow for the current profile; return why not, or ""."""
        try:
            credentials = self._session.credentials(with_token=False)
            if credentials is not None and self._session.can_sign_in():
                self._flow = OAuth1Flow.from_profile(self._session.profile, credentials)
        except KaExplorerError as error:  # secret store, key file, profile URLs
            return f"Sign-in failed: {describe_error(error)}"
        if self._flow is None:
            return (
                f"Profile {self._session.profile.name!r} has no consumer key, so it "
                "cannot sign in; add the key under Keys…."
            )
        return ""

    def callback_urls(self) -> tuple[str, str]:
        """Return the `oauth_callback` to send and the URL the dialog stops at.

        The second is "" when the verifier comes as a PIN ("oob").
        """
        setting = self._session.profile.callback_setting
        if self.use_oob or setting.kind == OOB:
            return OOB, ""
        if setting.kind == "url":
            return setting.url, setting.url
        return CALLBACK_URL, CALLBACK_URL

    def cancel(self) -> None:
        """End the sign-in in progress; `cancelled` fires if there was one.

        Before the dialog opens, the request-token step may still run in its
        worker. Its result is then dropped, because the flow has ended.
        """
        if self.dialog is not None:
            self.dialog.reject()
        elif self.active():
            self._finish()
            self.cancelled.emit()

    def _on_request_token_received(self, temporary) -> None:
        if self._flow is None:
            return
        self._temporary = temporary
        prepare_chromium_flags()
        from ka_explorer.ui.signin_dialog import SignInDialog

        _sent, caught = self.callback_urls()
        dialog = SignInDialog(
            self._flow.authorize_url(temporary), caught, self._parent_widget
        )
        dialog.callback_reached.connect(self._on_dialog_callback_reached)
        dialog.pin_entered.connect(self._on_dialog_pin_entered)
        dialog.rejected.connect(self._on_dialog_rejected)
        self.dialog = dialog
        dialog.open()
        dialog.start()
        self.dialog_opened.emit(dialog)

    def _on_dialog_callback_reached(self, url: str) -> None:
        if is_denial(url):
            self._end_denied()
            return
        self._authorize(lambda flow: flow.parse_callback(url, self._temporary))

    def _end_denied(self) -> None:
        """End the flow after a denial: its request token cannot be approved."""
        if self._flow is None:
            return
        log.info("Access denied at the provider for %r", self._session.profile.name)
        self._close_dialog()
        self._finish()
        self.cancelled.emit()
        self.failed.emit(DENIED_MESSAGE)

    def _on_dialog_pin_entered(self, pin: str) -> None:
        self._authorize(lambda flow: flow.parse_pin(pin, self._temporary))

    def _authorize(self, parse) -> None:
        flow, temporary = self._flow, self._temporary
        if flow is None or temporary is None:
            return
        try:
            authorization = parse(flow)
        except Exception as error:  # noqa: BLE001 - shown in the dialog
            self._show_in_dialog(describe_error(error))
            return
        if self.dialog is not None:
            self.dialog.on_exchanging()
        self._runner.start(
            "access token",
            lambda report, cancel: flow.access_token(temporary, authorization),
            self._on_access_token_received,
            self._on_step_failed,
        )

    def _on_access_token_received(self, access) -> None:
        if self._flow is None:
            return
        try:
            self._session.store_token(access.token, access.token_secret)
        except Exception as error:  # noqa: BLE001 - the keyring may refuse
            self._on_step_failed(error)
            return
        log.info("Signed in to profile %r", self._session.profile.name)
        self._close_dialog()
        self._finish()
        self.signed_in.emit()

    def _on_step_failed(self, error: BaseException) -> None:
        if self._flow is None:
            return  # cancelled while the step ran
        message = f"Sign-in failed: {describe_error(error)}"
        if self.dialog is not None and self.dialog.isVisible():
            self._show_in_dialog(message)
        else:
            self._finish()
        self.failed.emit(message)

    def _show_in_dialog(self, message: str) -> None:
        if self.dialog is not None:
            self.dialog.on_failed(message)

    def _on_dialog_rejected(self) -> None:
        if self._flow is None:
            return
        self._close_dialog()
        self._finish()
        self.cancelled.emit()

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.rejected.disconnect(self._on_dialog_rejected)
            dialog.close()
            dialog.deleteLater()

    def _finish(self) -> None:
        if self._flow is not None:
            self._flow.close()
        self._flow = None
        self._temporary = None


def is_denial(callback_url: str) -> bool:
    """Return True when the redirect to the callback reports a denial."""
    query = urllib.parse.urlsplit(callback_url).query
    fields = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
    # The fields that OAuth1Flow.parse_callback reports as a denial.
    return bool(
        "denied" in fields or fields.get("oauth_problem") or fields.get("error")
    )
