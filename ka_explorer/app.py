"""Composition root of the window: builds the objects and passes collaborators in."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from ka_explorer.errors import KaExplorerError

log = logging.getLogger(__name__)

SCREENSHOT_TIMEOUT_S = 120.0


class WindowOptionError(KaExplorerError):
    """A window option on the command line that cannot be used."""


@dataclass
class WindowParts:
    """The objects that `build_window` creates, for callers and tests to reach."""

    window: Any
    session: Any
    runner: Any
    replica: Any = None

    def close(self) -> None:
        """Close the window, wait for its tasks and stop the replica."""
        self.window.close()
        self.runner.wait_idle()
        if self.replica is not None:
            self.replica.stop()


def parse_as_of(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise WindowOptionError(
            f"Invalid --as-of date {text!r}; use YYYY-MM-DD, for example 2019-12-01."
        ) from None


def build_window(
    *,
    catalog=None,
    secret_store=None,
    replica=None,
    today: date | None = None,
    settings=None,
    send_function=None,
    profiles=None,
) -> WindowParts:
    """Build the main window; every collaborator can be replaced.

    Without `replica` the replica profile has no base URL: benchmarks and
    tests build the window this way when they serve data themselves.
    """
    from ka_explorer.catalog import load_catalog
    from ka_explorer.oauth1.profiles import load_profiles
    from ka_explorer.oauth1.secret_store import open_secret_store
    from ka_explorer.ui.main_window import MainWindow
    from ka_explorer.ui.pyside_fixes import keep_none_alive
    from ka_explorer.ui.session import ProfileSession
    from ka_explorer.ui.settings import WindowSettings
    from ka_explorer.ui.workers import TaskRunner

    keep_none_alive()
    if send_function is None:
        from ka_explorer.http import send as send_function
    store = secret_store if secret_store is not None else open_secret_store()
    replica_url = replica.base_url if replica is not None else None
    session = ProfileSession(
        profiles or load_profiles(),
        store,
        replica_url,
        _replica_date(replica),
        replica,
    )
    runner = TaskRunner()
    window = MainWindow(
        catalog or load_catalog(),
        session,
        settings or WindowSettings(),
        runner,
        today or date.today(),
        send_function,
    )
    runner.setParent(window)
    return WindowParts(window, session, runner, replica)


def _replica_date(replica: Any) -> date:
    """Return the replica's --as-of date; a stand-in without one gets the default."""
    as_of = getattr(replica, "as_of", None)
    if isinstance(as_of, date):
        return as_of
    from ka_explorer.replica.timeline import DEFAULT_AS_OF

    return DEFAULT_AS_OF


def main(args: argparse.Namespace) -> int:
    """Open the window (after starting the replica) and run until it closes."""
    started = time.perf_counter()
    as_of = parse_as_of(args.as_of)
    if args.screenshot and not args.open:
        raise WindowOptionError("--screenshot needs --open PATH: the request to show.")
    _check_display(args.screenshot)
    from ka_explorer.ui.application import create_application

    app = create_application()
    replica, problem = _start_replica(as_of, args.recordings, args.screenshot)
    try:
        parts = build_window(replica=replica)
        _select_profile(parts, args.profile)
        if problem is not None:
            parts.window.flow.add_startup_notice(str(problem), "error")
        parts.window.show()
        log.info(
            "Window shown %.0f ms after start", (time.perf_counter() - started) * 1000
        )
        if args.open:
            _open_request(parts, args.open, args.screenshot)
        return app.exec()
    finally:
        if replica is not None:
            replica.stop()


def _check_display(screenshot: str | None) -> None:
    """Raise WindowOptionError on Linux when no display server is reachable.

    Without this check Qt aborts with a message about reinstalling the
    application. Screenshot mode needs no display: it switches to Qt's
    offscreen platform instead.
    """
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    if screenshot:
        log.info("No display: taking the screenshot with QT_QPA_PLATFORM=offscreen")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return
    raise WindowOptionError(
        "No display found (DISPLAY and WAYLAND_DISPLAY are not set), so the "
        "window cannot open. Run it in a desktop session, use `ka-explorer get "
        "PATH` in a terminal, or save a picture with `ka-explorer --open PATH "
        "--screenshot FILE.png`."
    )


def _start_replica(
    as_of: date | None, recordings: list[str], screenshot: str | None
) -> tuple[Any, KaExplorerError | None]:
    """Start the replica in a child process; return it, or None and the reason.

    The window opens without the replica when it cannot start, so that other
    profiles stay usable. Screenshot mode needs it and raises instead.
    """
    from ka_explorer.child_replica import ChildReplica, ReplicaStartError

    try:
        return ChildReplica.start(as_of, recordings), None
    except ReplicaStartError as error:
        if screenshot:
            raise
        log.warning("%s", error)
        return None, error


def _select_profile(parts: WindowParts, name: str | None) -> None:
    if not name:
        return
    if not parts.session.select(name):
        known = ", ".join(repr(n) for n in parts.session.names())
        raise WindowOptionError(f"No profile named {name!r}; known profiles: {known}.")
    parts.window.flow.on_profile_changed()


def _open_request(parts: WindowParts, target: str, screenshot: str | None) -> None:
    from ka_explorer.ui.screenshot import ScreenshotTaker

    window = parts.window
    if screenshot:
        parts.window.screenshot_taker = ScreenshotTaker(
            window, screenshot, SCREENSHOT_TIMEOUT_S
        )
    window.request_bar.set_url_text(target)
    window.flow.on_url_edited(target)
    window.flow.send(window.request_bar.method(), target)
