"""Profiles: a provider's URLs and the names of its settings, never its secrets.

Bundled profiles are JSON files in `resources/profiles/`; the user's own
profiles are in `profiles.json` under the config folder. A user profile
with the name of a bundled one replaces it, and holds only the fields it
changes: the bundled profile fills in the rest, its public secrets included.
"""

from __future__ import annotations

import dataclasses
import json
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ka_explorer import paths
from ka_explorer.oauth1.callbacks import LOOPBACK, Callback
from ka_explorer.oauth1.credentials import Placement, SignatureMethod
from ka_explorer.oauth1.errors import ProfileError, SigningError

REPLICA_PROFILE = "Khan Academy API v1 (local replica)"
LIVE_PROFILE = "Khan Academy (retired live site)"
USER_PROFILES_FILE = "profiles.json"


@dataclasses.dataclass(frozen=True)
class Profile:
    """One OAuth 1.0a provider as the user configured it.

    The three auth URLs may be absolute or relative to `base_url`.
    `token_placement` is where the token steps put their protocol parameters
    (None: same as `placement`); Khan Academy's auth2 reads `oauth_callback`
    only from the query or the body. `base_url_from_replica` marks a profile
    whose base URL is the running replica's. `public_secrets` holds only
    secrets that are public demo data, such as the replica's consumer secret.
    `callback` is "loopback", "oob" or the callback URL registered with the
    provider (see `callbacks.Callback`). `rsa_key_path` is the PEM file of
    the RSA methods; its passphrase, if any, is in the secret store.
    """

    name: str
    base_url: str
    request_token_url: str
    authorize_url: str
    access_token_url: str
    consumer_key: str = ""
    signature_method: SignatureMethod = SignatureMethod.HMAC_SHA1
    placement: Placement = Placement.HEADER
    realm: str | None = None
    token_placement: Placement | None = None
    include_version: bool = False
    sign_empty_token: bool = False
    rsa_key_path: str | None = None
    callback: str = LOOPBACK
    base_url_from_replica: bool = False
    description: str = ""
    public_secrets: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        Callback.check(self.callback)

    @property
    def callback_setting(self) -> Callback:
        """The parsed `callback`: loopback, oob or a URL."""
        return Callback.parse(self.callback)

    def url(self, path_or_url: str) -> str:
        """Return `path_or_url` resolved against the base URL."""
        if "://" in path_or_url:
            return path_or_url
        if not self.base_url:
            raise ProfileError(
                f"Profile {self.name!r} has no base URL, so {path_or_url!r} cannot "
                "be resolved; set the base URL first."
            )
        return urllib.parse.urljoin(self.base_url.rstrip("/") + "/", path_or_url)

    def with_base_url(self, base_url: str) -> Profile:
        """Return a copy that talks to `base_url`."""
        return dataclasses.replace(self, base_url=base_url.rstrip("/"))

    def to_json(self) -> dict[str, Any]:
        """Return the profile as JSON data, without `public_secrets`."""
        data = dataclasses.asdict(self)
        data.pop("public_secrets")
        data["signature_method"] = self.signature_method.value
        data["placement"] = self.placement.value
        data["token_placement"] = self.token_placement and self.token_placement.value
        return data

    @classmethod
    def from_json(cls, data: Any, source: str) -> Profile:
        """Build a profile from JSON data; ProfileError names the source and field."""
        if not isinstance(data, dict):
            raise ProfileError(f"{source}: a profile must be a JSON object.")
        name = data.get("name") or "<unnamed>"
        try:
            return cls(**_converted_fields(data))
        except (TypeError, SigningError, ProfileError) as error:
            reason = str(error).rstrip(".")
            raise ProfileError(
                f"{source}: profile {name!r}: {reason}; fix the entry or delete it."
            ) from None


_STRING_FIELDS = ("name", "base_url", "request_token_url", "authorize_url",
                  "access_token_url")


