"""Compare what was signed with the base string a server reports it expected.

Khan Academy answered a bad signature with `401 OAuth error. Invalid
signature. Expected signature base string: ...`; Flickr and Yahoo send
`oauth_problem=signature_invalid&debug_sbs=...`. `diagnose_401` finds that
base string, points at the first difference and names the likely cause.
"""

from __future__ import annotations

import dataclasses
import re
import urllib.parse
from collections import Counter

from ka_explorer.oauth1.debug import SignatureDebug
from ka_explorer.oauth1.encoding import percent_decode
from ka_explorer.oauth1.errors import one_line
from ka_explorer.oauth1.server_text import (
    Cause,
    cause_from_keywords,
    plaintext_encoding,
    rejected_method,
)

_EXPECTED_PATTERNS = (
    re.compile(r"expected signature base string\s*[:=]\s*(\S+)", re.IGNORECASE),
    re.compile(r"debug_sbs=(\S+)"),
    re.compile(r"base string\s*[:=]\s*(\S+)", re.IGNORECASE),
)
_EXCERPT = 30


@dataclasses.dataclass(frozen=True)
class Difference:
    """One way the signed request differs from the one the server checked.

    `part` is "method", "scheme", "host", "port", "path", "parameter",
    "encoding" or "key".
    """

    part: str
    detail: str


@dataclasses.dataclass(frozen=True)
class SignatureDiagnosis:
    """The outcome of comparing a signature with a server's 401 response.

    `likely_cause` is the advice as text, with command-line options.
    `cause` is the same as data (`Cause.kind`: "signature_method",
    "plaintext_encoding", "timestamp", "nonce", "token", "consumer",
    "base_string", "signing_key" or "unknown"), with the accepted methods
    and the method or placement to try, for callers that word it themselves.
    """

    server_text: str
    signed_base_string: str
    expected_base_string: str | None
    first_difference: int | None
    differences: tuple[Difference, ...]
    likely_cause: str
    cause: Cause = Cause("unknown", "")

    def format(self) -> str:
        """Render the comparison as text for a terminal or a text pane."""
        lines = [f"Server said: {one_line(self.server_text) or '(empty body)'}"]
        lines.append(f"Signed base string:   {self.signed_base_string}")
        if self.expected_base_string is not None:
            lines.append(f"Expected base string: {self.expected_base_string}")
        if self.first_difference is not None:
            lines.append(self._excerpt())
        lines.append(f"Likely cause: {self.likely_cause}")
        lines += [f"  - {d.part}: {d.detail}" for d in self.differences]
        return "\n".join(lines)

    def _excerpt(self) -> str:
        index = self.first_difference or 0
        start = max(0, index - _EXCERPT)
        signed = self.signed_base_string[start:index + _EXCERPT]
        expected = (self.expected_base_string or "")[start:index + _EXCERPT]
        return (
            f"First difference at character {index}:\n"
            f"  signed:   ...{signed}...\n"
            f"  expected: ...{expected}...\n"
            f"               {' ' * (index - start)}^"
        )


def expected_base_string(server_text: str) -> str | None:
    """Return the base string quoted in a server's error text, if any."""
    for pattern in _EXPECTED_PATTERNS:
        match = pattern.search(server_text)
        if match:
            return match.group(1).strip("\"'")
    return None


def diagnose_401(debug: SignatureDebug, server_text: str) -> SignatureDiagnosis:
    """Name the likely cause of a 401: first a rejected signature method, then
    PLAINTEXT's double decoding, then the base string the server expected,
    then the words of the server's text."""
    signed = debug.base_string
    cause = rejected_method(debug, server_text) or plaintext_encoding(
        debug, server_text
    )
    if cause is not None:
        return SignatureDiagnosis(
            server_text, signed, None, None, (), cause.text, cause
        )
    expected = expected_base_string(server_text)
    if expected is None:
        cause = cause_from_keywords(server_text)
        return SignatureDiagnosis(
            server_text, signed, None, None, (), cause.text, cause
        )
    differences = tuple(compare_base_strings(signed, expected))
    if differences:
        cause = Cause("base_string", differences[0].detail)
    else:
        cause = Cause("signing_key", _SAME_BASE_STRING)
    return SignatureDiagnosis(
        server_text, signed, expected, first_difference(signed, expected),
        differences, cause.text, cause,
    )


_SAME_BASE_STRING = (
    "The base strings are identical, so the signing key differs: check the "
    "consumer secret and the token secret (a stored token may belong to "
    "another consumer), or the RSA key."
)


def first_difference(signed: str, expected: str) -> int | None:
    """Return the index of the first differing character, None if equal."""
    for index, (a, b) in enumerate(zip(signed, expected, strict=False)):
        if a != b:
            return index
    return None if len(signed) == len(expected) else min(len(signed), len(expected))


