"""The colour table: contrast in both variants, variant choice, restyling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from ka_explorer.ui import colors
from tests.contrast import contrast_ratio

VARIANTS = (False, True)


def _backgrounds(surface: str, dark: bool) -> tuple[str, ...]:
    """Return the colours of `surface`: reference backgrounds or a shade."""
    references = colors.REFERENCE_BACKGROUNDS[dark]
    if surface in references:
        return references[surface]
    return (colors.color(surface, dark),)


def _checked_pairs():
    for name, shade in colors.COLORS.items():
        if not shade.minimum_contrast:
            continue
        for dark in VARIANTS:
            for surface in shade.on:
                for background in _backgrounds(surface, dark):
                    yield name, dark, background


@pytest.mark.parametrize(("name", "dark", "background"), list(_checked_pairs()))
def test_color_contrast_meets_minimum(name, dark, background):
    shade = colors.COLORS[name]
    foreground = colors.color(name, dark)

    ratio = contrast_ratio(foreground, background)

    assert ratio >= shade.minimum_contrast, (
        f"{name} {foreground} on {background}: {ratio:.2f}:1"
    )


def test_every_text_color_is_checked():
    for name, shade in colors.COLORS.items():
        if shade.on:
            assert shade.minimum_contrast > 0, name
        if shade.minimum_contrast:
            assert shade.on, name


def test_backgrounds_are_known():
    surfaces = set(colors.REFERENCE_BACKGROUNDS[False]) | set(colors.COLORS)
    for name, shade in colors.COLORS.items():
        for surface in shade.on:
            assert surface in surfaces, f"{name} is drawn on unknown {surface}"


def test_reference_backgrounds_match_variant():
    for dark in VARIANTS:
        for references in colors.REFERENCE_BACKGROUNDS[dark].values():
            for background in references:
                lightness = QColor(background).lightness()
                assert (lightness < colors.DARK_LIGHTNESS) == dark, background


def test_colors_are_hex_rgb():
    for name, shade in colors.COLORS.items():
        for value in (shade.light, shade.dark):
            assert QColor(value).name() == value, name


def test_fill_colors_rejects_unknown_name():
    with pytest.raises(KeyError):
        colors.fill_colors("color: {no_such_color};", dark=False)


def test_fill_colors_keeps_doubled_braces():
    filled = colors.fill_colors("QLabel {{ color: {muted}; }}", dark=True)

    assert filled == f"QLabel {{ color: {colors.COLORS['muted'].dark}; }}"


def test_literal_survives_fill():
    template = colors.literal("<b>{id}</b>") + " {required}"

    filled = colors.fill_colors(template, dark=False)

    assert filled == f"<b>{{id}}</b> {colors.COLORS['required'].light}"


def _palette(window: str) -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    return palette


def test_is_dark_follows_parent_window_color(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    child = QLabel(parent)

    parent.setPalette(_palette("#323232"))
    dark = colors.is_dark(child)
    parent.setPalette(_palette("#efefef"))
    light = colors.is_dark(child)

    assert dark is True
    assert light is False


def test_refresh_switches_style_and_text(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.setPalette(_palette("#efefef"))
    label = QLabel(parent)
    colors.set_colored_style(label, "color: {muted};")
    colors.set_colored_text(label, "<b>x</b><span style='color:{required}'>*</span>")
    light_style, light_text = label.styleSheet(), label.text()

    colors.refresh_colored_styles(parent, dark=True)
    dark_style, dark_text = label.styleSheet(), label.text()
    colors.refresh_colored_styles(parent, dark=False)

    assert light_style == f"color: {colors.COLORS['muted'].light};"
    assert dark_style == f"color: {colors.COLORS['muted'].dark};"
    assert colors.COLORS["required"].dark in dark_text
    assert colors.COLORS["required"].light in light_text
    assert label.styleSheet() == light_style
    assert label.text() == light_text


def test_palette_switched_only_on_variant_change(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    owner = QWidget(parent)
    change = QEvent(QEvent.Type.PaletteChange)
    parent.setPalette(_palette("#efefef"))
    first = colors.palette_switched(owner, change)
    again = colors.palette_switched(owner, change)
    parent.setPalette(_palette("#2a2a2a"))
    to_dark = colors.palette_switched(owner, change)
    other = colors.palette_switched(owner, QEvent(QEvent.Type.FontChange))

    assert first is True
    assert again is False
    assert to_dark is True
    assert other is False
