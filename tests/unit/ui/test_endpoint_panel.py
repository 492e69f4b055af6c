"""The endpoint tree per profile: badges, dimming, the catalog note, its width."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from ka_explorer.oauth1.profiles import LIVE_PROFILE, REPLICA_PROFILE, Profile
from ka_explorer.ui import colors
from ka_explorer.ui.badges import BADGE_ROLE
from ka_explorer.ui.endpoint_model import (
    DIMMED_COLOR,
    FOREIGN_CATALOG_NOTE,
    METHOD_COLUMN,
    PATH_COLUMN,
    REMOVAL_COLUMN,
)

DIMMED = colors.color(DIMMED_COLOR, dark=False)

VERIFIER = Profile(
    name="My verifier",
    base_url="http://127.0.0.1:9",
    request_token_url="/oauth/request_token",
    authorize_url="/oauth/authorize",
    access_token_url="/oauth/access_token",
    consumer_key="verifier-key",
)


def select_profile(window, name: str) -> None:
    window.request_bar.profile_selected.emit(name)


def endpoint_index(window, method: str, url: str, column: int):
    model = window.endpoint_model
    index = model.index_of(window.catalog.find(method, url))
    return index.siblingAtColumn(column)


def badge_texts(window) -> list[str]:
    model = window.endpoint_model
    texts = []
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            badge = model.index(row, REMOVAL_COLUMN, parent).data(BADGE_ROLE)
            if badge is not None:
                texts.append(badge.text)
    return texts


def foreground(index) -> str | None:
    brush = index.data(Qt.ItemDataRole.ForegroundRole)
    return None if brush is None else brush.color().name()


def test_foreign_profile_has_no_badges(qtbot, make_window):
    window = make_window(today=date(2026, 1, 1), profiles=[VERIFIER]).window
    assert badge_texts(window) == []
    assert window.endpoint_panel.catalog_note.isVisible()
    assert window.endpoint_panel.catalog_note.text() == FOREIGN_CATALOG_NOTE


def test_foreign_profile_dims_catalog(qtbot, make_window):
    window = make_window(profiles=[VERIFIER]).window
    path = endpoint_index(window, "GET", "/api/v1/user", PATH_COLUMN)
    method = endpoint_index(window, "GET", "/api/v1/user", METHOD_COLUMN)
    assert foreground(path) == DIMMED
    assert foreground(method) == DIMMED
    header = window.endpoint_model.headerData(REMOVAL_COLUMN, Qt.Orientation.Horizontal)
    assert header == "Removal"


def test_profile_switch_restores_badges(qtbot, make_window):
    parts = make_window(today=date(2026, 1, 1))
    parts.session.save_profile(VERIFIER, "verifier-secret")
    window = parts.window
    select_profile(window, LIVE_PROFILE)
    assert "removed 2020-01-06" in badge_texts(window)
    assert not window.endpoint_panel.catalog_note.isVisible()

    select_profile(window, VERIFIER.name)
    assert badge_texts(window) == []
    assert window.endpoint_panel.catalog_note.isVisible()
    method = endpoint_index(window, "GET", "/api/v1/user", METHOD_COLUMN)
    assert foreground(method) == DIMMED

    select_profile(window, REPLICA_PROFILE)
    assert "removal in 1 day" in badge_texts(window)
    assert not window.endpoint_panel.catalog_note.isVisible()
    path = endpoint_index(window, "GET", "/api/v1/user", PATH_COLUMN)
    assert foreground(path) is None
    assert foreground(method) != DIMMED


def test_response_badge_absent_on_foreign_profile(qtbot, make_window):
    parts = make_window(today=date(2026, 1, 1))
    parts.session.save_profile(VERIFIER, "verifier-secret")
    window = parts.window
    window.request_bar.set_url_text("/api/v1/user")
    window.flow.on_url_edited("/api/v1/user")
    select_profile(window, LIVE_PROFILE)
    assert window.response_pane.removal_label.isVisible()

    select_profile(window, VERIFIER.name)
    assert not window.response_pane.removal_label.isVisible()


def test_paths_not_elided_on_any_profile(qtbot, make_window):
    parts = make_window(today=date(2026, 1, 1))
    parts.session.save_profile(VERIFIER, "verifier-secret")
    window = parts.window
    window.resize(1360, 860)
    window.use_default_layout()
    view = window.endpoint_panel.view
    header = view.header()
    for name in (REPLICA_PROFILE, LIVE_PROFILE, VERIFIER.name):
        select_profile(window, name)
        qtbot.waitUntil(lambda: header.sectionSize(REMOVAL_COLUMN) > 0)
        path_width = header.sectionSize(PATH_COLUMN)
        assert path_width >= view.sizeHintForColumn(PATH_COLUMN), name
        removal_width = header.sectionSize(REMOVAL_COLUMN)
        assert removal_width >= view.sizeHintForColumn(REMOVAL_COLUMN), name


def test_details_name_access_once():
    from ka_explorer.catalog import load_catalog
    from ka_explorer.ui.endpoint_panel import details_html

    catalog = load_catalog()
    open_html = details_html(catalog.find("GET", "/api/v1/badges"))
    user_html = details_html(catalog.find("GET", "/api/v1/user"))
    assert "Open access</p>" in open_html
    assert "open-access" not in open_html
    assert "Requires sign-in · access_control: login-required(" in user_html


def test_filter_without_match_names_term(make_window):
    panel = make_window().window.endpoint_panel

    panel.filter_box.setText("xyz")

    assert panel.tree_stack.currentWidget() is panel.no_match_label
    assert panel.no_match_label.text().startswith("No endpoint matches 'xyz'.")


def test_filter_with_match_shows_tree(make_window):
    panel = make_window().window.endpoint_panel
    panel.filter_box.setText("xyz")

    panel.filter_box.setText("badges")

    assert panel.tree_stack.currentWidget() is panel.view
    assert panel.proxy.rowCount() > 0
