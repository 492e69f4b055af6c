"""Read catalogs: the bundled JSON files and Khan's `v1_api_descriptions` lists.

Each entry keeps the shape of Khan's own descriptions (url, http_method,
summary, description, access_control, arguments with name, description,
required and part_of_url) and may add group, documented, removal_announced,
removal_final and retired_fields. Every problem raises a `CatalogError` that
names the file, the entry and the field.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from ka_explorer.catalog.model import (
    OPEN_ACCESS,
    Argument,
    Catalog,
    CatalogError,
    Endpoint,
)
from ka_explorer.catalog.templates import PathTemplate, TemplateError
from ka_explorer.paths import resource_path

DEFAULT_CATALOG = ("catalogs", "khan-v1.json")
_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}


def load_catalog(path: Path | str | None = None) -> Catalog:
    """Load a catalog file; without a path, the bundled Khan Academy API v1 one."""
    file = Path(path) if path is not None else resource_path(*DEFAULT_CATALOG)
    document = _read_json(file)
    if not isinstance(document, dict):
        raise CatalogError(
            f"Catalog {file}: the top level must be an object with 'endpoints'; "
            "fix the file or pick another catalog."
        )
    return _catalog_from_document(document, str(file))


def catalog_from_descriptions(entries: object, source: str) -> Catalog:
    """Build a catalog from a bare list of `v1_api_descriptions` entries."""
    if isinstance(entries, dict) and "endpoints" in entries:
        return _catalog_from_document(entries, source)
    if not isinstance(entries, list):
        raise CatalogError(
            f"Catalog {source}: expected a list of endpoint descriptions, got "
            f"{type(entries).__name__}; check that the URL serves v1_api_descriptions."
        )
    return Catalog(endpoints=_endpoints(entries, source), source=source)


def _read_json(file: Path) -> Any:
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise CatalogError(
            f"Catalog {file} could not be read ({error.strerror}); check the path."
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CatalogError(
            f"Catalog {file} is not valid JSON (line {error.lineno}, column "
            f"{error.colno}: {error.msg}); fix the file."
        ) from None


def _catalog_from_document(document: dict[str, Any], source: str) -> Catalog:
    entries = document.get("endpoints")
    if not isinstance(entries, list):
        raise CatalogError(
            f"Catalog {source}: field 'endpoints' must be a list of endpoint "
            "entries; fix the file."
        )
    where = _Where(source, "top level")
    commons = document.get("common_arguments", [])
    return Catalog(
        endpoints=_endpoints(entries, source),
        source=source,
        name=where.text(document, "name"),
        base_url=where.text(document, "base_url"),
        retired_fields_date=where.date(document, "retired_fields_date"),
        common_arguments=where.arguments(commons, "common_arguments"),
    )


def _endpoints(entries: list[Any], source: str) -> tuple[Endpoint, ...]:
    endpoints = [_endpoint(entry, index, source) for index, entry in enumerate(entries)]
    seen: dict[str, int] = {}
    for index, endpoint in enumerate(endpoints):
        if endpoint.key in seen:
            raise CatalogError(
                f"Catalog {source}: entry {index} ({endpoint.key}) repeats entry "
                f"{seen[endpoint.key]}; field 'url' must be unique per method."
            )
        seen[endpoint.key] = index
    return tuple(endpoints)


def _endpoint(entry: Any, index: int, source: str) -> Endpoint:
    if not isinstance(entry, dict):
        raise CatalogError(
            f"Catalog {source}: entry {index} must be an object, not "
            f"{type(entry).__name__}; fix the file."
        )
    label = f"entry {index} ({entry.get('http_method', '?')} {entry.get('url', '?')})"
    where = _Where(source, label)
    url = where.url(entry)
    method = where.method(entry)
    return Endpoint(
        group=where.text(entry, "group") or _group_of(url),
        http_method=method,
        url=url,
        summary=where.text(entry, "summary"),
        description=where.text(entry, "description"),
        access_control=where.text(entry, "access_control") or OPEN_ACCESS,
        arguments=where.arguments(entry.get("arguments", []), "arguments"),
        removal_announced=where.date(entry, "removal_announced"),
        removal_final=where.date(entry, "removal_final"),
        retired_fields=where.strings(entry, "retired_fields"),
        documented=where.boolean(entry, "documented", default=True),
        returns=where.text(entry, "returns"),
        example=where.text(entry, "example"),
    )


def _group_of(url: str) -> str:
    """Return the group of a Khan URL: the segment after `/api/v1/`."""
    parts = [part for part in url.split("/") if part]
    if len(parts) >= 3 and parts[0] == "api":
        return parts[2]
    return parts[0] if parts else "root"


class _Where:
    """Field readers that name the file, the entry and the field on failure."""

    def __init__(self, source: str, label: str) -> None:
        self.source = source
        self.label = label

    def fail(self, field: str, problem: str) -> CatalogError:
        return CatalogError(
            f"Catalog {self.source}: {self.label}, field '{field}' {problem}; "
            "fix the entry."
        )

    def text(self, entry: dict[str, Any], field: str, required: bool = False) -> str:
        value = entry.get(field)
        if value is None:
            if required:
                raise self.fail(field, "is missing")
            return ""
        if not isinstance(value, str):
            raise self.fail(field, f"must be a string, not {type(value).__name__}")
        if required and not value:
            raise self.fail(field, "must not be empty")
        return value

    def url(self, entry: dict[str, Any]) -> str:
        url = self.text(entry, "url", required=True)
        try:
            PathTemplate.parse(url)
        except TemplateError as error:
            raise self.fail("url", f"is invalid: {error}") from None
        return url

    def method(self, entry: dict[str, Any]) -> str:
        method = self.text(entry, "http_method") or "GET"
        if method.upper() not in _METHODS:
            raise self.fail("http_method", f"has unknown method {method!r}")
        return method.upper()

    def boolean(self, entry: dict[str, Any], field: str, default: bool) -> bool:
        value = entry.get(field, default)
        if not isinstance(value, bool):
            raise self.fail(field, f"must be true or false, not {value!r}")
        return value

    def date(self, entry: dict[str, Any], field: str) -> date | None:
        value = self.text(entry, field)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(field, f"has {value!r}, not a YYYY-MM-DD date") from None

    def strings(self, entry: dict[str, Any], field: str) -> tuple[str, ...]:
        value = entry.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(field, "must be a list of strings")
        return tuple(value)

    def arguments(self, value: Any, field: str) -> tuple[Argument, ...]:
        if not isinstance(value, list):
            raise self.fail(field, "must be a list of argument objects")
        return tuple(
            self._argument(item, f"{field}[{index}]")
            for index, item in enumerate(value)
        )

    def _argument(self, item: Any, field: str) -> Argument:
        if not isinstance(item, dict):
            raise self.fail(field, "must be an object with at least 'name'")
        inner = _Where(self.source, f"{self.label}, {field}")
        example = item.get("example")
        return Argument(
            name=inner.text(item, "name", required=True),
            description=inner.text(item, "description"),
            required=inner.boolean(item, "required", default=False),
            part_of_url=inner.boolean(item, "part_of_url", default=False),
            example=None if example is None else str(example),
        )


def describe_endpoint(endpoint: Endpoint) -> dict[str, Any]:
    """Return the entry for `endpoint` in the `v1_api_descriptions` shape.

    The removal fields are additions to Khan's shape; `catalog_from_descriptions`
    reads them back, so the round trip loses nothing.
    """
    return {
        "url": endpoint.url,
        "http_method": endpoint.http_method,
        "summary": endpoint.summary,
        "description": endpoint.description,
        "returns": endpoint.returns,
        "example": endpoint.example,
        "access_control": endpoint.access_control,
        "arguments": [_describe_argument(a) for a in endpoint.arguments],
        "group": endpoint.group,
        "documented": endpoint.documented,
        "removal_announced": _iso(endpoint.removal_announced),
        "removal_final": _iso(endpoint.removal_final),
        "retired_fields": list(endpoint.retired_fields),
    }


def _describe_argument(argument: Argument) -> dict[str, Any]:
    described: dict[str, Any] = {
        "name": argument.name,
        "description": argument.description,
        "required": argument.required,
        "part_of_url": argument.part_of_url,
    }
    if argument.example is not None:
        described["example"] = argument.example
    return described


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
