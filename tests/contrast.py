"""WCAG 2 contrast ratio between two colours, for the colour tests."""

from __future__ import annotations


def relative_luminance(color: str) -> float:
    """Return the WCAG 2 relative luminance of "#rrggbb", from 0 to 1."""
    channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG 2 contrast ratio of two "#rrggbb" colours, 1 to 21."""
    lighter, darker = sorted(
        (relative_luminance(first), relative_luminance(second)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)
