"""The lazy JSON tree model over jsontree.Document."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTreeView

from ka_explorer.jsontree import Document
from ka_explorer.ui.badges import BADGE_ROLE
from ka_explorer.ui.json_model import (
    KEY_COLUMN,
    NODE_ROLE,
    PATH_ROLE,
    TYPE_COLUMN,
    VALUE_COLUMN,
    JsonTreeModel,
)
from ka_explorer.ui.json_ranges import GROUP

NESTED = b"""{"badges": [{"name": "a", "points": 12345678901234567890},
 {"name": "\\u00e9l\\u00e8ve \\u5b66", "ratio": 1.10, "ok": true, "none": null}],
 "empty": {}, "list": [], "time_taken": 5}"""


def _model(body: bytes, **options) -> JsonTreeModel:
    model = JsonTreeModel()
    model.set_document(Document.parse(body), **options)
    return model


def _fetched_child(model: JsonTreeModel, row: int, parent=None):
    parent = parent if parent is not None else QModelIndex()
    return model.index(row, KEY_COLUMN, parent)


def test_json_model_passes_modeltester(qtmodeltester):
    model = _model(NESTED)
    qtmodeltester.check(model, force_py=True)


def test_json_model_passes_modeltester_with_ranges(qtmodeltester):
    body = json.dumps([{"i": i, "children": list(range(3))} for i in range(2500)])
    model = _model(body.encode())
    qtmodeltester.check(model, force_py=True)


def test_large_array_shown_in_ranges():
    model = _model(json.dumps(list(range(2500))).encode())
    labels = [model.index(row, KEY_COLUMN).data() for row in range(model.rowCount())]
    last_range = model.index(2, KEY_COLUMN)
    item = model.index(499, KEY_COLUMN, last_range)

    assert labels == ["[0 … 999]", "[1000 … 1999]", "[2000 … 2499]"]
    assert last_range.siblingAtColumn(VALUE_COLUMN).data() == "500 items"
    assert last_range.data(PATH_ROLE) == "$[2000:2500]"
    assert model.rowCount(last_range) == 500
    assert item.data() == "[2499]"
    assert item.data(PATH_ROLE) == "$[2499]"
    assert item.siblingAtColumn(VALUE_COLUMN).data() == "2499"


def test_range_of_ranges_for_a_million_items():
    model = _model(json.dumps(list(range(1_000_500))).encode())
    first = model.index(0, KEY_COLUMN)
    inner = model.index(999, KEY_COLUMN, first)

    assert model.rowCount() == 2
    assert first.data() == "[0 … 999999]"
    assert model.rowCount(first) == 1000
    assert inner.data() == "[999000 … 999999]"
    assert model.index(999, KEY_COLUMN, inner).data() == "[999999]"


def test_route_to_last_item_makes_few_rows():
    model = _model(json.dumps(list(range(1_000_500))).encode())

    index = model.index_for_route([1_000_499])

    assert index.data() == "[1000499]"
    assert index.siblingAtColumn(VALUE_COLUMN).data() == "1000499"
    assert len(model._records) < 10


def test_range_copies_as_its_slice():
    model = _model(json.dumps({"items": list(range(1500))}).encode())
    items = model.index(0, KEY_COLUMN)
    second = model.index(1, KEY_COLUMN, items).data(NODE_ROLE)

    assert json.loads(second.to_json()) == list(range(1000, 1500))
    assert second.path == "$.items[1000:1500]"


def test_wide_object_shown_in_key_ranges():
    model = _model(json.dumps({f"k{i}": i for i in range(1200)}).encode())
    second = model.index(1, KEY_COLUMN)

    assert second.data() == "keys 1000 … 1199"
    assert model.index(0, KEY_COLUMN, second).data() == "k1000"
    assert json.loads(second.data(NODE_ROLE).to_json())["k1199"] == 1199


def test_big_integer_shown_exactly():
    model = _model(NESTED)
    badges = _fetched_child(model, 0)
    first = _fetched_child(model, 0, badges)
    points = _fetched_child(model, 1, first)
    assert points.siblingAtColumn(VALUE_COLUMN).data() == "12345678901234567890"
    assert points.siblingAtColumn(TYPE_COLUMN).data() == "number"


def test_decimal_keeps_trailing_zero():
    model = _model(NESTED)
    second = _fetched_child(model, 1, _fetched_child(model, 0))
    ratio = _fetched_child(model, 1, second)
    assert ratio.data() == "ratio"
    assert ratio.siblingAtColumn(VALUE_COLUMN).data() == "1.10"


def test_unicode_escapes_shown_as_text():
    model = _model(NESTED)
    second = _fetched_child(model, 1, _fetched_child(model, 0))
    name = _fetched_child(model, 0, second)
    assert name.siblingAtColumn(VALUE_COLUMN).data() == "élève 学"


def test_container_summary_and_array_keys():
    model = _model(NESTED)
    badges = _fetched_child(model, 0)
    assert badges.siblingAtColumn(VALUE_COLUMN).data() == "[2 items]"
    assert _fetched_child(model, 0, badges).data() == "[0]"
    assert model.index(1, VALUE_COLUMN).data() == "{0 keys}"


def test_empty_key_shown_quoted():
    model = _model(b'{"": 1, "a": 2}')
    empty = _fetched_child(model, 0)
    assert empty.data() == '""'
    assert empty.data(PATH_ROLE) == "$['']"


def test_path_role_gives_jsonpath():
    model = _model(NESTED)
    first = _fetched_child(model, 0, _fetched_child(model, 0))
    name = _fetched_child(model, 0, first)
    assert name.data(PATH_ROLE) == "$.badges[0].name"


def test_scalar_body_is_one_row():
    model = _model(b"null")
    assert model.top_node_is_root()
    root = _fetched_child(model, 0)
    assert root.data() == "(root)"
    assert root.siblingAtColumn(VALUE_COLUMN).data() == "null"


def test_retired_field_gets_badge():
    model = _model(
        NESTED, retired_fields=("time_taken",), retired_on=date(2019, 11, 30)
    )
    retired = model.index(3, KEY_COLUMN)
    assert retired.data() == "time_taken"
    assert retired.data(BADGE_ROLE).text == "retired 2019-11-30"
    assert model.index(0, KEY_COLUMN).data(BADGE_ROLE) is None


def test_retired_field_matches_camel_case():
    body = b'{"timeTaken": 1}'
    model = _model(body, retired_fields=("time_taken",), retired_on=date(2019, 11, 30))
    assert model.index(0, KEY_COLUMN).data(BADGE_ROLE) is not None


def test_index_for_route_fetches_deep_rows():
    body = json.dumps({"items": list(range(3000))}).encode()
    model = _model(body)
    index = model.index_for_route([0, 2500])
    assert index.isValid()
    assert index.siblingAtColumn(VALUE_COLUMN).data() == "2500"


def test_value_tooltip_holds_long_string():
    text = "x" * 1000
    model = _model(json.dumps({"long": text}).encode())
    value = model.index(0, VALUE_COLUMN)
    assert value.data().endswith("…")
    assert value.data(Qt.ItemDataRole.ToolTipRole) == text


def test_repeated_keys_noted_in_value():
    model = _model(
        b'{"obj": {"a": 1, "b": 2, "a": 3}, "two": {"x": 1, "y": 1, "x": 2, "y": 2}}'
    )
    obj = model.index(0, VALUE_COLUMN)
    two = model.index(1, VALUE_COLUMN)

    assert obj.data() == "{2 keys, 1 duplicate key: the last value shown}"
    assert two.data() == "{2 keys, 2 duplicate keys: the last values shown}"
    assert '"a"' in obj.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, VALUE_COLUMN, model.index(0, 0)).data() == "3"


def test_rows_exist_before_expand():
    model = _model(json.dumps({"items": list(range(GROUP))}).encode())
    items = model.index(0, KEY_COLUMN)

    assert model.rowCount() == 1
    assert not model.canFetchMore(QModelIndex())
    assert model.rowCount(items) == GROUP
    assert not model.canFetchMore(items)


def test_deep_route_inserts_no_rows():
    body = json.dumps({"items": list(range(3000))}).encode()
    model = _model(body)
    inserted = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append(last))

    index = model.index_for_route([0, 1234])

    assert index.siblingAtColumn(VALUE_COLUMN).data() == "1234"
    assert index.parent().data() == "[1000 … 1999]"
    assert inserted == []


def test_badge_delegate_only_with_retired_fields(qtbot, make_window):
    window = make_window().window
    view = window.response_pane.json_tab.view
    model = window.json_model

    model.set_document(Document.parse(NESTED))
    window.response_pane.json_tab.on_document_shown()
    without = view.itemDelegateForColumn(KEY_COLUMN)
    model.set_document(
        Document.parse(NESTED), ("time_taken",), retired_on=date(2019, 11, 30)
    )
    window.response_pane.json_tab.on_document_shown()
    with_badges = view.itemDelegateForColumn(KEY_COLUMN)

    assert without is None
    assert with_badges is not None


def _max_saturation(image, rect) -> int:
    """Return the largest max-min channel spread of the pixels in `rect`."""
    spread = 0
    for x in range(rect.left(), rect.right() + 1):
        for y in range(rect.top(), rect.bottom() + 1):
            color = image.pixelColor(x, y)
            channels = (color.red(), color.green(), color.blue())
            spread = max(spread, max(channels) - min(channels))
    return spread


def test_key_and_type_cells_not_colored(qtbot):
    model = _model(b'{"a": 1, "b": 2, "c": "text", "d": true, "e": null}')
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)

    image = view.viewport().grab().toImage()
    value = model.index(0, VALUE_COLUMN)
    value_spread = _max_saturation(image, view.visualRect(value))

    assert value_spread > 100  # the number is blue
    for row in range(model.rowCount()):
        for column in (KEY_COLUMN, TYPE_COLUMN):
            rect = view.visualRect(model.index(row, column))
            assert _max_saturation(image, rect) < 40, (row, column)
