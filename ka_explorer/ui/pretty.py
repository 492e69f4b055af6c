"""Re-indent JSON text token by token, keeping every number and string as sent.

Works on a prefix of a document too, so the Raw tab can show the first part of
a huge body at once. No Qt here; the Raw tab runs it in a worker.

The work is bounded: indentation grows with the square of the depth (a body
of 100,000 nested arrays would indent to about 20 GB), so formatting stops
past MAX_DEPTH levels or past `max_chars` characters of output.
"""

from __future__ import annotations

import re
import threading

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[{}\[\],:]|[^\s{}\[\],:"]+', re.DOTALL)
INDENT = "  "
MAX_DEPTH = 100
# Indented JSON of real APIs measured 1.2 to 2.1 times its compact size
# (the replica's large bodies); more than this means very deep nesting.
OUTPUT_FACTOR = 4
OUTPUT_SLACK = 1024 * 1024
CANCEL_CHECK_TOKENS = 4096


class IndentLimitError(Exception):
    """Formatting stopped at a limit; the message names it, for the Raw tab."""


class FormattingCancelled(Exception):
    """The caller set the cancel event while the text was being formatted."""


def max_output(text: str) -> int:
    """Return the most characters that formatting `text` may produce."""
    return OUTPUT_FACTOR * len(text) + OUTPUT_SLACK


def pretty_json(
    text: str,
    cancel: threading.Event | None = None,
    max_chars: int | None = None,
) -> str:
    """Return `text` indented by two spaces per level; non-JSON text is unchanged.

    Raises IndentLimitError past MAX_DEPTH levels or `max_chars` characters
    of output (default: `max_output(text)`), and FormattingCancelled soon
    after `cancel` is set.
    """
    if not text.lstrip().startswith(("{", "[")):
        return text
    limit = max_output(text) if max_chars is None else max_chars
    return _Indenter(limit, cancel).run(text)


class _Indenter:
    """The state of one formatting run: output pieces, depth and size so far."""

    def __init__(self, max_chars: int, cancel: threading.Event | None) -> None:
        self.out: list[str] = []
        self.depth = 0
        self.size = 0
        self.max_chars = max_chars
        self.cancel = cancel

    def run(self, text: str) -> str:
        previous = ""
        # finditer, not findall: one findall over a 512 KB preview holds the GIL
        # for tens of milliseconds, and the UI thread waits for it that long.
        for count, match in enumerate(_TOKEN.finditer(text)):
            if count % CANCEL_CHECK_TOKENS == 0:
                self._check_cancel()
            token = match.group()
            self._add(token, previous)
            previous = token
            if self.size > self.max_chars:
                raise IndentLimitError(
                    f"indented, it would be more than {self.max_chars:,} characters"
                )
        return "".join(self.out)

    def _add(self, token: str, previous: str) -> None:
        if token in ("}", "]"):
            self.depth = max(self.depth - 1, 0)
            if previous in ("{", "["):
                self._pop()  # an empty container stays on one line: {} or []
            else:
                self._push("\n" + INDENT * self.depth)
            self._push(token)
        elif token in ("{", "["):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise IndentLimitError(
                    f"it nests arrays and objects deeper than {MAX_DEPTH} levels"
                )
            self._push(token)
            self._push("\n" + INDENT * self.depth)
        elif token == ",":
            self._push(",\n" + INDENT * self.depth)
        elif token == ":":
            self._push(": ")
        else:
            self._push(token)

    def _push(self, piece: str) -> None:
        self.out.append(piece)
        self.size += len(piece)

    def _pop(self) -> None:
        self.size -= len(self.out.pop())

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise FormattingCancelled()


def is_indented(text: str) -> bool:
    """True when the body already has line breaks, as `format=pretty` sends it."""
    return "\n" in text[:2000]
