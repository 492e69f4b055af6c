"""The JSON tab: a lazy tree with search, expand-all and collapse-all."""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ka_explorer.ui import colors
from ka_explorer.ui.badges import BadgeDelegate
from ka_explorer.ui.json_model import KEY_COLUMN, VALUE_COLUMN, JsonTreeModel
from ka_explorer.ui.json_view import JsonTreeView

EXPAND_LIMIT = 5_000


class JsonTab(QWidget):
    """Tree view over a JsonTreeModel, with a search bar above it.

    Emits `search_requested(text)`. The request flow runs the search in a
    worker, calls `on_search_batch` with each batch of matches and
    `on_search_finished` at the end. `first_match_shown` fires after the
    paint that shows the first match of a search. `all_expanded` fires at the
    end of `expand_all`.
    """

    search_requested = Signal(str)
    rows_painted = Signal()
    all_expanded = Signal()
    first_match_shown = Signal()
    context_menu_requested = Signal(object)

    def __init__(self, model: JsonTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = JsonTreeView()
        self.view.setObjectName("jsonTree")
        self.view.setModel(model)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Installed only while the document may show a badge: the Python
        # delegate's paint() runs for every key cell on screen.
        self._badge_delegate = BadgeDelegate(self.view)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(VALUE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(KEY_COLUMN, 300)
        header.resizeSection(2, 70)

        self.search_box = QLineEdit()
        self.search_box.setObjectName("jsonSearch")
        self.search_box.setPlaceholderText("Search keys and values (Enter: next)")
        self.search_box.setClearButtonEnabled(True)
        self.previous_button = _tool_button("◀", "Previous match")
        self.next_button = _tool_button("▶", "Next match (Enter)")
        self.expand_button = _tool_button("Expand all", "Expand nodes, at most 5000")
        self.collapse_button = _tool_button("Collapse all", "Collapse every node")
        self.hits_label = QLabel("")
        colors.set_colored_style(self.hits_label, "color: {muted};")

        self.notice = QLabel("")
        self.notice.setObjectName("jsonNotice")
        self.notice.setWordWrap(True)
        # Its width comes from the tab: an excerpt of the body in the notice
        # can be one long word, which must not widen the pane.
        policy = self.notice.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.notice.setSizePolicy(policy)
        colors.set_colored_style(
            self.notice,
            "background: {warning_background}; color: {warning_text}; "
            "padding: 8px; border-radius: 4px;",
        )
        self.notice.hide()

        self._hits: list[tuple[int, ...]] = []
        self._hit = -1
        self._searched = ""
        self._searching = False
        self._truncated = False  # the search stopped at MAX_HITS matches
        self._awaiting_paint = False
        self._awaiting_match_paint = False
        self.view.viewport().installEventFilter(self)
        self._build_layout()
        self._connect_children()

    def on_document_shown(self, notice: str = "") -> None:
        """Reset search state for a new document and show `notice` if any."""
        self._hits, self._hit, self._searched = [], -1, ""
        self._searching = False
        self.hits_label.setText("")
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        badges = self._badge_delegate if self.model.has_badges() else None
        if self.view.itemDelegateForColumn(KEY_COLUMN) is not badges:
            self.view.setItemDelegateForColumn(KEY_COLUMN, badges)
        if self.model.top_node_is_root():
            self.view.expandToDepth(0)
        else:
            self._expand_first_row()
        if self.view.isVisible() and self.model.rowCount() > 0:
            self._awaiting_paint = True
            self.view.viewport().update()
        else:
            QTimer.singleShot(0, self.rows_painted.emit)

    def _expand_first_row(self) -> None:
        """Open the first top-level node, so the shape of the items shows at once."""
        if self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        first = self.model.index(0, 0)
        if first.isValid() and self.model.hasChildren(first):
            self.view.expand(first)

    def eventFilter(self, watched, event) -> bool:
        """Emit `rows_painted` after the first paint of a new document's rows,
        and `first_match_shown` after the paint that shows a first match."""
        if (
            (self._awaiting_paint or self._awaiting_match_paint)
            and watched is self.view.viewport()
            and event.type() == QEvent.Type.Paint
        ):
            if self._awaiting_paint:
                self._awaiting_paint = False
                QTimer.singleShot(0, self.rows_painted.emit)
            if self._awaiting_match_paint:
                self._awaiting_match_paint = False
                QTimer.singleShot(0, self.first_match_shown.emit)
        return False

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if colors.palette_switched(self, event):
            dark = colors.is_dark(self)
            colors.refresh_colored_styles(self, dark)
            self.model.set_dark_colors(dark)

    def current_index(self) -> QModelIndex:
        return self.view.currentIndex()

    def expand_all(self) -> int:
        """Expand nodes breadth first up to EXPAND_LIMIT rows; return rows shown."""
        shown = 0
        queue = deque([QModelIndex()])
        while queue and shown < EXPAND_LIMIT:
            parent = queue.popleft()
            # Counts the rows fetched so far: one wide object alone can hold
            # hundreds of thousands of members.
            while (
                self.model.canFetchMore(parent)
                and shown + self.model.rowCount(parent) < EXPAND_LIMIT
            ):
                self.model.fetchMore(parent)
            if parent.isValid():
                self.view.expand(parent)
            rows = self.model.rowCount(parent)
            shown += rows
            queue.extend(
                self.model.index(row, 0, parent)
                for row in range(rows)
                if self.model.hasChildren(self.model.index(row, 0, parent))
            )
        limited = shown >= EXPAND_LIMIT and (
            bool(queue) or self.model.canFetchMore(parent)
        )
        self._show_expand_notice(limited, shown)
        self.all_expanded.emit()
        return shown

    def collapse_all(self) -> None:
        self.view.collapseAll()
        self.notice.hide()

    def on_search_batch(self, batch) -> None:
        """Add matches found so far; the first one becomes the current row."""
        if batch.text != self._searched or not self._searching:
            return
        first = not self._hits
        self._hits.extend(batch.routes)
        if not first:
            self._show_position()
            return
        self._hit = -1
        self.go_to_hit(+1)
        if self.view.isVisible():
            self._awaiting_match_paint = True
        else:
            QTimer.singleShot(0, self.first_match_shown.emit)

    def on_search_finished(self, result) -> None:
        """Show the number of matches, or that there is none."""
        if result.text != self._searched:
            return
        self._searching = False
        self._truncated = result.truncated
        if not self._hits:
            self.hits_label.setText(f"No match for “{result.text}”")
            return
        self._show_position()

    def go_to_hit(self, step: int) -> None:
        if self.search_box.text() != self._searched or not self._searched:
            self._request_search()
            return
        if not self._hits:
            return
        self._hit = (self._hit + step) % len(self._hits)
        index = self.model.index_for_route(list(self._hits[self._hit]))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show_position()

    def _show_position(self) -> None:
        position, count = self._hit + 1, len(self._hits)
        if self._searching:
            # No " of " while counting: the total is not known yet.
            self.hits_label.setText(f"{position} / {count}, searching…")
        elif self._truncated:
            self.hits_label.setText(f"{position} of {count} (first {count})")
        else:
            self.hits_label.setText(f"{position} of {count}")

    def _request_search(self) -> None:
        text = self.search_box.text().strip()
        if text and self.model.document is not None:
            self._hits, self._hit, self._searched = [], -1, text
            self._searching, self._truncated = True, False
            self.hits_label.setText("Searching…")
            self.search_requested.emit(text)

    def _show_expand_notice(self, limited: bool, shown: int) -> None:
        if not limited:
            self.notice.hide()
            return
        self.notice.setText(
            f"Expanded the first {shown} rows only; the document is larger. "
            "Expand nodes one by one, or search for a key or value."
        )
        self.notice.show()

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search_box, 1)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.hits_label)
        bar.addSpacing(12)
        bar.addWidget(self.expand_button)
        bar.addWidget(self.collapse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)

    def _connect_children(self) -> None:
        self.search_box.returnPressed.connect(lambda: self.go_to_hit(+1))
        self.next_button.clicked.connect(lambda: self.go_to_hit(+1))
        self.previous_button.clicked.connect(lambda: self.go_to_hit(-1))
        self.expand_button.clicked.connect(self.expand_all)
        self.collapse_button.clicked.connect(self.collapse_all)
        self.view.customContextMenuRequested.connect(
            lambda pos: self.context_menu_requested.emit(
                self.view.viewport().mapToGlobal(pos)
            )
        )


def _tool_button(text: str, tooltip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tooltip)
    return button
