"""The replica's date: which endpoints had been removed on it."""

from __future__ import annotations

from datetime import date

from ka_explorer.catalog import Endpoint
from ka_explorer.replica.errors import ReplicaError

# The day before the first removal (2020-01-06), so every endpoint answers.
DEFAULT_AS_OF = date(2020, 1, 5)


def parse_as_of(value: date | str | None) -> date:
    if value is None or value == "":
        return DEFAULT_AS_OF
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ReplicaError(
            f"Invalid --as-of date {value!r}; use YYYY-MM-DD, such as 2020-01-05."
        ) from None


def is_removed(endpoint: Endpoint, as_of: date) -> bool:
    return endpoint.removal_status(as_of).removed
