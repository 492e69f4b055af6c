"""The profile dialog: server, auth URLs, keys, callback, realm and RSA key.

Secrets (the consumer secret and the RSA key's passphrase) go to the
session's secret store, never to the profiles file.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ka_explorer.oauth1 import Placement, ProfileError, SignatureMethod
from ka_explorer.oauth1.callbacks import LOOPBACK, OOB, Callback
from ka_explorer.oauth1.profiles import Profile, bundled_profiles
from ka_explorer.oauth1.tokens import consumer_secret
from ka_explorer.oauth1.user_profiles import check_rsa_key_file
from ka_explorer.ui import colors
from ka_explorer.ui.messages import Dialogs, describe_error
from ka_explorer.ui.origins import origin_key
from ka_explorer.ui.status_area import StatusArea

NEW_PROFILE = "New profile…"
STORED_PLACEHOLDER = "stored (leave empty to keep it)"
NOT_SET_PLACEHOLDER = "not set"
REALM_PLACEMENT_NOTE = (
    "RFC 5849 defines realm only for the Authorization header, so with the OAuth "
    "parameters in the query or the body the realm is not sent."
)
# The signature methods the replica's OAuth provider accepts, as Khan's did.
# A unit test checks that this matches the list of the replica's validator.
REPLICA_SIGNATURE_METHODS = ("HMAC-SHA1", "PLAINTEXT")
REGISTERED_URL = "url"
CALLBACK_CHOICES = (
    (LOOPBACK, "Loopback: the sign-in browser catches the redirect"),
    (OOB, "oob: the provider shows a PIN to enter"),
    (REGISTERED_URL, "Registered URL: the sign-in browser catches it"),
)


class CallbackEditor(QWidget):
    """The callback setting: loopback, oob, or the URL registered with the provider."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = QComboBox()
        for value, label in CALLBACK_CHOICES:
            self.choice.addItem(label, value)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://app.example.org/oauth/callback")
        _fit_placeholder(self.url)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice)
        layout.addWidget(self.url, 1)
        self.choice.currentIndexChanged.connect(self._on_choice_changed)
        self._on_choice_changed()

    def set_setting(self, setting: Callback) -> None:
        self.choice.setCurrentIndex(self.choice.findData(setting.kind))
        self.url.setText(setting.url)

    def text(self) -> str:
        """Return the setting as a profile stores it; raise ProfileError if invalid."""
        kind = self.choice.currentData()
        if kind != REGISTERED_URL:
            return kind
        url = self.url.text().strip()
        if not url:
            raise ProfileError(
                "The callback is set to a registered URL, but the URL is empty; "
                "type the callback URL registered with the provider, or pick "
                "loopback or oob."
            )
        return Callback.parse(url).text

    def _on_choice_changed(self) -> None:
        self.url.setEnabled(self.choice.currentData() == REGISTERED_URL)


