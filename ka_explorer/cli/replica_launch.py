"""The local replica that `get` and `login` start when no base URL is given."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

from ka_explorer.replica import RunningReplica, start_replica


@contextlib.contextmanager
def running_replica(args: argparse.Namespace) -> Iterator[RunningReplica]:
    """Serve the replica in this process for one command, then stop it."""
    replica = start_replica(as_of=args.as_of, recordings=tuple(args.recordings or ()))
    try:
        yield replica
    finally:
        replica.stop()
