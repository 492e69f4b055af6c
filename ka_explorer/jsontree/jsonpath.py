"""JSONPath text for a node, in RFC 9535 normalized form with dot shorthand."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

# RFC 9535 member-name-shorthand: a letter, "_" or a non-ASCII character other
# than a surrogate first, then digits too.
_NAME_FIRST = r"A-Za-z_\u0080-\ud7ff\ue000-\U0010ffff"
_ESCAPES = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "'": "\\'", "\\": "\\\\"}


def format_path(steps: Iterable[str | int]) -> str:
    """Return the JSONPath of the node reached by `steps` from the root.

    A string step is a member name and an int step an array index:
    `["badges", 3, "name"]` gives `$.badges[3].name`, and a name that is not
    a plain identifier is quoted: `$['key with space']`.
    """
    parts = ["$"]
    is_shorthand = _shorthand().fullmatch
    for step in steps:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif is_shorthand(step):
            parts.append(f".{step}")
        else:
            parts.append(f"['{_quote(step)}']")
    return "".join(parts)


@functools.cache
def _shorthand() -> re.Pattern[str]:
    # Compiled on first use: compiling these ranges takes about 10 ms, which
    # importing the package would add to the window's start.
    return re.compile(f"[{_NAME_FIRST}][{_NAME_FIRST}0-9]*")


def _quote(name: str) -> str:
    return "".join(_escape(char) for char in name)


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char < " ":
        return f"\\u{ord(char):04x}"
    return char
