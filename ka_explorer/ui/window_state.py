"""Saves and restores the window's geometry, splitters, profile and history."""

from __future__ import annotations

import logging

from ka_explorer.ui.settings import HISTORY_LIMIT, WindowSettings, strip_secrets

log = logging.getLogger(__name__)


class WindowState:
    """Moves state between a MainWindow and its WindowSettings."""

    def __init__(self, window, settings: WindowSettings) -> None:
        self._window = window
        self._settings = settings
        self.history: list[str] = settings.history()

    def restore(self) -> None:
        """Restore the geometry, the URL history and the timeout."""
        window = self._window
        geometry = self._settings.geometry()
        if geometry is not None:
            window.restoreGeometry(geometry)
        window.request_bar.set_history(self.history)
        bar = window.request_bar
        bar.set_timeout(self._settings.timeout(bar.timeout()))

    def restore_profile(self) -> None:
        """Select the last profile of the session, or the default one."""
        session = self._window.session
        if not session.select(self._settings.last_profile()):
            session.select(session.default_name())

    def restore_splitters(self) -> None:
        """Restore splitter positions; call it once the window has its final size,
        or the first resize moves them again."""
        for name, splitter in self._splitters().items():
            state = self._settings.splitter_state(name)
            if state is not None:
                splitter.restoreState(state)

    def save(self) -> None:
        window = self._window
        self._settings.set_geometry(window.saveGeometry())
        for name, splitter in self._splitters().items():
            self._settings.set_splitter_state(name, splitter.saveState())
        if window.session is not None:
            self._settings.set_last_profile(window.session.profile.name)
        self._settings.set_history(self.history)
        self._settings.set_timeout(window.request_bar.timeout())
        self._settings.sync()
        log.debug("Saved window state to %s", self._settings.file_name)

    def remember(self, entry: str) -> None:
        """Put `entry` first in the URL history, once, as typed without secrets."""
        entry = strip_secrets(entry)
        if self.history and self.history[0] == entry:
            return
        self.history = [entry, *(item for item in self.history if item != entry)]
        del self.history[HISTORY_LIMIT:]
        self._window.request_bar.set_history(self.history)

    def _splitters(self) -> dict:
        window = self._window
        return {
            "main": window.main_splitter,
            "right": window.right_splitter,
            "endpoints": window.endpoint_panel.splitter,
        }
