"""Re-indent JSON text token by token, keeping every number and string as sent.

Works on a prefix of a document too, so the Raw tab can show the first part of
a huge body at once. No Qt here; the Raw tab runs it in a worker.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[{}\[\],:]|[^\s{}\[\],:"]+', re.DOTALL)
INDENT = "  "


def pretty_json(text: str) -> str:
    """Return `text` indented by two spaces per level; non-JSON text is unchanged."""
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[")):
        return text
    out: list[str] = []
    depth = 0
    previous = ""
    # finditer, not findall: one findall over a 512 KB preview holds the GIL
    # for tens of milliseconds, and the UI thread waits for it that long.
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in ("}", "]"):
            depth = max(depth - 1, 0)
            if previous in ("{", "["):
                out.pop()  # an empty container stays on one line: {} or []
            else:
                out.append("\n" + INDENT * depth)
            out.append(token)
        elif token in ("{", "["):
            depth += 1
            out.append(token)
            out.append("\n" + INDENT * depth)
        elif token == ",":
            out.append(",\n" + INDENT * depth)
        elif token == ":":
            out.append(": ")
        else:
            out.append(token)
        previous = token
    return "".join(out)


def is_indented(text: str) -> bool:
    """True when the body already has line breaks, as `format=pretty` sends it."""
    return "\n" in text[:2000]
