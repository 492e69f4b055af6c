"""oauthlib's server side accepts what sign_request produces.

`SignatureOnlyEndpoint` recomputes each signature independently of the
client code, for every signature method and placement.
"""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from oauthlib.oauth1 import RequestValidator, SignatureOnlyEndpoint
from oauthlib.oauth1.rfc5849 import SIGNATURE_METHODS

from ka_explorer.oauth1 import Credentials, Placement, SignatureMethod, sign_request
from tests.unit.oauth1.helpers import rsa_test_key

SECRETS = ("client secret~!", "token/secret+")
# oauthlib's server percent-decodes oauth_* values from the query and the body
# a second time, so a PLAINTEXT signature whose secrets need encoding fails
# there although it is encoded as RFC 5849 section 3.5.3 describes. Those cases
# use secrets without such characters (see test_library_deviations.py).
PLAIN_SECRETS = ("clientsecret", "tokensecret")


class AllowEveryMethod(RequestValidator):
    """Accepts any nonce and method, and stores one client with its secrets and key."""

    def __init__(self, public_pem: str, secrets: tuple[str, str] = SECRETS) -> None:
        super().__init__()
        self.public_pem = public_pem
        self.secrets = secrets

    @property
    def allowed_signature_methods(self) -> tuple[str, ...]:
        return SIGNATURE_METHODS

    @property
    def enforce_ssl(self) -> bool:
        return False

    @property
    def dummy_client(self) -> str:
        return "dummy"

    def check_client_key(self, client_key: str) -> bool:
        return True

    def check_nonce(self, nonce: str) -> bool:
        return True

    def validate_timestamp_and_nonce(self, *args: object, **kwargs: object) -> bool:
        return True

    def validate_client_key(self, client_key: str, request: object) -> bool:
        return client_key == "client-key"

    def get_client_secret(self, client_key: str, request: object) -> str:
        return self.secrets[0]

    def get_access_token_secret(self, *args: object) -> str:
        return self.secrets[1]

    def get_rsa_key(self, client_key: str, request: object) -> str:
        return self.public_pem


def _public_pem(private_pem: str) -> str:
    key = serialization.load_pem_private_key(private_pem.encode(), None)
    return (
        key.public_key()
        .public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        .decode()
    )


REQUESTS = [
    (
        "GET",
        "http://127.0.0.1:8123/api/v1/videos?lang=de&x=a%20b&y=%7E&z=1%2B1",
        {},
        None,
    ),
    (
        "POST",
        "https://Example.COM:443/p/Q",
        {"Content-Type": "application/x-www-form-urlencoded"},
        "status=Hello%20Ladies%20%2b%20Gentlemen&a=1&a=0",
    ),
    (
        "PUT",
        "http://example.com:8080/doc?v=2",
        {"Content-Type": "application/json"},
        '{"title": "caf\u00e9"}',
    ),
]


@pytest.mark.parametrize("method", list(SignatureMethod))
@pytest.mark.parametrize("placement", list(Placement))
@pytest.mark.parametrize("request_index", range(len(REQUESTS)))
def test_oauthlib_server_verifies(
    method: SignatureMethod, placement: Placement, request_index: int
) -> None:
    http_method, url, headers, body = REQUESTS[request_index]
    if placement is Placement.BODY and body is not None and "json" in str(headers):
        pytest.skip("body placement needs a form body")
    private_pem = rsa_test_key()
    secrets = SECRETS
    if method is SignatureMethod.PLAINTEXT and placement is not Placement.HEADER:
        secrets = PLAIN_SECRETS
    creds = Credentials(
        "client-key",
        secrets[0],
        token="access-token",
        token_secret=secrets[1],
        signature_method=method,
        placement=placement,
        realm="Example Realm",
        rsa_key_pem=private_pem,
        include_version=True,
    )
    signed = sign_request(http_method, url, headers, body, creds)
    validator = AllowEveryMethod(_public_pem(private_pem), secrets)
    endpoint = SignatureOnlyEndpoint(validator)

    valid, request = endpoint.validate_request(
        signed.url, signed.method, signed.body, signed.headers
    )

    assert request is not None
    assert request.validator_log.get("signature") is True
    assert valid is True


def test_oauthlib_server_rejects_tampered_query() -> None:
    creds = Credentials(
        "client-key", SECRETS[0], token="access-token", token_secret=SECRETS[1]
    )
    signed = sign_request("GET", "http://example.com/x?a=1", {}, None, creds)
    endpoint = SignatureOnlyEndpoint(AllowEveryMethod(_public_pem(rsa_test_key())))

    valid, _ = endpoint.validate_request(
        signed.url.replace("a=1", "a=2"), "GET", None, signed.headers
    )

    assert valid is False
