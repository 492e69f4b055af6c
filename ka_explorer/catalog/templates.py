"""Khan-style path templates such as `/api/v1/videos/<video_id>`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote

_PARAMETER = re.compile(r"^<(?:[a-z]+:)?([A-Za-z_][A-Za-z0-9_]*)>$")


class TemplateError(ValueError):
    """A template that cannot be parsed, or values that cannot fill it."""


@dataclass(frozen=True)
class Segment:
    """One path segment: a literal text, or the name of a path parameter."""

    text: str
    is_parameter: bool


@dataclass(frozen=True)
class PathTemplate:
    """A parsed template: matches request paths and fills in values."""

    template: str
    segments: tuple[Segment, ...]

    @classmethod
    def parse(cls, template: str) -> PathTemplate:
        if not template.startswith("/"):
            raise TemplateError(f"path template {template!r} must start with '/'")
        segments = tuple(_parse_segment(part) for part in template.split("/")[1:])
        names = [segment.text for segment in segments if segment.is_parameter]
        if len(names) != len(set(names)):
            raise TemplateError(f"path template {template!r} repeats a parameter")
        return cls(template, segments)

    @property
    def parameter_names(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.segments if s.is_parameter)

    @property
    def literals(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.segments if not s.is_parameter)

    def specificity(self) -> tuple[bool, ...]:
        """Return, per segment, whether it is literal: more literal sorts first."""
        return tuple(not segment.is_parameter for segment in self.segments)

    def match(self, path: str) -> dict[str, str] | None:
        """Return the decoded path parameters when `path` fits, else None."""
        parts = path_parts(path)
        if parts is None:
            return None
        return self.match_parts(parts)

    def match_parts(self, parts: tuple[str, ...]) -> dict[str, str] | None:
        """Return the path parameters when the decoded segments `parts` (from
        `path_parts`) fit, else None."""
        if len(parts) != len(self.segments):
            return None
        values: dict[str, str] = {}
        for segment, part in zip(self.segments, parts, strict=True):
            if segment.is_parameter:
                if not part:
                    return None
                values[segment.text] = part
            elif part != segment.text:
                return None
        return values

    def expand(self, values: Mapping[str, object]) -> str:
        """Fill the template, percent-encoding each value as one segment."""
        missing = [name for name in self.parameter_names if not _filled(values, name)]
        if missing:
            raise TemplateError(
                f"path template {self.template} needs a value for "
                f"{', '.join(missing)}"
            )
        parts = [
            quote(str(values[s.text]), safe="") if s.is_parameter else s.text
            for s in self.segments
        ]
        return "/" + "/".join(parts)


def _filled(values: Mapping[str, object], name: str) -> bool:
    value = values.get(name)
    return value is not None and str(value) != ""


def _parse_segment(part: str) -> Segment:
    found = _PARAMETER.match(part)
    if found:
        return Segment(found.group(1), is_parameter=True)
    if "<" in part or ">" in part:
        raise TemplateError(f"path segment {part!r} is not a valid <parameter>")
    return Segment(part, is_parameter=False)


def path_parts(path: str) -> tuple[str, ...] | None:
    """Return the percent-decoded segments of `path`, or None without a
    leading "/"."""
    if not path.startswith("/"):
        return None
    return tuple(unquote(part) for part in path.split("/")[1:])
