"""Lazy item model over a `jsontree.Document`: rows exist only once a view asks.

The model keeps one small record per row that a view has asked for, made in
`index()`. No row has more than `json_ranges.GROUP` children: a larger
container shows its children in ranges (see json_ranges.py), so a 50 MB
document, or an array of millions of items, costs only the rows on screen.

The rows of a container exist before the view expands it, because a view
that fetches rows while it expands an item lays out the whole tree again
(QTreeView::rowsInserted under an expanded parent), which calls the model
for every row on show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from ka_explorer.ui import colors, json_ranges
from ka_explorer.ui.badges import BADGE_ROLE, retired_field_badge

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
# Roles as plain ints: the view calls data() and flags() hundreds of times
# per paint, and reading a Qt enum member or combining flags runs Python's
# enum machinery each time.
DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND_ROLE = int(Qt.ItemDataRole.ForegroundRole)
_ROLES = frozenset(
    (DISPLAY_ROLE, TOOLTIP_ROLE, FOREGROUND_ROLE, NODE_ROLE, PATH_ROLE, BADGE_ROLE)
)
_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags

KEY_COLUMN, VALUE_COLUMN, TYPE_COLUMN = 0, 1, 2
HEADERS = ("Key", "Value", "Type")
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
# Names in colors.COLORS of the value column's colours, by node kind.
VALUE_COLORS = {
    "string": "json_string",
    "number": "json_number",
    "boolean": "json_keyword",
    "null": "json_keyword",
}
SUMMARY_COLOR = "muted"  # objects and arrays

ModelIndex = QModelIndex | QPersistentModelIndex
INVALID_INDEX = QModelIndex()  # the root as a default argument

# Record 0 is the invisible root; a row's internal id is its record number.
# An invalid QModelIndex has internal id 0 too, so `index.internalId()`
# gives the root's record for it without an isValid() call.
_ROOT = 0


@dataclass(slots=True)
class _Record:
    node: object
    parent: int
    row: int
    # Record ids of the rows shown so far, 0 for a row whose record is not
    # made yet; None until a view first asks for the rows.
    children: list[int] | None = None
    value_text: str | None = None  # the value column's text, made on first paint


class JsonTreeModel(QAbstractItemModel):
    """Key, value and type columns over the nodes of one document."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._records: list[_Record] = [_Record(None, -1, 0)]
        self._retired: frozenset[str] = frozenset()
        self._retired_on: date | None = None
        self._document = None
        self.dark_colors = False
        self._value_colors: dict[str, object] = {}
        self._summary_color: object = None
        self.set_dark_colors(colors.is_dark())

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

    def set_dark_colors(self, dark: bool) -> None:
        """Colour values in the dark variant of colors.COLORS, or the light one.

        Views pick the new colours up at their next paint.
        """
        self.dark_colors = dark
        self._value_colors = {
            kind: colors.qcolor(name, dark) for kind, name in VALUE_COLORS.items()
        }
        self._summary_color = colors.qcolor(SUMMARY_COLOR, dark)

    def index(self, row: int, column: int, parent: ModelIndex = INVALID_INDEX):
        if parent.column() > 0 or row < 0 or not 0 <= column < len(HEADERS):
            return QModelIndex()
        parent_id = parent.internalId()
        rows = self._rows(parent_id)
        if row >= len(rows):
            return QModelIndex()
        child_id = rows[row] or self._make_record(parent_id, row)
        return self.createIndex(row, column, child_id)

    def parent(self, index: ModelIndex = INVALID_INDEX):  # type: ignore[override]
        parent_id = self._records[index.internalId()].parent
        if parent_id <= _ROOT:
            return QModelIndex()
        return self.createIndex(self._records[parent_id].row, 0, parent_id)

    def rowCount(self, parent: ModelIndex = INVALID_INDEX) -> int:
        if parent.column() > 0:
            return 0
        return len(self._rows(parent.internalId()))

    def columnCount(self, parent: ModelIndex = INVALID_INDEX) -> int:
        return len(HEADERS)

    def hasChildren(self, parent: ModelIndex = INVALID_INDEX) -> bool:
        if parent.column() > 0:
            return False
        return self._total_children(parent.internalId()) > 0

    def _rows(self, record_id: int) -> list[int]:
        record = self._records[record_id]
        rows = record.children
        if rows is None:
            rows = record.children = [0] * self._total_children(record_id)
        return rows

    def _make_record(self, parent_id: int, row: int) -> int:
        parent = self._records[parent_id]
        self._records.append(_Record(_child_node(parent, row), parent_id, row))
        child_id = len(self._records) - 1
        parent.children[row] = child_id  # type: ignore[index]
        return child_id

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return HEADERS[section]
        return None

    def flags(self, index: ModelIndex):
        return _ITEM_FLAGS if index.internalId() else _NO_FLAGS

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE):
        if role not in _ROLES:
            return None
        record_id = index.internalId()
        if not record_id:
            return None
        return self._role_value(self._records[record_id], index.column(), role)

    def multiData(self, index: ModelIndex, roleDataSpan) -> None:  # noqa: N802, N803
        """Fill every requested role in one call; the delegate asks seven per cell."""
        record_id = index.internalId()
        if not record_id:
            return
        record, column = self._records[record_id], index.column()
        for role_data in roleDataSpan:
            role = role_data.role()
            if role in _ROLES:
                # Set even to None, which clears the role. The delegate passes
                # the same span for every cell it paints (seen with PySide6
                # 6.10.3), so a role left alone keeps the previous cell's colour.
                role_data.setData(self._role_value(record, column, role))

    def _role_value(self, record: _Record, column: int, role: int):
        if role == NODE_ROLE:
            return record.node
        if role == PATH_ROLE:
            return record.node.path
        if column == VALUE_COLUMN:
            return self._value_data(record, role)
        if column == KEY_COLUMN:
            return self._key_data(record.node, role)
        if column == TYPE_COLUMN and role == DISPLAY_ROLE:
            return record.node.kind
        return None

    def node_at(self, index: ModelIndex):
        return self.data(index, NODE_ROLE) if index.isValid() else None

    def index_for_route(self, route: list[int]) -> QModelIndex:
        """Return the index of the node reached by child positions from the top.

        Each position goes through the ranges that show it, so a search
        match near the end of a large array is a few rows deep, not
        millions of rows down.
        """
        parent = QModelIndex()
        for child in route:
            while True:
                holder = self._records[parent.internalId()].node
                if isinstance(holder, _ScalarRoot):
                    row = child
                else:
                    row = json_ranges.row_toward(holder, child)
                if not 0 <= row < self.rowCount(parent):
                    return QModelIndex()
                parent = self.index(row, 0, parent)
                if not isinstance(self.node_at(parent), json_ranges.ChildRange):
                    break
        return parent

    def top_node_is_root(self) -> bool:
        """True when the single top row is the root itself (a scalar body)."""
        holder = self._records[_ROOT].node
        return isinstance(holder, _ScalarRoot)

    def _key_data(self, node, role: int):
        if role == DISPLAY_ROLE:
            if type(node) is json_ranges.ChildRange:
                return node.label
            return _key_text(node)
        if role == TOOLTIP_ROLE:
            return _shortened(node.path, TOOLTIP_CHARS)
        if role == BADGE_ROLE and self._retired_on and node.key in self._retired:
            return retired_field_badge(self._retired_on)
        return None

    def _value_data(self, record: _Record, role: int):
        if role == DISPLAY_ROLE:
            if record.value_text is None:
                record.value_text = display_value(record.node)
            return record.value_text
        node = record.node
        if role == FOREGROUND_ROLE:
            return self._value_colors.get(node.kind, self._summary_color)
        if role == TOOLTIP_ROLE:
            return _value_tooltip(node)
        return None

    def has_badges(self) -> bool:
        """True when keys of the shown document may carry a retired-field badge."""
        return bool(self._retired and self._retired_on)

    def _total_children(self, record_id: int) -> int:
        node = self._records[record_id].node
        if node is None:
            return 0
        if isinstance(node, _ScalarRoot):
            return 1
        if node.kind in CONTAINERS or type(node) is json_ranges.ChildRange:
            return json_ranges.row_count(node)
        return 0


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
    return json_ranges.child_at(record.node, row)


