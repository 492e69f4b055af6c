"""Slots for sign-in and sign-out, and the History row of a request that waits.

A request to an endpoint that needs sign-in waits in `pending`, with a
History row that ends with the sign-in's outcome.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

from ka_explorer.ui.messages import describe_error
from ka_explorer.ui.signin import DENIED_MESSAGE

REPLACED = "cancelled: replaced by a newer request"


class SignInTools:
    """Expects `self.window`, `self.pending`, `self.send`, `self.on_profile_changed`,
    `self.removal_day` and the History methods of HistoryTools.
    """

    _signin_row_id = 0  # the History row of `pending`
    _cancelled_signin_row_id = 0  # ended once the event loop runs

    def on_sign_in_requested(self) -> None:
        self.window.signin.start()

    def on_sign_out_requested(self) -> None:
        try:
            self.window.session.sign_out()
        except Exception as error:  # noqa: BLE001 - the keyring may refuse
            self.window.show_message(describe_error(error), "error")
            return
        self.window.show_message(
            f"Signed out of {self.window.session.profile.name}; the token is deleted.",
            "info",
        )
        self.on_profile_changed()

    def _needs_sign_in(self, endpoint, url: str) -> bool:
        session = self.window.session
        return bool(
            endpoint is not None
            and endpoint.login_required
            and session.signs(url)
            and not session.signed_in()
            and session.can_sign_in()
            and not self._removed(endpoint)
        )

    def _removed(self, endpoint) -> bool:
        """True when Khan removed `endpoint` by the profile's removal day.

        The replica returns 404 for a removed endpoint before it checks the
        signature, so a sign-in would only delay that 404.
        NOTE: on the live-site profile this assumes Khan's servers did the same.
        """
        removal_day = self.removal_day()
        if not removal_day.khan_server:
            return False
        return endpoint.removal_status(removal_day.day).removed

    def _wait_for_sign_in(self, method: str, text: str, endpoint) -> None:
        self._end_row(self._signin_row_id, REPLACED, replaced_message(self.pending))
        self.pending = (method, text)
        self._signin_row_id = self._record(method, text, "waiting for sign-in", True)
        self.window.response_pane.mark_previous()
        self.window.show_message(
            f"{endpoint.url} needs sign-in; the sign-in page opens…", "info"
        )
        self.window.signin.start()

    # How a sign-in ends for the request that waits for it

    def on_signed_in(self) -> None:
        """Send the waiting request again, in the row that waited for sign-in."""
        self.on_profile_changed()
        pending, self.pending = self.pending, None
        if pending is None:
            self.window.show_message("Signed in; the access token is stored.", "info")
            return
        self._resumed_row_id, self._signin_row_id = self._signin_row_id, 0
        self.window.show_message("Signed in; sending the request again.", "info")
        self.send(*pending)
        if self._resumed_row_id:  # the request waits for the replica instead
            row_id, self._resumed_row_id = self._resumed_row_id, 0
            self._end_row(row_id, "not sent", "Signed in; the request was not sent.")

    def on_sign_in_cancelled(self) -> None:
        """End the waiting row once the event loop runs: a denial at the
        provider emits `cancelled` and then `failed`, which names the denial."""
        self.pending = None
        self.window.show_message(
            "Sign-in cancelled; the request was not sent. Send again to retry.",
            "warning",
        )
        self._cancelled_signin_row_id, self._signin_row_id = self._signin_row_id, 0
        QTimer.singleShot(0, self._end_cancelled_sign_in)

    def _end_cancelled_sign_in(self) -> None:
        row_id, self._cancelled_signin_row_id = self._cancelled_signin_row_id, 0
        self._end_row(row_id, "cancelled: sign-in cancelled",
                      "Sign-in cancelled; the request was not sent.")

    def on_sign_in_failed(self, message: str) -> None:
        """Drop the waiting request and end its row, unless the sign-in
        dialog stays open to retry."""
        self.window.show_message(message, "error")
        if self.window.signin.active():
            return
        row_id = self._signin_row_id or self._cancelled_signin_row_id
        self._signin_row_id = self._cancelled_signin_row_id = 0
        self.pending = None
        outcome = "access denied" if message == DENIED_MESSAGE else "sign-in failed"
        self._end_row(row_id, outcome, message)

    def end_sign_in_row(self, outcome: str, message: str) -> None:
        """End the row of a request waiting for sign-in, if there is one."""
        self._end_row(self._signin_row_id or self._cancelled_signin_row_id,
                      outcome, message)
        self._signin_row_id = self._cancelled_signin_row_id = 0


def replaced_message(request: tuple[str, str] | None) -> str:
    """Return the History message of a request that a newer one replaced."""
    what = " ".join(request) if request is not None else "The request"
    return (f"{what} was cancelled, because a newer request replaced it before "
            "its response arrived. Send it again to see its response.")
