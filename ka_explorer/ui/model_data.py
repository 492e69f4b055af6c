"""Read item data from Python code without PySide6's None reference leak."""

from __future__ import annotations

from PySide6.QtCore import QAbstractProxyModel, QModelIndex


def item_data(index: QModelIndex, role: int):
    """Return `role` of `index`, read from the Python model behind any proxy.

    WORKAROUND: with PySide6 6.12.0 on Python 3.11, `QModelIndex.data()` that
    yields an invalid QVariant returns None without adding a reference (measured
    with sys.getrefcount). Enough such calls free None itself and abort the
    interpreter. Calling the Python model's `data()` directly skips the C++
    round trip.
    """
    if not index.isValid():
        return None
    model = index.model()
    while isinstance(model, QAbstractProxyModel):
        index = model.mapToSource(index)
        model = index.model()
    return model.data(index, role)
