"""The profile dialog: callback, realm, RSA key file, passphrase and deletion."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ka_explorer.oauth1.profiles import LIVE_PROFILE, REPLICA_PROFILE
from ka_explorer.paths import config_dir
from ka_explorer.ui.messages import Dialogs
from ka_explorer.ui.profile_dialog import NEW_PROFILE, ProfileDialog

PASSPHRASE = "correct horse"


@pytest.fixture
def key_files(tmp_path):
    """Write an encrypted RSA key, an unencrypted one and a file that is no key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    encrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PASSPHRASE.encode()),
    )
    plain = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    paths = {
        "encrypted": tmp_path / "encrypted.pem",
        "plain": tmp_path / "plain.pem",
        "not_a_key": tmp_path / "notes.txt",
    }
    paths["encrypted"].write_bytes(encrypted)
    paths["plain"].write_bytes(plain)
    paths["not_a_key"].write_text("just some notes\n", encoding="ascii")
    return paths


def new_profile_dialog(qtbot, session, name: str = "Verifier") -> ProfileDialog:
    dialog = ProfileDialog(session)
    qtbot.addWidget(dialog)
    dialog.chooser.setCurrentText(NEW_PROFILE)
    dialog.fields["name"].setText(name)
    dialog.fields["base_url"].setText("http://127.0.0.1:9")
    dialog.fields["consumer_key"].setText("verifier-key")
    dialog.secret.setText("verifier-secret")
    return dialog


def save_encrypted_rsa_profile(qtbot, session, key_path) -> ProfileDialog:
    """Save a new RSA-SHA256 profile whose key file needs PASSPHRASE."""
    dialog = new_profile_dialog(qtbot, session)
    dialog.method.setCurrentText("RSA-SHA256")
    dialog.key_file.setText(str(key_path))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.on_save_clicked()
    return dialog


def saved_entry(name: str) -> dict:
    text = (config_dir() / "profiles.json").read_text(encoding="utf-8")
    entries = json.loads(text)["profiles"]
    return next(entry for entry in entries if entry["name"] == name)


def choose_callback(dialog: ProfileDialog, kind: str, url: str = "") -> None:
    editor = dialog.callback
    editor.choice.setCurrentIndex(editor.choice.findData(kind))
    editor.url.setText(url)


def test_callback_oob_saved(qtbot, make_window):
    session = make_window().session
    dialog = new_profile_dialog(qtbot, session)
    choose_callback(dialog, "oob")
    dialog.on_save_clicked()

    assert session.profile.callback == "oob"
    assert saved_entry("Verifier")["callback"] == "oob"


def test_callback_registered_url_saved(qtbot, make_window):
    session = make_window().session
    dialog = new_profile_dialog(qtbot, session)
    choose_callback(dialog, "url", "https://app.example.org/oauth/callback")
    assert dialog.callback.url.isEnabled()
    dialog.on_save_clicked()

    assert session.profile.callback == "https://app.example.org/oauth/callback"
    reopened = ProfileDialog(session)
    qtbot.addWidget(reopened)
    assert reopened.callback.choice.currentData() == "url"
    assert reopened.callback.url.text() == "https://app.example.org/oauth/callback"


def test_callback_url_invalid_rejected(qtbot, make_window):
    session = make_window().session
    dialog = new_profile_dialog(qtbot, session)
    choose_callback(dialog, "url", "app.example.org/callback")
    dialog.on_save_clicked()

    assert dialog.status_area.level == "error"
    assert "Invalid callback 'app.example.org/callback'" in dialog.status_area.text()
    assert session.profile_named("Verifier") is None


def test_callback_url_empty_rejected(qtbot, make_window):
    session = make_window().session
    dialog = new_profile_dialog(qtbot, session)
    choose_callback(dialog, "url", "")
    dialog.on_save_clicked()

    assert "the URL is empty" in dialog.status_area.text()


def test_realm_saved_and_cleared(qtbot, make_window):
    session = make_window().session
    dialog = new_profile_dialog(qtbot, session)
    dialog.fields["realm"].setText("https://photos.example.net/")
    dialog.on_save_clicked()
    assert session.profile.realm == "https://photos.example.net/"

    again = ProfileDialog(session)
    qtbot.addWidget(again)
    assert again.fields["realm"].text() == "https://photos.example.net/"
    again.fields["realm"].setText("")
    again.on_save_clicked()
    assert session.profile.realm is None


