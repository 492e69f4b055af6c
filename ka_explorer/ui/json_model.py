"""Lazy item model over a `jsontree.Document`: rows exist only once a node expands.

The model keeps one small record per fetched row. Children of a node are
created when the view asks for them through canFetchMore/fetchMore, in
batches, so a 50 MB document costs only the rows on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ka_explorer.ui.badges import BADGE_ROLE, retired_field_badge

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2

KEY_COLUMN, VALUE_COLUMN, TYPE_COLUMN = 0, 1, 2
HEADERS = ("Key", "Value", "Type")
FETCH_BATCH = 500
DISPLAY_CHARS = 300
TOOLTIP_CHARS = 4000

CONTAINERS = ("object", "array")
# Keys whose value names an object, shown next to its size when collapsed.
LABEL_KEYS = (
    "title",
    "name",
    "display_name",
    "username",
    "nickname",
    "slug",
    "readable_id",
    "youtube_id",
    "id",
    "kind",
)
VALUE_COLORS = {
    "string": "#0f766e",
    "number": "#1d4ed8",
    "boolean": "#7c3aed",
    "null": "#7c3aed",
}
SUMMARY_COLOR = "#6b7280"

ModelIndex = QModelIndex | QPersistentModelIndex
INVALID_INDEX = QModelIndex()  # the root as a default argument

# Record 0 is the invisible root; a row's internal id is its record number.
_ROOT = 0


@dataclass
class _Record:
    node: object
    parent: int
    row: int
    children: list[int] = field(default_factory=list)


class JsonTreeModel(QAbstractItemModel):
    """Key, value and type columns over the nodes of one document."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._records: list[_Record] = [_Record(None, -1, 0)]
        self._retired: frozenset[str] = frozenset()
        self._retired_on: date | None = None
        self._document = None
        self._inserting = False

    @property
    def document(self):
        return self._document

    def set_document(self, document, retired_fields=(), retired_on=None) -> None:
        """Show `document`; keys in `retired_fields` get a retired-field badge."""
        self.beginResetModel()
        self._document = document
        self._retired = frozenset(_with_camel_case(retired_fields))
        self._retired_on = retired_on
        self._records = [_Record(_top_holder(document), -1, 0)]
        self.endResetModel()

    def clear(self) -> None:
        self.set_document(None)

    def index(self, row: int, column: int, parent: ModelIndex = INVALID_INDEX):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        record = self._records[self._record_id(parent)]
        return self.createIndex(row, column, record.children[row])

    def parent(self, index: ModelIndex = INVALID_INDEX):  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent_id = self._records[index.internalId()].parent
        if parent_id == _ROOT:
            return QModelIndex()
        return self.createIndex(self._records[parent_id].row, 0, parent_id)

    def rowCount(self, parent: ModelIndex = INVALID_INDEX) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._records[self._record_id(parent)].children)

    def columnCount(self, parent: ModelIndex = INVALID_INDEX) -> int:
        return len(HEADERS)

    def hasChildren(self, parent: ModelIndex = INVALID_INDEX) -> bool:
        if parent.isValid() and parent.column() != 0:
            return False
        return self._total_children(self._record_id(parent)) > 0

    def canFetchMore(self, parent: ModelIndex) -> bool:
        if self._inserting or (parent.isValid() and parent.column() != 0):
            return False
        record_id = self._record_id(parent)
        fetched = len(self._records[record_id].children)
        return fetched < self._total_children(record_id)

    def fetchMore(self, parent: ModelIndex) -> None:
        if not self.canFetchMore(parent):
            return
        record_id = self._record_id(parent)
        record = self._records[record_id]
        first = len(record.children)
        last = min(first + FETCH_BATCH, self._total_children(record_id)) - 1
        # Views may ask to fetch again from inside the insert signals.
        self._inserting = True
        try:
            self.beginInsertRows(parent, first, last)
            for row in range(first, last + 1):
                child = _child_node(record, row)
                self._records.append(_Record(child, record_id, row))
                record.children.append(len(self._records) - 1)
            self.endInsertRows()
        finally:
            self._inserting = False

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return HEADERS[section]
        return None

    def flags(self, index: ModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self._records[index.internalId()].node
        if role == NODE_ROLE:
            return node
        if role == PATH_ROLE:
            return node.path
        column = index.column()
        if column == KEY_COLUMN:
            return self._key_data(node, role)
        if column == VALUE_COLUMN:
            return _value_data(node, role)
        if column == TYPE_COLUMN and role == Qt.ItemDataRole.DisplayRole:
            return node.kind
        return None

    def node_at(self, index: ModelIndex):
        return self.data(index, NODE_ROLE) if index.isValid() else None

    def index_for_route(self, route: list[int]) -> QModelIndex:
        """Return the index of the node reached by child positions from the top.

        Rows on the way are fetched as needed, so a search hit deep in a
        large document becomes visible without fetching its whole level.
        """
        parent = QModelIndex()
        for row in route:
            while self.rowCount(parent) <= row and self.canFetchMore(parent):
                self.fetchMore(parent)
            if row >= self.rowCount(parent):
                return QModelIndex()
            parent = self.index(row, 0, parent)
        return parent

    def top_node_is_root(self) -> bool:
        """True when the single top row is the root itself (a scalar body)."""
        holder = self._records[_ROOT].node
        return isinstance(holder, _ScalarRoot)

    def _key_data(self, node, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return _key_text(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _shortened(node.path, TOOLTIP_CHARS)
        if role == BADGE_ROLE and self._retired_on and node.key in self._retired:
            return retired_field_badge(self._retired_on)
        return None

    def _record_id(self, index: ModelIndex) -> int:
        return index.internalId() if index.isValid() else _ROOT

    def _total_children(self, record_id: int) -> int:
        node = self._records[record_id].node
        if node is None:
            return 0
        if isinstance(node, _ScalarRoot):
            return 1
        return node.child_count if node.kind in CONTAINERS else 0


class _ScalarRoot:
    """Holder that shows a scalar document as its one top-level row."""

    kind = "holder"

    def __init__(self, root) -> None:
        self.root = root


def _top_holder(document):
    if document is None:
        return None
    root = document.root
    return root if root.kind in CONTAINERS else _ScalarRoot(root)


def _child_node(record: _Record, row: int):
    if isinstance(record.node, _ScalarRoot):
        return record.node.root
    return record.node.child(row)


def _key_text(node) -> str:
    if node.key is None:
        return "(root)"
    if isinstance(node.key, int):
        return f"[{node.key}]"
    return _shortened(node.key, DISPLAY_CHARS).replace("\n", "⏎ ")


def _value_data(node, role: int):
    if role == Qt.ItemDataRole.DisplayRole:
        return display_value(node)
    if role == Qt.ItemDataRole.ForegroundRole:
        return QColor(VALUE_COLORS.get(node.kind, SUMMARY_COLOR))
    if role == Qt.ItemDataRole.ToolTipRole and node.kind == "string":
        return _shortened(node.value_text, TOOLTIP_CHARS)
    return None


def display_value(node) -> str:
    """Return the one-line text shown in the value column."""
    if node.kind == "object":
        return "{" + _count(node.child_count, "key") + "}" + _label(node)
    if node.kind == "array":
        return "[" + _count(node.child_count, "item") + "]"
    # Shortened first: the view requests the text again at every paint, and
    # a string or a number can be megabytes long.
    text = _shortened(node.value_text, DISPLAY_CHARS)
    return text.replace("\n", "⏎ ") if node.kind == "string" else text


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _label(node) -> str:
    """Return " · name: …" from the first naming key of an object, or ""."""
    value = getattr(node, "value", None)
    if not isinstance(value, dict):
        return ""
    for key in LABEL_KEYS:
        label = value.get(key)
        if isinstance(label, str) and label:
            return f"  ·  {key}: {label[:80]}"
    return ""


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _with_camel_case(names) -> set[str]:
    result = set()
    for name in names:
        result.add(name)
        head, *rest = name.split("_")
        result.add(head + "".join(part.title() for part in rest))
    return result
