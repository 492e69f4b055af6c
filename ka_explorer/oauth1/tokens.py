"""The access token's life: credentials from a profile, saving, rejection, sign-out."""

from __future__ import annotations

import logging
import re

from ka_explorer.oauth1.credentials import Credentials
from ka_explorer.oauth1.errors import SignInRequired
from ka_explorer.oauth1.profiles import Profile
from ka_explorer.oauth1.rsa_keys import read_rsa_key_file
from ka_explorer.oauth1.secret_store import SecretStore

log = logging.getLogger(__name__)

# 401 texts that name a signing problem, which a new token would not fix.
_SIGNING_PROBLEM = re.compile(
    r"signature|timestamp|nonce|expected signature base string|debug_sbs",
    re.IGNORECASE,
)


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
) -> Credentials:
    """Return the credentials that sign requests for `profile`.

    The token and secrets come from `store`. An RSA profile's key is read
    from `rsa_key_path` unless `rsa_key_pem` is given.
    """
    token = stored_token(profile.name, store) if with_token else None
    if profile.signature_method.is_rsa and rsa_key_pem is None and profile.rsa_key_path:
        rsa_key_pem = read_rsa_key_file(profile.rsa_key_path)
    return Credentials(
        consumer_key=profile.consumer_key,
        consumer_secret=consumer_secret(profile, store),
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
    stored, and the server's text does not name a signature, timestamp or
    nonce problem (signing in again would not fix those; use the signature
    debugger instead).
    """
    if status != 401 or stored_token(profile_name, store) is None:
        return None
    if _SIGNING_PROBLEM.search(server_text):
        return None
    forget_token(profile_name, store)
    log.info("Cleared the rejected access token of profile %r", profile_name)
    return SignInRequired(
        f"The server rejected the stored access token of {profile_name!r} "
        f"(HTTP 401: {_first_line(server_text) or 'no reason given'}); "
        "it has been removed. Sign in again.",
        status=status,
        server_text=server_text,
    )


def sign_out(profile_name: str, store: SecretStore) -> None:
    """Remove every secret of the profile: tokens, consumer secret, passphrase."""
    store.delete_profile(profile_name)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:200] if text.strip() else ""
