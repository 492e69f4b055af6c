"""Colours that the widgets set themselves, in a light and a dark variant.

Qt's palette colours everything else. The dark variant applies when the
window colour of the palette around a widget is dark (HSL lightness below
128), and tooltips follow the tooltip palette, which can stay light under a
dark theme. Every text colour in COLORS keeps a WCAG 2 contrast ratio of at
least 4.5:1 against each background it is drawn on, in both variants, as
measured against REFERENCE_BACKGROUNDS.

Widgets styled with `set_colored_style` are restyled by
`refresh_colored_styles`, which the widgets that own them call from
`changeEvent` when `palette_switched` returns True.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QToolTip, QWidget

TEXT_CONTRAST = 4.5  # WCAG 2 level AA, text of normal size
GRAPHIC_CONTRAST = 3.0  # WCAG 2 level AA, icons and other non-text parts
DARK_LIGHTNESS = 128  # a window colour of lower HSL lightness is dark


@dataclass(frozen=True)
class Shade:
    """One colour in both variants, and what it is drawn on.

    `on` names the backgrounds: the palette surfaces of REFERENCE_BACKGROUNDS
    ("window", "base", "tooltip") or other shades. `minimum_contrast` is the
    WCAG ratio the colour keeps against each of them, 0 for a fill.
    """

    light: str
    dark: str
    on: tuple[str, ...] = ()
    minimum_contrast: float = 0.0


def _text(light: str, dark: str, *on: str) -> Shade:
    return Shade(light, dark, on, TEXT_CONTRAST)


def _fill(light: str, dark: str) -> Shade:
    return Shade(light, dark)


_CHIPS = ("chip_green", "chip_amber", "chip_red", "badge_red", "chip_grey")

COLORS: dict[str, Shade] = {
    # Secondary text: notes, counts, "Open access", summaries in the JSON tree.
    "muted": _text("#646b78", "#a3a9b4", "window", "base", "tooltip"),
    # The base URL and sign-in state, the size chip, the sign-in address.
    "secondary": _text("#4b5563", "#c9ced6", "window", "base"),
    "note": _text("#7a4b00", "#f0c27a", "window"),  # warnings in a line of text
    "required": _text("#c62828", "#fca5a5", "window"),  # the * of a required field
    "dimmed": _text("#6b7280", "#9ca3af", "base"),  # rows of a foreign catalog
    "tooltip_description": _text("#555555", "#b0b0b0", "tooltip"),
    "json_string": _text("#0f766e", "#5eead4", "base"),
    "json_number": _text("#1d4ed8", "#93c5fd", "base"),
    "json_keyword": _text("#7c3aed", "#c4b5fd", "base"),  # true, false, null
    "method_get": _text("#15803d", "#4ade80", "base"),
    "method_post": _text("#b45309", "#fbbf24", "base"),
    "method_put": _text("#1d4ed8", "#93c5fd", "base"),
    "method_delete": _text("#b91c1c", "#fca5a5", "base"),
    "method_other": _text("#374151", "#d1d5db", "base"),
    "failed": _text("#b91c1c", "#fca5a5", "base"),  # history rows that failed
    "lock": Shade("#8a6d1f", "#d4a72c", ("base",), GRAPHIC_CONTRAST),
    "lock_keyhole": Shade("#ffffff", "#2a2a2a", ("lock",), GRAPHIC_CONTRAST),
    "info_background": _fill("#eef6ff", "#1f3047"),
    "info_border": _fill("#cfe3fb", "#2f4a6b"),
    "info_text": _text("#1e3a5f", "#d6e6fa", "info_background"),
    "warning_background": _fill("#fff7e6", "#3d2e0f"),
    "warning_border": _fill("#f6d7a0", "#6b5020"),
    "warning_text": _text("#7a4b00", "#f6d7a0", "warning_background"),
    "error_background": _fill("#fdecec", "#421c1c"),
    "error_border": _fill("#f5c2c2", "#7a3030"),
    "error_text": _text("#8b1c1c", "#f8c4c4", "error_background"),
    "timing_background": _fill("#eef2ff", "#2e2b5e"),
    "timing_text": _text("#3730a3", "#dde3ff", "timing_background"),
    # Chips and badges: white text on a strong colour reads on either palette.
    "chip_green": _fill("#15803d", "#15803d"),
    "chip_amber": _fill("#9a5b00", "#9a5b00"),
    "chip_red": _fill("#b91c1c", "#b91c1c"),
    "badge_red": _fill("#c62828", "#c62828"),
    "chip_grey": _fill("#6b7280", "#6b7280"),
    "chip_text": _text("#ffffff", "#ffffff", *_CHIPS),
}

# Backgrounds the table is checked against, by variant and palette surface.
# Fusion's light palette has window #efefef, base #ffffff and alternate rows
# #f7f7f7. With GTK_THEME=Adwaita:dark, Qt's gtk3 theme reported window and
# base #323232, alternate rows #2f2f2f and a light tooltip (PySide6 6.10.3).
# The other values are margins around these: lighter and darker greys, and
# a white tooltip.
REFERENCE_BACKGROUNDS: dict[bool, dict[str, tuple[str, ...]]] = {
    False: {
        "window": ("#efefef",),
        "base": ("#ffffff", "#f7f7f7"),
        "tooltip": ("#ffffdc", "#ffffff"),
    },
    True: {
        "window": ("#323232", "#353535", "#383838"),
        "base": ("#232323", "#2a2a2a", "#2f2f2f", "#323232", "#383838"),
        "tooltip": ("#323232", "#383838"),
    },
}

_PALETTE_EVENTS = frozenset(
    (
        QEvent.Type.ApplicationPaletteChange,
        QEvent.Type.PaletteChange,
        QEvent.Type.ParentChange,
    )
)
STYLE_PROPERTY = "coloredStyle"  # the template of `set_colored_style`
TEXT_PROPERTY = "coloredText"  # the template of `set_colored_text`
VARIANT_PROPERTY = "darkColors"  # the variant of the style sheet: True for dark
OWNER_VARIANT_PROPERTY = "darkColorsOwner"  # the variant `palette_switched` saw


def is_dark(widget: QWidget | None = None) -> bool:
    """Return True when the palette around `widget` has a dark window colour.

    That is the palette set on `widget` or its nearest ancestor with one, else
    the application's. The palette that a widget inherits is not read: during
    a change of the application palette it can still be the old one.
    """
    while widget is not None:
        if widget.testAttribute(Qt.WidgetAttribute.WA_SetPalette):
            return _dark_color(widget.palette().color(QPalette.ColorRole.Window))
        widget = widget.parentWidget()
    return _dark_color(QGuiApplication.palette().color(QPalette.ColorRole.Window))


def tooltip_is_dark() -> bool:
    """Return True when tooltips have a dark background."""
    return _dark_color(QToolTip.palette().color(QPalette.ColorRole.ToolTipBase))


def _dark_color(color: QColor) -> bool:
    return color.lightness() < DARK_LIGHTNESS


def color(name: str, dark: bool) -> str:
    """Return the colour `name` of COLORS as "#rrggbb", in the given variant."""
    shade = COLORS[name]
    return shade.dark if dark else shade.light


@cache
def qcolor(name: str, dark: bool) -> QColor:
    """Return the colour `name` of COLORS as a QColor, in the given variant."""
    return QColor(color(name, dark))


class _Variant(dict):
    """Maps each name of COLORS to its colour in one variant, for str.format_map."""

    def __init__(self, dark: bool) -> None:
        super().__init__((name, color(name, dark)) for name in COLORS)


@cache
def _variant(dark: bool) -> _Variant:
    return _Variant(dark)


def fill_colors(template: str, dark: bool) -> str:
    """Return `template` with each {name} field replaced by that colour.

    Braces that belong to the text, such as those of a style sheet rule,
    are doubled in the template, as str.format requires.
    """
    return template.format_map(_variant(dark))


def literal(text: str) -> str:
    """Return `text` with its braces doubled, to place it in a template."""
    return text.replace("{", "{{").replace("}", "}}")


def set_colored_style(widget: QWidget, template: str) -> None:
    """Set the style sheet of `widget` from `template` (see `fill_colors`), in
    the variant of the palette around it, and keep the template for
    `refresh_colored_styles`."""
    widget.setProperty(STYLE_PROPERTY, template)
    _apply_template(widget, is_dark(widget))


def set_colored_text(label: QLabel, template: str) -> None:
    """Set the rich text of `label` from `template` (see `fill_colors`), as
    `set_colored_style` sets a style sheet."""
    label.setProperty(TEXT_PROPERTY, template)
    _apply_template(label, is_dark(label))


def refresh_colored_styles(root: QWidget, dark: bool) -> None:
    """Restyle `root` and its descendants that `set_colored_style` or
    `set_colored_text` styled, in the variant `dark`, skipping those already
    in it."""
    for widget in (root, *root.findChildren(QWidget)):
        if widget.property(VARIANT_PROPERTY) not in (None, dark):
            _apply_template(widget, dark)


def _apply_template(widget: QWidget, dark: bool) -> None:
    widget.setProperty(VARIANT_PROPERTY, dark)
    style = widget.property(STYLE_PROPERTY)
    if style:
        widget.setStyleSheet(fill_colors(style, dark))
    text = widget.property(TEXT_PROPERTY)
    if text and isinstance(widget, QLabel):
        widget.setText(fill_colors(text, dark))


def palette_switched(owner: QWidget, event: QEvent) -> bool:
    """Return True when `event` brought `owner` a palette of the other variant.

    For `changeEvent`. The variant is kept on `owner`, so a palette change
    that stays light, or stays dark, returns False.
    """
    if event.type() not in _PALETTE_EVENTS:
        return False
    dark = is_dark(owner)
    if owner.property(OWNER_VARIANT_PROPERTY) == dark:
        return False
    owner.setProperty(OWNER_VARIANT_PROPERTY, dark)
    return True
