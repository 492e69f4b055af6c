"""Large pre-serialized bodies, built once and kept on disk and in memory."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Body:
    """Bytes ready to send, with their entity tag."""

    data: bytes
    etag: str


def make_body(data: bytes) -> Body:
    return Body(data, hashlib.sha1(data).hexdigest()[:24])


class BodyCache:
    """Builds each named body once; keeps recent ones in memory, all on disk.

    A folder of None keeps bodies in memory only. Concurrent requests for the
    same body wait for one build instead of building it twice.
    """

    def __init__(self, folder: Path | None, in_memory: int = 3) -> None:
        self.folder = folder
        self._in_memory = in_memory
        self._bodies: OrderedDict[str, Body] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[str, threading.Lock] = {}

    def get(self, name: str, build: Callable[[], bytes]) -> Body:
        with self._lock:
            found = self._recent(name)
            build_lock = self._building.setdefault(name, threading.Lock())
        if found is not None:
            return found
        with build_lock:
            with self._lock:
                found = self._recent(name)
            if found is None:
                found = make_body(self._load(name) or self._build(name, build))
                with self._lock:
                    self._remember(name, found)
        return found

    def _recent(self, name: str) -> Body | None:
        found = self._bodies.get(name)
        if found is not None:
            self._bodies.move_to_end(name)
        return found

    def _remember(self, name: str, body: Body) -> None:
        self._bodies[name] = body
        while len(self._bodies) > self._in_memory:
            self._bodies.popitem(last=False)

    def _load(self, name: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            return _read_in_chunks(self.folder / name)
        except FileNotFoundError:
            return None
        except OSError as error:
            log.warning("Could not read cached %s (%s); building it again", name, error)
            return None

    def _build(self, name: str, build: Callable[[], bytes]) -> bytes:
        started = time.perf_counter()
        data = build()
        log.info(
            "Built %s: %d bytes in %.2f s",
            name,
            len(data),
            time.perf_counter() - started,
        )
        if self.folder is not None:
            self._save(name, data)
        return data

    def _save(self, name: str, data: bytes) -> None:
        assert self.folder is not None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = self.folder / f"{name}.{os.getpid()}.{threading.get_ident()}.part"
            partial.write_bytes(data)
            os.replace(partial, self.folder / name)
        except OSError as error:
            log.warning(
                "Could not cache %s in %s (%s); it stays in memory only",
                name,
                self.folder,
                error,
            )


def _read_in_chunks(path: Path, chunk_size: int = 1 << 20) -> bytes:
    """Read a file in pieces, so other threads run between the reads.

    One read of tens of megabytes holds the GIL for tens of milliseconds,
    long enough to stall a UI thread in the same process.
    """
    parts = []
    with path.open("rb") as file:
        while chunk := file.read(chunk_size):
            parts.append(chunk)
    return b"".join(parts)
