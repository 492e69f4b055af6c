"""The Request tab: what was sent, and how it was signed.

It shows the request line, the request headers and form body, then
`SignatureDebug.format()`, the text that `ka-explorer get --explain` prints.
For a 401 to a signed request it adds `diagnose_401(...).format()`, the
comparison with the base string that the server expected.

One rule holds for the whole tab: the access token, the signature and the
other values of `SECRET_PARAMETERS` are masked wherever they appear (header,
URL, form, parameter list, normalized parameters, base strings), unless the
"Show token and signature" box is checked. The server's own text and the
base string it expected are the exception: they show as the server sent
them, and a note states it.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QVBoxLayout, QWidget

# For a request whose reason is not known, such as one restored from
# History after a restart.
NOT_SIGNED = (
    "Not signed: the profile has no consumer key, or the request went to "
    "another server than the profile's."
)


SERVER_TEXT_NOTE = (
    "Note: the server's text and the base string it expected are shown as the "
    "server sent them, so they may contain the access token."
)


def request_text(exchange, show_secrets: bool = False,
                 not_signed_reason: str = "") -> str:
    """Return the Request tab's text for `exchange`.

    The token and signature are masked unless `show_secrets` is True. An
    unsigned request shows `not_signed_reason`, or NOT_SIGNED without one.
    """
    request = exchange.request
    if request is None:
        reason = exchange.error.message if exchange.error is not None else ""
        return f"The request was not sent. {reason}".strip()
    if show_secrets and exchange.sent is not None:
        request = exchange.sent
    sections = [
        f"{request.method} {request.url}",
        _headers_section(request.headers),
        _body_section(request),
        _signature_section(exchange, show_secrets, not_signed_reason),
        _unauthorized_section(exchange, show_secrets),
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


def _signature_section(exchange, show_secrets: bool, not_signed_reason: str) -> str:
    if exchange.signature is None:
        return not_signed_reason or NOT_SIGNED
    debug = exchange.signature if show_secrets else masked_debug(exchange.signature)
    return "Signature:\n" + debug.format()


def masked_debug(debug):
    """Return a copy of a SignatureDebug with the token and signature masked."""
    # Imported here: the window's first frame loads neither the HTTP layer
    # nor the OAuth layer.
    from ka_explorer.http.masking import MASK, SECRET_PARAMETERS, mask_form, mask_text

    parameters = tuple(
        dataclasses.replace(parameter, value=MASK)
        if parameter.name in SECRET_PARAMETERS else parameter
        for parameter in debug.parameters
    )
    return dataclasses.replace(
        debug,
        parameters=parameters,
        normalized_parameters=mask_form(debug.normalized_parameters),
        base_string=mask_text(debug.base_string),
        signature=MASK,
    )


def _unauthorized_section(exchange, show_secrets: bool) -> str:
    if exchange.status != 401 or exchange.signature is None:
        return ""
    from ka_explorer.oauth1 import diagnose_401

    # The comparison runs on the real base string, so that a difference
    # inside the token still counts.
    diagnosis = diagnose_401(exchange.signature, exchange.body_text())
    if not show_secrets:
        signed = _blank_secrets(diagnosis.signed_base_string, exchange.signature)
        diagnosis = dataclasses.replace(diagnosis, signed_base_string=signed)
    lines = ["401 check of the signature:", diagnosis.format()]
    if not show_secrets:
        lines.append(SERVER_TEXT_NOTE)
    return "\n".join(lines)


def _blank_secrets(base_string: str, debug) -> str:
    """Replace each secret parameter's value in `base_string` by as many "*".

    The length stays the same, so that the first difference with the
    expected base string keeps its character position.
    """
    from ka_explorer.http.masking import SECRET_PARAMETERS
    from ka_explorer.oauth1.encoding import percent_encode

    for parameter in debug.parameters:
        if parameter.name not in SECRET_PARAMETERS or not parameter.value:
            continue
        # The base string percent-encodes each value twice: once in the
        # normalized parameters, and again as part of the whole string.
        encoded = percent_encode(percent_encode(parameter.value))
        pair = f"{parameter.name}%3D{encoded}"
        blanked = f"{parameter.name}%3D{'*' * len(encoded)}"
        base_string = base_string.replace(pair, blanked)
    return base_string


class RequestTab(QWidget):
    """A read-only text view of the request that produced the shown response."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_secrets_box = QCheckBox("Show token and signature")
        self.show_secrets_box.setObjectName("requestShowSecrets")
        self.show_secrets_box.setToolTip(
            "Show the access token and the signature in clear in this tab. "
            "The token secret and the consumer secret stay masked.")
        self.show_secrets_box.toggled.connect(self._render)
        self._exchange = None
        self._not_signed_reason = ""
        self.view = QPlainTextEdit()
        self.view.setObjectName("requestText")
        self.view.setReadOnly(True)
        self.view.setUndoRedoEnabled(False)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setPlaceholderText("Send a request to see what was sent.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.show_secrets_box)
        layout.addWidget(self.view)

    def show_exchange(self, exchange, not_signed_reason: str = "") -> None:
        self._exchange = exchange
        self._not_signed_reason = not_signed_reason
        self._render()

    def text(self) -> str:
        return self.view.toPlainText()

    def clear(self) -> None:
        self._exchange = None
        self.view.setPlainText("")

    def _render(self) -> None:
        if self._exchange is None:
            return
        text = request_text(self._exchange, self.show_secrets_box.isChecked(),
                            self._not_signed_reason)
        self.view.setPlainText(text)
