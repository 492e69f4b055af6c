"""Composition root of the window: builds the objects and passes collaborators in."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from ka_explorer.errors import KaExplorerError

log = logging.getLogger(__name__)

SCREENSHOT_TIMEOUT_S = 120.0


class WindowOptionError(KaExplorerError):
    """A window option on the command line that cannot be used."""


class WindowParts:
    """The objects that `build_window` creates, for callers and tests to reach.

    It is a plain class because importing `dataclasses` took 3 ms, and the
    window's first frame waits for this module.
    """

    def __init__(self, window: Any, runner: Any) -> None:
        self.window = window
        self.runner = runner
        self.session: Any = None  # set when the window is complete
        self.replica: Any = None

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
    catalog: Any = None,
    secret_store: Any = None,
    replica: Any = None,
    today: date | None = None,
    settings: Any = None,
    send_function: Any = None,
    profiles: Any = None,
) -> WindowParts:
    """Build the main window; every collaborator can be replaced.

    Without `replica` the replica profile has no base URL: benchmarks and
    tests build the window this way when they serve data themselves.
    """
    from ka_explorer.catalog import load_catalog

    profiles = profiles or _load_profiles()
    session = _session(profiles, secret_store, replica)
    parts = _placeholder_window(settings, today or date.today())
    parts.replica = replica
    shown = _startup_profile(parts, profiles, session.replica_as_of)
    parts.window.build(catalog or load_catalog(), shown)
    _complete(parts, session, send_function)
    return parts


def _load_profiles() -> list[Any]:
    from ka_explorer.oauth1.profiles import load_profiles

    return load_profiles()


def _startup_profile(parts: WindowParts, profiles: list[Any], replica_day: date) -> Any:
    """Return the profile that the window selects once complete, and its names.

    The window's widgets take its name, and its removal day or dimmed
    catalog, before the first paint, so that completing the window moves
    and recolours nothing.
    """
    from ka_explorer.ui.session import startup_profile

    window = parts.window
    replica_url = parts.replica.base_url if parts.replica is not None else None
    return startup_profile(profiles, window.settings.last_profile(), window.today,
                           replica_url or None, replica_day)


def _placeholder_window(settings: Any, today: date) -> WindowParts:
    """Make the main window with its placeholder frame and its task runner."""
    from ka_explorer.ui.main_window import MainWindow
    from ka_explorer.ui.pyside_fixes import keep_none_alive
    from ka_explorer.ui.settings import WindowSettings
    from ka_explorer.ui.workers import TaskRunner

    keep_none_alive()
    runner = TaskRunner()
    window = MainWindow(runner, today, settings or WindowSettings())
    runner.setParent(window)
    return WindowParts(window, runner)


def _session(
    profiles: Any, secret_store: Any, replica: Any, replica_day: date | None = None
) -> Any:
    from ka_explorer.oauth1.profiles import load_profiles
    from ka_explorer.oauth1.secret_store import open_secret_store
    from ka_explorer.ui.session import ProfileSession

    store = secret_store if secret_store is not None else open_secret_store()
    replica_url = replica.base_url if replica is not None else None
    return ProfileSession(
        profiles or load_profiles(),
        store,
        replica_url or None,
        replica_day or _replica_date(replica),
        replica,
    )


def _complete(parts: WindowParts, session: Any, send_function: Any = None) -> None:
    if send_function is None:
        from ka_explorer.http import send as send_function
    parts.session = session
    parts.window.complete(session, send_function)


def _replica_date(replica: Any) -> date:
    """Return the replica's --as-of date; a stand-in without one gets the default."""
    as_of = getattr(replica, "as_of", None)
    if isinstance(as_of, date):
        return as_of
    from ka_explorer.replica.timeline import DEFAULT_AS_OF

    return DEFAULT_AS_OF


def replica_default_day(catalog: Any) -> date:
    """Return the date of a replica started without --as-of: the day before the
    catalog's first removal, as `replica.timeline.DEFAULT_AS_OF` is.

    The first frame of the window uses it for the removal badges, because
    importing the replica package imports Flask (about 0.2 s).
    """
    removals = [e.removal_final for e in catalog.endpoints if e.removal_final]
    return min(removals) - timedelta(days=1)