def compare_base_strings(signed: str, expected: str) -> list[Difference]:
    """List the differences, most likely cause first."""
    if signed == expected:
        return []
    ours, theirs = signed.split("&", 2), expected.split("&", 2)
    if len(ours) != 3 or len(theirs) != 3:
        return [Difference("encoding", "The server's base string does not have "
                           "the form METHOD&URI&PARAMETERS; compare them by eye.")]
    differences = _method_difference(ours[0], theirs[0])
    differences += _uri_differences(percent_decode(ours[1]), percent_decode(theirs[1]))
    differences += _parameter_differences(
        percent_decode(ours[2]), percent_decode(theirs[2])
    )
    return differences


def _method_difference(ours: str, theirs: str) -> list[Difference]:
    if ours == theirs:
        return []
    return [Difference("method", f"The HTTP method differs: signed {ours}, the "
                       f"server checked {theirs}; sign the method that is sent "
                       "(a redirect can turn POST into GET).")]


def _uri_differences(ours: str, theirs: str) -> list[Difference]:
    a, b = urllib.parse.urlsplit(ours), urllib.parse.urlsplit(theirs)
    found = []
    if a.scheme != b.scheme:
        found.append(Difference("scheme", f"The scheme differs: signed {a.scheme}, "
                                f"the server saw {b.scheme}. A proxy or TLS "
                                "terminator may sit in front of the server; sign "
                                "the URL the server sees."))
    if a.hostname != b.hostname:
        found.append(Difference("host", f"The host differs: signed {a.hostname}, "
                                f"the server saw {b.hostname}; use the host name "
                                "the server knows itself by."))
    if a.port != b.port:
        ours_port, their_port = a.port or "the default", b.port or "the default"
        found.append(Difference("port", f"The port differs: signed {ours_port}, "
                                f"the server saw {their_port}; a default port "
                                "(80 for http, 443 for https) must be left out."))
    if a.path != b.path:
        found.append(_path_difference(a.path, b.path))
    return found


def _path_difference(ours: str, theirs: str) -> Difference:
    if ours.lower() == theirs.lower():
        cause = "only in letter case; the path must keep its case"
    elif _decoded_path(ours) == _decoded_path(theirs):
        cause = "only in percent-encoding (for example a space as %20 or +)"
    elif ours.rstrip("/") == theirs.rstrip("/"):
        cause = "in a trailing slash"
    else:
        cause = "; check the base URL and the endpoint path"
        return Difference("path", f"The path differs: signed {ours}, the server "
                          f"saw {theirs}{cause}.")
    return Difference("path", f"The path differs {cause}: signed {ours}, the "
                      f"server saw {theirs}.")


def _decoded_path(path: str) -> str:
    return percent_decode(path.replace("+", "%20"))


def _parameter_differences(ours: str, theirs: str) -> list[Difference]:
    a, b = _pairs(ours), _pairs(theirs)
    found = _missing_and_extra(a, b)
    found += _value_differences(a, b)
    if not found and ours != theirs:
        found.append(Difference("encoding", "The parameters are the same after "
                                "decoding but were encoded differently (for "
                                "example ~ as %7E, or a space as + instead of %20)."))
    return found


def _pairs(normalized: str) -> list[tuple[str, str]]:
    pairs = []
    for field in normalized.split("&") if normalized else []:
        name, _, value = field.partition("=")
        pairs.append((percent_decode(name), percent_decode(value)))
    return pairs


def _missing_and_extra(
    ours: list[tuple[str, str]], theirs: list[tuple[str, str]]
) -> list[Difference]:
    our_names, their_names = Counter(n for n, _ in ours), Counter(n for n, _ in theirs)
    unsigned = sorted((their_names - our_names).elements())
    extra = sorted((our_names - their_names).elements())
    found = []
    if unsigned:
        names = ", ".join(unsigned)
        found.append(Difference("parameter", f"Unsigned parameter(s) {names}: "
                                "the server received them but they were not signed "
                                "(added after signing, or a form body not signed "
                                "as a form)."))
    if extra:
        names = ", ".join(extra)
        found.append(Difference("parameter", f"Extra parameter(s) {names}: "
                                "signed but not seen by the server (for example a "
                                "form body sent without Content-Type "
                                "application/x-www-form-urlencoded, or a body "
                                "hash the server ignores)."))
    return found


def _value_differences(
    ours: list[tuple[str, str]], theirs: list[tuple[str, str]]
) -> list[Difference]:
    their_values = dict(theirs)
    found = []
    for name, value in ours:
        other = their_values.get(name)
        if other is None or other == value:
            continue
        found.append(Difference(*_value_cause(name, value, other)))
    return found


def _value_cause(name: str, ours: str, theirs: str) -> tuple[str, str]:
    shown = f"signed {ours!r}, the server saw {theirs!r}"
    if percent_decode(ours) == theirs or ours == percent_decode(theirs):
        return "encoding", (f"The value of {name} was percent-decoded on one side "
                            f"only ({shown}); decode query values once before "
                            "signing.")
    if ours.replace("+", " ") == theirs or theirs.replace("+", " ") == ours:
        return "encoding", (f"A + in {name} was read as a space on one side only "
                            f"({shown}); in a query or form, + means a space.")
    if name in ("oauth_timestamp", "oauth_nonce"):
        return "parameter", (f"{name} differs ({shown}): the server checked "
                             "another request (a retry or a replay).")
    return "parameter", f"The value of {name} differs: {shown}."
