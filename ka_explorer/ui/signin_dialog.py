"""The sign-in browser: the provider's pages in an isolated, off-the-record profile.

Importing this module loads QtWebEngine, so only `signin.py` imports it, when
a sign-in starts. Call `webengine_env.prepare_chromium_flags()` first.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWebEngineCore import (
    QWebEngineLoadingInfo,
    QWebEnginePage,
    QWebEngineProfile,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ka_explorer.oauth1.callbacks import Callback
from ka_explorer.ui import colors
from ka_explorer.ui.status_area import StatusArea

log = logging.getLogger(__name__)

PROFILE_NAME = "signInProfile"
PIN_SCRIPT = (
    "(function(){var e=document.getElementById('oauth-verifier');"
    "return e ? e.textContent.trim() : '';})()"
)
# The text of the page's error message: an ARIA alert, or an element of
# class "error", as the replica's and many providers' login pages mark it.
ALERT_SCRIPT = (
    "(function(){var e=document.querySelector('[role=alert], .error');"
    "return e ? e.textContent.trim() : '';})()"
)


def origin_of(url: str) -> str:
    """Return "scheme://host:port" of `url` in lower case, or "" if it is invalid."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def sign_in_profile() -> QWebEngineProfile:
    """Return the off-the-record profile for sign-in, emptied of cookies.

    The application owns it, so it outlives every page that uses it: Qt warns
    when a profile goes before its pages. Emptying it at each sign-in keeps
    one sign-in's session out of the next.
    """
    app = QCoreApplication.instance()
    profile = app.findChild(QWebEngineProfile, PROFILE_NAME)
    if profile is None:
        profile = QWebEngineProfile(app)  # no storage name: off the record
        profile.setObjectName(PROFILE_NAME)
    profile.cookieStore().deleteAllCookies()
    return profile


class GuardedPage(QWebEnginePage):
    """A page that stops at the callback and stays on the provider's origin.

    A navigation reaches the callback when its scheme, host, port and path
    are the callback's; the provider adds its fields to the query.
    """

    callback_reached = Signal(str)
    navigation_blocked = Signal(str)
    navigation_accepted = Signal()

    def __init__(self, profile, provider_origin: str, callback: str, parent=None):
        super().__init__(profile, parent)
        self.provider_origin = provider_origin
        self.callback = callback
        self._callback = Callback("url", callback) if callback else None

    def acceptNavigationRequest(self, url: QUrl, kind, is_main_frame: bool) -> bool:
        text = url.toString()
        if self._callback is not None and self._callback.is_reached_by(text):
            self.callback_reached.emit(text)
            return False
        if url.scheme() in ("about", "data") or origin_of(text) == self.provider_origin:
            if is_main_frame:
                self.navigation_accepted.emit()
            return True
        self.navigation_blocked.emit(text)
        return False


