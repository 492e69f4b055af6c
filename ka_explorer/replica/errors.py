"""Errors of the replica that reach the user: bad options, unreadable recordings."""

from __future__ import annotations

from ka_explorer.errors import KaExplorerError


class ReplicaError(KaExplorerError):
    """The replica cannot start as configured; the text says which value and why."""
