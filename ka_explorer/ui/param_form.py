"""The parameter form: the endpoint's arguments and free rows, each sent in the
path, the query or a form body.

A POST or PUT endpoint's non-path arguments start in the body, as
application/x-www-form-urlencoded fields. RFC 5849 section 3.4.1.3.1 puts
such fields in the signature base string. Other methods' arguments start in
the query, and each non-path row can switch between query and body.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ka_explorer.ui import colors

QUERY, BODY, PATH = "query", "body", "path"
BODY_METHODS = ("POST", "PUT")
EMPTY_TEXT = "Pick an endpoint on the left, or type a URL above."


@dataclass
class _Row:
    """One form row: a catalog argument (`argument` set) or a free row."""

    editor: QLineEdit
    where: QComboBox | QLabel
    argument: object | None = None
    name_editor: QLineEdit | None = None
    remove_button: QToolButton | None = None
    last_name: str = ""  # a free row's name before the latest edit
    from_url: bool = False  # a free row made for a key typed in the URL bar

    @property
    def name(self) -> str:
        if self.name_editor is not None:
            return self.name_editor.text().strip()
        return self.argument.name

    @property
    def location(self) -> str:
        if isinstance(self.where, QComboBox):
            return self.where.currentText()
        return PATH

    def widgets(self) -> list[QWidget]:
        found = [self.name_editor, self.editor, self.where, self.remove_button]
        return [widget for widget in found if widget is not None]


class ParamForm(QWidget):
    """Edits the arguments of one endpoint and free query or body rows.

    Emits `values_changed` with the path and query values on each edit that
    changes the URL, and `send_requested` on Enter in a field.
    """

    values_changed = Signal(dict)
    send_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._dropped: set[str] = set()  # names that left the query
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
        self._empty = QLabel(EMPTY_TEXT)
        self._empty.setObjectName("paramFormEmpty")
        colors.set_colored_style(self._empty, "color: {muted}; padding: 6px 8px;")
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
        layout.addLayout(self._build_add_buttons())
        self._scroll = scroll
        self._show_rows()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if colors.palette_switched(self, event):
            colors.refresh_colored_styles(self, colors.is_dark(self))

    @property
    def endpoint(self):
        return self._endpoint

    def height_for_rows(self, rows: int) -> int:
        """Return the height that shows `rows` parameter rows without scrolling."""
        row = QLineEdit().sizeHint().height() + self._grid.verticalSpacing()
        margins = self._grid.contentsMargins()
        buttons = self.add_query_button.sizeHint().height()
        return rows * row + margins.top() + margins.bottom() + buttons

    def editor(self, name: str) -> QLineEdit | None:
        row = self._row(name)
        return row.editor if row is not None else None

    def focus_editor(self, name: str) -> None:
        """Put the cursor in the field of argument `name`, if the form has one."""
        editor = self.editor(name)
        if editor is not None:
            editor.setFocus()
            editor.selectAll()

    def values(self) -> dict[str, str]:
        """Return the path and query values by name, for the URL."""
        return {
            row.name: row.editor.text()
            for row in self._rows
            if row.location != BODY and row.name
        }

    def body_pairs(self) -> tuple[tuple[str, str], ...]:
        """Return the form body's fields in row order, values as typed.

        An argument row without a value is left out, so optional arguments
        are not sent empty. A free row is sent when it has a name.
        """
        pairs = []
        for row in self._rows:
            if row.location != BODY or not row.name:
                continue
            if row.argument is not None and not row.editor.text():
                continue
            pairs.append((row.name, row.editor.text()))
        return tuple(pairs)

    def owned_names(self) -> set[str]:
        """Return the names the form puts in the URL query or keeps out of it."""
        names = {row.name for row in self._rows if row.name}
        return names | self._dropped

    def location(self, name: str) -> str | None:
        row = self._row(name)
        return row.location if row is not None else None

    def set_location(self, name: str, location: str) -> None:
        """Move the row called `name` to the query or the body."""
        row = self._row(name)
        if row is not None and isinstance(row.where, QComboBox):
            row.where.setCurrentText(location)

    def on_endpoint_changed(self, endpoint, values: dict[str, str]) -> None:
        """Rebuild the argument rows for `endpoint`, fill them with `values`,
        and keep the free rows added or edited in the form."""
        self._endpoint = endpoint
        # Rows made for keys typed in the URL bar are made again by
        # `set_values`, for the keys that the new endpoint has no row for.
        free = [(row.location, row.name, row.editor.text())
                for row in self._rows if row.argument is None and not row.from_url]
        self._clear()
        if endpoint is not None:
            default = BODY if endpoint.http_method in BODY_METHODS else QUERY
            arguments = list(endpoint.path_arguments()) + list(
                endpoint.query_arguments()
            )
            for argument in arguments:
                self._add_argument_row(argument, values.get(argument.name, ""), default)
        for location, name, value in free:
            self._add_free_row(location, name, value)
        self._show_rows()

    def set_values(self, values: dict[str, str]) -> None:
        """Fill the path and query rows from the URL bar without emitting
        `values_changed`; body rows keep their text.

        A key typed in the URL bar that no row has gets a free query row.
        That row is removed when its key leaves the URL bar, unless it was
        edited in the form since.
        """
        stale = [row for row in self._rows
                 if row.from_url and row.name not in values]
        for row in stale:
            self._remove_row(row, emit=False, drop=False)
        for row in self._rows:
            if row.location == BODY or (row.argument is None and not row.name):
                continue
            text = values.get(row.name, "")
            if row.editor.text() != text:
                row.editor.blockSignals(True)
                row.editor.setText(text)
                row.editor.blockSignals(False)
        names = {row.name for row in self._rows}
        typed = [(name, value) for name, value in values.items()
                 if name and name not in names]
        for name, value in typed:
            self._add_free_row(QUERY, name, value).from_url = True
        if stale or typed:
            self._show_rows()

    def set_body_pairs(self, pairs) -> None:
        """Put `pairs` in the body: argument rows by name, the rest as free rows."""
        for row in [row for row in self._rows if row.argument is None]:
            if row.location == BODY:
                self._remove_row(row, emit=False)
        for row in self._rows:
            if row.location == BODY:
                row.editor.setText("")
        for name, value in pairs:
            row = self._row(name)
            if row is not None and row.argument is not None:
                self.set_location(name, BODY)
                row.editor.setText(value)
            else:
                self._add_free_row(BODY, name, value)
        self._show_rows()

    def add_free_row(self, location: str, name: str = "", value: str = "") -> None:
        """Add a row whose name the user types, in the query or the body."""
        row = self._add_free_row(location, name, value)
        self._show_rows()
        assert row.name_editor is not None
        row.name_editor.setFocus()

    def remove_free_row(self, name: str) -> None:
        row = self._row(name)
        if row is not None and row.argument is None:
            self._remove_row(row, emit=True)

    def _row(self, name: str) -> _Row | None:
        return next((row for row in self._rows if row.name == name), None)

    def _build_add_buttons(self) -> QHBoxLayout:
        self.add_query_button = QToolButton()
        self.add_query_button.setText("+ Query parameter")
        self.add_query_button.setObjectName("addQueryRow")
        self.add_query_button.setToolTip("Add a query parameter of your own")
        self.add_query_button.clicked.connect(lambda: self.add_free_row(QUERY))
        self.add_body_button = QToolButton()
        self.add_body_button.setText("+ Body field")
        self.add_body_button.setObjectName("addBodyRow")
        self.add_body_button.setToolTip(
            "Add a field of the form body (application/x-www-form-urlencoded, "
            "signed with the request)"
        )
        self.add_body_button.clicked.connect(lambda: self.add_free_row(BODY))
        row = QHBoxLayout()
        row.setContentsMargins(8, 0, 8, 2)
        row.addWidget(self.add_query_button)
        row.addWidget(self.add_body_button)
        row.addStretch(1)
        return row

    def _add_argument_row(self, argument, value: str, default: str) -> None:
        mark = " <span style='color:{required}'>*</span>" if argument.required else ""
        label = QLabel()
        name = colors.literal(escape(argument.name))
        colors.set_colored_text(label, f"<b>{name}</b>{mark}")
        where_name = PATH if argument.part_of_url else default
        label.setToolTip(_argument_tooltip(argument, where_name))
        editor = self._value_editor(value, f"param-{argument.name}")
        editor.setPlaceholderText(
            argument.example or ("required" if argument.required else "")
        )
        editor.setToolTip(label.toolTip())
        if argument.part_of_url:
            where: QComboBox | QLabel = QLabel(PATH)
            colors.set_colored_style(where, "color: {muted};")
        else:
            where = self._location_box(default, f"where-{argument.name}")
        label.setBuddy(editor)
        self._place(_Row(editor, where, argument), label)

    def _add_free_row(self, location: str, name: str, value: str) -> _Row:
        name_editor = QLineEdit(name)
        name_editor.setObjectName("freeName")
        name_editor.setPlaceholderText("name")
        name_editor.textEdited.connect(self._on_name_edited)
        editor = self._value_editor(value, "freeValue")
        editor.setPlaceholderText("value, as typed (encoded when sent)")
        remove = QToolButton()
        remove.setText("×")
        remove.setToolTip("Remove this row")
        row = _Row(editor, self._location_box(location, "freeWhere"), None,
                   name_editor, remove, name)
        remove.clicked.connect(lambda: self._remove_row(row, emit=True))
        self._place(row, name_editor)
        return row

    def _value_editor(self, value: str, name: str) -> QLineEdit:
        editor = QLineEdit(value)
        editor.setObjectName(name)
        editor.textEdited.connect(self._on_editor_text_edited)
        editor.returnPressed.connect(self.send_requested)
        return editor

    def _location_box(self, location: str, name: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.addItems([QUERY, BODY])
        box.setCurrentText(location)
        box.setToolTip("Send this value in the URL query or in the form body")
        box.currentTextChanged.connect(self._on_location_changed)
        return box

    def _place(self, row: _Row, first: QWidget) -> None:
        index = len(self._rows)
        self._rows.append(row)
        self._grid.addWidget(first, index, 0)
        self._grid.addWidget(row.editor, index, 1)
        self._grid.addWidget(row.where, index, 2)
        if row.remove_button is not None:
            self._grid.addWidget(row.remove_button, index, 3)

    def _remove_row(self, row: _Row, emit: bool, drop: bool = True) -> None:
        """Remove `row`; with `drop`, its name also leaves the URL query."""
        if row.name and drop:
            self._dropped.add(row.name)
        self._rows.remove(row)
        for widget in row.widgets():
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self._show_rows()
        if emit:
            self.values_changed.emit(self.values())

    def _on_location_changed(self, location: str) -> None:
        for row in self._rows:
            if row.location == BODY and row.name:
                self._dropped.add(row.name)
            elif row.name:
                self._dropped.discard(row.name)
        self.values_changed.emit(self.values())

    def _on_name_edited(self, _text: str) -> None:
        for row in self._rows:
            if row.argument is None and row.name != row.last_name:
                if row.last_name:
                    self._dropped.add(row.last_name)
                row.last_name = row.name
                row.from_url = False
        self.values_changed.emit(self.values())

    def _on_editor_text_edited(self, _text: str) -> None:
        for row in self._rows:
            if row.editor is self.sender():
                row.from_url = False
        self.values_changed.emit(self.values())

    def _clear(self) -> None:
        self._rows.clear()
        self._dropped.clear()
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()

    def _show_rows(self) -> None:
        visible = bool(self._rows)
        self._scroll.setVisible(visible)
        self._empty.setVisible(not visible)
        endpoint = self._endpoint
        if endpoint is not None and not endpoint.arguments:
            self._empty.setText(f"{endpoint.url} takes no parameters.")
        else:
            self._empty.setText(EMPTY_TEXT)


def _argument_tooltip(argument, where: str) -> str:
    need = "required" if argument.required else "optional"
    text = f"{argument.name} ({where}, {need})"
    if argument.description:
        text += f": {argument.description}"
    return text
