"""The profile dialog: server, auth URLs, consumer key, secret for the keyring."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ka_explorer.oauth1 import Placement, ProfileError, SignatureMethod
from ka_explorer.oauth1.profiles import Profile
from ka_explorer.ui.messages import describe_error
from ka_explorer.ui.origins import origin_key
from ka_explorer.ui.status_area import StatusArea

NEW_PROFILE = "New profile…"


class ProfileDialog(QDialog):
    """Edits one profile; secrets go to the session's secret store, never to a file."""

    profile_saved = Signal(str)

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Profiles and keys")
        self.setMinimumWidth(560)
        self.session = session
        self.chooser = QComboBox()
        self.chooser.addItems([*session.names(), NEW_PROFILE])
        self.fields = {
            name: QLineEdit()
            for name in (
                "name",
                "base_url",
                "request_token_url",
                "authorize_url",
                "access_token_url",
                "consumer_key",
            )
        }

        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText("unchanged")
        self.method = QComboBox()
        self.method.addItems([m.value for m in SignatureMethod])
        self.placement = QComboBox()
        self.placement.addItems([p.value for p in Placement])

        self.status_area = StatusArea()
        self.store_note = QLabel(_store_note(session.store))
        self.store_note.setWordWrap(True)
        self.store_note.setStyleSheet("color: #4b5563;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
        )

        self._build_layout()
        self.chooser.currentTextChanged.connect(self.on_chooser_changed)
        self.buttons.accepted.connect(self.on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.chooser.setCurrentText(session.profile.name)
        self.on_chooser_changed(session.profile.name)

    def on_chooser_changed(self, name: str) -> None:
        profile = next((p for p in self._profiles() if p.name == name), None)
        if profile is None:
            profile = Profile(
                "",
                "",
                "/oauth/request_token",
                "/oauth/authorize",
                "/oauth/access_token",
            )
        for field, editor in self.fields.items():
            editor.setText(str(getattr(profile, field) or ""))
        self.fields["base_url"].setReadOnly(profile.base_url_from_replica)
        self.method.setCurrentText(profile.signature_method.value)
        self.placement.setCurrentText(profile.placement.value)
        self.secret.clear()

    def on_save_clicked(self) -> None:
        try:
            profile = self._edited_profile()
            secret = self.secret.text() or None
            self.session.save_profile(profile, secret)
        except Exception as error:  # noqa: BLE001 - shown in the dialog
            self.status_area.show_message(describe_error(error), "error")
            return
        self.profile_saved.emit(profile.name)
        self.accept()

    def _edited_profile(self) -> Profile:
        values = {field: editor.text().strip() for field, editor in self.fields.items()}
        if not values["name"]:
            raise ProfileError("The profile needs a name; type one in the Name field.")
        _check_urls(values)
        base = next(
            (p for p in self._profiles() if p.name == self.chooser.currentText()), None
        )
        template = base or Profile("", "", "", "", "")
        return dataclasses.replace(
            template,
            **values,
            signature_method=SignatureMethod.parse(self.method.currentText()),
            placement=Placement.parse(self.placement.currentText()),
        )

    def _profiles(self):
        session = self.session
        current = session.profile.name
        profiles = []
        for name in session.names():
            session.select(name)
            profiles.append(session.profile)
        session.select(current)
        return profiles

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow("Profile", self.chooser)
        labels = {
            "name": "Name",
            "base_url": "Base URL",
            "request_token_url": "Request token URL",
            "authorize_url": "Authorize URL",
            "access_token_url": "Access token URL",
            "consumer_key": "Consumer key",
        }
        for field, label in labels.items():
            form.addRow(label, self.fields[field])
        form.addRow("Consumer secret", self.secret)
        form.addRow("Signature method", self.method)
        form.addRow("OAuth parameters in", self.placement)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_area)
        layout.addLayout(form)
        layout.addWidget(self.store_note)
        layout.addWidget(self.buttons)


URL_FIELDS = {
    "base_url": "Base URL",
    "request_token_url": "Request token URL",
    "authorize_url": "Authorize URL",
    "access_token_url": "Access token URL",
}


def _check_urls(values: dict[str, str]) -> None:
    """Raise ProfileError for a URL field that is neither empty, a path nor a URL."""
    for field, label in URL_FIELDS.items():
        text = values[field]
        if not text or (field != "base_url" and text.startswith("/")):
            continue
        if origin_key(text) is not None:
            continue
        example = "https://api.example.org"
        if field != "base_url":
            example += "/oauth/token, or a path on the base URL such as /oauth/token"
        raise ProfileError(
            f"The {label} {text!r} is not a valid URL; type a full URL such as "
            f"{example}."
        )


def _store_note(store) -> str:
    if getattr(store, "persistent", True):
        return "The consumer secret and tokens are stored in the OS keyring."
    return (
        "No OS keyring is available: the consumer secret and tokens last only "
        "until ka-explorer exits."
    )
