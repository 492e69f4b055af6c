"""The endpoint tree model over the bundled Khan Academy catalog."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt

from ka_explorer.catalog import load_catalog
from ka_explorer.ui.badges import AMBER, BADGE_ROLE, RED
from ka_explorer.ui.endpoint_model import (
    ENDPOINT_ROLE,
    METHOD_COLUMN,
    PATH_COLUMN,
    REMOVAL_COLUMN,
    EndpointTreeModel,
)
from ka_explorer.ui.session import RemovalDay

DECEMBER_FIRST = RemovalDay(date(2019, 12, 1))


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _endpoint_index(model: EndpointTreeModel, method: str, url: str) -> QModelIndex:
    for group_row in range(model.rowCount()):
        group = model.index(group_row, 0)
        for row in range(model.rowCount(group)):
            index = model.index(row, PATH_COLUMN, group)
            endpoint = index.data(ENDPOINT_ROLE)
            if endpoint.http_method == method and endpoint.url == url:
                return index
    raise AssertionError(f"{method} {url} not in the model")


def test_endpoint_model_passes_modeltester(qtmodeltester, catalog):
    model = EndpointTreeModel(catalog, DECEMBER_FIRST)
    qtmodeltester.check(model, force_py=True)


def test_groups_are_top_rows(catalog):
    model = EndpointTreeModel(catalog, DECEMBER_FIRST)
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert names == catalog.groups()


def test_endpoint_row_shows_method_and_path(catalog):
    model = EndpointTreeModel(catalog, DECEMBER_FIRST)
    index = _endpoint_index(model, "GET", "/api/v1/badges")
    assert index.data() == "/api/v1/badges"
    assert index.siblingAtColumn(METHOD_COLUMN).data() == "GET"


def test_lock_only_on_login_required(catalog):
    model = EndpointTreeModel(catalog, DECEMBER_FIRST)
    user = _endpoint_index(model, "GET", "/api/v1/user")
    badges = _endpoint_index(model, "GET", "/api/v1/badges")
    assert user.data(Qt.ItemDataRole.DecorationRole) is not None
    assert badges.data(Qt.ItemDataRole.DecorationRole) is None


def test_removal_badge_amber_before_date(catalog):
    model = EndpointTreeModel(catalog, RemovalDay(date(2019, 12, 27)))
    badge = (
        _endpoint_index(model, "GET", "/api/v1/badges")
        .siblingAtColumn(REMOVAL_COLUMN)
        .data(BADGE_ROLE)
    )
    assert badge.text == "removal in 10 days"
    assert badge.color == AMBER


def test_removal_badge_red_after_date(catalog):
    model = EndpointTreeModel(catalog, RemovalDay(date(2024, 1, 1)))
    badge = (
        _endpoint_index(model, "GET", "/api/v1/badges")
        .siblingAtColumn(REMOVAL_COLUMN)
        .data(BADGE_ROLE)
    )
    assert badge.text == "removed 2020-01-06"
    assert badge.color == RED


def test_set_removal_day_updates_badges(qtbot, catalog):
    model = EndpointTreeModel(catalog, RemovalDay(date(2019, 12, 27)))
    with qtbot.waitSignal(model.headerDataChanged, timeout=1000):
        model.set_removal_day(RemovalDay(date(2020, 2, 1), from_replica=True))
    badge = (
        _endpoint_index(model, "GET", "/api/v1/badges")
        .siblingAtColumn(REMOVAL_COLUMN)
        .data(BADGE_ROLE)
    )
    assert badge.text == "removed 2020-01-06"
    assert "2020-02-01, the replica's date (--as-of)" in badge.tooltip


def test_removal_header_names_replica_date(catalog):
    model = EndpointTreeModel(catalog, RemovalDay(date(2020, 1, 5), from_replica=True))
    horizontal = Qt.Orientation.Horizontal
    text = model.headerData(REMOVAL_COLUMN, horizontal)
    tooltip = model.headerData(REMOVAL_COLUMN, horizontal, Qt.ItemDataRole.ToolTipRole)
    assert text == "Removal\nas of 2020-01-05"
    assert tooltip == (
        "Removal badges count against 2020-01-05, the replica's date (--as-of)."
    )
    assert model.headerData(PATH_COLUMN, horizontal) == "Endpoint"


def test_removal_header_names_today(catalog):
    model = EndpointTreeModel(catalog, RemovalDay(date(2031, 5, 17)))
    tooltip = model.headerData(
        REMOVAL_COLUMN, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert tooltip == "Removal badges count against 2031-05-17, today."


def test_tooltip_carries_summary(catalog):
    model = EndpointTreeModel(catalog, DECEMBER_FIRST)
    endpoint = catalog.find("GET", "/api/v1/badges")
    tooltip = _endpoint_index(model, "GET", "/api/v1/badges").data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert endpoint.summary.split()[0] in tooltip
