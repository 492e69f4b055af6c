"""The parameter form: one row per path or query argument of the selected endpoint."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


class ParamForm(QWidget):
    """Edits the arguments of one endpoint; emits `values_changed` on each edit
    and `send_requested` on Enter in a field.
    """

    values_changed = Signal(dict)
    send_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editors: dict[str, QLineEdit] = {}
        self._endpoint = None
        self._grid_host = QWidget()
        self._grid = QGridLayout()
        host_layout = QVBoxLayout(self._grid_host)
        host_layout.setContentsMargins(0, 0, 0, 0)
        host_layout.addLayout(self._grid)
        host_layout.addStretch(1)  # rows stay at the top, whatever the height
        self._grid.setContentsMargins(8, 4, 8, 4)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(1, 1)
        self._empty = QLabel("Pick an endpoint on the left, or type a URL above.")
        self._empty.setObjectName("paramFormEmpty")
        self._empty.setStyleSheet("color: #6b7280; padding: 6px 8px;")
        # Wrapped, so a long path in the text never widens the right pane and
        # moves the splitter beside it.
        self._empty.setWordWrap(True)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._grid_host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._empty)
        layout.addWidget(scroll)
        self._scroll = scroll
        self._show_rows(False)

    @property
    def endpoint(self):
        return self._endpoint

    def height_for_rows(self, rows: int) -> int:
        """Return the height that shows `rows` parameter rows without scrolling."""
        row = QLineEdit().sizeHint().height() + self._grid.verticalSpacing()
        margins = self._grid.contentsMargins()
        return rows * row + margins.top() + margins.bottom()

    def editor(self, name: str) -> QLineEdit | None:
        return self._editors.get(name)

    def focus_editor(self, name: str) -> None:
        """Put the cursor in the field of argument `name`, if the form has one."""
        editor = self._editors.get(name)
        if editor is not None:
            editor.setFocus()
            editor.selectAll()

    def values(self) -> dict[str, str]:
        return {name: editor.text() for name, editor in self._editors.items()}

    def on_endpoint_changed(self, endpoint, values: dict[str, str]) -> None:
        """Rebuild the rows for `endpoint` and fill them with `values`."""
        self._endpoint = endpoint
        self._clear()
        if endpoint is None:
            self._show_rows(False)
            return
        arguments = list(endpoint.path_arguments()) + list(endpoint.query_arguments())
        for row, argument in enumerate(arguments):
            self._add_row(row, argument, values.get(argument.name, ""))
        self._show_rows(bool(arguments))
        if not arguments:
            self._empty.setText(f"{endpoint.url} takes no parameters.")

    def set_values(self, values: dict[str, str]) -> None:
        """Fill the rows from the URL bar without emitting `values_changed`."""
        for name, editor in self._editors.items():
            text = values.get(name, "")
            if editor.text() != text:
                editor.blockSignals(True)
                editor.setText(text)
                editor.blockSignals(False)

    def _add_row(self, row: int, argument, value: str) -> None:
        where = "path" if argument.part_of_url else "query"
        mark = " <span style='color:#c62828'>*</span>" if argument.required else ""
        label = QLabel(f"<b>{escape(argument.name)}</b>{mark}")
        label.setToolTip(_argument_tooltip(argument, where))
        editor = QLineEdit(value)
        editor.setObjectName(f"param-{argument.name}")
        editor.setPlaceholderText(
            argument.example or ("required" if argument.required else "")
        )
        editor.setToolTip(label.toolTip())
        editor.textEdited.connect(self._on_editor_text_edited)
        editor.returnPressed.connect(self.send_requested)
        kind = QLabel(where)
        kind.setStyleSheet("color: #6b7280;")
        self._grid.addWidget(label, row, 0)
        self._grid.addWidget(editor, row, 1)
        self._grid.addWidget(kind, row, 2)
        label.setBuddy(editor)
        self._editors[argument.name] = editor

    def _on_editor_text_edited(self, _text: str) -> None:
        self.values_changed.emit(self.values())

    def _clear(self) -> None:
        self._editors.clear()
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()

    def _show_rows(self, visible: bool) -> None:
        self._scroll.setVisible(visible)
        self._empty.setVisible(not visible)
        if not visible:
            self._empty.setText("Pick an endpoint on the left, or type a URL above.")


def _argument_tooltip(argument, where: str) -> str:
    need = "required" if argument.required else "optional"
    text = f"{argument.name} ({where}, {need})"
    if argument.description:
        text += f": {argument.description}"
    return text
