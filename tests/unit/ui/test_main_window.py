"""Start-up: the real widgets show the saved profile from their first paint."""

from __future__ import annotations

from ka_explorer import app
from ka_explorer.oauth1.profiles import REPLICA_PROFILE, Profile, save_user_profiles
from ka_explorer.ui.settings import WindowSettings

VERIFIER = Profile(
    name="A verifier on loopback with a long profile name",
    base_url="http://127.0.0.1:9",
    request_token_url="/oauth/request_token",
    authorize_url="/oauth/authorize",
    access_token_url="/oauth/access_token",
    consumer_key="verifier-key",
)


class ListeningReplica:
    """Stands in for a ChildReplica that already listens."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.as_of = None

    def wait_listening(self, timeout: float = 60.0) -> None:
        pass

    def stop(self) -> None:
        pass


def _save_last_profile(name: str) -> None:
    settings = WindowSettings()
    settings.set_last_profile(name)
    settings.sync()


def _layout_at(window) -> dict:
    bar = window.request_bar
    return {
        "profile": bar.profile_box.currentText(),
        "profile_width": bar.profile_box.width(),
        "keys_x": bar.keys_button.x(),
        "khan_server": window.endpoint_model.removal_day.khan_server,
        "note": window.endpoint_panel.catalog_note.isVisibleTo(window),
        "tree_y": window.endpoint_panel.filter_box.y(),
    }


def _start_and_record(qtbot, base_url: str) -> tuple:
    parts = app.show_first_frame(lambda: (ListeningReplica(base_url), None), None)
    qtbot.addWidget(parts.window)
    window = parts.window
    first: list[dict] = []
    window.first_painted.connect(lambda: first.append(_layout_at(window)))
    qtbot.waitUntil(lambda: window.flow is not None, timeout=10_000)
    qtbot.wait(50)
    return parts, first[0], _layout_at(window)


def test_saved_foreign_profile_dimmed_at_first_paint(qtbot, local_server):
    save_user_profiles([VERIFIER])
    _save_last_profile(VERIFIER.name)

    parts, first, complete = _start_and_record(qtbot, local_server.base_url)

    assert first["profile"] == VERIFIER.name
    assert first["khan_server"] is False
    assert first["note"] is True
    assert complete == first
    parts.close()


def test_replica_profile_unchanged_by_complete(qtbot, local_server):
    _save_last_profile(REPLICA_PROFILE)

    parts, first, complete = _start_and_record(qtbot, local_server.base_url)

    assert first["profile"] == REPLICA_PROFILE
    assert first["khan_server"] is True
    assert first["note"] is False
    assert complete == first
    parts.close()
