"""Turn Python values into API bodies: casing, pretty printing, JSONP."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])([A-Z])")
INDENT = "    "


@dataclass(frozen=True)
class Style:
    """Output style of a body: camelCase keys, indentation and language."""

    camel: bool = False
    pretty: bool = False
    lang: str = "en"

    @property
    def name(self) -> str:
        return f"{self.lang}-{'camel' if self.camel else 'snake'}-" + (
            "pretty" if self.pretty else "compact"
        )


def camel_key(key: str) -> str:
    """Return Khan's camelCase form of a snake_case key: `icon_src` to `iconSrc`."""
    head, *rest = key.split("_")
    if not rest:
        return key
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def snake_key(key: str) -> str:
    """Return the snake_case form of a camelCase key: `iconSrc` to `icon_src`."""
    return _CAMEL_BOUNDARY.sub(lambda found: "_" + found.group(1).lower(), key)


def recase(value: Any, convert: Any) -> Any:
    """Return `value` with every object key passed through `convert`."""
    if isinstance(value, dict):
        return {
            convert(k) if isinstance(k, str) else k: recase(v, convert)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [recase(item, convert) for item in value]
    return value


def to_text(value: Any, style: Style, level: int = 0) -> str:
    """Serialize `value`; with `pretty`, nested `level` steps deep."""
    if style.camel:
        value = recase(value, camel_key)
    if not style.pretty:
        return json.dumps(value)
    text = json.dumps(value, indent=4)
    return text.replace("\n", "\n" + INDENT * level) if level else text