class SignInDialog(QDialog):
    """Shows the authorize page; emits `callback_reached(url)` or `pin_entered(pin)`.

    The banner above the page shows what the page itself does not: load
    failures, blocked links, an HTTP error page without its own message, and
    the flow's errors. An error message that the page shows (its alert) is
    not repeated there; `page_alert` keeps its text, and `page_alert_read`
    fires with it.
    """

    callback_reached = Signal(str)
    pin_entered = Signal(str)
    page_loaded = Signal(bool)
    page_alert_read = Signal(str)

    def __init__(
        self, authorize_url: str, callback: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle("Sign in")
        self.resize(760, 720)
        self.authorize_url = authorize_url
        self.profile = sign_in_profile()
        self.page = GuardedPage(self.profile, origin_of(authorize_url), callback, self)
        self.view = QWebEngineView(self)
        self.view.setPage(self.page)
        self.address = QLabel(origin_of(authorize_url))
        colors.set_colored_style(self.address, "color: {secondary}; padding: 2px 4px;")
        self.status_area = StatusArea()
        self.pin_box = QLineEdit()
        self.pin_box.setObjectName("pinBox")
        self.pin_box.setPlaceholderText("PIN or verifier, if the provider shows one")
        self.pin_button = QPushButton("Use PIN")
        self.cancel_button = QPushButton("Cancel")
        self.page_alert = ""
        self._finished = False
        self._page_problem_shown = False
        self._clear_problem_on_load = False
        # The page, not the dialog, has the focus while the user reads it, and
        # QtWebEngine keeps Esc from the dialog's own key handling.
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self._escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self._build_layout()
        self._connect_children()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if colors.palette_switched(self, event):
            colors.refresh_colored_styles(self, colors.is_dark(self))

    def start(self) -> None:
        """Load the authorize page; the page gets the focus, so that its
        `autofocus` field takes the keys."""
        self.view.load(QUrl(self.authorize_url))
        self.view.setFocus()

    def on_exchanging(self) -> None:
        """Show that the verifier is being traded for a token."""
        self._finished = True
        self._page_problem_shown = self._clear_problem_on_load = False
        self.status_area.show_message("Approved; getting the access token…", "info")
        self.pin_button.setEnabled(False)

    def on_failed(self, message: str) -> None:
        self._finished = False
        self._page_problem_shown = self._clear_problem_on_load = False
        self.pin_button.setEnabled(True)
        self.status_area.show_message(message, "error")

    def _build_layout(self) -> None:
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin_box, 1)
        pin_row.addWidget(self.pin_button)
        pin_row.addStretch(0)
        pin_row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.address)
        layout.addWidget(self.status_area)
        layout.addWidget(self.view, 1)
        layout.addLayout(pin_row)

    def _connect_children(self) -> None:
        self.page.callback_reached.connect(self._on_page_callback_reached)
        self.page.navigation_blocked.connect(self._on_page_navigation_blocked)
        self.page.navigation_accepted.connect(self._on_page_navigation_accepted)
        self.page.loadingChanged.connect(self._on_page_loading_changed)
        self.page.urlChanged.connect(lambda url: self.address.setText(url.toString()))
        self.pin_button.clicked.connect(self._on_pin_button_clicked)
        self.pin_box.returnPressed.connect(self._on_pin_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self._escape.activated.connect(self.reject)

    def _on_page_callback_reached(self, url: str) -> None:
        if not self._finished:
            self.callback_reached.emit(url)

    def _on_page_navigation_blocked(self, url: str) -> None:
        self._show_page_problem(
            f"Blocked a link to {origin_of(url)}: sign-in stays on "
            f"{self.page.provider_origin}. Finish or cancel the sign-in first.",
            "warning",
        )

    def _on_page_navigation_accepted(self) -> None:
        # The page on display caused the problem; the next one that loads
        # fine replaces it, so its message goes then.
        self._clear_problem_on_load = self._page_problem_shown

    def _on_page_loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        status = info.status()
        if status == QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus:
            self._show_load_error(info)
            self.page_loaded.emit(False)
        elif status == QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus:
            self.page_alert = ""
            if self._clear_problem_on_load:
                self._page_problem_shown = self._clear_problem_on_load = False
                self.status_area.clear_message()
            self.page.runJavaScript(PIN_SCRIPT, 0, self._on_pin_script_result)
            self.page_loaded.emit(True)

    def _show_load_error(self, info: QWebEngineLoadingInfo) -> None:
        if info.errorDomain() == QWebEngineLoadingInfo.ErrorDomain.HttpStatusCodeDomain:
            code = info.errorCode()
            self.page.runJavaScript(
                ALERT_SCRIPT, 0, lambda alert: self._on_alert_read(code, alert)
            )
            return
        if info.errorDomain() == QWebEngineLoadingInfo.ErrorDomain.NoErrorDomain:
            return  # a navigation this dialog stopped on purpose
        self._show_page_problem(
            f"Could not load {info.url().toString()}: {info.errorString()}. "
            "Check that the server is running, then sign in again.",
            "error",
        )

    def _on_alert_read(self, code: int, alert) -> None:
        """Keep the page's own error message, or else show the page's first line.

        The page shows its alert itself, so the banner stays as it is: a
        problem of the previous page goes now that this page has loaded.
        """
        if isinstance(alert, str) and alert.strip():
            self.page_alert = " ".join(alert.split())[:300]
            if self._clear_problem_on_load:
                self._page_problem_shown = self._clear_problem_on_load = False
                self.status_area.clear_message()
            self.page_alert_read.emit(self.page_alert)
            return
        self.page_alert = ""
        self.page.toPlainText(lambda text: self._show_provider_error(code, text))

    def _show_provider_error(self, code: int, text: str) -> None:
        line = next((part.strip() for part in text.splitlines() if part.strip()), "")
        self._show_page_problem(
            f"The provider answered HTTP {code}: {line[:300] or 'no message'}. "
            "Cancel and check the profile's keys, or sign in again.",
            "error",
        )

    def _show_page_problem(self, message: str, level: str) -> None:
        """Show a problem of the page on display; the next page that loads clears it."""
        self._page_problem_shown = True
        self._clear_problem_on_load = False
        self.status_area.show_message(message, level)

    def _on_pin_script_result(self, pin) -> None:
        if isinstance(pin, str) and pin and not self._finished:
            self.pin_box.setText(pin)
            self.pin_entered.emit(pin)

    def _on_pin_button_clicked(self) -> None:
        pin = self.pin_box.text().strip()
        if not pin:
            self.status_area.show_message(
                "Type the PIN that the provider shows.", "warning"
            )
            return
        self.pin_entered.emit(pin)
