"""Read recorded exchanges: VCR.py cassettes (YAML) and HAR files (JSON)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import yaml

from ka_explorer.replica.errors import ReplicaError
from ka_explorer.replica.recordings.store import RecordedResponse, Recordings

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_cassette(path: Path, recordings: Recordings) -> int:
    """Add every interaction of a VCR.py cassette; return how many."""
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as error:
        # PyYAML spreads its message over lines and names the text it read
        # as "<unicode string>"; the file name is in this message already.
        reason = " ".join(str(error).split()).replace(' in "<unicode string>",', "")
        raise ReplicaError(
            f"Recording {path} is not valid YAML ({reason}); fix or remove the file."
        ) from None
    interactions = document.get("interactions") if isinstance(document, dict) else None
    if not isinstance(interactions, list):
        raise ReplicaError(
            f"Recording {path} has no 'interactions' list, so it is "
            "not a VCR.py cassette; fix or remove the file."
        )
    for index, interaction in enumerate(interactions):
        _add_interaction(path, index, interaction, recordings)
    return len(interactions)


def _add_interaction(
    path: Path, index: int, interaction: Any, recordings: Recordings
) -> None:
    try:
        request, response = interaction["request"], interaction["response"]
        status = response["status"]
        headers = tuple(
            (name, str(value))
            for name, values in (response.get("headers") or {}).items()
            for value in values
        )
        recorded = RecordedResponse(
            status=int(status["code"]),
            reason=str(status.get("message", "")),
            headers=headers,
            body=_cassette_body(response.get("body")),
            source=f"{path.name}#{index}",
        )
        recordings.add_exact(request["method"], request["uri"], recorded)
    except (KeyError, TypeError, ValueError) as error:
        raise ReplicaError(
            f"Recording {path}: interaction {index} is malformed "
            f"({error!r} missing or invalid); fix or remove it."
        ) from None


def _cassette_body(body: Any) -> bytes:
    value = body.get("string") if isinstance(body, dict) else body
    if value is None:
        return b""
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


def load_har(path: Path, document: dict[str, Any], recordings: Recordings) -> int:
    """Add every entry of a HAR log; return how many."""
    entries = document.get("log", {}).get("entries")
    if not isinstance(entries, list):
        raise ReplicaError(
            f"Recording {path} has no log.entries list, so it is not "
            "a HAR file; fix or remove the file."
        )
    for index, entry in enumerate(entries):
        _add_entry(path, index, entry, recordings)
    return len(entries)


def _add_entry(path: Path, index: int, entry: Any, recordings: Recordings) -> None:
    try:
        request, response = entry["request"], entry["response"]
        # HAR keeps the decoded body, so the recorded encoding no longer applies.
        headers = tuple(
            (h["name"], str(h["value"]))
            for h in response.get("headers", [])
            if h["name"].lower() != "content-encoding"
        )
        recorded = RecordedResponse(
            status=int(response["status"]),
            reason=str(response.get("statusText", "")),
            headers=headers,
            body=_har_body(response.get("content") or {}),
            source=f"{path.name}#{index}",
        )
        recordings.add_exact(request["method"], request["url"], recorded)
    except (KeyError, TypeError, ValueError) as error:
        raise ReplicaError(
            f"Recording {path}: entry {index} is malformed "
            f"({error!r} missing or invalid); fix or remove it."
        ) from None


def _har_body(content: dict[str, Any]) -> bytes:
    text = content.get("text") or ""
    if content.get("encoding") == "base64":
        return base64.b64decode(text)
    return str(text).encode("utf-8")