def _converted_fields(data: dict[str, Any]) -> dict[str, Any]:
    known = {field.name for field in dataclasses.fields(Profile)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise TypeError(f"unknown field(s) {', '.join(unknown)}")
    for field in _STRING_FIELDS:
        if field not in data:
            raise TypeError(f"field {field!r} is missing")
        if not isinstance(data[field], str):
            raise TypeError(f"field {field!r} must be a string")
    _check_public_secrets(data.get("public_secrets", {}))
    fields = dict(data)
    fields["signature_method"] = SignatureMethod.parse(
        data.get("signature_method") or "HMAC-SHA1"
    )
    fields["placement"] = Placement.parse(data.get("placement") or "header")
    if data.get("token_placement"):
        fields["token_placement"] = Placement.parse(data["token_placement"])
    return fields


def _check_public_secrets(value: Any) -> None:
    if not isinstance(value, dict) or not all(
        isinstance(item, str) for pair in value.items() for item in pair
    ):
        raise TypeError("field 'public_secrets' must be an object of strings")


def load_profiles(config_dir: Path | None = None) -> list[Profile]:
    """Return the bundled profiles, then the user's, a user's one replacing
    a bundled one of the same name."""
    bundled = bundled_profiles()
    by_name = {p.name: p for p in bundled}
    for profile in _read_user_profiles(config_dir, by_name):
        by_name[profile.name] = profile
    return list(by_name.values())


def find_profile(name: str, profiles: list[Profile] | None = None) -> Profile:
    """Return the profile called `name`; ProfileError lists the known names."""
    profiles = load_profiles() if profiles is None else profiles
    for profile in profiles:
        if profile.name == name:
            return profile
    known = ", ".join(repr(p.name) for p in profiles)
    raise ProfileError(f"No profile named {name!r}; known profiles: {known}.")


def bundled_profiles() -> list[Profile]:
    """Return the profiles that ship in `resources/profiles/`, by file name."""
    folder = paths.resource_path("profiles")
    return [_read_profile_file(path) for path in sorted(folder.glob("*.json"))]


def _read_profile_file(path: Path) -> Profile:
    return Profile.from_json(_read_json(path), str(path))


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ProfileError(f"Cannot read profile file {path}: {error}.") from None
    except json.JSONDecodeError as error:
        raise ProfileError(
            f"Profile file {path} is not valid JSON ({error}); fix or delete it."
        ) from None


def load_user_profiles(config_dir: Path | None = None) -> list[Profile]:
    """Return the profiles saved in the user's `profiles.json` (none if absent).

    An entry named after a bundled profile gets the bundled one's fields,
    `public_secrets` included, for every field that the entry leaves out.
    """
    bundled = {p.name: p for p in bundled_profiles()}
    return _read_user_profiles(config_dir, bundled)


def _read_user_profiles(
    config_dir: Path | None, bundled: Mapping[str, Profile]
) -> list[Profile]:
    path = (config_dir or paths.config_dir()) / USER_PROFILES_FILE
    if not path.exists():
        return []
    data = _read_json(path)
    entries = data.get("profiles") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ProfileError(
            f"Profile file {path} must hold {{\"profiles\": [...]}}; fix or delete it."
        )
    return [
        Profile.from_json(_over_bundled(entry, bundled), str(path))
        for entry in entries
    ]


def _over_bundled(entry: Any, bundled: Mapping[str, Profile]) -> Any:
    """Return a user entry with the same-named bundled profile's fields beneath."""
    name = entry.get("name") if isinstance(entry, dict) else None
    base = bundled.get(name) if isinstance(name, str) else None
    if base is None:
        return entry
    return {**base.to_json(), "public_secrets": dict(base.public_secrets), **entry}


def save_user_profiles(profiles: list[Profile], config_dir: Path | None = None) -> Path:
    """Write the user's profiles to `profiles.json` and return its path.

    Only names and settings are written; secrets stay in the secret store.
    A profile named after a bundled one is written as the fields that differ
    from it, so that loading fills in the rest from the bundled profile.
    """
    path = (config_dir or paths.config_dir()) / USER_PROFILES_FILE
    bundled = {p.name: p for p in bundled_profiles()}
    entries = [_changed_fields(p, bundled.get(p.name)) for p in profiles]
    temporary = path.with_suffix(".json.tmp")
    text = json.dumps({"profiles": entries}, indent=2) + "\n"
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    return path


def _changed_fields(profile: Profile, bundled: Profile | None) -> dict[str, Any]:
    data = profile.to_json()
    if bundled is None:
        return data
    defaults = bundled.to_json()
    changed = {key: value for key, value in data.items() if defaults[key] != value}
    return {"name": profile.name, **changed}
