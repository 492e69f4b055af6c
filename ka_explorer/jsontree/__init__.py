"""A lazy index over a JSON document that keeps numbers exact.

`Document.parse(body)` reads a body once (in a worker thread); `Node` views
are made only when a tree model requests them. `search` finds keys and
values in document order, for a worker to stream to a view.
"""

from ka_explorer.jsontree.deferred import DeferredArray
from ka_explorer.jsontree.document import (
    ARRAY,
    BOOLEAN,
    NULL,
    NUMBER,
    OBJECT,
    STRING,
    Document,
    Node,
    kind_of,
)
from ka_explorer.jsontree.duplicates import ObjectWithDuplicates
from ka_explorer.jsontree.errors import JsonParseError, NotJsonError
from ka_explorer.jsontree.jsonpath import format_path
from ka_explorer.jsontree.parse import JsonNumber
from ka_explorer.jsontree.search import SearchMatch, search, search_batches
from ka_explorer.jsontree.serialize import dump_json

__all__ = [
    "ARRAY", "BOOLEAN", "NULL", "NUMBER", "OBJECT", "STRING",
    "DeferredArray", "Document", "JsonNumber", "JsonParseError", "Node", "NotJsonError",
    "ObjectWithDuplicates",
    "SearchMatch", "dump_json", "format_path", "kind_of", "search", "search_batches",
]
