"""Decoded text of a body, a few megabytes at a time.

The parser moves forward only, so it needs the text from its position
onwards. Decoding the whole 50 MB body up front would hold a second copy of
it (or two to four copies, as UTF-16 or UTF-32 code units, once it contains
characters beyond Latin-1) while the parsed values are being built.
"""

from __future__ import annotations

import codecs
import json

from ka_explorer.jsontree.errors import JsonParseError

WINDOW_BYTES = 1024 * 1024


class TextWindow:
    """The decoded text between `base` and `end` (absolute character indexes).

    `complete` once the whole body is decoded. Built from a str, the window
    is the whole text from the start.
    """

    def __init__(self, source: bytes | str) -> None:
        self._body = source if isinstance(source, bytes) else b""
        self.text = source if isinstance(source, str) else ""
        self.base = 0
        self.complete = isinstance(source, str)
        self.encoding = "utf-8"
        self._read = 0
        # Byte offset of the character at `_char_cursor`; see byte_offset().
        self.tracks_bytes = False
        self._char_cursor = 0
        self._byte_cursor = 0
        if isinstance(source, bytes):
            self.encoding = json.detect_encoding(source)
            self._decoder = codecs.getincrementaldecoder(self.encoding)("surrogatepass")
            self.extend(0)

    @property
    def length(self) -> int:
        """The size of the source: bytes of a body, characters of a str."""
        return len(self._body) if self._body else len(self.text)

    @property
    def end(self) -> int:
        return self.base + len(self.text)

    def extend(self, keep_from: int, at_least: int | None = None) -> None:
        """Drop the text before `keep_from`, then decode `at_least` more bytes
        (`WINDOW_BYTES` by default)."""
        if self.complete:
            return
        if at_least is None:
            at_least = WINDOW_BYTES
        chunk = self._body[self._read:self._read + at_least]
        final = self._read + len(chunk) >= len(self._body)
        pending = len(self._decoder.getstate()[0])
        try:
            decoded = self._decoder.decode(chunk, final)
        except UnicodeDecodeError as error:
            raise self._decode_error(self._read - pending + error.start) from None
        if self.tracks_bytes and self._char_cursor < keep_from:
            self._advance_cursor(keep_from)
        self.text = self.text[keep_from - self.base:] + decoded
        self.base = keep_from
        self._read += len(chunk)
        self.complete = final

    def ensure(self, keep_from: int, index: int) -> None:
        """Decode until `index` is inside the window or the body ends."""
        step = max(WINDOW_BYTES, index - self.end + 1)
        while index >= self.end and not self.complete:
            self.extend(keep_from, step)
            step *= 2

    def byte_offset(self, index: int) -> int:
        """Return the byte offset in the body of the character at `index`.

        Needs `tracks_bytes` set before decoding past the start, a UTF-8 body,
        and indexes that never go back: each character is encoded once.
        """
        if index < self._char_cursor:
            raise ValueError(f"character {index} is before {self._char_cursor}")
        self._advance_cursor(index)
        return self._byte_cursor

    def _advance_cursor(self, index: int) -> None:
        start, end = self._char_cursor - self.base, index - self.base
        self._byte_cursor += len(self.text[start:end].encode("utf-8", "surrogatepass"))
        self._char_cursor = index

    def extend_all(self, keep_from: int) -> None:
        self.extend(keep_from, len(self._body))

    def full_text(self) -> str:
        """Return the whole decoded text for error messages, bad bytes replaced."""
        if not self._body:
            return self.text
        return self._body.decode(self.encoding, "replace")

    def _decode_error(self, byte_offset: int) -> JsonParseError:
        prefix = self._body[:byte_offset].decode(self.encoding, "replace")
        reason = f"invalid {self.encoding} byte 0x{self._body[byte_offset]:02x}"
        return JsonParseError.at(prefix, len(prefix), reason, kind="encoding")