class ProfileDialog(QDialog):
    """Edits, adds and deletes profiles.

    `profile_saved(name)` fires after Save and after Delete, with `name` the
    session's current profile from then on, so that the window shows it.
    """

    profile_saved = Signal(str)

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Profiles and keys")
        self.setMinimumWidth(620)
        self.session = session
        self.chooser = QComboBox()
        self.fields = {
            name: QLineEdit()
            for name in (
                "name",
                "base_url",
                "request_token_url",
                "authorize_url",
                "access_token_url",
                "consumer_key",
                "realm",
            )
        }
        self.fields["realm"].setPlaceholderText("none (no realm parameter)")
        self.secret = _password_box()
        self.method = QComboBox()
        self.method.addItems([m.value for m in SignatureMethod])
        self.placement = QComboBox()
        self.placement.addItems([p.value for p in Placement])
        self.callback = CallbackEditor()
        self.key_file = QLineEdit()
        self.key_file.setPlaceholderText("PEM file, for RSA-SHA1 and RSA-SHA256")
        self.browse_button = QPushButton("Browse…")
        self.key_file_dialog: QFileDialog | None = None
        self.passphrase = _password_box()
        self.realm_note = QLabel(REALM_PLACEMENT_NOTE)
        self.realm_note.setObjectName("realmNote")
        self.realm_note.setWordWrap(True)
        colors.set_colored_style(self.realm_note, "color: {note};")
        self.method_note = QLabel()
        self.method_note.setObjectName("signatureMethodNote")
        self.method_note.setWordWrap(True)
        colors.set_colored_style(self.method_note, "color: {note};")
        self.status_area = StatusArea()
        self.store_note = QLabel(_store_note(session.store))
        self.store_note.setWordWrap(True)
        colors.set_colored_style(self.store_note, "color: {secondary};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.delete_button = self.buttons.addButton(
            "Delete profile…", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self._shown_key_file = ""
        self._build_layout()
        self._connect_children()
        self._fill_chooser(session.profile.name)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if colors.palette_switched(self, event):
            colors.refresh_colored_styles(self, colors.is_dark(self))
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_height()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit_height()

    def _fit_height(self) -> None:
        """Give each note the height of its lines and grow the dialog to fit.

        QFormLayout (PySide6 6.10.3) sizes a row from its label's size
        hint, the text wrapped at a width Qt picks, and Qt sizes a window from
        its layout's minimum size. So a note that appeared or wrapped to
        more lines was clipped top and bottom, or centered in spare space.
        """
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        for note in (self.method_note, self.realm_note):
            if not note.isHidden():
                note.setFixedHeight(note.heightForWidth(note.width()))
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed <= 0:
            needed = layout.totalMinimumSize().height()
        self.setMinimumHeight(needed)
        if self.height() < needed:
            self.resize(self.width(), needed)

    def on_chooser_changed(self, name: str) -> None:
        profile = self._profile_named(name) or Profile(
            "", "", "/oauth/request_token", "/oauth/authorize", "/oauth/access_token"
        )
        for field, editor in self.fields.items():
            editor.setText(str(getattr(profile, field) or ""))
        self.fields["base_url"].setReadOnly(profile.base_url_from_replica)
        self.method.setCurrentText(profile.signature_method.value)
        self.placement.setCurrentText(profile.placement.value)
        self.callback.set_setting(profile.callback_setting)
        self._shown_key_file = profile.rsa_key_path or ""
        self.key_file.setText(self._shown_key_file)
        self.secret.clear()
        self.passphrase.clear()
        self._show_stored_secrets(self._profile_named(name))
        self._on_realm_or_placement_changed()
        self._on_method_changed()
        self.delete_button.setEnabled(name != NEW_PROFILE)

    def _show_stored_secrets(self, profile: Profile | None) -> None:
        """Say in each secret box whether a secret is stored, so that an empty
        box reads as "keep it" only when there is one to keep."""
        store = self.session.store
        has_secret = profile is not None and bool(consumer_secret(profile, store))
        has_passphrase = profile is not None and bool(
            store.get(profile.name, "rsa_key_passphrase"))
        for box, stored in ((self.secret, has_secret),
                            (self.passphrase, has_passphrase)):
            placeholder = STORED_PLACEHOLDER if stored else NOT_SET_PLACEHOLDER
            box.setPlaceholderText(placeholder)

    def _on_realm_or_placement_changed(self) -> None:
        realm = self.fields["realm"].text().strip()
        in_header = self.placement.currentText() == Placement.HEADER.value
        self.realm_note.setVisible(bool(realm) and not in_header)
        self._fit_height()

    def _on_method_changed(self) -> None:
        """Note, without blocking Save, a method the replica rejects with 401."""
        profile = self._profile_named(self.chooser.currentText())
        method = self.method.currentText()
        rejected = (
            profile is not None
            and profile.base_url_from_replica
            and method not in REPLICA_SIGNATURE_METHODS
        )
        accepted = " and ".join(REPLICA_SIGNATURE_METHODS)
        self.method_note.setText(
            f"The local replica accepts only {accepted}, as Khan Academy did, "
            f"so it will reject requests signed with {method} (HTTP 401)."
        )
        self.method_note.setVisible(rejected)
        self._fit_height()

    def on_save_clicked(self) -> None:
        try:
            profile = self._edited_profile()
            passphrase = self._checked_passphrase(profile)
            secret = self.secret.text() or None
            self.session.save_profile(profile, secret, passphrase)
        except Exception as error:  # noqa: BLE001 - shown in the dialog
            self.status_area.show_message(describe_error(error), "error")
            return
        self.profile_saved.emit(profile.name)
        self.accept()

    def on_delete_clicked(self) -> None:
        name = self.chooser.currentText()
        if self._is_shipped_only(name):
            self.status_area.show_message(
                f"Profile {name!r} comes with KA Explorer, so it cannot be "
                "deleted. Sign out (Request > Sign out) removes its token.",
                "warning",
            )
            return
        question = (
            f"Delete profile {name!r} and every secret stored for it (consumer "
            "secret, token, key passphrase)?"
        )
        if not Dialogs.confirm(self, "Delete profile", question):
            return
        try:
            restored = self.session.delete_profile(name)
        except Exception as error:  # noqa: BLE001 - shown in the dialog
            self.status_area.show_message(describe_error(error), "error")
            return
        self._after_delete(name, restored)

    def on_browse_clicked(self) -> None:
        """Open a file picker for the RSA private key; its choice fills the field."""
        picker = QFileDialog(self, "RSA private key (PEM)")
        picker.setFileMode(QFileDialog.FileMode.ExistingFile)
        picker.setNameFilters(["PEM files (*.pem *.key)", "All files (*)"])
        picker.fileSelected.connect(self.key_file.setText)
        self.key_file_dialog = picker
        picker.open()

    def _after_delete(self, name: str, restored: Profile | None) -> None:
        current = self.session.profile.name
        self._fill_chooser(current)
        if restored is not None:
            text = f"Deleted the saved changes of {name!r} and its secrets; the "
            text += "profile that comes with KA Explorer applies again."
        else:
            text = f"Deleted profile {name!r} and its secrets."
        self.status_area.show_message(text, "info")
        self.profile_saved.emit(current)

    def _is_shipped_only(self, name: str) -> bool:
        """Return True for a shipped profile that has no saved copy."""
        shipped = {profile.name for profile in bundled_profiles()}
        return name in shipped and name not in self.session.saved_names()

    def _edited_profile(self) -> Profile:
        values = {field: editor.text().strip() for field, editor in self.fields.items()}
        if not values["name"]:
            raise ProfileError("The profile needs a name; type one in the Name field.")
        _check_urls(values)
        template = self._profile_named(self.chooser.currentText())
        return dataclasses.replace(
            template or Profile("", "", "", "", ""),
            **{**values, "realm": values["realm"] or None},
            signature_method=SignatureMethod.parse(self.method.currentText()),
            placement=Placement.parse(self.placement.currentText()),
            callback=self.callback.text(),
            rsa_key_path=self.key_file.text().strip() or None,
        )

    def _checked_passphrase(self, profile: Profile) -> str | None:
        """Return the passphrase to store ("" removes it, None keeps it).

        An RSA profile's key file is read and decrypted here, so that a bad
        file or a wrong passphrase fails at Save with the oauth1 layer's
        message. A passphrase left empty keeps the stored one while the
        key file stays the same.
        """
        typed = self.passphrase.text()
        same_file = profile.rsa_key_path == (self._shown_key_file or None)
        keep = not typed and same_file
        if not profile.signature_method.is_rsa:
            return None if keep else typed
        if not profile.rsa_key_path:
            raise ProfileError(
                f"{profile.signature_method.value} needs an RSA private key; "
                "choose its PEM file with Browse…."
            )
        old_name = self.chooser.currentText()
        stored = self.session.store.get(old_name, "rsa_key_passphrase") if keep else ""
        check_rsa_key_file(profile.rsa_key_path, typed or stored or None)
        if keep and old_name == profile.name:
            return None
        return typed or stored or ""

    def _profile_named(self, name: str) -> Profile | None:
        return self.session.profile_named(name)

    def _fill_chooser(self, current: str) -> None:
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.chooser.addItems([*self.session.names(), NEW_PROFILE])
        self.chooser.setCurrentText(current)
        self.chooser.blockSignals(False)
        self.on_chooser_changed(current)

    def _connect_children(self) -> None:
        self.chooser.currentTextChanged.connect(self.on_chooser_changed)
        self.buttons.accepted.connect(self.on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self.on_delete_clicked)
        self.browse_button.clicked.connect(self.on_browse_clicked)
        self.fields["realm"].textChanged.connect(self._on_realm_or_placement_changed)
        self.placement.currentTextChanged.connect(self._on_realm_or_placement_changed)
        self.method.currentTextChanged.connect(self._on_method_changed)

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
        form.addRow("", self.method_note)
        form.addRow("OAuth parameters in", self.placement)
        form.addRow("Realm", self.fields["realm"])
        form.addRow("", self.realm_note)
        form.addRow("Callback", self.callback)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_file, 1)
        key_row.addWidget(self.browse_button)
        form.addRow("RSA private key", key_row)
        form.addRow("Key passphrase", self.passphrase)
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


def _password_box() -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setPlaceholderText(NOT_SET_PLACEHOLDER)
    return box


def _fit_placeholder(box: QLineEdit) -> None:
    """Make `box` at least wide enough to show its placeholder uncut."""
    text_width = box.fontMetrics().horizontalAdvance(box.placeholderText())
    margins = box.textMargins()
    # The frame and the text's inner margin take a few pixels on each side.
    box.setMinimumWidth(text_width + margins.left() + margins.right() + 16)


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
        return (
            "The consumer secret, the key passphrase and tokens are stored in "
            "the OS keyring."
        )
    return (
        "No OS keyring is available: the consumer secret, the key passphrase "
        "and tokens last only until ka-explorer exits."
    )
