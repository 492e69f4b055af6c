"""Read item data from Python code without PySide6's None reference leak."""

from __future__ import annotations

from PySide6.QtCore import QAbstractProxyModel, QModelIndex


def item_data(index: QModelIndex, role: int):
    """Return `role` of `index`, read from the Python model behind any proxy.

    With PySide6 6.12.0 on Python 3.11, `QModelIndex.data()` returns None
    without adding a reference when the value is invalid (see pyside_fixes).
    Calling the Python model's `data()` directly skips that C++ round trip.
    """
    if not index.isValid():
        return None
    model = index.model()
    while isinstance(model, QAbstractProxyModel):
        index = model.mapToSource(index)
        model = index.model()
    return model.data(index, role)
