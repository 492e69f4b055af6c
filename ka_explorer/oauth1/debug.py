"""What a signature was computed from, as plain data that renders as text."""

from __future__ import annotations

import dataclasses

from ka_explorer.oauth1.encoding import percent_encode


@dataclasses.dataclass(frozen=True)
class SignedParameter:
    """One parameter of the signature: decoded name and value, and its source.

    `source` is "query", "body" or "oauth" (a protocol parameter).
    """

    name: str
    value: str
    source: str


@dataclasses.dataclass(frozen=True)
class SignatureDebug:
    """The inputs and output of one signature, with secrets masked.

    `signing_key` shows the HMAC or PLAINTEXT key with each secret replaced
    by its length, or a description of the RSA key. `signature` is masked
    for PLAINTEXT, where the signature is the secrets themselves.
    `secrets_need_encoding` is True when percent-encoding changes the
    consumer secret or the token secret.
    """

    http_method: str
    base_string_uri: str
    parameters: tuple[SignedParameter, ...]
    normalized_parameters: str
    base_string: str
    signing_key: str
    signature_method: str
    signature: str
    placement: str
    notes: tuple[str, ...] = ()
    secrets_need_encoding: bool = False

    def format(self) -> str:
        """Render the debug data as text for a terminal or a text pane."""
        lines = [
            f"Signature method: {self.signature_method}",
            f"Placement: {self.placement}",
            f"Method: {self.http_method}",
            f"Base string URI: {self.base_string_uri}",
            "Parameters (decoded, in signing order):",
        ]
        lines += [_format_parameter(p) for p in self._sorted_parameters()]
        lines += [
            f"Normalized parameters: {self.normalized_parameters}",
            f"Signature base string: {self.base_string}",
            f"Signing key: {self.signing_key}",
            f"Signature: {self.signature}",
        ]
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines)

    def _sorted_parameters(self) -> list[SignedParameter]:
        return sorted(
            self.parameters,
            key=lambda p: (percent_encode(p.name), percent_encode(p.value)),
        )


def _format_parameter(parameter: SignedParameter) -> str:
    return f"  {parameter.name} = {parameter.value!r}  [{parameter.source}]"
