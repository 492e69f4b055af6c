"""Replay of recorded responses: VCR.py cassettes, HAR files and bare JSON bodies."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path

from ka_explorer.catalog import Catalog
from ka_explorer.replica.errors import ReplicaError
from ka_explorer.replica.recordings.bare import load_bare_body
from ka_explorer.replica.recordings.exchanges import load_cassette, load_har
from ka_explorer.replica.recordings.store import (
    RecordedBody,
    RecordedResponse,
    Recordings,
    request_key,
)

log = logging.getLogger(__name__)

SUFFIXES = (".yml", ".yaml", ".json", ".har")

__all__ = [
    "RecordedBody",
    "RecordedResponse",
    "Recordings",
    "load_recordings",
    "request_key",
]


def load_recordings(paths: Iterable[Path | str], catalog: Catalog) -> Recordings:
    """Load files and folders in the order given; a folder's files by name."""
    recordings = Recordings()
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise ReplicaError(
                f"Recordings path {path} does not exist; check the --recordings value."
            )
        files = _files(path)
        if not files:
            raise ReplicaError(
                f"No recordings found in {path}: it has no .yml, .yaml, .json or "
                ".har file; check the --recordings value."
            )
        for file in files:
            count = _load_file(file, catalog, recordings)
            recordings.files.append(str(file))
            log.info("Loaded %d recorded responses from %s", count, file)
    return recordings


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    files = sorted(p for p in path.iterdir() if p.is_file())
    for skipped in (p for p in files if p.suffix.lower() not in SUFFIXES):
        log.info("Skipped %s: not a .yml, .yaml, .json or .har recording", skipped)
    return [p for p in files if p.suffix.lower() in SUFFIXES]


def _load_file(file: Path, catalog: Catalog, recordings: Recordings) -> int:
    if file.suffix.lower() in (".yml", ".yaml"):
        return load_cassette(file, recordings)
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReplicaError(
            f"Recording {file} could not be read as JSON ({error}); "
            "fix or remove the file."
        ) from None
    if isinstance(document, dict) and isinstance(document.get("log"), dict):
        return load_har(file, document, recordings)
    return load_bare_body(file, document, catalog, recordings)
