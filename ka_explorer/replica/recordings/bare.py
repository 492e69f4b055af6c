"""Map bare JSON response bodies to the endpoints they came from.

A bare body file holds only what an endpoint returned, with no request. The
rule that places it:

1. Path-keyed files. A top-level object with keys that start with `/api/`
   serves each such value at that exact path. A key may carry notes in
   brackets, as in `/api/v1/badges (authenticated, earned badge)`; the note
   `authenticated` limits the body to requests that carry an access token.
   On a route that returns a list (`[Badge]`), such a body holds the
   signed-in user's items of the list, which are merged into the list
   (see merge.py). Other keys (`source`, ...) are descriptions and are
   skipped.
2. Otherwise the file name picks the endpoint. Its words (split on anything
   but letters and digits) must contain every literal word of a GET route
   after `/api/v1/`, with `_` splitting words too: `badges_categories_camel`
   fits `/api/v1/badges/categories`. The route with the most literal words
   and no parameter is the collection; the same route plus one trailing
   `<parameter>` is the item route (without a collection, the best route
   whose only parameter is last).
3. The word `camel` in the name means the body has camelCase keys, as
   `casing=camel` returned them; the replica converts keys for requests that
   ask for the other casing.
4. A list serves the collection, and each of its objects that has an
   identifier serves the item route. An object keyed by ids serves the item
   route for each key. An object with one member whose name is a word of
   the file name and whose value is a list (`{"videos": [...]}`) is read as
   that list. Any other object serves the collection as it is.
5. Identifiers, in order: the item parameter's own name, `id`, `name`,
   `slug`, `readable_id`, `youtube_id` (or their camelCase forms). An item
   route whose catalog entry returns a list (`[BadgeCategory]`) gets the
   item wrapped in a one-element list, as the live server sent it.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from ka_explorer.catalog import Catalog, Endpoint
from ka_explorer.replica.errors import ReplicaError
from ka_explorer.replica.recordings.merge import identifiers
from ka_explorer.replica.recordings.store import RecordedBody, Recordings

log = logging.getLogger(__name__)

_WORD = re.compile(r"[A-Za-z0-9]+")
_NOTE = re.compile(r"^(?P<path>/api/\S*)\s*(?:\((?P<notes>[^)]*)\))?\s*$")
API_PREFIX = ("api", "v1")


def load_bare_body(
    path: Path, document: Any, catalog: Catalog, recordings: Recordings
) -> int:
    """Add the endpoints a bare body file serves; return how many paths."""
    words = set(w.lower() for w in _WORD.findall(path.stem))
    casing = "camel" if "camel" in words else "snake"
    if isinstance(document, dict) and any(k.startswith("/api/") for k in document):
        return _load_path_keyed(path, document, casing, catalog, recordings)
    collection, item = _routes_for(words, catalog)
    if collection is None and item is None:
        raise ReplicaError(
            f"Recording {path}: no GET route fits the words of its name "
            f"({', '.join(sorted(words))}); name the file after the route, such as "
            "exercises.json for /api/v1/exercises."
        )
    served = _Placer(path, casing, recordings, collection, item)
    return served.place(_unwrap(document, words))


def _load_path_keyed(
    path: Path,
    document: dict[str, Any],
    casing: str,
    catalog: Catalog,
    recordings: Recordings,
) -> int:
    count = 0
    for key, value in document.items():
        found = _NOTE.match(key)
        if not found:
            continue
        api_path = found.group("path")
        notes = {n.strip().lower() for n in (found.group("notes") or "").split(",")}
        match = catalog.match("GET", api_path)
        if match is None:
            log.warning(
                "Recording %s: %s is no GET route of the catalog; skipped",
                path,
                api_path,
            )
            continue
        signed_only = "authenticated" in notes
        body = RecordedBody(
            value,
            casing,
            f"{path.name}:{key}",
            signed_only=signed_only,
            list_items=signed_only and match.endpoint.returns.startswith("["),
        )
        count += recordings.add_body(api_path, body)
    return count


def _literal_words(endpoint: Endpoint) -> list[str]:
    literals = list(endpoint.template.literals)
    if tuple(literals[:2]) == API_PREFIX:
        literals = literals[2:]
    return [w for literal in literals for w in literal.lower().split("_") if w]


def _routes_for(
    words: set[str], catalog: Catalog
) -> tuple[Endpoint | None, Endpoint | None]:
    fitting = [
        e
        for e in catalog.endpoints
        if e.http_method == "GET"
        and e.url.startswith("/api/v1/")
        and _literal_words(e)
        and set(_literal_words(e)) <= words
    ]
    collections = [e for e in fitting if not e.template.parameter_names]
    collection = max(collections, key=lambda e: len(_literal_words(e)), default=None)
    items = [e for e in fitting if _is_item_route(e)]
    if collection is not None:
        items = [e for e in items if e.url.rsplit("/", 1)[0] == collection.url]
    item = max(items, key=lambda e: len(_literal_words(e)), default=None)
    return collection, item


def _is_item_route(endpoint: Endpoint) -> bool:
    segments = endpoint.template.segments
    parameters = [s for s in segments if s.is_parameter]
    return len(parameters) == 1 and segments[-1].is_parameter


def _unwrap(document: Any, words: set[str]) -> Any:
    if isinstance(document, dict):
        lists = [
            k
            for k, v in document.items()
            if k.lower() in words
            and isinstance(v, list)
            and all(isinstance(i, dict) for i in v)
        ]
        if len(lists) == 1:
            return document[lists[0]]
    return document


class _Placer:
    def __init__(
        self,
        path: Path,
        casing: str,
        recordings: Recordings,
        collection: Endpoint | None,
        item: Endpoint | None,
    ) -> None:
        self.path = path
        self.casing = casing
        self.recordings = recordings
        self.collection = collection
        self.item = item

    def place(self, document: Any) -> int:
        if isinstance(document, list):
            count = self._collection(document)
            return count + sum(self._item(entry) for entry in document)
        if isinstance(document, dict) and _is_keyed_by_id(document):
            return sum(self._item(value, key) for key, value in document.items())
        return self._collection(document)

    def _collection(self, document: Any) -> int:
        if self.collection is None:
            return 0
        body = RecordedBody(document, self.casing, self.path.name)
        return int(self.recordings.add_body(self.collection.url, body))

    def _item(self, entry: Any, key: str | None = None) -> int:
        if self.item is None or not isinstance(entry, dict):
            return 0
        parameter = self.item.template.parameter_names[0]
        found = [key] if key else identifiers(entry, parameter)
        value = [entry] if self.item.returns.startswith("[") else entry
        added = 0
        for identifier in found:
            body = RecordedBody(value, self.casing, f"{self.path.name}:{identifier}")
            added += self.recordings.add_body(
                self.item.expand({parameter: identifier}), body
            )
        return added


def _is_keyed_by_id(document: dict[str, Any]) -> bool:
    if not document or not all(isinstance(v, dict) for v in document.values()):
        return False
    return all(key in identifiers(value, "") for key, value in document.items())
