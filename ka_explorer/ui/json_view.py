"""The JSON tree's view: a QTreeView that calls its Python model less per paint.

Every call from the view into the Python model takes the GIL and wraps its
arguments, so the cost of a paint grows with the number of such calls.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTreeView

# Styles whose branch indicator is only the expand arrow of the row itself,
# without lines that join siblings across levels.
ARROW_ONLY_STYLES = frozenset({"fusion"})

_STATE = QStyle.StateFlag
_PLAIN_STATE = _STATE.State_Item
_STATES = {
    (children, expanded, selected): (
        _PLAIN_STATE
        | (_STATE.State_Children if children else _STATE.State_None)
        | (_STATE.State_Open if expanded else _STATE.State_None)
        | (_STATE.State_Selected if selected else _STATE.State_None)
    )
    for children in (False, True)
    for expanded in (False, True)
    for selected in (False, True)
}


class JsonTreeView(QTreeView):
    """Draws only each row's own branch indicator in arrow-only styles.

    QTreeView's drawBranches requests the parent and the row count
    of every ancestor of each painted row, to draw the lines that join
    siblings: two Python calls per level per row, several milliseconds a
    paint deep in the topic tree. Fusion draws no such lines, so in it this
    view draws the row's arrow alone. Other styles keep QTreeView's drawing.
    """

    def drawBranches(self, painter, rect: QRect, index) -> None:  # noqa: N802
        style = self.style()
        if style.name() not in ARROW_ONLY_STYLES:
            super().drawBranches(painter, rect, index)
            return
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        indent = self.indentation()
        left = rect.right() + 1 - indent
        option.rect = QRect(left, rect.top(), indent, rect.height())
        state = _STATES[
            (
                self.model().hasChildren(index),
                self.isExpanded(index),
                self.selectionModel().isSelected(index),
            )
        ]
        if self.isEnabled():
            state |= _STATE.State_Enabled
        if self.hasFocus():
            state |= _STATE.State_Active
        option.state = state
        branch = QStyle.PrimitiveElement.PE_IndicatorBranch
        style.drawPrimitive(branch, option, painter, self)
