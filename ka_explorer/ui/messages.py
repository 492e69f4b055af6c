"""One place that turns exceptions into messages, and the one modal-dialog helper."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ka_explorer.errors import KaExplorerError

log = logging.getLogger(__name__)


def describe_error(error: BaseException) -> str:
    """Return the one-line message that the window shows for `error`.

    A KaExplorerError already says what failed and what to do; other
    exceptions are programming errors or OS failures and get a generic
    sentence, while the traceback goes to the log.
    """
    if isinstance(error, KaExplorerError):
        return str(error)
    if isinstance(error, OSError):
        target = error.filename or "the file"
        reason = error.strerror or str(error)
        return f"Could not access {target}: {reason}. Check the path and permissions."
    log.error("Unexpected error", exc_info=error)
    return (
        f"Unexpected error: {type(error).__name__}: {error}. "
        "Start ka-explorer with --debug and report the log."
    )


@dataclass(frozen=True)
class ShownDialog:
    """A dialog that was requested while dialogs were switched off."""

    kind: str
    title: str
    text: str


class Dialogs:
    """Modal dialogs; tests call `Dialogs.switch_off()` and read `Dialogs.shown`.

    Request errors never come here: they go to the status area. Dialogs are
    for questions the user must answer and for failures outside a request.
    """

    enabled = True
    shown: list[ShownDialog] = []
    answer_yes = True

    @classmethod
    def switch_off(cls, answer_yes: bool = True) -> None:
        cls.enabled = False
        cls.shown = []
        cls.answer_yes = answer_yes

    @classmethod
    def switch_on(cls) -> None:
        cls.enabled = True
        cls.shown = []

    @classmethod
    def inform(cls, parent: QWidget | None, title: str, text: str) -> None:
        if not cls.enabled:
            cls.shown.append(ShownDialog("inform", title, text))
            return
        QMessageBox.information(parent, title, text)

    @classmethod
    def show_text(cls, parent: QWidget | None, title: str, text: str) -> None:
        """Show `text` in a read-only box that wraps it, also inside long URLs."""
        if not cls.enabled:
            cls.shown.append(ShownDialog("text", title, text))
            return
        text_dialog(parent, title, text).exec()

    @classmethod
    def warn(cls, parent: QWidget | None, title: str, text: str) -> None:
        if not cls.enabled:
            cls.shown.append(ShownDialog("warn", title, text))
            return
        QMessageBox.warning(parent, title, text)

    @classmethod
    def confirm(cls, parent: QWidget | None, title: str, text: str) -> bool:
        if not cls.enabled:
            cls.shown.append(ShownDialog("confirm", title, text))
            return cls.answer_yes
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(parent, title, text, buttons)
        return answer == QMessageBox.StandardButton.Yes

    save_path: str | None = None

    @classmethod
    def choose_save_path(cls, parent: QWidget | None, title: str, name: str) -> str:
        """Ask where to save a file; return "" when the user cancels."""
        if not cls.enabled:
            cls.shown.append(ShownDialog("save", title, name))
            return cls.save_path or ""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(parent, title, name)
        return path


def text_dialog(parent: QWidget | None, title: str, text: str) -> QDialog:
    """Build a dialog that shows `text` in a read-only, scrolling text box.

    The box wraps at word boundaries and, for a word longer than a line
    such as a URL, anywhere inside it, so no line runs past the right edge.
    """
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    box = QPlainTextEdit(dialog)
    box.setObjectName("messageText")
    box.setReadOnly(True)
    box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    box.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    box.setPlainText(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(box)
    layout.addWidget(buttons)
    dialog.resize(560, 320)
    return dialog
