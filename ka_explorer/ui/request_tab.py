"""The Request tab: what was sent, and how it was signed.

It shows the request line, and the request headers and form body with the
token and signature masked. Below them comes `SignatureDebug.format()`, the
text that `ka-explorer get --explain` prints. For a 401 to a signed request
it adds `diagnose_401(...).format()`, the comparison with the base string
that the server expected.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

NOT_SIGNED = (
    "Not signed: the profile has no consumer key, or the request went to "
    "another server than the profile's."
)


def request_text(exchange) -> str:
    """Return the Request tab's text for `exchange`, secrets masked."""
    request = exchange.request
    if request is None:
        reason = exchange.error.message if exchange.error is not None else ""
        return f"The request was not sent. {reason}".strip()
    sections = [
        f"{request.method} {request.url}",
        _headers_section(request.headers),
        _body_section(request),
        _signature_section(exchange),
        _unauthorized_section(exchange),
    ]
    return "\n\n".join(section for section in sections if section)


def _headers_section(headers) -> str:
    lines = [f"  {name}: {value}" for name, value in headers]
    return "\n".join(["Request headers:", *lines] if lines else ["No request headers."])


def _body_section(request) -> str:
    if not request.body:
        return ""
    content_type = (request.header("Content-Type") or "").lower()
    if "application/x-www-form-urlencoded" in content_type:
        from urllib.parse import parse_qsl

        text = request.body.decode("utf-8", "replace")
        fields = parse_qsl(text, keep_blank_values=True)
        lines = [f"  {name} = {value!r}" for name, value in fields]
        return "\n".join(["Form body (decoded):", *lines])
    return f"Body: {len(request.body):,} bytes ({content_type or 'no Content-Type'})."


def _signature_section(exchange) -> str:
    if exchange.signature is None:
        return NOT_SIGNED
    return "Signature:\n" + exchange.signature.format()


def _unauthorized_section(exchange) -> str:
    if exchange.status != 401 or exchange.signature is None:
        return ""
    # Imported here: the window's first frame does not load the OAuth layer.
    from ka_explorer.oauth1 import diagnose_401

    diagnosis = diagnose_401(exchange.signature, exchange.body_text())
    return "401 check of the signature:\n" + diagnosis.format()


class RequestTab(QWidget):
    """A read-only text view of the request that produced the shown response."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QPlainTextEdit()
        self.view.setObjectName("requestText")
        self.view.setReadOnly(True)
        self.view.setUndoRedoEnabled(False)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setPlaceholderText("Send a request to see what was sent.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view)

    def show_exchange(self, exchange) -> None:
        self.view.setPlainText(request_text(exchange))

    def text(self) -> str:
        return self.view.toPlainText()

    def clear(self) -> None:
        self.view.setPlainText("")
