"""Returning the heap memory of a replaced large response to the OS.

CPython frees the objects of a replaced document, but glibc keeps most of
the freed heap pages for later allocations, so the process stayed as large
as it was while it showed the largest body. `malloc_trim(0)` hands the free
pages back. It runs in a worker, because on a heap of a few GB it takes
tens of milliseconds, and ctypes releases the GIL for the call.
"""

from __future__ import annotations

import ctypes
import functools
import sys

# A replaced response at least this large is worth the trim.
LARGE_BODY_BYTES = 8 * 1024 * 1024


def release_free_memory(_report=None, _cancel=None) -> bool:
    """Return free heap pages to the OS; False where the C library is not glibc.

    The unused arguments let `TaskRunner.start` call it as a task.
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@functools.cache
def _malloc_trim():
    """Return glibc's malloc_trim, or None elsewhere.

    Loaded once: each `ctypes.CDLL` object forms a reference cycle, which
    only the cyclic collector frees.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None  # musl and other C libraries have no malloc_trim
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim
