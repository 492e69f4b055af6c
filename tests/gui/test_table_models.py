"""Headers and history table models."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from ka_explorer.ui.table_models import HeadersModel, HistoryEntry, HistoryModel


def _entry(url: str, ok: bool = True) -> HistoryEntry:
    return HistoryEntry(datetime(2019, 12, 1, 10, 0, 0), "GET", url, "200 OK", ok)


def test_headers_model_passes_modeltester(qtmodeltester):
    model = HeadersModel()
    model.set_headers({"Content-Type": "application/json", "X-KA-API-Response": "true"})
    qtmodeltester.check(model, force_py=True)
    assert model.index(1, 0).data() == "X-KA-API-Response"


def test_history_model_passes_modeltester(qtmodeltester):
    model = HistoryModel()
    model.add(_entry("/api/v1/badges"))
    model.add(_entry("/api/v1/user", ok=False))
    qtmodeltester.check(model, force_py=True)


def test_history_newest_first_and_failures_red():
    model = HistoryModel()
    model.add(_entry("/api/v1/badges"))
    model.add(_entry("bad url", ok=False))
    assert model.index(0, 2).data() == "bad url"
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_history_update_latest_replaces_outcome():
    model = HistoryModel()
    model.add(_entry("/api/v1/badges"))
    model.update_latest(
        HistoryEntry(datetime.now(), "GET", "/api/v1/badges", "timeout", False)
    )
    assert model.index(0, 3).data() == "timeout"
    assert model.rowCount() == 1
