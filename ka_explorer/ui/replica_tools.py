"""Slots for the local replica: waiting for it to start, and restarting it.

Mixed into RequestFlow.
"""

from __future__ import annotations

import logging
from typing import Any

from ka_explorer.ui.messages import describe_error

log = logging.getLogger(__name__)

STARTING_MESSAGE = "Starting the local replica…"


class ReplicaTools:
    """Expects `self.window`, `self.replica_starting` and
    `self.waiting_for_replica`, which RequestFlow sets, and the slots of
    RequestFlow and WindowTools.
    """

    window: Any
    replica_starting: bool
    waiting_for_replica: tuple[str, str] | None

    def wait_for_replica(self) -> None:
        """Wait in a worker until the session's replica listens; show that meanwhile.

        A request to the replica profile sent before then goes out once it
        listens.
        """
        replica = self.window.session.replica
        if replica is None:
            self.show_startup_notices()
            return
        self.replica_starting = True
        self.window.show_message(STARTING_MESSAGE, "info")
        self.window.runner.start(
            "wait for replica",
            lambda report, cancel: replica.wait_listening(),
            lambda _result: self._on_replica_listening(replica),
            self._on_replica_failed,
        )

    def waits_for_replica(self, method: str, text: str) -> bool:
        """Keep a request to the replica profile until the replica listens."""
        session = self.window.session
        if not (self.replica_starting and session.profile.base_url_from_replica):
            return False
        self.waiting_for_replica = (method, text)
        self.window.show_message(
            "The local replica is still starting; the request goes out once it "
            "listens.",
            "info",
        )
        return True

    def _on_replica_listening(self, replica) -> None:
        self.replica_starting = False
        self.window.session.replica_listening(replica.base_url, replica.as_of)
        self.on_profile_changed()
        self._clear_starting_message()
        self.show_startup_notices()
        waiting, self.waiting_for_replica = self.waiting_for_replica, None
        if waiting is not None:
            self.send(*waiting)

    def _on_replica_failed(self, error: BaseException) -> None:
        self.replica_starting = False
        self.window.session.replica = None
        self._clear_starting_message()
        self.add_startup_notice(describe_error(error), "error")
        self.show_startup_notices()
        self.waiting_for_replica = None

    def _clear_starting_message(self) -> None:
        status = self.window.status_area
        if status.text() == STARTING_MESSAGE:
            status.clear_message()

    def stop_waiting_for_replica(self) -> None:
        """Stop the replica that still starts, so its waiting worker returns."""
        if self.replica_starting and self.window.session is not None:
            self.window.session.replica.stop()

    def on_restart_replica_requested(self) -> None:
        """Start the local replica again, in a worker: it takes a second or more."""
        replica = self.window.session.replica
        if replica is None or not hasattr(replica, "restart"):
            self.window.show_message(
                "This window has no local replica to restart, because it could "
                "not start one; start KA Explorer again.",
                "warning",
            )
            return
        self.window.actions.restart_replica.setEnabled(False)
        self.window.show_message("Restarting the local replica…", "info")
        self.window.runner.start(
            "restart replica",
            lambda report, cancel: replica.restart(),
            lambda _result: self._on_replica_restarted(replica),
            self._on_replica_restart_failed,
        )

    def _on_replica_restarted(self, replica) -> None:
        self.window.actions.restart_replica.setEnabled(True)
        self.window.session.set_replica_url(replica.base_url)
        self.on_profile_changed()
        self.window.show_message(
            f"The local replica runs again, on {replica.base_url}.", "info"
        )

    def _on_replica_restart_failed(self, error: BaseException) -> None:
        self.window.actions.restart_replica.setEnabled(True)
        self.window.show_message(describe_error(error), "error")
