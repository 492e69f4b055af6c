"""Byte counts as the user reads them in messages."""

from __future__ import annotations


def format_bytes(count: int) -> str:
    """Return a byte count as "512 B", "1.5 KiB", "50.2 MiB" or "1.0 GiB"."""
    size = float(count)
    for unit in ("B", "KiB", "MiB"):
        if size < 1024:
            return f"{count} B" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GiB"
