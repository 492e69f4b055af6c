"""diagnose_401 on texts without a base string: rejected methods, PLAINTEXT."""

from __future__ import annotations

import pytest
from oauthlib.oauth1 import SignatureOnlyEndpoint
from oauthlib.oauth1.rfc5849 import errors

from ka_explorer.oauth1 import (
    Credentials,
    Placement,
    SignatureDebug,
    SignatureMethod,
    diagnose_401,
    sign_request,
)
from tests.unit.oauth1.helpers import rsa_test_key
from tests.unit.oauth1.test_oauthlib_verifier import (
    SECRETS,
    AllowEveryMethod,
    _public_pem,
)


class OnlyHmacSha1(AllowEveryMethod):
    """A validator that accepts HMAC-SHA1 and PLAINTEXT, as many providers do."""

    @property
    def allowed_signature_methods(self) -> tuple[str, ...]:
        return ("HMAC-SHA1", "PLAINTEXT")


def debug_with(
    method: SignatureMethod,
    placement: Placement = Placement.HEADER,
    secrets: tuple[str, str] = ("consumer-secret", "token-secret"),
) -> SignatureDebug:
    creds = Credentials(
        "client-key",
        secrets[0],
        token="access-token",
        token_secret=secrets[1],
        signature_method=method,
        placement=placement,
    )
    return sign_request("GET", "http://example.com/x", {}, None, creds).debug


def oauthlib_method_text(method: SignatureMethod) -> str:
    """Return the text oauthlib raises for a method its validator does not allow."""
    signed = sign_request(
        "GET", "http://example.com/x", {}, None,
        Credentials("client-key", "s", signature_method=method),
    )
    endpoint = SignatureOnlyEndpoint(OnlyHmacSha1(""))
    request = endpoint._create_request(signed.url, "GET", None, signed.headers)
    with pytest.raises(errors.InvalidSignatureMethodError) as caught:
        endpoint._check_mandatory_parameters(request)
    return str(caught.value.description)


def test_oauthlib_method_rejection_named() -> None:
    text = oauthlib_method_text(SignatureMethod.HMAC_SHA256)
    diagnosis = diagnose_401(debug_with(SignatureMethod.HMAC_SHA256), text)

    assert text == "Invalid signature, HMAC-SHA256 not in ('HMAC-SHA1', 'PLAINTEXT')."
    assert diagnosis.cause.kind == "signature_method"
    assert diagnosis.cause.accepted_methods == ("HMAC-SHA1", "PLAINTEXT")
    assert diagnosis.cause.suggested_method == "HMAC-SHA1"
    assert diagnosis.likely_cause == (
        "The server accepts only HMAC-SHA1 and PLAINTEXT, not HMAC-SHA256: "
        "use --signature-method HMAC-SHA1."
    )


@pytest.mark.parametrize(
    "text",
    [
        "OAuth error. Unsupported signature method HMAC-SHA512; this server "
        "accepts HMAC-SHA1 and PLAINTEXT.",
        "Signature method HMAC-SHA512 not supported try one of the following: "
        "HMAC-SHA1, PLAINTEXT",
        "Signature method 'HMAC-SHA512' not supported try one of the following: "
        "HMAC-SHA1",
        "oauth_problem=signature_method_rejected",
        "Invalid signature method.",
        '{"errors": [{"message": "signature method HMAC-SHA512 is not allowed"}]}',
    ],
)
def test_method_rejection_wordings(text: str) -> None:
    diagnosis = diagnose_401(debug_with(SignatureMethod.HMAC_SHA512), text)

    assert diagnosis.cause.kind == "signature_method"
    assert diagnosis.cause.suggested_method == "HMAC-SHA1"
    assert "use --signature-method HMAC-SHA1" in diagnosis.likely_cause


def test_method_rejection_without_list() -> None:
    text = "oauth_problem=signature_method_rejected"
    diagnosis = diagnose_401(debug_with(SignatureMethod.HMAC_SHA256), text)

    assert diagnosis.cause.accepted_methods == ()
    assert diagnosis.likely_cause.startswith(
        "The server does not accept the signature method HMAC-SHA256: use "
        "--signature-method HMAC-SHA1, the method most providers accept"
    )


