"""The request bar: profile, its state and the timeout above; method, URL, Send
and Cancel below."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ka_explorer.ui import colors
from ka_explorer.ui.eliding_label import ElidingLabel

METHODS = ("GET", "POST", "PUT", "DELETE")
DEFAULT_TIMEOUT_S = 30.0
MIN_TIMEOUT_S, MAX_TIMEOUT_S = 0.1, 600.0


class ProfileStateLabel(QWidget):
    """The profile's base URL, shortened with … when the row is narrow, and
    its sign-in state after it in a label that is never shortened.

    The base URL is shortened rather than the row widened, because the
    profile's full name and the timeout need the room more. The tooltip
    shows the whole text.
    """

    SEPARATOR = " · "

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base_label = ElidingLabel()
        self.base_label.setAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.state_label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.base_label, 0)
        layout.addWidget(self.state_label, 0)
        layout.addStretch(1)
        for label in (self.base_label, self.state_label):
            colors.set_colored_style(label, "color: {secondary};")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._full_text = ""

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if colors.palette_switched(self, event):
            colors.refresh_colored_styles(self, colors.is_dark(self))

    def full_text(self) -> str:
        """Return the base URL and state as given, without shortening."""
        return self._full_text

    def set_full_text(self, text: str) -> None:
        """Show `text`, "BASE_URL · STATE". A text without the separator is
        shown whole as the base URL."""
        self._full_text = text
        base, separator, state = text.rpartition(self.SEPARATOR)
        if not separator:
            base, state = text, ""
        self.base_label.set_full_text(base)
        self.state_label.setText(separator + state)
        for widget in (self, self.base_label, self.state_label):
            widget.setToolTip(text)


class RequestBar(QWidget):
    """Emits `send_requested` on Enter or Send, `cancel_requested` on Cancel."""

    send_requested = Signal()
    cancel_requested = Signal()
    url_edited = Signal(str)
    method_changed = Signal(str)
    profile_selected = Signal(str)
    edit_profiles_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile_box = QComboBox()
        self.profile_box.setObjectName("profileBox")
        self.profile_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents
        )
        self.profile_box.setToolTip("Profile: the server and keys that requests use")
        self.keys_button = QToolButton()
        self.keys_button.setText("Keys…")
        self.keys_button.setToolTip("Edit profiles, consumer keys and tokens")
        self.profile_state = ProfileStateLabel()
        self.profile_state.setObjectName("profileState")

        self.timeout_box = QDoubleSpinBox()
        self.timeout_box.setObjectName("timeoutBox")
        self.timeout_box.setRange(MIN_TIMEOUT_S, MAX_TIMEOUT_S)
        self.timeout_box.setDecimals(1)
        self.timeout_box.setPrefix("Timeout ")
        self.timeout_box.setSuffix(" s")
        self.timeout_box.setValue(DEFAULT_TIMEOUT_S)
        self.timeout_box.setToolTip(
            "Timeout: seconds to wait for the server to connect and to send "
            "each part of the response before the request fails"
        )

        self.method_box = QComboBox()
        self.method_box.addItems(METHODS)
        self.method_box.setObjectName("methodBox")
        self.url_box = UrlBox()
        self.url_box.setObjectName("urlBox")
        self.url_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.url_box.setMaxVisibleItems(20)
        self.url_box.lineEdit().setPlaceholderText(
            "Path like /api/v1/badges, or a full URL; Enter sends"
        )
        self.url_box.lineEdit().setClearButtonEnabled(True)

        self.send_button = QPushButton("Send")
        self.send_button.setDefault(True)
        self.send_button.setObjectName("sendButton")
        self.send_button.setToolTip("Send the request (Enter or Ctrl+Enter)")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the request in progress (Esc)")
        self.cancel_button.setEnabled(False)

        self._completion_model = QStringListModel(self)
        self._build_layout()
        self._build_completer()
        self._connect_children()

    def url_text(self) -> str:
        return self.url_box.currentText().strip()

    def method(self) -> str:
        return self.method_box.currentText()

    def timeout(self) -> float:
        """Return the request timeout in seconds."""
        return self.timeout_box.value()

    def set_timeout(self, seconds: float) -> None:
        self.timeout_box.setValue(seconds)

    def focus_timeout(self) -> None:
        """Put the cursor in the Timeout box with its value selected."""
        self.timeout_box.setFocus()
        self.timeout_box.selectAll()

    def set_url_text(self, text: str) -> None:
        """Show `text` in the URL bar without emitting `url_edited`."""
        line = self.url_box.lineEdit()
        if line.text() != text:
            line.blockSignals(True)
            line.setText(text)
            line.blockSignals(False)

    def set_method(self, method: str) -> None:
        self.method_box.blockSignals(True)
        self.method_box.setCurrentText(method)
        self.method_box.blockSignals(False)

    def set_profiles(self, names: list[str], current: str) -> None:
        self.profile_box.blockSignals(True)
        self.profile_box.clear()
        self.profile_box.addItems(names)
        if current in names:
            self.profile_box.setCurrentText(current)
        self.profile_box.setToolTip(
            f"Profile: {current} (the server and keys requests use)"
        )
        self.profile_box.blockSignals(False)

    def set_profile_state(self, text: str) -> None:
        """Show "BASE_URL · STATE" beside the selector, the state never shortened."""
        self.profile_state.set_full_text(text)

    def set_history(self, entries: list[str]) -> None:
        """Offer `entries` (newest first) in the URL drop-down."""
        text = self.url_box.currentText()
        self.url_box.blockSignals(True)
        self.url_box.clear()
        self.url_box.addItems(entries)
        self.url_box.setCurrentIndex(-1)
        self.url_box.lineEdit().setText(text)
        self.url_box.blockSignals(False)

    def set_completions(self, paths: list[str]) -> None:
        self._completion_model.setStringList(paths)

    def set_busy(self, busy: bool) -> None:
        self.send_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)

    def close_completions(self) -> None:
        """Hide the completion popup, for example once the request is sent."""
        self.url_box.completer().popup().hide()

    def _build_layout(self) -> None:
        # Two rows, so that the profile's full name and the URL both have room
        # beside an endpoint tree wide enough for the longest path.
        profile_row = QHBoxLayout()
        profile_row.setSpacing(6)
        profile_row.addWidget(self.profile_box)
        profile_row.addWidget(self.keys_button)
        profile_row.addSpacing(8)
        profile_row.addWidget(self.profile_state, 1)
        profile_row.addWidget(self.timeout_box)
        request_row = QHBoxLayout()
        request_row.setSpacing(6)
        request_row.addWidget(self.method_box)
        request_row.addWidget(self.url_box, 1)
        request_row.addWidget(self.send_button)
        request_row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        layout.addLayout(profile_row)
        layout.addLayout(request_row)

    def _build_completer(self) -> None:
        completer = QCompleter(self._completion_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.url_box.setCompleter(completer)
        completer.activated.connect(self.url_edited)
        completer.popup().installEventFilter(self)
        self.url_box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let Esc reach the completer while its list is open.

        The window's Esc action (Cancel) would take the key first, because
        the list's focus proxy is the URL box. So the first Esc closes the
        list, and the next one cancels as before.
        """
        if event.type() == QEvent.Type.ShortcutOverride and self._is_esc_for_list(
            event
        ):
            event.accept()
        return False

    def _is_esc_for_list(self, event: QEvent) -> bool:
        popup = self.url_box.completer().popup()
        return (
            isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and popup.isVisible()
        )

    def _connect_children(self) -> None:
        self.url_box.enter_pressed.connect(self.send_requested)
        self.url_box.lineEdit().textEdited.connect(self.url_edited)
        self.url_box.textActivated.connect(self.url_edited)
        self.send_button.clicked.connect(self.send_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.method_box.currentTextChanged.connect(self.method_changed)
        self.profile_box.textActivated.connect(self.profile_selected)
        self.keys_button.clicked.connect(self.edit_profiles_requested)


class UrlBox(QComboBox):
    """The editable URL box: history in its drop-down; Enter emits `enter_pressed`.

    The combo box, not its line edit, receives the user's keys (the line
    edit's focus proxy is the combo box), and it passes them on by calling
    the line edit's `event()`, which skips event filters. So Enter is caught
    here. Enter on a highlighted completion only takes the completion,
    because completions are path templates that may still need values.
    """

    enter_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not is_plain_enter(event):
            super().keyPressEvent(event)
            return
        popup = self.completer().popup() if self.completer() else None
        if popup is not None and popup.isVisible():
            if popup.currentIndex().isValid():
                # Ignored, so the completer puts the completion in the URL bar.
                event.ignore()
                return
            popup.hide()
        event.accept()
        self.enter_pressed.emit()


def is_plain_enter(event: QKeyEvent) -> bool:
    """True for Return or keypad Enter without Ctrl (Ctrl+Enter is an action)."""
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
        event.modifiers() & Qt.KeyboardModifier.ControlModifier
    )
