"""A parsed JSON document and the lazy node views that a tree model reads."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ka_explorer.jsontree.deferred import DeferredArray, PiecedArray
from ka_explorer.jsontree.duplicates import ObjectWithDuplicates, duplicate_keys_of
from ka_explorer.jsontree.jsonpath import format_path
from ka_explorer.jsontree.parse import JsonNumber, parse_body
from ka_explorer.jsontree.serialize import dump_json

OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL = (
    "object", "array", "string", "number", "boolean", "null",
)
_KINDS = {dict: OBJECT, ObjectWithDuplicates: OBJECT, list: ARRAY,
          DeferredArray: ARRAY, PiecedArray: ARRAY, str: STRING, JsonNumber: NUMBER,
          int: NUMBER, bool: BOOLEAN, type(None): NULL}
_ARRAYS = (list, DeferredArray, PiecedArray)
_CONTAINERS = (dict, ObjectWithDuplicates, *_ARRAYS)


def kind_of(value: Any) -> str:
    """Return the JSON kind of a value read by `parse_text` or `Document.parse`."""
    return _KINDS[type(value)]


def scalar_text(value: Any) -> str:
    """Return the JSON text of a scalar, unquoted for strings."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    return str.__str__(value)


def _gone() -> None:
    """Stand in for the weak reference to a root that was never made."""
    return None


class Document:
    """A JSON (or JSONP) body read into memory once, shown through `Node` views.

    Parsing happens in `parse`, in the caller's thread. Nodes are made only
    when a view requests them, and `child(i)` returns the same `Node` object
    for as long as something holds it. Node views are not thread-safe: create
    them in one thread (the UI thread) and search from others with `search`,
    which reads the values without creating nodes.

    A node holds its parent and its document, and the document and parents
    hold their nodes only through weak references. So the views form no
    reference cycle, and a replaced document is freed at once even when
    `gc.freeze` (see parse.py) has moved its nodes out of the collector's
    reach.

    `value` may hold `DeferredArray`s in place of large arrays, and
    `PiecedArray`s in place of long ones (see deferred.py). A node loads its
    array when its first child is requested, and a long array's piece when
    one of that piece's items is.
    """

    def __init__(self, value: Any, *, jsonp_callback: str | None = None,
                 size: int = 0) -> None:
        self.value = value
        self.jsonp_callback = jsonp_callback
        self.size = size
        self._root: Callable[[], Node | None] = _gone
        # An ASCII body without escapes in a span lets search test the span's
        # bytes instead of walking its values (see search._Walker).
        self.ascii_body: bytes | None = None
        self.spans: dict[int, tuple[int, int]] = {}

    @classmethod
    def parse(cls, body: bytes | str) -> Document:
        """Read a body; raise `JsonParseError` (or `NotJsonError`) if it is not JSON."""
        parsed = parse_body(body)
        size = len(body) if isinstance(body, bytes) else len(body.encode("utf-8"))
        document = cls(parsed.value, jsonp_callback=parsed.jsonp_callback, size=size)
        if parsed.ascii_body and isinstance(body, bytes):
            document.ascii_body = body
            document.spans = parsed.spans
        return document

    @property
    def root(self) -> Node:
        """The node of the whole value, made again once no view keeps it."""
        node = self._root()
        if node is None:
            node = Node(self, None, None, 0, self.value)
            self._root = weakref.ref(node)
        return node

    def node_at(self, indexes: Sequence[int]) -> Node:
        """Return the node reached from the root by child indexes, such as a match's."""
        node = self.root
        for index in indexes:
            node = node.child(index)
        return node


class Node:
    """One value of a `Document`: its kind, key, text, path and children."""

    __slots__ = ("document", "parent", "key", "row", "value", "_keys", "_children",
                 "__weakref__")

    def __init__(self, document: Document, parent: Node | None, key: str | int | None,
                 row: int, value: Any) -> None:
        self.document = document
        self.parent = parent
        self.key = key
        self.row = row
        self.value = value
        self._keys: list[str] | None = None
        self._children: dict[int, weakref.ref[Node]] | None = None

    def __repr__(self) -> str:
        return f"<Node {self.path} {self.kind}>"

    @property
    def kind(self) -> str:
        """The JSON kind: object, array, string, number, boolean or null."""
        return _KINDS[type(self.value)]

    @property
    def is_container(self) -> bool:
        return type(self.value) in _CONTAINERS

    @property
    def child_count(self) -> int:
        if self.is_container:
            return len(self.value)
        return 0

    def child(self, index: int) -> Node:
        """Return the child at `index`, making its view when none is held."""
        children = self._children
        if children is None:
            children = self._children = {}
        reference = children.get(index)
        node = reference() if reference is not None else None
        if node is None:
            node = self._make_child(index)
            children[index] = weakref.ref(node)
        return node

    def _make_child(self, index: int) -> Node:
        if not 0 <= index < self.child_count:
            raise IndexError(f"{self.path} has no child {index}")
        if type(self.value) is DeferredArray:
            self.value = self.value.load()
        if type(self.value) is PiecedArray:
            return Node(self.document, self, index, index, self.value.item(index))
        if type(self.value) is list:
            return Node(self.document, self, index, index, self.value[index])
        if self._keys is None:
            self._keys = list(self.value)
        key = self._keys[index]
        return Node(self.document, self, key, index, self.value[key])

    def children(self) -> Iterator[Node]:
        for index in range(self.child_count):
            yield self.child(index)

    @property
    def duplicate_keys(self) -> tuple[str, ...]:
        """The keys that an object's text repeated (its value is the last one's),
        in order of first appearance; () for other nodes."""
        return duplicate_keys_of(self.value)

    @property
    def value_text(self) -> str:
        """The scalar's text: numbers exactly as sent, strings unquoted.

        Containers give a summary such as "3 keys" or "1 item".
        """
        if self.is_container:
            return self.summary
        return scalar_text(self.value)

    @property
    def summary(self) -> str:
        """A short description of a container's size, or the scalar's text."""
        count = self.child_count
        if isinstance(self.value, dict):
            return f"{count} key" if count == 1 else f"{count} keys"
        if type(self.value) in _ARRAYS:
            return f"{count} item" if count == 1 else f"{count} items"
        return scalar_text(self.value)

    @property
    def path(self) -> str:
        """The JSONPath of this node, such as `$.badges[3].name`."""
        return format_path(self.path_keys())

    def path_keys(self) -> list[str | int]:
        """Return the keys and indexes from the root down to this node."""
        keys: list[str | int] = []
        node: Node | None = self
        while node is not None and node.parent is not None:
            keys.append(node.key)  # type: ignore[arg-type]
            node = node.parent
        keys.reverse()
        return keys

    @property
    def indexes(self) -> tuple[int, ...]:
        """The child indexes that lead from the root to this node."""
        rows: list[int] = []
        node: Node | None = self
        while node is not None and node.parent is not None:
            rows.append(node.row)
            node = node.parent
        return tuple(reversed(rows))

    def to_json(self, indent: int | None = 2) -> str:
        """Serialize this value as JSON text, numbers as they were sent."""
        return dump_json(self.value, indent)
