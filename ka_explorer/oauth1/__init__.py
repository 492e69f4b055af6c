"""OAuth 1.0a client: signing, the signature debugger, the three-legged flow,
profiles and secret storage. Plain Python, no Qt."""

from ka_explorer.oauth1.auth import OAuth1Auth
from ka_explorer.oauth1.credentials import (
    Credentials,
    Placement,
    SignatureMethod,
    mask_secret,
)
from ka_explorer.oauth1.debug import SignatureDebug, SignedParameter
from ka_explorer.oauth1.errors import (
    AccessTokenError,
    CallbackError,
    OAuthError,
    ProfileError,
    RequestTokenError,
    RsaKeyError,
    SecretStoreError,
    SigningError,
    SignInRequired,
)
from ka_explorer.oauth1.signing import (
    SignedRequest,
    authorization_header,
    body_hash,
    explain_signature,
    normalize_parameters,
    sign_request,
)

__all__ = [
    "AccessTokenError",
    "CallbackError",
    "Credentials",
    "OAuth1Auth",
    "OAuthError",
    "Placement",
    "ProfileError",
    "RequestTokenError",
    "RsaKeyError",
    "SecretStoreError",
    "SignInRequired",
    "SignatureDebug",
    "SignatureMethod",
    "SignedParameter",
    "SignedRequest",
    "SigningError",
    "authorization_header",
    "body_hash",
    "explain_signature",
    "mask_secret",
    "normalize_parameters",
    "sign_request",
]
