"""Change the user's saved profiles together with their secrets.

A profile's settings are in `profiles.json` and its secrets in the secret
store, so deleting a profile removes both, and an RSA key is kept as a
file path in the profile with its passphrase in the store.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ka_explorer.oauth1.errors import ProfileError
from ka_explorer.oauth1.profiles import (
    Profile,
    bundled_profiles,
    load_user_profiles,
    save_user_profiles,
)
from ka_explorer.oauth1.rsa_keys import load_rsa_private_key, read_rsa_key_file
from ka_explorer.oauth1.secret_store import SecretStore

log = logging.getLogger(__name__)


def delete_user_profile(
    name: str, store: SecretStore, config_dir: Path | None = None
) -> Profile | None:
    """Delete the user's profile `name` and every secret stored for it.

    Returns the bundled profile of that name, which applies again after a
    saved copy of it is deleted, or None. Raises ProfileError for a bundled
    profile that has no saved copy, and for an unknown name.
    """
    saved = load_user_profiles(config_dir)
    bundled = {profile.name: profile for profile in bundled_profiles()}
    if name not in {profile.name for profile in saved}:
        raise _not_deletable(name, bundled, saved)
    kept = [profile for profile in saved if profile.name != name]
    save_user_profiles(kept, config_dir)
    store.delete_profile(name)
    log.info("Deleted profile %r and its secrets", name)
    return bundled.get(name)


def _not_deletable(
    name: str, bundled: dict[str, Profile], saved: list[Profile]
) -> ProfileError:
    if name in bundled:
        return ProfileError(
            f"Profile {name!r} comes with KA Explorer and has no saved changes, "
            "so there is nothing to delete; use Sign out to remove its secrets."
        )
    known = ", ".join(repr(profile.name) for profile in saved) or "none"
    return ProfileError(
        f"No saved profile named {name!r}; saved profiles: {known}."
    )


def set_rsa_key_passphrase(name: str, store: SecretStore, passphrase: str) -> None:
    """Store the passphrase of the profile's RSA key; an empty one removes it."""
    if passphrase:
        store.set(name, "rsa_key_passphrase", passphrase)
    else:
        store.delete(name, "rsa_key_passphrase")


def check_rsa_key_file(path: str | Path, passphrase: str | None = None) -> None:
    """Read and decrypt an RSA private key file, as signing will.

    Raises RsaKeyError with the reason: a missing or unreadable file, a
    missing or wrong passphrase, a malformed PEM or a key that is not RSA.
    """
    load_rsa_private_key(read_rsa_key_file(path), passphrase or None)
