"""The profile dialog's note on a signature method the replica rejects."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

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


def _shown_dialog(qtbot, session, width: int) -> ProfileDialog:
    dialog = _dialog(qtbot, session, REPLICA_PROFILE)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(width, dialog.height())
    qtbot.wait(20)
    return dialog


def _assert_note_fits(dialog: ProfileDialog) -> None:
    note = dialog.method_note
    lines = note.heightForWidth(note.width()) // note.fontMetrics().lineSpacing()
    top = note.mapTo(dialog, note.rect().topLeft()).y()
    method_bottom = dialog.method.geometry().bottom()
    placement_top = dialog.placement.geometry().top()

    assert lines >= 2
    assert note.height() >= note.heightForWidth(note.width())
    assert top > method_bottom
    assert top + note.height() <= placement_top
    assert dialog.height() >= dialog.layout().totalMinimumSize().height()


@pytest.mark.parametrize("width", [620, 800])
def test_note_row_fits_two_lines(qtbot, make_window, width):
    dialog = _shown_dialog(qtbot, make_window().session, width)

    dialog.method.setCurrentText("HMAC-SHA512")
    qtbot.wait(20)

    _assert_note_fits(dialog)


def test_note_fits_dark_palette_big_font(qtbot, make_window, dark_app):
    dialog = _shown_dialog(qtbot, make_window().session, 700)
    font = dialog.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    dialog.setFont(font)

    dialog.method.setCurrentText("HMAC-SHA512")
    qtbot.wait(20)

    _assert_note_fits(dialog)


def test_note_fits_after_narrowing(qtbot, make_window):
    dialog = _shown_dialog(qtbot, make_window().session, 900)
    dialog.method.setCurrentText("HMAC-SHA512")
    qtbot.wait(20)

    dialog.resize(640, dialog.height())
    qtbot.wait(20)

    _assert_note_fits(dialog)


@pytest.fixture
def dark_app(qapp):
    """Let a test use a dark application palette; the previous one comes back."""
    saved = QPalette(qapp.palette())
    palette = QPalette(QColor("#353535"))
    palette.setColor(QPalette.ColorRole.Window, QColor("#353535"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeec"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#2d2d2d"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeec"))
    qapp.setPalette(palette)
    yield qapp
    qapp.setPalette(saved)