def test_rsa_without_key_file_rejected(qtbot, make_window):
    session = make_window().session
    dialog = new_profile_dialog(qtbot, session)
    dialog.method.setCurrentText("RSA-SHA256")
    dialog.on_save_clicked()

    assert dialog.status_area.level == "error"
    assert "RSA-SHA256 needs an RSA private key" in dialog.status_area.text()


def test_rsa_bad_key_file_rejected(qtbot, make_window, key_files):
    session = make_window().session
    dialog = new_profile_dialog(qtbot, session)
    dialog.method.setCurrentText("RSA-SHA1")
    dialog.key_file.setText(str(key_files["not_a_key"]))
    dialog.on_save_clicked()

    assert "is not a valid PEM private key" in dialog.status_area.text()
    assert session.profile_named("Verifier") is None


def test_rsa_missing_passphrase_rejected(qtbot, make_window, key_files):
    session = make_window().session
    dialog = new_profile_dialog(qtbot, session)
    dialog.method.setCurrentText("RSA-SHA1")
    dialog.key_file.setText(str(key_files["encrypted"]))
    dialog.on_save_clicked()

    assert "The RSA private key is encrypted" in dialog.status_area.text()


def test_rsa_wrong_passphrase_rejected(qtbot, make_window, key_files):
    session = make_window().session
    dialog = new_profile_dialog(qtbot, session)
    dialog.method.setCurrentText("RSA-SHA1")
    dialog.key_file.setText(str(key_files["encrypted"]))
    dialog.passphrase.setText("wrong horse")
    dialog.on_save_clicked()

    assert "passphrase for the RSA private key is wrong" in dialog.status_area.text()
    assert session.store.get("Verifier", "rsa_key_passphrase") is None


def test_rsa_passphrase_goes_to_store(qtbot, make_window, key_files):
    session = make_window().session
    dialog = save_encrypted_rsa_profile(qtbot, session, key_files["encrypted"])

    assert dialog.status_area.level == ""
    assert session.store.get("Verifier", "rsa_key_passphrase") == PASSPHRASE
    entry = saved_entry("Verifier")
    assert entry["rsa_key_path"] == str(key_files["encrypted"])
    assert PASSPHRASE not in json.dumps(entry)
    credentials = session.credentials()
    assert credentials.rsa_key_passphrase == PASSPHRASE


def test_rsa_passphrase_kept_when_unchanged(qtbot, make_window, key_files):
    session = make_window().session
    save_encrypted_rsa_profile(qtbot, session, key_files["encrypted"])

    again = ProfileDialog(session)
    qtbot.addWidget(again)
    again.fields["consumer_key"].setText("changed-key")
    again.on_save_clicked()

    assert again.status_area.level == ""
    assert session.profile.consumer_key == "changed-key"
    assert session.store.get("Verifier", "rsa_key_passphrase") == PASSPHRASE


def test_rsa_new_plain_key_drops_passphrase(qtbot, make_window, key_files):
    session = make_window().session
    save_encrypted_rsa_profile(qtbot, session, key_files["encrypted"])

    again = ProfileDialog(session)
    qtbot.addWidget(again)
    again.key_file.setText(str(key_files["plain"]))
    again.on_save_clicked()

    assert again.status_area.level == ""
    assert session.store.get("Verifier", "rsa_key_passphrase") is None


def test_browse_fills_key_file(qtbot, make_window, key_files):
    session = make_window().session
    dialog = new_profile_dialog(qtbot, session)
    dialog.browse_button.click()
    picker = dialog.key_file_dialog
    assert picker is not None

    picker.selectFile(str(key_files["plain"]))
    picker.accept()

    assert dialog.key_file.text() == str(key_files["plain"])