def main(args: argparse.Namespace) -> int:
    """Open the window, with the replica in a child process, and run until it
    closes.

    Without --open, --screenshot and --profile, the window shows a
    placeholder frame first and the rest follows (`show_first_frame`). With
    them, everything is ready before it shows, so that a problem ends the
    command with a message.
    """
    started = time.perf_counter()
    as_of = parse_as_of(args.as_of)
    if args.screenshot and not args.open:
        raise WindowOptionError("--screenshot needs --open PATH: the request to show.")
    _check_display(args.screenshot)
    if args.open or args.profile:
        return _run_prepared(args, as_of, started)
    from ka_explorer.ui.application import create_application

    app = create_application()
    parts = show_first_frame(
        lambda: _spawn_replica(as_of, args.recordings), as_of
    )
    try:
        log.info(
            "Window shown %.0f ms after start", (time.perf_counter() - started) * 1000
        )
        return app.exec()
    finally:
        if parts.replica is not None:
            parts.replica.stop()


def _run_prepared(args: argparse.Namespace, as_of: date | None, started: float) -> int:
    """Start the replica and build the whole window, then show it."""
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


def show_first_frame(
    start_replica: Callable[[], tuple[Any, KaExplorerError | None]],
    as_of: date | None,
) -> WindowParts:
    """Show the placeholder frame, and after its first paint start the replica
    with `start_replica` and build the window's widgets. `start_replica`
    returns the replica (or None) and the reason it did not start. After the
    first paint of the endpoint tree, complete the window and wait for the
    replica in a worker.

    The replica's process starts after the first frame is painted, because
    while it starts it takes CPU time that the first frame needs.
    """
    parts = _placeholder_window(None, date.today())
    window = parts.window
    window.show()

    def build() -> None:
        from ka_explorer.catalog import load_catalog

        parts.replica, problem = start_replica()
        catalog = load_catalog()
        replica_day = as_of or replica_default_day(catalog)
        # Loading the profiles imports the OAuth layer (about 0.2 s), which
        # `complete` needs anyway. Loaded here, the profile box and the
        # tree are in their final state at their first paint.
        profiles = _load_profiles()
        window.build(catalog, _startup_profile(parts, profiles, replica_day))
        window.first_painted.connect(
            lambda: _complete_started(parts, profiles, replica_day, problem))

    window.placeholder_painted.connect(build)
    return parts


def _complete_started(
    parts: WindowParts, profiles: list[Any], replica_day: date,
    problem: KaExplorerError | None,
) -> None:
    """Complete a window that `show_first_frame` built, and wait for its replica.

    A failure here is shown in the window, which the user can still quit:
    without the check, the window stayed up with nothing that works.
    """
    try:
        _complete(parts, _session(profiles, None, parts.replica, replica_day))
    except Exception as error:  # noqa: BLE001 - any failure must reach the user
        _show_start_failure(parts.window, error)
        return
    flow = parts.window.flow
    if problem is not None:
        flow.add_startup_notice(str(problem), "error")
    flow.wait_for_replica()


def _show_start_failure(window: Any, error: BaseException) -> None:
    from ka_explorer.paths import config_dir
    from ka_explorer.ui.messages import describe_error

    log.error("The window failed to complete its start", exc_info=error)
    window.show_message(
        f"The window could not finish starting: {describe_error(error)}. "
        f"Quit, then move the files in {config_dir()} aside or start with "
        "--debug to see why.",
        "error",
    )


def _spawn_replica(
    as_of: date | None, recordings: list[str]
) -> tuple[Any, KaExplorerError | None]:
    """Start the replica's child process without waiting for it to listen."""
    from ka_explorer.child_replica import ChildReplica, ReplicaStartError

    try:
        return ChildReplica.spawn(as_of, recordings), None
    except OSError as error:
        problem = ReplicaStartError(
            f"The local replica could not start ({error}). Run `ka-explorer serve` "
            "in a terminal to see why."
        )
        log.warning("%s", problem)
        return None, problem


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
