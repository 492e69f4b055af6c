"""The access token's life: credentials from a profile, saving, rejection, sign-out."""

from __future__ import annotations

import logging
import re

from ka_explorer.oauth1.credentials import Credentials
from ka_explorer.oauth1.errors import SigningError, SignInRequired, one_line
from ka_explorer.oauth1.profiles import Profile
from ka_explorer.oauth1.rsa_keys import read_rsa_key_file
from ka_explorer.oauth1.secret_store import SecretStore

log = logging.getLogger(__name__)

# Whether a 401 means that the stored access token is no good. The rule,
# applied to the server's text in this order:
# 1. A text that names the consumer, the signature or its method, the
#    timestamp, the nonce or the OAuth version describes a problem that a new
#    token would not fix, so the token is kept. This comes first because such
#    texts can quote the token too (Khan's base string contains `oauth_token`).
# 2. A text that names a token (invalid, expired, revoked or used access token,
#    `oauth_problem=token_*`) clears the token, so the next request signs in.
# 3. Any other text, an empty one included, keeps the token: a 401 without a
#    reason does not prove the token bad, and signing in again replaces it.
_NOT_A_TOKEN_PROBLEM = re.compile(
    r"consumer|signature|timestamp|nonce|version|debug_sbs", re.IGNORECASE
)
_TOKEN_PROBLEM = re.compile(r"token", re.IGNORECASE)


def consumer_secret(profile: Profile, store: SecretStore) -> str:
    """Return the stored consumer secret, else the profile's public demo one."""
    stored = store.get(profile.name, "consumer_secret")
    if stored is not None:
        return stored
    return profile.public_secrets.get("consumer_secret", "")


def credentials_for(
    profile: Profile,
    store: SecretStore,
    *,
    with_token: bool = True,
    rsa_key_pem: str | None = None,
    consumer_secret: str | None = None,
) -> Credentials:
    """Return the credentials that sign requests for `profile`.

    The token and secrets come from `store`. `consumer_secret`, when given
    (such as a command-line value, even an empty one), replaces the stored
    and the public one. An RSA profile's key is read from `rsa_key_path`
    unless `rsa_key_pem` is given. Raises SigningError when the profile has a
    consumer key and no consumer secret (see `require_consumer_secret`).
    """
    token = stored_token(profile.name, store) if with_token else None
    if profile.signature_method.is_rsa and rsa_key_pem is None and profile.rsa_key_path:
        rsa_key_pem = read_rsa_key_file(profile.rsa_key_path)
    creds = Credentials(
        consumer_key=profile.consumer_key,
        consumer_secret=_consumer_secret(profile, store, consumer_secret),
        token=token[0] if token else None,
        token_secret=token[1] if token else None,
        signature_method=profile.signature_method,
        placement=profile.placement,
        realm=profile.realm,
        rsa_key_pem=rsa_key_pem,
        sign_empty_token=profile.sign_empty_token,
        rsa_key_passphrase=store.get(profile.name, "rsa_key_passphrase"),
        include_version=profile.include_version,
    )
    if consumer_secret is None:
        require_consumer_secret(creds, profile.name)
    return creds


def _consumer_secret(profile: Profile, store: SecretStore, given: str | None) -> str:
    return given if given is not None else consumer_secret(profile, store)


def require_consumer_secret(creds: Credentials, profile_name: str) -> None:
    """Raise SigningError when `creds` have a consumer key but no consumer secret.

    Every method but RSA signs with the consumer secret, and an empty one
    makes the server return a signature error that hides the cause.
    """
    if not creds.consumer_key or creds.consumer_secret:
        return
    if creds.signature_method.is_rsa:
        return
    raise SigningError(
        f"No consumer secret for profile {profile_name!r}: set it with Keys… or "
        "--consumer-secret."
    )


def stored_token(profile_name: str, store: SecretStore) -> tuple[str, str] | None:
    """Return the stored (token, token secret) of a profile, or None."""
    token = store.get(profile_name, "token")
    if not token:
        return None
    return token, store.get(profile_name, "token_secret") or ""


def save_token(profile_name: str, store: SecretStore, token: str, secret: str) -> None:
    """Store an access token and its secret for the profile."""
    store.set(profile_name, "token", token)
    store.set(profile_name, "token_secret", secret)


def forget_token(profile_name: str, store: SecretStore) -> None:
    """Remove the profile's access token and its secret."""
    store.delete(profile_name, "token")
    store.delete(profile_name, "token_secret")


def token_rejected(
    profile_name: str,
    store: SecretStore,
    status: int,
    server_text: str = "",
) -> SignInRequired | None:
    """Clear a stored token that the server rejected and return the error to show.

    Returns None, and keeps the token, unless the status is 401, a token is
    stored, and the server's text names a token problem and no other one
    (the rule is in the comment above `_NOT_A_TOKEN_PROBLEM`).
    """
    if status != 401 or stored_token(profile_name, store) is None:
        return None
    if not _names_token_problem(server_text):
        return None
    forget_token(profile_name, store)
    log.info("Cleared the rejected access token of profile %r", profile_name)
    return SignInRequired(
        f"The server rejected the stored access token of {profile_name!r} "
        f"(HTTP 401: {one_line(server_text, 200)}); it has been removed. "
        "Sign in again.",
        status=status,
        server_text=server_text,
    )


def _names_token_problem(server_text: str) -> bool:
    if _NOT_A_TOKEN_PROBLEM.search(server_text):
        return False
    return _TOKEN_PROBLEM.search(server_text) is not None


def sign_out(profile_name: str, store: SecretStore) -> None:
    """Remove every secret of the profile: tokens, consumer secret, passphrase."""
    store.delete_profile(profile_name)
