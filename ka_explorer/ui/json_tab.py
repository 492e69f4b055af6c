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
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ka_explorer.ui.badges import BadgeDelegate
from ka_explorer.ui.json_model import KEY_COLUMN, VALUE_COLUMN, JsonTreeModel

EXPAND_LIMIT = 5_000


class JsonTab(QWidget):
    """Tree view over a JsonTreeModel, with a search bar above it.

    Emits `search_requested(text)`. The request flow runs the search in a
    worker and calls `on_search_finished` with the hits.
    """

    search_requested = Signal(str)
    rows_painted = Signal()
    context_menu_requested = Signal(object)

    def __init__(self, model: JsonTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QTreeView()
        self.view.setObjectName("jsonTree")
        self.view.setModel(model)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setItemDelegateForColumn(KEY_COLUMN, BadgeDelegate(self.view))
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
        self.hits_label.setStyleSheet("color: #6b7280;")

        self.notice = QLabel("")
        self.notice.setObjectName("jsonNotice")
        self.notice.setWordWrap(True)
        # Its width comes from the tab: an excerpt of the body in the notice
        # can be one long word, which must not widen the pane.
        policy = self.notice.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.notice.setSizePolicy(policy)
        self.notice.setStyleSheet(
            "background: #fff7e6; color: #7a4b00; padding: 8px; border-radius: 4px;"
        )
        self.notice.hide()

        self._hits: tuple[tuple[int, ...], ...] = ()
        self._hit = -1
        self._searched = ""
        self._awaiting_paint = False
        self.view.viewport().installEventFilter(self)
        self._build_layout()
        self._connect_children()

    def on_document_shown(self, notice: str = "") -> None:
        """Reset search state for a new document and show `notice` if any."""
        self._hits, self._hit, self._searched = (), -1, ""
        self.hits_label.setText("")
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
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
        """Emit `rows_painted` after the first paint of a new document's rows."""
        if (
            self._awaiting_paint
            and watched is self.view.viewport()
            and event.type() == QEvent.Type.Paint
        ):
            self._awaiting_paint = False
            QTimer.singleShot(0, self.rows_painted.emit)
        return False

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
        return shown

    def collapse_all(self) -> None:
        self.view.collapseAll()
        self.notice.hide()

    def on_search_finished(self, result) -> None:
        self._hits = result.routes
        self._searched = result.text
        self._hit = -1
        if not result.routes:
            self.hits_label.setText(f"No match for “{result.text}”")
            return
        suffix = " (first 10000)" if result.truncated else ""
        self.hits_label.setText(f"{len(result.routes)} matches{suffix}")
        self.go_to_hit(+1)

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
        self.hits_label.setText(f"{self._hit + 1} of {len(self._hits)}")

    def _request_search(self) -> None:
        text = self.search_box.text().strip()
        if text and self.model.document is not None:
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
