"""Profiles, the key dialog, the keyring notice and Chromium's sandbox flag."""

from __future__ import annotations

import json
import logging

from ka_explorer.oauth1.profiles import Profile
from ka_explorer.oauth1.secret_store import MemorySecretStore
from ka_explorer.paths import config_dir
from ka_explorer.ui import webengine_env
from ka_explorer.ui.profile_dialog import NEW_PROFILE, ProfileDialog


def test_new_profile_secret_goes_to_store(qtbot, make_window):
    parts = make_window()
    dialog = ProfileDialog(parts.session, parts.window)
    qtbot.addWidget(dialog)
    dialog.chooser.setCurrentText(NEW_PROFILE)
    dialog.fields["name"].setText("Trello")
    dialog.fields["base_url"].setText("https://api.trello.example")
    dialog.fields["consumer_key"].setText("trello-key")
    dialog.secret.setText("trello-secret-value")
    dialog.on_save_clicked()

    assert parts.session.profile.name == "Trello"
    assert parts.session.store.get("Trello", "consumer_secret") == "trello-secret-value"
    saved = (config_dir() / "profiles.json").read_text(encoding="utf-8")
    assert "trello-key" in saved
    assert "trello-secret-value" not in saved
    assert json.loads(saved)["profiles"][0]["base_url"] == "https://api.trello.example"


def test_profile_without_name_rejected_in_dialog(qtbot, make_window):
    parts = make_window()
    dialog = ProfileDialog(parts.session, parts.window)
    qtbot.addWidget(dialog)
    dialog.chooser.setCurrentText(NEW_PROFILE)
    dialog.on_save_clicked()
    assert dialog.status_area.level == "error"
    assert "needs a name" in dialog.status_area.text()


def test_profile_selector_switches_base_url(qtbot, make_window):
    parts = make_window()
    window = parts.window
    window.request_bar.profile_box.textActivated.emit(
        "Khan Academy (retired live site)"
    )
    assert parts.session.base_url() == "https://www.khanacademy.org"
    assert "www.khanacademy.org" in window.request_bar.profile_state.full_text()


def test_no_keyring_said_once_in_window(qtbot, make_window):
    store = MemorySecretStore(warning="No OS keyring is available (test).")
    window = make_window(secret_store=store).window
    qtbot.waitUntil(lambda: window.status_area.level == "warning")
    assert "No OS keyring" in window.status_area.text()
    assert store.take_warning() is None


def test_sign_out_deletes_token(qtbot, make_window):
    parts = make_window()
    parts.session.store_token("t", "s")
    parts.window.actions.sign_out.trigger()
    assert not parts.session.signed_in()
    assert "Signed out" in parts.window.status_area.text()


def test_root_gets_no_sandbox_flag(monkeypatch, caplog):
    monkeypatch.setattr(webengine_env.os, "geteuid", lambda: 0)
    monkeypatch.setenv(webengine_env.FLAGS_VARIABLE, "--disable-gpu")
    with caplog.at_level(logging.WARNING):
        webengine_env.prepare_chromium_flags()
    flags = webengine_env.os.environ[webengine_env.FLAGS_VARIABLE].split()
    assert flags == ["--disable-gpu", "--no-sandbox"]
    assert "sandbox" in caplog.text


def test_normal_user_keeps_sandbox(monkeypatch):
    monkeypatch.setattr(webengine_env.os, "geteuid", lambda: 1000)
    monkeypatch.setenv(webengine_env.FLAGS_VARIABLE, "")
    webengine_env.prepare_chromium_flags()
    assert webengine_env.os.environ[webengine_env.FLAGS_VARIABLE] == ""


def test_invalid_profile_url_rejected(qtbot, make_window):
    parts = make_window()
    dialog = ProfileDialog(parts.session, parts.window)
    qtbot.addWidget(dialog)
    dialog.chooser.setCurrentText(NEW_PROFILE)
    dialog.fields["name"].setText("Broken")
    dialog.fields["base_url"].setText("http://[::1")

    dialog.on_save_clicked()

    assert dialog.status_area.level == "error"
    assert "The Base URL 'http://[::1' is not a valid URL" in dialog.status_area.text()
    assert "Broken" not in parts.session.names()


def test_sign_in_without_consumer_secret_explained(qtbot, make_window):
    profile = Profile(
        name="No secret",
        base_url="http://127.0.0.1:9",
        request_token_url="/oauth/request_token",
        authorize_url="/oauth/authorize",
        access_token_url="/oauth/access_token",
        consumer_key="key-without-secret",
    )
    window = make_window(profiles=[profile]).window

    with qtbot.waitSignal(window.signin.failed, timeout=5_000) as failed:
        window.actions.sign_in.trigger()

    assert "No consumer secret for profile 'No secret'" in failed.args[0]
    assert not window.signin.active()
    assert window.status_area.level == "error"
    assert "set it with Keys…" in window.status_area.text()
