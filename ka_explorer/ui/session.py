"""The current profile, its credentials and its token, without any Qt."""

from __future__ import annotations

import dataclasses
import logging
from datetime import date
from urllib.parse import urlsplit

from ka_explorer.oauth1.profiles import (
    LIVE_PROFILE,
    REPLICA_PROFILE,
    Profile,
    load_user_profiles,
    save_user_profiles,
)
from ka_explorer.oauth1.tokens import (
    credentials_for,
    forget_token,
    save_token,
    stored_token,
)
from ka_explorer.oauth1.user_profiles import (
    delete_user_profile,
    set_rsa_key_passphrase,
)
from ka_explorer.ui.origins import origin_key, origin_text, same_origin
from ka_explorer.ui.removal_day import RemovalDay

__all__ = ["ProfileSession", "RemovalDay", "StartupProfile", "is_khan_profile",
           "startup_profile"]

log = logging.getLogger(__name__)

KHAN_DOMAIN = "khanacademy.org"
# The catalog's routes share their removal date and sign-in need across
# methods (GET and POST of /api/v1/user/videos/<youtube_id>/log), so a path
# finds them without the method. The test of the bundled catalog checks it.
CATALOG_METHODS = ("GET", "POST", "PUT", "DELETE")


def is_khan_profile(profile: Profile) -> bool:
    """Return True when the profile talks to the replica or to Khan Academy's site.

    The shipped live-site profile counts whatever its base URL, because it
    may point at an archive or a proxy of the live API.
    """
    if profile.base_url_from_replica or profile.name == LIVE_PROFILE:
        return True
    try:
        host = urlsplit(profile.base_url or profile.request_token_url).hostname
    except ValueError:
        return False
    host = (host or "").lower()
    return host == KHAN_DOMAIN or host.endswith("." + KHAN_DOMAIN)


