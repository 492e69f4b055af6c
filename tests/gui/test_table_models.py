"""The headers table model."""

from __future__ import annotations

from ka_explorer.ui.table_models import HeadersModel


def test_headers_model_passes_modeltester(qtmodeltester):
    model = HeadersModel()
    model.set_headers({"Content-Type": "application/json", "X-KA-API-Response": "true"})
    qtmodeltester.check(model, force_py=True)
    assert model.index(1, 0).data() == "X-KA-API-Response"
