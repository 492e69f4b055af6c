"""What a request is signed with: keys, secrets, method and placement."""

from __future__ import annotations

import dataclasses
import enum

from ka_explorer.oauth1.errors import SigningError


class SignatureMethod(enum.StrEnum):
    """The `oauth_signature_method` values this client can produce."""

    HMAC_SHA1 = "HMAC-SHA1"
    HMAC_SHA256 = "HMAC-SHA256"
    HMAC_SHA512 = "HMAC-SHA512"
    RSA_SHA1 = "RSA-SHA1"
    RSA_SHA256 = "RSA-SHA256"
    PLAINTEXT = "PLAINTEXT"

    @property
    def is_rsa(self) -> bool:
        return self.value.startswith("RSA-")

    @property
    def hash_name(self) -> str:
        """The hashlib name of the digest, also used for `oauth_body_hash`.

        PLAINTEXT has no digest of its own; its body hash uses SHA-1, the
        algorithm of the body hash draft's examples.
        """
        suffix = self.value.rsplit("-", 1)[-1]
        return {"SHA1": "sha1", "SHA256": "sha256", "SHA512": "sha512"}.get(
            suffix, "sha1"
        )

    @classmethod
    def parse(cls, text: str) -> SignatureMethod:
        """Return the method named by `text` (case-insensitive, `_` for `-`)."""
        wanted = text.strip().upper().replace("_", "-")
        for method in cls:
            if method.value == wanted:
                return method
        names = ", ".join(method.value for method in cls)
        raise SigningError(f"Unknown signature method {text!r}; use one of {names}.")


class Placement(enum.StrEnum):
    """Where the protocol parameters travel (RFC 5849 section 3.5)."""

    HEADER = "header"
    QUERY = "query"
    BODY = "body"

    @classmethod
    def parse(cls, text: str) -> Placement:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise SigningError(
                f"Unknown placement {text!r}; use header, query or body."
            ) from None


def mask_secret(secret: str | None) -> str:
    """Return a stand-in that shows only whether a secret is set, and its length."""
    if not secret:
        return ""
    return f"****({len(secret)} chars)"


@dataclasses.dataclass(frozen=True)
class Credentials:
    """Everything `sign_request` needs besides the request itself.

    `rsa_key_pem` is the PEM text of the client's private key (RSA-* only)
    and `rsa_key_passphrase` its passphrase when the PEM is encrypted.
    `include_version` adds `oauth_version="1.0"`, which RFC 5849 makes
    optional. `sign_empty_token` sends and signs `oauth_token=""` when there
    is no token, for servers that expect the parameter on every request.
    `body_hash` adds `oauth_body_hash` to requests whose body is not a form.
    """

    consumer_key: str
    consumer_secret: str = ""
    token: str | None = None
    token_secret: str | None = None
    signature_method: SignatureMethod = SignatureMethod.HMAC_SHA1
    placement: Placement = Placement.HEADER
    realm: str | None = None
    rsa_key_pem: str | None = dataclasses.field(default=None, repr=False)
    sign_empty_token: bool = False
    rsa_key_passphrase: str | None = dataclasses.field(default=None, repr=False)
    include_version: bool = False
    body_hash: bool = True

    def __repr__(self) -> str:
        return (
            f"Credentials(consumer_key={self.consumer_key!r}, "
            f"consumer_secret={mask_secret(self.consumer_secret)!r}, "
            f"token={mask_secret(self.token)!r}, "
            f"token_secret={mask_secret(self.token_secret)!r}, "
            f"signature_method={self.signature_method.value!r}, "
            f"placement={self.placement.value!r}, realm={self.realm!r})"
        )

    def with_token(self, token: str | None, token_secret: str | None) -> Credentials:
        """Return a copy that signs with this token and token secret."""
        return dataclasses.replace(self, token=token, token_secret=token_secret)
