"""Errors raised while reading a response body as JSON."""

from __future__ import annotations

from ka_explorer.errors import KaExplorerError

EXCERPT_WIDTH = 60


class ParseFailure(Exception):
    """Invalid JSON at an absolute character index of the text, raised inside
    the parser and turned into a `JsonParseError` by `parse.parse_body`."""

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.message = message
        self.index = index


class JsonParseError(KaExplorerError):
    """A body that is not valid JSON, with the place where reading stopped.

    `line` and `column` count from 1, `position` from 0 in characters of the
    decoded text. `excerpt` is the text around that place on one line.
    """

    def __init__(
        self,
        reason: str,
        *,
        line: int = 1,
        column: int = 1,
        position: int = 0,
        excerpt: str = "",
        kind: str = "invalid_json",
        message: str | None = None,
    ) -> None:
        self.reason = reason
        self.line = line
        self.column = column
        self.position = position
        self.excerpt = excerpt
        self.kind = kind
        super().__init__(message or self._message())

    def _message(self) -> str:
        where = f"line {self.line}, column {self.column}"
        text = f"Invalid JSON at {where}: {self.reason}."
        if self.excerpt:
            text += f" Near: {self.excerpt!r}."
        return text + " Check the raw body."

    @classmethod
    def at(
        cls, text: str, position: int, reason: str, kind: str = "invalid_json"
    ) -> JsonParseError:
        """Build the error for `position` in `text`, computing line and column."""
        line = text.count("\n", 0, position) + 1
        line_start = text.rfind("\n", 0, position) + 1
        return cls(
            reason,
            line=line,
            column=position - line_start + 1,
            position=position,
            excerpt=excerpt_around(text, position),
            kind=kind,
        )


class NotJsonError(JsonParseError):
    """A body that is some other format, such as an HTML page or plain text."""

    def __init__(self, message: str, *, kind: str, excerpt: str = "") -> None:
        super().__init__(message, excerpt=excerpt, kind=kind, message=message)


def excerpt_around(text: str, position: int, width: int = EXCERPT_WIDTH) -> str:
    """Return the text of one line around `position`, at most `width` long."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    if line_end < 0:
        line_end = len(text)
    start = max(line_start, position - width // 2)
    end = min(line_end, start + width)
    prefix = "…" if start > line_start else ""
    suffix = "…" if end < line_end else ""
    return prefix + text[start:end].replace("\r", "") + suffix