def _key_text(node) -> str:
    if node.key is None:
        return "(root)"
    if isinstance(node.key, int):
        return f"[{node.key}]"
    if node.key == "":
        return '""'  # an empty name would leave the cell blank
    return _shortened(node.key, DISPLAY_CHARS).replace("\n", "⏎ ")


def _value_tooltip(node) -> str | None:
    if node.kind == "string":
        return _shortened(node.value_text, TOOLTIP_CHARS)
    repeated = node.duplicate_keys if node.kind == "object" else ()
    if repeated:
        names = ", ".join(json.dumps(key, ensure_ascii=False) for key in repeated)
        return _shortened(
            f"The object repeats {_count(len(repeated), 'key')}: {names}. The tree "
            "shows the last value of each, as JavaScript's JSON.parse keeps it.",
            TOOLTIP_CHARS,
        )
    return None


def display_value(node) -> str:
    """Return the one-line text shown in the value column."""
    if node.kind == "object":
        size = _count(node.child_count, "key") + _duplicates_note(node)
        return "{" + size + "}" + _label(node)
    if node.kind == "array":
        return "[" + _count(node.child_count, "item") + "]"
    if node.kind == "range":
        return node.summary
    # Shortened first: the view requests the text again at every paint, and
    # a string or a number can be megabytes long.
    text = _shortened(node.value_text, DISPLAY_CHARS)
    return text.replace("\n", "⏎ ") if node.kind == "string" else text


def _duplicates_note(node) -> str:
    """Return ", 1 duplicate key: the last value shown" for an object whose
    text repeats keys, or ""."""
    repeated = len(node.duplicate_keys)
    if not repeated:
        return ""
    if repeated == 1:
        return ", 1 duplicate key: the last value shown"
    return f", {repeated} duplicate keys: the last values shown"


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