class ProfileSession:
    """Profiles by name, the selected one, and its secrets in the secret store."""

    def __init__(
        self,
        profiles: list[Profile],
        store,
        replica_url: str | None = None,
        replica_as_of: date | None = None,
        replica=None,
        catalog=None,
    ):
        self.store = store
        # Khan's catalog, for the notes on a request; the bundled one by default.
        self.catalog = catalog
        # The day of the last removal_day call, which the notes count against.
        self.today: date | None = None
        self.replica_url = replica_url
        self.replica_as_of = replica_as_of
        self.replica = replica
        self._profiles = {p.name: self._resolved(p) for p in profiles}
        self._current = next(iter(self._profiles), "")

    @property
    def profile(self) -> Profile:
        return self._profiles[self._current]

    def names(self) -> list[str]:
        return list(self._profiles)

    def profile_named(self, name: str) -> Profile | None:
        return self._profiles.get(name)

    def saved_names(self) -> set[str]:
        """Return the names of the profiles in the user's profiles file."""
        return {profile.name for profile in load_user_profiles()}

    def select(self, name: str) -> bool:
        """Make `name` current; return False if no profile has that name."""
        if name not in self._profiles:
            return False
        self._current = name
        return True

    def default_name(self) -> str:
        return REPLICA_PROFILE if REPLICA_PROFILE in self._profiles else self._current

    def base_url(self) -> str:
        return self.profile.base_url

    def server_url(self) -> str:
        """Return the URL of the server that the profile's credentials belong to.

        That is the base URL, or for a profile without one its absolute
        request token URL.
        """
        profile = self.profile
        if profile.base_url:
            return profile.base_url
        if origin_key(profile.request_token_url) is not None:
            return profile.request_token_url
        return ""

    def signs(self, url: str) -> bool:
        """True when a request to `url` goes to the profile's server (its origin)."""
        return same_origin(url, self.server_url())

    def unsigned_note(self, url: str) -> str:
        """Return the notes that the status area adds to a request's outcome.

        The notes explain why the profile's keys did not sign `url`, that a
        login-required endpoint goes out unsigned from a profile without a
        consumer key, and, on the live-site profile, that Khan Academy
        removed the endpoint. "" when there is nothing to note.
        """
        notes = [self._origin_note(url), *self._endpoint_notes(url)]
        return " ".join(note for note in notes if note)

    def not_signed_reason(self, url: str) -> str:
        """Return why the profile's keys do not sign `url`, or "" when they do."""
        if not self.profile.consumer_key:
            return (
                f"Not signed: profile {self.profile.name!r} has no consumer key; "
                "set it under Keys… (Ctrl+K)."
            )
        return self._origin_note(url)

    def _origin_note(self, url: str) -> str:
        # A profile without a consumer key never signs, and _endpoint_notes
        # adds that note where it matters.
        if not self.profile.consumer_key or self.signs(url):
            return ""
        server = origin_text(self.server_url())
        if not server:
            return (
                "Not signed: the profile has no base URL, so its keys and token "
                "go to no server; set the base URL under Keys…."
            )
        secrets = "keys and token" if self.signed_in() else "keys"
        return (
            f"Not signed: {origin_text(url) or url} is not the profile's server "
            f"({server}), so the profile's {secrets} were not sent."
        )

    def _endpoint_notes(self, url: str) -> list[str]:
        profile = self.profile
        live_site = is_khan_profile(profile) and not profile.base_url_from_replica
        if profile.consumer_key and not live_site:
            return []
        endpoint = self._catalog_endpoint(url)
        if endpoint is None:
            return []
        notes = []
        if not profile.consumer_key and endpoint.login_required:
            notes.append(
                f"Sent unsigned: {endpoint.http_method} {endpoint.url} needs "
                f"sign-in, and profile {profile.name!r} has no consumer key. Set "
                "the consumer key and secret under Keys… (Ctrl+K)."
            )
        if live_site:
            notes.append(_removal_note(endpoint, self.today or date.today()))
        return notes

    def _catalog_endpoint(self, url: str):
        """Return the catalog endpoint whose path `url` has, or None."""
        if origin_key(url) is None or not self.signs(url):
            return None
        if self.catalog is None:
            from ka_explorer.catalog import load_catalog

            self.catalog = load_catalog()
        path = urlsplit(url).path
        for method in CATALOG_METHODS:
            match = self.catalog.match(method, path)
            if match is not None:
                return match.endpoint
        return None

    def is_replica_url(self, url: str) -> bool:
        return bool(self.replica_url) and same_origin(url, self.replica_url or "")

    def replica_exit_code(self) -> int | None:
        """Return the exit code of the ended replica process, or None while it runs."""
        exit_code = getattr(self.replica, "exit_code", None)
        return exit_code() if callable(exit_code) else None

    def replica_listening(self, url: str, as_of: date | None) -> None:
        """Point the replica profiles at the replica that now listens on `url`."""
        if as_of is not None:
            self.replica_as_of = as_of
        self.set_replica_url(url)

    def set_replica_url(self, url: str) -> None:
        """Point the replica profiles at a restarted replica on `url`."""
        self.replica_url = url
        self._profiles = {
            name: self._resolved(profile) for name, profile in self._profiles.items()
        }

    def removal_day(self, today: date) -> RemovalDay:
        """Return the replica's date on the replica profile, else `today`.

        The replica responds as the live API did on its date, so its badges
        and 404 messages count against that date.
        """
        self.today = today
        if self.profile.base_url_from_replica and self.replica_as_of is not None:
            return RemovalDay(self.replica_as_of, from_replica=True)
        return RemovalDay(today, khan_server=is_khan_profile(self.profile))

    def credentials(self, with_token: bool = True):
        """Return the signing credentials, or None when the profile has no key."""
        if not self.profile.consumer_key:
            return None
        return credentials_for(self.profile, self.store, with_token=with_token)

    def signed_in(self) -> bool:
        return stored_token(self.profile.name, self.store) is not None

    def can_sign_in(self) -> bool:
        return bool(self.profile.consumer_key and self.profile.authorize_url)

    def store_token(self, token: str, secret: str) -> None:
        save_token(self.profile.name, self.store, token, secret)

    def sign_out(self) -> None:
        forget_token(self.profile.name, self.store)

    def secret(self, name: str) -> str:
        return self.store.get(self.profile.name, name) or ""

    def save_profile(
        self,
        profile: Profile,
        consumer_secret: str | None,
        rsa_key_passphrase: str | None = None,
    ) -> None:
        """Add or replace `profile`, save it to the user's file and store its
        secrets. A secret of None stays as stored, and "" deletes it."""
        if consumer_secret is not None:
            if consumer_secret:
                self.store.set(profile.name, "consumer_secret", consumer_secret)
            else:
                self.store.delete(profile.name, "consumer_secret")
        if rsa_key_passphrase is not None:
            set_rsa_key_passphrase(profile.name, self.store, rsa_key_passphrase)
        user = [p for p in load_user_profiles() if p.name != profile.name]
        save_user_profiles([*user, _for_file(profile)])
        self._profiles[profile.name] = self._resolved(profile)
        self._current = profile.name

    def delete_profile(self, name: str) -> Profile | None:
        """Delete the saved profile `name` and its secrets.

        Returns the profile that ships under that name, which applies again,
        or None. ProfileError when no saved profile has that name.
        """
        restored = delete_user_profile(name, self.store)
        if restored is not None:
            self._profiles[name] = self._resolved(restored)
            return restored
        self._profiles.pop(name, None)
        if self._current == name:
            remaining = next(iter(self._profiles), "")
            has_replica = REPLICA_PROFILE in self._profiles
            self._current = REPLICA_PROFILE if has_replica else remaining
        return None

    def _resolved(self, profile: Profile) -> Profile:
        if profile.base_url_from_replica and self.replica_url:
            return profile.with_base_url(self.replica_url)
        return profile


@dataclasses.dataclass(frozen=True)
class StartupProfile:
    """The profile names, the profile to select and its removal day, for the
    window's widgets before the profile session exists."""

    names: list[str]
    current: str
    removal_day: RemovalDay


def startup_profile(
    profiles: list[Profile],
    last_name: str,
    today: date,
    replica_url: str | None = None,
    replica_as_of: date | None = None,
) -> StartupProfile:
    """Return what the window shows for `last_name` (else the default profile).

    It selects as `WindowState.restore_profile` does, and it reads no secret,
    so the window can size the profile box and dim the catalog before the
    secret store opens.
    """
    session = ProfileSession(profiles, None, replica_url, replica_as_of)
    if not session.select(last_name):
        session.select(session.default_name())
    return StartupProfile(
        session.names(), session.profile.name, session.removal_day(today)
    )


def _removal_note(endpoint, today: date) -> str:
    status = endpoint.removal_status(today)
    if not status.removed or status.date is None:
        return ""
    return (
        f"Note: Khan Academy removed {endpoint.http_method} {endpoint.url} on "
        f"{status.date.isoformat()}, and the live site has answered 404 there "
        "since then. The request was sent anyway, as asked."
    )


def _for_file(profile: Profile) -> Profile:
    """Return the profile as saved: a replica profile keeps no fixed port."""
    if profile.base_url_from_replica:
        return dataclasses.replace(profile, base_url="")
    return profile
