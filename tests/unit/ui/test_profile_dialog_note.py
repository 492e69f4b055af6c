"""The profile dialog's note on a signature method the replica rejects."""

from __future__ import annotations

import pytest

from ka_explorer.oauth1.profiles import LIVE_PROFILE, REPLICA_PROFILE
from ka_explorer.replica.oauth.validator import SIGNATURE_METHODS
from ka_explorer.ui.profile_dialog import REPLICA_SIGNATURE_METHODS, ProfileDialog


def _dialog(qtbot, session, profile: str) -> ProfileDialog:
    dialog = ProfileDialog(session)
    qtbot.addWidget(dialog)
    dialog.chooser.setCurrentText(profile)
    return dialog


def test_methods_match_replica_validator():
    assert REPLICA_SIGNATURE_METHODS == SIGNATURE_METHODS


@pytest.mark.parametrize(
    ("profile", "method", "noted"),
    [
        (REPLICA_PROFILE, "HMAC-SHA256", True),
        (REPLICA_PROFILE, "RSA-SHA1", True),
        (REPLICA_PROFILE, "HMAC-SHA1", False),
        (REPLICA_PROFILE, "PLAINTEXT", False),
        (LIVE_PROFILE, "HMAC-SHA256", False),
    ],
)
def test_rejected_method_noted(qtbot, make_window, profile, method, noted):
    dialog = _dialog(qtbot, make_window().session, profile)

    dialog.method.setCurrentText(method)

    assert dialog.method_note.isVisibleTo(dialog) == noted


def test_note_names_method_and_accepted(qtbot, make_window):
    dialog = _dialog(qtbot, make_window().session, REPLICA_PROFILE)

    dialog.method.setCurrentText("HMAC-SHA256")

    assert "reject requests signed with HMAC-SHA256" in dialog.method_note.text()
    assert "only HMAC-SHA1 and PLAINTEXT" in dialog.method_note.text()


def test_noted_method_still_saves(qtbot, make_window):
    session = make_window().session
    dialog = _dialog(qtbot, session, REPLICA_PROFILE)
    dialog.method.setCurrentText("HMAC-SHA256")

    dialog.on_save_clicked()

    assert dialog.result() == ProfileDialog.DialogCode.Accepted
    saved = session.profile_named(REPLICA_PROFILE)
    assert saved.signature_method.value == "HMAC-SHA256"


def test_note_follows_chosen_profile(qtbot, make_window):
    dialog = _dialog(qtbot, make_window().session, REPLICA_PROFILE)
    dialog.method.setCurrentText("HMAC-SHA256")

    dialog.chooser.setCurrentText(LIVE_PROFILE)

    assert not dialog.method_note.isVisibleTo(dialog)