def test_rejected_hmac_sha1_without_list_has_no_suggestion() -> None:
    text = "Unsupported signature method"
    diagnosis = diagnose_401(debug_with(SignatureMethod.HMAC_SHA1), text)

    assert diagnosis.cause.kind == "signature_method"
    assert diagnosis.cause.suggested_method is None
    assert diagnosis.likely_cause.endswith(
        "use the method that the provider documents."
    )


def test_accepted_method_that_is_not_supported() -> None:
    text = "Invalid signature, HMAC-SHA1 not in ('RSA-SHA512',)."
    diagnosis = diagnose_401(debug_with(SignatureMethod.HMAC_SHA1), text)

    assert diagnosis.cause.accepted_methods == ("RSA-SHA512",)
    assert diagnosis.cause.suggested_method is None
    assert diagnosis.likely_cause == (
        "The server accepts only RSA-SHA512, not HMAC-SHA1, and KA Explorer "
        "signs with none of those."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Invalid signature, 'abc' not in ('HMAC-SHA1', 'PLAINTEXT').",
        "OAuth error. Invalid signature. PLAINTEXT expects "
        "consumer_secret&token_secret.",
        "OAuth error. Invalid access token: HMAC-SHA256",
    ],
)
def test_other_texts_not_method_rejection(text: str) -> None:
    diagnosis = diagnose_401(debug_with(SignatureMethod.HMAC_SHA256), text)

    assert diagnosis.cause.kind != "signature_method"


def test_oauthlib_rejects_plaintext_query_with_encoded_secrets() -> None:
    creds = Credentials(
        "client-key",
        SECRETS[0],
        token="access-token",
        token_secret=SECRETS[1],
        signature_method=SignatureMethod.PLAINTEXT,
        placement=Placement.QUERY,
    )
    signed = sign_request("GET", "http://example.com/x?a=1", {}, None, creds)
    endpoint = SignatureOnlyEndpoint(AllowEveryMethod(_public_pem(rsa_test_key())))
    valid, _ = endpoint.validate_request(signed.url, "GET", None, signed.headers)

    diagnosis = diagnose_401(signed.debug, "Invalid signature.")

    assert valid is False
    assert diagnosis.cause.kind == "plaintext_encoding"
    assert diagnosis.cause.suggested_placement == "header"
    assert diagnosis.likely_cause.endswith(
        "put the OAuth parameters in the Authorization header (--placement header)."
    )
    assert "signature in the query twice" in diagnosis.likely_cause


@pytest.mark.parametrize(
    ("placement", "secrets", "text"),
    [
        (Placement.HEADER, SECRETS, "Invalid signature."),
        (Placement.BODY, ("plain", "secrets"), "Invalid signature."),
        (Placement.QUERY, SECRETS, "Timestamp is too old"),
        (Placement.QUERY, SECRETS, "Invalid access token: abc"),
    ],
)
def test_plaintext_encoding_needs_every_condition(
    placement: Placement, secrets: tuple[str, str], text: str
) -> None:
    debug = debug_with(SignatureMethod.PLAINTEXT, placement, secrets)

    assert diagnose_401(debug, text).cause.kind != "plaintext_encoding"


def test_plaintext_encoding_noted_in_debug() -> None:
    debug = debug_with(SignatureMethod.PLAINTEXT, Placement.BODY, SECRETS)
    plain = debug_with(SignatureMethod.PLAINTEXT, Placement.BODY, ("a", "b"))

    assert debug.secrets_need_encoding is True
    assert any("the header placement avoids that" in n for n in debug.notes)
    assert plain.secrets_need_encoding is False
    assert not any("header placement" in n for n in plain.notes)


def test_base_string_causes_are_structured() -> None:
    debug = debug_with(SignatureMethod.HMAC_SHA1)
    same = f"Expected signature base string: {debug.base_string}"
    other = "Expected signature base string: POST&http%3A%2F%2Fexample.com%2Fx&a%3D1"

    assert diagnose_401(debug, same).cause.kind == "signing_key"
    assert diagnose_401(debug, other).cause.kind == "base_string"
    assert diagnose_401(debug, "Nonce already used").cause.kind == "nonce"


def test_oauthlib_list_gives_accepted_methods() -> None:
    text = "Invalid signature, HMAC-SHA256 not in ('HMAC-SHA1',). Try RSA-SHA1 later."
    diagnosis = diagnose_401(debug_with(SignatureMethod.HMAC_SHA256), text)

    assert diagnosis.cause.accepted_methods == ("HMAC-SHA1",)
