"""The timing badge: total time, with the phases on hover or click."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QToolButton, QToolTip, QWidget

from ka_explorer.ui import colors

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


NO_TLS = "no TLS (http)"
STYLE_TEMPLATE = (
    "QToolButton {{ background: {timing_background}; color: {timing_text}; "
    "border-radius: 9px; padding: 2px 10px; font-weight: 600; }}"
)


def phase_rows(timings, uses_tls: bool = True) -> list[tuple[str, float | str]]:
    """Return (label, milliseconds) for each phase, in the order they happen.

    Without TLS (a plain http URL) the TLS row reads NO_TLS, not a time.
    """
    rows: list[tuple[str, float | str]] = []
    for name, label in PHASES:
        if name == "tls" and not uses_tls:
            rows.append((label, NO_TLS))
        else:
            rows.append((label, _milliseconds(timings, name)))
    return rows


def total_ms(timings) -> float:
    return _milliseconds(timings, "total")


def format_ms(value: float) -> str:
    if value >= 10_000:
        return f"{value / 1000:.1f} s"
    if value >= 100:
        return f"{value:.0f} ms"
    return f"{value:.1f} ms"


def phases_html(timings, uses_tls: bool = True) -> str:
    rows = "".join(
        f"<tr><td>{label}</td><td align='right'>&nbsp;&nbsp;{_cell(value)}</td></tr>"
        for label, value in phase_rows(timings, uses_tls)
    )
    total = format_ms(total_ms(timings))
    note = ""
    if getattr(timings, "reused_connection", False):
        reused = "DNS, connect and TLS are 0" if uses_tls else "DNS and connect are 0"
        muted = colors.color("muted", colors.tooltip_is_dark())
        note = f"<p style='color:{muted}'>Connection reused: {reused}.</p>"
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
        colors.set_colored_style(self, STYLE_TEMPLATE)
        self._timings = None
        self._uses_tls = True
        self.clicked.connect(self._show_phases)
        self.on_timings_changed(None)

    def on_timings_changed(self, timings, uses_tls: bool = True) -> None:
        """Show `timings` (None hides the badge); `uses_tls` is False for http."""
        self._timings = timings
        self._uses_tls = uses_tls
        self.setVisible(timings is not None)
        if timings is None:
            return
        self.setText(format_ms(total_ms(timings)))
        self.setToolTip(phases_html(timings, uses_tls))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if colors.palette_switched(self, event):
            colors.refresh_colored_styles(self, colors.is_dark(self))

    def _show_phases(self) -> None:
        if self._timings is not None:
            point = self.mapToGlobal(QPoint(0, self.height()))
            text = phases_html(self._timings, self._uses_tls)
            QToolTip.showText(point, text, self)


def _cell(value: float | str) -> str:
    return value if isinstance(value, str) else format_ms(value)


def _milliseconds(timings, name: str) -> float:
    value = getattr(timings, name, None)
    if value is None:
        value = getattr(timings, f"{name}_ms", 0.0) or 0.0
        return float(value)
    return float(value) * 1000.0
