"""`ka-explorer serve`: run the replica alone until Ctrl+C."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from types import FrameType

from ka_explorer.replica import DEMO, RunningReplica, create_app
from ka_explorer.replica.timeline import parse_as_of

REQUEST_LOGGER = "ka_explorer.replica.requests"


def run(args: argparse.Namespace) -> int:
    """Serve the replica on --host and --port; return 0 after a clean stop."""
    as_of = parse_as_of(args.as_of)
    app = create_app(as_of=as_of, recordings=args.recordings)
    _log_requests_to_stdout()
    server = RunningReplica(app, args.host, args.port)
    _print_banner(server, as_of.isoformat(), args.recordings)
    # A shell that starts us in the background may have set SIGINT to ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        _wait_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    print("Replica stopped.", flush=True)
    return 0


def _log_requests_to_stdout() -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    request_log = logging.getLogger(REQUEST_LOGGER)
    request_log.addHandler(handler)
    request_log.setLevel(logging.INFO)
    request_log.propagate = False


def _print_banner(server: RunningReplica, as_of: str, recordings: list[str]) -> None:
    lines = [
        f"Khan Academy API v1 replica on {server.base_url} (as of {as_of})",
        f"  consumer key:    {DEMO.consumer_key}",
        f"  consumer secret: {DEMO.consumer_secret}",
        f"  student login:   {DEMO.username} / {DEMO.password}",
        f"  coach login:     {DEMO.coach_username} / {DEMO.coach_password}",
    ]
    lines += [f"  replaying:       {path}" for path in recordings]
    lines.append("Press Ctrl+C to stop.")
    print("\n".join(lines), flush=True)


def _wait_forever() -> None:
    stopped = threading.Event()
    while not stopped.wait(1.0):
        pass


def _stop_on_sigterm(number: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
