"""The window under a dark palette: own colours switch variant and stay readable."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ka_explorer.ui import colors
from ka_explorer.ui.endpoint_model import METHOD_COLUMN
from ka_explorer.ui.json_model import VALUE_COLUMN
from ka_explorer.ui.profile_dialog import ProfileDialog
from tests.contrast import contrast_ratio, relative_luminance
from tests.gui.window_keys import press_enter_in_url_bar

BODY = json.dumps({"points": 5, "name": "badge", "ok": True}).encode()
ROLE = QPalette.ColorRole


def _dark_palette() -> QPalette:
    """Return a dark palette like the one Qt's gtk3 theme gives Adwaita:dark.

    Its tooltips stay light, as they do there.
    """
    palette = QPalette()
    for role, value in (
        (ROLE.Window, "#323232"), (ROLE.WindowText, "#ffffff"),
        (ROLE.Base, "#2a2a2a"), (ROLE.AlternateBase, "#2f2f2f"),
        (ROLE.Text, "#ffffff"), (ROLE.Button, "#323232"),
        (ROLE.ButtonText, "#ffffff"), (ROLE.Highlight, "#15539e"),
        (ROLE.HighlightedText, "#ffffff"), (ROLE.ToolTipBase, "#ffffdc"),
        (ROLE.ToolTipText, "#000000"), (ROLE.PlaceholderText, "#9b9b9b"),
    ):
        palette.setColor(role, QColor(value))
    return palette


@pytest.fixture
def app_palette(qapp):
    """Let a test set the application palette; the previous one comes back after."""
    saved = QPalette(qapp.palette())
    yield qapp
    qapp.setPalette(saved)


def _send(qtbot, window, server, path: str = "/api/v1/badges") -> None:
    server.routes[path] = (200, "application/json", BODY)
    window.request_bar.set_url_text(path)
    with qtbot.waitSignal(window.response_shown, timeout=20_000):
        press_enter_in_url_bar(qtbot, window)


def _colored_widgets(window) -> list[QWidget]:
    """Return the widgets that carry a colour template, shown or not."""
    return [
        widget for widget in window.findChildren(QWidget)
        if widget.property(colors.VARIANT_PROPERTY) is not None
    ]


def _text_contrast(widget: QWidget) -> float:
    """Return the contrast of the widget's text with its background, as polished."""
    widget.ensurePolished()
    palette = widget.palette()
    text = palette.color(widget.foregroundRole()).name()
    return contrast_ratio(text, palette.color(widget.backgroundRole()).name())


def _inner_pixel(widget: QWidget) -> QColor:
    """Return the colour inside the widget's frame, left of its text."""
    image = widget.grab().toImage()
    return image.pixelColor(4, image.height() // 2)


def _assert_dark_and_readable(window, at_least: int = 10) -> None:
    styled = _colored_widgets(window)
    assert len(styled) >= at_least
    for widget in styled:
        name = widget.objectName() or type(widget).__name__
        assert widget.property(colors.VARIANT_PROPERTY) is True, name
        assert _text_contrast(widget) >= colors.TEXT_CONTRAST, name


def test_window_built_dark_is_dark(qtbot, make_window, local_server, app_palette):
    app_palette.setPalette(_dark_palette())
    window = make_window(local_server.base_url).window
    _send(qtbot, window, local_server)
    pane = window.response_pane

    _assert_dark_and_readable(window)
    for widget in (window.status_area, pane.timing_badge):
        background = _inner_pixel(widget).name()
        assert relative_luminance(background) < 0.05, background
    assert "#ffffff" not in window.status_area.styleSheet()


def test_switch_to_dark_and_back(qtbot, make_window, local_server, app_palette):
    window = make_window(local_server.base_url).window
    _send(qtbot, window, local_server)
    light_styles = {id(w): w.styleSheet() for w in _colored_widgets(window)}
    light_area = _inner_pixel(window.status_area).name()

    app_palette.setPalette(_dark_palette())
    qtbot.wait(20)
    _assert_dark_and_readable(window)
    dark_area = _inner_pixel(window.status_area).name()
    app_palette.setPalette(QApplication.style().standardPalette())
    qtbot.wait(20)
    back_styles = {id(w): w.styleSheet() for w in _colored_widgets(window)}

    assert relative_luminance(light_area) > 0.8
    assert relative_luminance(dark_area) < 0.05
    assert back_styles == light_styles


def test_models_follow_dark_palette(qtbot, make_window, local_server, app_palette):
    window = make_window(local_server.base_url).window
    _send(qtbot, window, local_server)
    app_palette.setPalette(_dark_palette())
    qtbot.wait(20)
    json_model, endpoints = window.json_model, window.endpoint_model
    base = _dark_palette().color(ROLE.Base).name()

    number = json_model.index(0, VALUE_COLUMN)
    number_color = json_model.data(number, Qt.ItemDataRole.ForegroundRole).name()
    get_row = endpoints.index(0, METHOD_COLUMN, endpoints.index(0, 0))
    method_brush = endpoints.data(get_row, Qt.ItemDataRole.ForegroundRole)
    method_color = method_brush.color().name()
    details = window.endpoint_panel.details.toHtml()

    assert number_color == colors.COLORS["json_number"].dark
    assert contrast_ratio(number_color, base) >= colors.TEXT_CONTRAST
    assert method_color == colors.COLORS["method_get"].dark
    assert contrast_ratio(method_color, base) >= colors.TEXT_CONTRAST
    assert colors.COLORS["secondary"].light not in details


def test_window_palette_alone_switches(qtbot, make_window, local_server):
    window = make_window(local_server.base_url).window
    _send(qtbot, window, local_server)

    window.setPalette(_dark_palette())
    qtbot.wait(20)

    assert window.status_area.property(colors.VARIANT_PROPERTY) is True
    assert window.response_pane.size_label.property(colors.VARIANT_PROPERTY) is True
    assert relative_luminance(_inner_pixel(window.status_area).name()) < 0.05


def test_profile_dialog_dark(qtbot, make_window, app_palette):
    app_palette.setPalette(_dark_palette())
    window = make_window().window
    dialog = ProfileDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.show()

    _assert_dark_and_readable(dialog, at_least=3)
