"""Endpoints, their arguments and removal dates, and the catalog that contains them."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ka_explorer.catalog.templates import PathTemplate, TemplateError, path_parts
from ka_explorer.errors import KaExplorerError

OPEN_ACCESS = "open-access"


class CatalogError(KaExplorerError):
    """A catalog file or description list that cannot be used, or a bad expansion."""


@dataclass(frozen=True)
class Argument:
    """One documented parameter of an endpoint, in the query or in the path."""

    name: str
    description: str = ""
    required: bool = False
    part_of_url: bool = False
    example: str | None = None


@dataclass(frozen=True)
class RemovalStatus:
    """Removal state of an endpoint on a given day.

    `days_left` counts the days until removal and is 0 once removed. Both
    `date` and `days_left` are None for an endpoint with no removal date.
    """

    removed: bool
    date: date | None
    days_left: int | None


@dataclass(frozen=True)
class Endpoint:
    """One route of the API, in the shape of Khan's `v1_api_descriptions` entries."""

    group: str
    http_method: str
    url: str
    summary: str = ""
    description: str = ""
    access_control: str = OPEN_ACCESS
    arguments: tuple[Argument, ...] = ()
    removal_announced: date | None = None
    removal_final: date | None = None
    retired_fields: tuple[str, ...] = ()
    documented: bool = True
    returns: str = ""
    example: str = ""
    template: PathTemplate = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            template = PathTemplate.parse(self.url)
        except TemplateError as error:
            raise CatalogError(
                f"Endpoint {self.http_method} {self.url}: {error}."
            ) from None
        object.__setattr__(self, "template", template)

    @property
    def login_required(self) -> bool:
        return self.access_control != OPEN_ACCESS

    @property
    def key(self) -> str:
        """Method and template, unique within a catalog: `GET /api/v1/user`."""
        return f"{self.http_method} {self.url}"

    def argument(self, name: str) -> Argument | None:
        return next((a for a in self.arguments if a.name == name), None)

    def path_arguments(self) -> tuple[Argument, ...]:
        return tuple(a for a in self.arguments if a.part_of_url)

    def query_arguments(self) -> tuple[Argument, ...]:
        return tuple(a for a in self.arguments if not a.part_of_url)

    def expand(self, values: Mapping[str, object]) -> str:
        """Return the path with each `<name>` replaced by its percent-encoded value."""
        try:
            return self.template.expand(values)
        except TemplateError as error:
            raise CatalogError(f"{error}; fill in the path parameters.") from None

    def removal_date(self) -> date | None:
        """Return the removal day: the final date, else the announced one."""
        return self.removal_final or self.removal_announced

    def removal_status(self, today: date) -> RemovalStatus:
        removal = self.removal_date()
        if removal is None:
            return RemovalStatus(removed=False, date=None, days_left=None)
        days_left = max((removal - today).days, 0)
        return RemovalStatus(
            removed=today >= removal, date=removal, days_left=days_left
        )


@dataclass(frozen=True)
class Match:
    """An endpoint that fits a request path, with the decoded path parameters."""

    endpoint: Endpoint
    path_params: dict[str, str]


@dataclass(frozen=True)
class Catalog:
    """The endpoints of one API, in documentation order."""

    endpoints: tuple[Endpoint, ...]
    source: str = ""
    name: str = ""
    base_url: str = ""
    retired_fields_date: date | None = None
    common_arguments: tuple[Argument, ...] = ()

    @classmethod
    def from_descriptions(
        cls, entries: object, source: str = "v1_api_descriptions"
    ) -> Catalog:
        """Build a catalog from a list in Khan's `v1_api_descriptions` format."""
        from ka_explorer.catalog.loading import catalog_from_descriptions

        return catalog_from_descriptions(entries, source)

    def to_descriptions(self) -> list[dict[str, object]]:
        """Return the endpoints as Khan's `v1_api_descriptions` list."""
        from ka_explorer.catalog.loading import describe_endpoint

        return [describe_endpoint(endpoint) for endpoint in self.endpoints]

    def groups(self) -> list[str]:
        """Return the group names in the order they first appear."""
        return list(dict.fromkeys(endpoint.group for endpoint in self.endpoints))

    def in_group(self, group: str) -> tuple[Endpoint, ...]:
        return tuple(e for e in self.endpoints if e.group == group)

    def find(self, method: str, url: str) -> Endpoint | None:
        """Return the endpoint with exactly this method and template."""
        key = f"{method.upper()} {url}"
        return next((e for e in self.endpoints if e.key == key), None)

    def match(self, method: str, path: str) -> Match | None:
        """Return the most specific endpoint whose template fits `path`.

        A literal segment beats a parameter at the same place, so
        `/api/v1/exercises/perseus_autocomplete` wins over
        `/api/v1/exercises/<exercise_name>`.
        """
        parts = path_parts(path)
        if parts is None:
            return None
        found: list[tuple[tuple[bool, ...], Match]] = []
        for endpoint in self._by_length.get(len(parts), ()):
            if endpoint.http_method != method.upper():
                continue
            values = endpoint.template.match_parts(parts)
            if values is not None:
                found.append((endpoint.template.specificity(), Match(endpoint, values)))
        if not found:
            return None
        return max(found, key=lambda item: item[0])[1]

    def methods_for(self, path: str) -> list[str]:
        """Return the methods of every endpoint whose template fits `path`."""
        parts = path_parts(path)
        if parts is None:
            return []
        methods = [
            e.http_method
            for e in self._by_length.get(len(parts), ())
            if e.template.match_parts(parts) is not None
        ]
        return list(dict.fromkeys(methods))

    @functools.cached_property
    def _by_length(self) -> dict[int, tuple[Endpoint, ...]]:
        """The endpoints by their number of path segments, in order.

        Made once per catalog: the request flow matches a path at each Send
        and at each edit of the URL bar.
        """
        grouped: dict[int, list[Endpoint]] = {}
        for endpoint in self.endpoints:
            grouped.setdefault(len(endpoint.template.segments), []).append(endpoint)
        return {length: tuple(group) for length, group in grouped.items()}