def test_delete_saved_profile_and_secrets(qtbot, make_window):
    session = make_window().session
    new_profile_dialog(qtbot, session).on_save_clicked()
    session.store_token("token-value", "token-secret")
    assert session.store.get("Verifier", "consumer_secret") == "verifier-secret"

    dialog = ProfileDialog(session)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.profile_saved) as saved:
        dialog.delete_button.click()

    assert Dialogs.shown[-1].kind == "confirm"
    assert "Verifier" in Dialogs.shown[-1].text
    assert "Verifier" not in session.names()
    assert saved.args[0] == REPLICA_PROFILE
    assert session.profile.name == REPLICA_PROFILE
    assert session.store.get("Verifier", "consumer_secret") is None
    assert session.store.get("Verifier", "token") is None
    text = (config_dir() / "profiles.json").read_text(encoding="utf-8")
    assert "Verifier" not in text
    assert dialog.status_area.text() == "Deleted profile 'Verifier' and its secrets."


def test_delete_declined_keeps_profile(qtbot, make_window):
    session = make_window().session
    new_profile_dialog(qtbot, session).on_save_clicked()
    Dialogs.switch_off(answer_yes=False)

    dialog = ProfileDialog(session)
    qtbot.addWidget(dialog)
    dialog.delete_button.click()

    assert "Verifier" in session.names()
    assert session.store.get("Verifier", "consumer_secret") == "verifier-secret"


def test_shipped_profile_not_deleted(qtbot, make_window):
    session = make_window().session
    dialog = ProfileDialog(session)
    qtbot.addWidget(dialog)
    dialog.chooser.setCurrentText(LIVE_PROFILE)
    dialog.delete_button.click()

    assert Dialogs.shown == []
    assert dialog.status_area.level == "warning"
    assert "comes with KA Explorer, so it cannot be deleted" in (
        dialog.status_area.text()
    )
    assert LIVE_PROFILE in session.names()


def test_shipped_profile_changes_deleted(qtbot, make_window):
    session = make_window().session
    dialog = ProfileDialog(session)
    qtbot.addWidget(dialog)
    dialog.chooser.setCurrentText(LIVE_PROFILE)
    dialog.fields["consumer_key"].setText("my-live-key")
    dialog.on_save_clicked()
    assert session.profile.consumer_key == "my-live-key"

    again = ProfileDialog(session)
    qtbot.addWidget(again)
    again.delete_button.click()

    assert session.profile.name == LIVE_PROFILE
    assert session.profile.consumer_key == ""
    assert "applies again" in again.status_area.text()


def test_new_profile_secrets_say_not_set(qtbot, make_window):
    session = make_window().session
    dialog = ProfileDialog(session)
    qtbot.addWidget(dialog)

    dialog.chooser.setCurrentText(NEW_PROFILE)

    assert dialog.secret.placeholderText() == "not set"
    assert dialog.passphrase.placeholderText() == "not set"


def test_stored_secret_says_kept(qtbot, make_window, key_files):
    session = make_window().session
    save_encrypted_rsa_profile(qtbot, session, key_files["encrypted"])

    reopened = ProfileDialog(session)
    qtbot.addWidget(reopened)

    assert reopened.chooser.currentText() == "Verifier"
    assert reopened.secret.placeholderText() == "stored (leave empty to keep it)"
    assert reopened.passphrase.placeholderText() == "stored (leave empty to keep it)"


@pytest.mark.parametrize(
    ("realm", "placement", "noted"),
    [
        ("Photos", "query", True),
        ("Photos", "body", True),
        ("Photos", "header", False),
        ("", "query", False),
    ],
)
def test_realm_outside_header_noted(qtbot, make_window, realm, placement, noted):
    session = make_window().session
    dialog = new_profile_dialog(qtbot, session)

    dialog.fields["realm"].setText(realm)
    dialog.placement.setCurrentText(placement)

    assert dialog.realm_note.isVisibleTo(dialog) == noted
    assert "only for the Authorization header" in dialog.realm_note.text()


def test_realm_with_query_still_saves(qtbot, make_window):
    session = make_window().session
    dialog = new_profile_dialog(qtbot, session)
    dialog.fields["realm"].setText("Photos")
    dialog.placement.setCurrentText("query")

    dialog.on_save_clicked()

    assert session.profile.realm == "Photos"
    assert session.profile.placement.value == "query"


def test_callback_placeholder_not_cut(qtbot, make_window):
    session = make_window().session
    dialog = ProfileDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.callback.url
    # QLineEdit draws text 2 px inside a frame of about 2 px on each side.
    needed = box.fontMetrics().horizontalAdvance(box.placeholderText()) + 8

    assert box.width() >= needed
