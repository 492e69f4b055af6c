"""The timing badge: total time, with the phases on hover or click."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QToolButton, QToolTip, QWidget

# (attribute of http.Timings, label); phases a reused connection skips read 0.
PHASES = (
    ("prepare", "Build and sign"),
    ("dns", "DNS lookup"),
    ("connect", "TCP connect"),
    ("tls", "TLS handshake"),
    ("ttfb", "Time to first byte"),
    ("download", "Download"),
    ("parse", "Parse"),
)


def phase_rows(timings) -> list[tuple[str, float]]:
    """Return (label, milliseconds) for each phase, in the order they happen."""
    return [(label, _milliseconds(timings, name)) for name, label in PHASES]


def total_ms(timings) -> float:
    return _milliseconds(timings, "total")


def format_ms(value: float) -> str:
    if value >= 10_000:
        return f"{value / 1000:.1f} s"
    if value >= 100:
        return f"{value:.0f} ms"
    return f"{value:.1f} ms"


def phases_html(timings) -> str:
    rows = "".join(
        f"<tr><td>{label}</td><td align='right'>&nbsp;&nbsp;{format_ms(ms)}</td></tr>"
        for label, ms in phase_rows(timings)
    )
    total = format_ms(total_ms(timings))
    note = ""
    if getattr(timings, "reused_connection", False):
        note = (
            "<p style='color:#6b7280'>Connection reused: "
            "DNS, connect and TLS are 0.</p>"
        )
    return (
        f"<table>{rows}<tr><td><b>Total</b></td>"
        f"<td align='right'><b>{total}</b></td></tr></table>{note}"
    )


class TimingBadge(QToolButton):
    """Shows the total; hovering or clicking shows each phase."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timingBadge")
        self.setAutoRaise(True)
        self.setStyleSheet(
            "QToolButton { background: #eef2ff; color: #3730a3; border-radius: 9px;"
            " padding: 2px 10px; font-weight: 600; }"
        )
        self._timings = None
        self.clicked.connect(self._show_phases)
        self.on_timings_changed(None)

    def on_timings_changed(self, timings) -> None:
        self._timings = timings
        self.setVisible(timings is not None)
        if timings is None:
            return
        self.setText(format_ms(total_ms(timings)))
        self.setToolTip(phases_html(timings))

    def _show_phases(self) -> None:
        if self._timings is not None:
            point = self.mapToGlobal(QPoint(0, self.height()))
            QToolTip.showText(point, phases_html(self._timings), self)


def _milliseconds(timings, name: str) -> float:
    value = getattr(timings, name, None)
    if value is None:
        value = getattr(timings, f"{name}_ms", 0.0) or 0.0
        return float(value)
    return float(value) * 1000.0
