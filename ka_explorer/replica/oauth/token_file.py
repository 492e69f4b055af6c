"""The replica's issued access tokens in a JSON file, shared between processes.

`ka-explorer login`, `ka-explorer get`, `ka-explorer serve` and the window
each run their own replica, and a token that one of them issued must work
in the others. So each change is a read-modify-write of the file under an
exclusive lock, and a reader reloads the file when its size, inode or
modification time differs from what it last saw. The file is written to a
temporary file in the same folder and renamed over the old one, so a reader
never sees half a file. It contains secrets, so only its owner may read it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from ka_explorer.paths import cache_dir
from ka_explorer.replica.oauth.store import AccessToken

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

FILE_NAME = "access_tokens.json"
FORMAT_VERSION = 1
# Each sign-in adds a token and nothing expires them, so the oldest are dropped
# once the file contains this many.
MAX_TOKENS = 1000

Tokens = dict[str, AccessToken]


def default_token_path() -> Path:
    """Return `cache_dir()/replica/access_tokens.json`, the replica's token file."""
    return cache_dir() / "replica" / FILE_NAME


class AccessTokenFile:
    """Access tokens in one JSON file. Not thread-safe: `OAuthStore` locks around it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen: tuple[int, int, int] | None = None

    def read(self) -> Tokens:
        """Return the tokens in the file; none when it is missing or unreadable."""
        self._seen = self._signature()
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as error:
            log.warning(
                "Could not read the replica's token file %s (%s); tokens in it are "
                "rejected until it can be read.",
                self.path,
                error,
            )
            return {}
        return self._parse(text)

    def changed(self) -> bool:
        """Return True when another process (or writer) changed the file."""
        return self._signature() != self._seen

    def update(
        self, add: AccessToken | None = None, revoke: str | None = None
    ) -> Tokens:
        """Add or remove one token in the file and return its new contents.

        Raises OSError when the file cannot be written.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            tokens = self.read()
            if add is not None:
                tokens[add.key] = add
            if revoke is not None:
                tokens.pop(revoke, None)
            tokens = _newest(tokens, MAX_TOKENS)
            self._write(tokens)
        return tokens

    def _parse(self, text: str) -> Tokens:
        try:
            entries = json.loads(text)["access_tokens"]
            tokens = [AccessToken(**entry) for entry in entries]
        except (ValueError, KeyError, TypeError) as error:
            log.warning(
                "Ignoring the replica's token file %s, which is not valid (%s); "
                "sign in again, and the file is written anew.",
                self.path,
                error,
            )
            return {}
        return {token.key: token for token in tokens}

    def _write(self, tokens: Tokens) -> None:
        document = {
            "version": FORMAT_VERSION,
            "access_tokens": [asdict(token) for token in tokens.values()],
        }
        handle, temporary = tempfile.mkstemp(
            prefix=".access_tokens-", dir=self.path.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(document, stream, indent=1)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        self._seen = self._signature()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold an exclusive lock on a file beside the token file.

        NOTE: without fcntl (Windows) two processes that change the file at
        the same moment can lose one of the two changes.
        """
        if fcntl is None:
            yield
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        with open(lock_path, "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _signature(self) -> tuple[int, int, int] | None:
        try:
            status = self.path.stat()
        except OSError:
            return None
        return (status.st_ino, status.st_size, status.st_mtime_ns)


def _newest(tokens: Tokens, limit: int) -> Tokens:
    if len(tokens) <= limit:
        return tokens
    newest = sorted(tokens.values(), key=lambda token: token.issued_at)[-limit:]
    return {token.key: token for token in newest}
