"""Format a body for the Raw tab in a worker: decode, indent, cap its size."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

# The window's modules import the http layer's byte formatter by this name,
# so that a size reads the same in every message, GiB included.
from ka_explorer.http.sizes import format_bytes as format_size  # noqa: F401
from ka_explorer.ui.pretty import (
    CANCEL_CHECK_TOKENS,
    IndentLimitError,
    is_indented,
    pretty_json,
)

PREVIEW_BYTES = 512 * 1024
# QPlainTextEdit.setPlainText took about 200 ms per MiB of indented JSON,
# and appending 32 KiB at a time at most 24 ms per step; 8 MiB of text
# added about 200 MB to the process (docs/window.md, "Raw").
MAX_SHOWN_CHARS = 8 * 1024 * 1024
FEED_CHARS = 32 * 1024
PROGRESS_STEPS = 100
# QPlainTextEdit's wrapped layout of one line grows faster than its length:
# 10,000 characters took 18 ms and 50,000 took 155 ms (offscreen, 900 px
# wide), and 512 KiB about 21 s in the window under Xvfb. Longer lines are cut.
MAX_LINE_CHARS = 10_000
_LONG_LINE = re.compile(rf"[^\n]{{{MAX_LINE_CHARS + 1},}}")


@dataclass(frozen=True)
class RawText:
    """The Raw tab's text, why it is shown as received (or ""), and its extent.

    `shown_bytes` is how much of the body the text covers, an estimate when
    the text was cut at MAX_SHOWN_CHARS; None means all that was formatted.
    `cut_lines` counts the lines cut at MAX_LINE_CHARS characters.
    """

    text: str
    note: str = ""
    shown_bytes: int | None = None
    cut_lines: int = 0


class _ProgressEvent(threading.Event):
    """A cancel event that reports formatting progress each time it is polled.

    `pretty_json` polls `is_set()` once per CANCEL_CHECK_TOKENS tokens, so
    the polls count the tokens done. The total is an estimate.
    """

    def __init__(
        self, cancel: threading.Event, report: Callable[[float], None], tokens: int
    ) -> None:
        super().__init__()
        self._cancel = cancel
        self._report = report
        self._polls_expected = max(tokens // CANCEL_CHECK_TOKENS, 1)
        self._polls = 0
        self._reported_step = -1

    def is_set(self) -> bool:
        self._polls += 1
        step = min(self._polls * PROGRESS_STEPS // self._polls_expected, 99)
        if step != self._reported_step:
            self._reported_step = step
            self._report(step / PROGRESS_STEPS)
        return self._cancel.is_set()


def estimate_tokens(text: str) -> int:
    """Estimate the JSON tokens in `text`: each separator follows one value."""
    separators = text.count(",") + text.count(":")
    brackets = sum(text.count(mark) for mark in "{}[]")
    return 2 * separators + brackets


def render_body(
    body: bytes,
    limit: int | None,
    cancel: threading.Event | None = None,
    report: Callable[[float], None] | None = None,
) -> RawText:
    """Decode and indent `body`, or its first `limit` bytes; runs in a worker.

    `report(fraction)` gets the estimated progress. Raises
    `pretty.FormattingCancelled` soon after `cancel` is set.
    """
    part = body if limit is None else body[:limit]
    text = part.decode("utf-8", errors="replace")
    partial = len(part) < len(body)
    if is_indented(text):
        return cut_long_lines(RawText(text), partial)
    if report is not None:
        cancel = _ProgressEvent(
            cancel or threading.Event(), report, estimate_tokens(text)
        )
    try:
        return cut_long_lines(RawText(pretty_json(text, cancel)), partial)
    except IndentLimitError as reason:
        note = f"Shown as received, without indentation: {reason}."
        return cut_long_lines(RawText(text, note), partial)


def cut_long_lines(raw: RawText, partial: bool = False) -> RawText:
    """Cut each line of `raw.text` longer than MAX_LINE_CHARS, ending it with a
    marker that gives its length, and add a sentence saying so to the note.

    `partial` means the text stops inside the body, so its last line may run
    on, so its marker reads "more than".
    """
    cut = 0

    def marker(match: re.Match[str]) -> str:
        nonlocal cut
        cut += 1
        length = len(match.group())
        runs_on = partial and match.end() == len(raw.text)
        total = f"more than {length:,}" if runs_on else f"{length:,}"
        return (
            f"{match.group()[:MAX_LINE_CHARS]}… [line cut: {total} characters "
            "in all; Save body… writes it whole]"
        )

    text = _LONG_LINE.sub(marker, raw.text)
    if cut == 0:
        return raw
    lines = "1 line was" if cut == 1 else f"{cut:,} lines were"
    sentence = f"{lines} cut at {MAX_LINE_CHARS:,} characters."
    note = f"{raw.note} {sentence}" if raw.note else sentence
    return RawText(text, note, raw.shown_bytes, cut)


def render_all(
    body: bytes,
    cancel: threading.Event | None = None,
    report: Callable[[float], None] | None = None,
) -> RawText:
    """Format the body for Show all: at most MAX_SHOWN_CHARS characters.

    Formatting only grows a compact body, so its first MAX_SHOWN_CHARS bytes
    are enough. A text that had to be cut ends at its last whole line.
    """
    raw = render_body(body, MAX_SHOWN_CHARS, cancel, report)
    formatted = len(raw.text)
    if len(body) <= MAX_SHOWN_CHARS and formatted <= MAX_SHOWN_CHARS:
        return raw
    kept = raw.text[:MAX_SHOWN_CHARS]
    line_end = kept.rfind("\n")
    if line_end > 0:
        kept = kept[:line_end]
    covered = min(len(body), MAX_SHOWN_CHARS)
    shown_bytes = covered * len(kept) // max(formatted, 1)
    return RawText(kept, raw.note, shown_bytes, raw.cut_lines)
