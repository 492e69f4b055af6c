"""OAuth 1.0a client: signing, the signature debugger, the three-legged flow,
profiles and secret storage. Plain Python, no Qt."""

from ka_explorer.oauth1.auth import OAuth1Auth
from ka_explorer.oauth1.callbacks import LOOPBACK, Callback
from ka_explorer.oauth1.credentials import (
    Credentials,
    Placement,
    SignatureMethod,
    mask_secret,
)
from ka_explorer.oauth1.debug import SignatureDebug, SignedParameter
from ka_explorer.oauth1.diagnosis import (
    Difference,
    SignatureDiagnosis,
    diagnose_401,
    expected_base_string,
)
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
from ka_explorer.oauth1.flow import (
    OOB,
    AccessToken,
    Authorization,
    OAuth1Flow,
    TemporaryCredentials,
)
from ka_explorer.oauth1.profiles import (
    LIVE_PROFILE,
    REPLICA_PROFILE,
    Profile,
    bundled_profiles,
    find_profile,
    load_profiles,
    load_user_profiles,
    save_user_profiles,
)
from ka_explorer.oauth1.rsa_keys import read_rsa_key_file
from ka_explorer.oauth1.secret_store import (
    SERVICE,
    KeyringSecretStore,
    MemorySecretStore,
    SecretStore,
    open_secret_store,
)
from ka_explorer.oauth1.server_text import Cause
from ka_explorer.oauth1.signing import (
    SignedRequest,
    authorization_header,
    body_hash,
    explain_signature,
    normalize_parameters,
    sign_request,
)
from ka_explorer.oauth1.tokens import (
    credentials_for,
    forget_token,
    save_token,
    sign_out,
    stored_token,
    token_rejected,
)
from ka_explorer.oauth1.user_profiles import (
    check_rsa_key_file,
    delete_user_profile,
    set_rsa_key_passphrase,
)

__all__ = [
    "LIVE_PROFILE",
    "LOOPBACK",
    "OOB",
    "REPLICA_PROFILE",
    "SERVICE",
    "AccessToken",
    "AccessTokenError",
    "Authorization",
    "Callback",
    "CallbackError",
    "Cause",
    "Credentials",
    "Difference",
    "KeyringSecretStore",
    "MemorySecretStore",
    "OAuth1Auth",
    "OAuth1Flow",
    "OAuthError",
    "Placement",
    "Profile",
    "ProfileError",
    "RequestTokenError",
    "RsaKeyError",
    "SecretStore",
    "SecretStoreError",
    "SignInRequired",
    "SignatureDebug",
    "SignatureDiagnosis",
    "SignatureMethod",
    "SignedParameter",
    "SignedRequest",
    "SigningError",
    "TemporaryCredentials",
    "authorization_header",
    "body_hash",
    "bundled_profiles",
    "check_rsa_key_file",
    "credentials_for",
    "delete_user_profile",
    "diagnose_401",
    "expected_base_string",
    "explain_signature",
    "find_profile",
    "forget_token",
    "load_profiles",
    "load_user_profiles",
    "mask_secret",
    "normalize_parameters",
    "open_secret_store",
    "read_rsa_key_file",
    "save_token",
    "save_user_profiles",
    "set_rsa_key_passphrase",
    "sign_out",
    "sign_request",
    "stored_token",
    "token_rejected",
]
