"""Protection against a reference-count defect of PySide6 on Python 3.11."""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)

_PROBE_CALLS = 200
_EXTRA_REFERENCES = 1 << 40
_applied = False


def keep_none_alive() -> bool:
    """Raise None's reference count when PySide6 drops references to it.

    WORKAROUND: PySide6 6.12.0 on Python 3.11 returns None from methods that
    return void (and from QModelIndex.data() for an invalid value) without
    adding a reference, measured with sys.getrefcount. Every such call lowers
    None's count, and the interpreter aborts when it reaches zero. Python 3.12
    makes None immortal, so the defect is harmless there and nothing changes.
    Returns True when the count was raised.
    """
    global _applied
    if _applied or sys.version_info >= (3, 12) or not _void_calls_drop_none():
        return _applied
    ctypes.c_ssize_t.from_address(id(None)).value += _EXTRA_REFERENCES
    _applied = True
    log.info("PySide6 drops references to None here; raised its count to compensate")
    return True


def _void_calls_drop_none() -> bool:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - _PROBE_CALLS // 2
