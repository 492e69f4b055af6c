"""`ka-explorer login`: the three-legged OAuth 1.0a flow from a terminal.

A one-shot HTTP listener on 127.0.0.1 receives the browser's redirect to
the callback (or, with --oob, the user types the PIN). The access token
goes to the OS keyring; where no keyring works, the command prints the
--token and --token-secret flags to pass instead.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import sys
import urllib.parse
import webbrowser
from collections.abc import Iterator

from ka_explorer.cli.callback_listener import CallbackListener, LoginError
from ka_explorer.cli.replica_launch import running_replica
from ka_explorer.errors import KaExplorerError
from ka_explorer.oauth1 import (
    LOOPBACK,
    OOB,
    REPLICA_PROFILE,
    AccessToken,
    AccessTokenError,
    Authorization,
    Callback,
    Credentials,
    OAuth1Flow,
    Profile,
    SecretStore,
    SignatureMethod,
    credentials_for,
    find_profile,
    open_secret_store,
    read_rsa_key_file,
    save_token,
)
from ka_explorer.oauth1.tokens import require_consumer_secret


def run(args: argparse.Namespace) -> int:
    """Sign in, store the token and return the exit status (0 on success)."""
    try:
        if args.callback is not None:
            # An invalid value ends the command before a replica starts.
            Callback.parse(args.callback)
        with _provider_profile(args) as profile:
            return _login(args, profile)
    except KaExplorerError as error:
        print(f"ka-explorer login: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"ka-explorer login: {error}", file=sys.stderr)
        return 1


@contextlib.contextmanager
def _provider_profile(args: argparse.Namespace) -> Iterator[Profile]:
    """Yield the chosen profile with its base URL, starting a replica if needed."""
    profile = find_profile(args.profile or REPLICA_PROFILE)
    if args.base_url:
        yield profile.with_base_url(args.base_url)
        return
    if profile.base_url and not profile.base_url_from_replica:
        yield profile
        return
    with running_replica(args) as replica:
        print(f"Started the local replica at {replica.base_url}", file=sys.stderr)
        yield profile.with_base_url(replica.base_url)


def _login(args: argparse.Namespace, profile: Profile) -> int:
    callback = _callback(args, profile)
    if args.signature_method:
        method = SignatureMethod.parse(args.signature_method)
        profile = dataclasses.replace(profile, signature_method=method)
    store = open_secret_store()
    warning = store.take_warning()
    if warning:
        print(f"Warning: {warning}", file=sys.stderr)
    flow = OAuth1Flow.from_profile(profile, _consumer_credentials(args, profile, store))
    access = _authorize(args, flow, callback)
    _keep_token(profile, store, access)
    return 0


def _consumer_credentials(
    args: argparse.Namespace, profile: Profile, store: SecretStore
) -> Credentials:
    rsa_key_pem = read_rsa_key_file(args.rsa_key) if args.rsa_key else None
    creds = credentials_for(
        profile,
        store,
        with_token=False,
        rsa_key_pem=rsa_key_pem,
        consumer_secret=args.consumer_secret,
    )
    key = args.consumer_key or creds.consumer_key
    if not key:
        raise LoginError(
            f"Profile {profile.name!r} has no consumer key; pass --consumer-key K "
            "(and --consumer-secret S)."
        )
    creds = dataclasses.replace(creds, consumer_key=key)
    if args.consumer_secret is None:
        require_consumer_secret(creds, profile.name)
    return creds


def _callback(args: argparse.Namespace, profile: Profile) -> Callback:
    """Return the callback: --oob, then --callback, then the profile's setting."""
    if args.oob:
        return Callback(OOB)
    if args.callback is not None:
        return Callback.parse(args.callback)
    return profile.callback_setting


def _authorize(
    args: argparse.Namespace, flow: OAuth1Flow, callback: Callback
) -> AccessToken:
    if callback.kind == OOB:
        return _authorize_with_pin(args, flow)
    if callback.kind == LOOPBACK:
        return _authorize_with_listener(args, flow, CallbackListener())
    address = callback.listen_address
    if address is None:
        return _authorize_with_pasted_url(args, flow, callback)
    path = urllib.parse.urlsplit(callback.url).path or "/"
    listener = CallbackListener(callback.url, *address, path=path)
    return _authorize_with_listener(args, flow, listener)


def _authorize_with_listener(
    args: argparse.Namespace, flow: OAuth1Flow, listener: CallbackListener
) -> AccessToken:
    with listener:
        temporary = flow.request_token(listener.url)
        _show_authorize_url(flow.authorize_url(temporary), args.no_browser)
        callback_url = listener.wait(args.timeout)
    authorization: Authorization = flow.parse_callback(callback_url, temporary)
    return flow.access_token(temporary, authorization)


def _authorize_with_pasted_url(
    args: argparse.Namespace, flow: OAuth1Flow, callback: Callback
) -> AccessToken:
    """Sign in with a callback URL that no listener here can receive.

    The browser goes to the registered URL after approval; the user copies
    that address, which carries oauth_token and oauth_verifier, from the
    address bar.
    """
    temporary = flow.request_token(callback.url)
    _show_authorize_url(flow.authorize_url(temporary), args.no_browser)
    print(
        f"After you approve, the browser goes to {callback.url}, which may show an "
        "error page. Copy the whole address from the address bar.",
        flush=True,
    )
    pasted = _read_line(
        "Paste the address here: ",
        "address",
        "paste the address that the browser shows after you approve",
    )
    if not callback.is_reached_by(pasted):
        raise LoginError(
            f"The address {pasted.strip()!r} is not the callback {callback.url}; "
            "run the login again and paste the address the browser shows after "
            "you approve."
        )
    authorization = flow.parse_callback(pasted.strip(), temporary)
    return flow.access_token(temporary, authorization)


def _authorize_with_pin(args: argparse.Namespace, flow: OAuth1Flow) -> AccessToken:
    temporary = flow.request_token(OOB)
    _show_authorize_url(flow.authorize_url(temporary), args.no_browser)
    pin = _read_pin()
    try:
        return flow.access_token(temporary, flow.parse_pin(pin, temporary))
    except AccessTokenError as error:
        raise _pin_error(pin, error) from None


def _read_pin() -> str:
    return _read_line(
        "Enter the PIN that the provider shows: ",
        "PIN",
        "type the PIN that the provider shows, or leave out --oob to use the "
        "loopback callback",
    )


def _read_line(prompt: str, what: str, next_step: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        raise LoginError(
            f"No {what} was entered: the input ended (Ctrl+D) before a {what} was "
            f"typed. Run the login again and {next_step}."
        ) from None


def _pin_error(pin: str, error: AccessTokenError) -> KaExplorerError:
    """Return the error for a refused PIN: the consumer itself passed an earlier step.

    The request token step was signed with the same consumer key and secret
    and accepted, so a 400 or 401 at the access token step is the PIN's.
    """
    if error.status not in (400, 401):
        return error
    reason = " ".join(error.server_text.split())[:200] or "no reason given"
    return LoginError(
        f"The provider rejected the PIN {pin.strip()!r} (HTTP {error.status}: "
        f"{reason}). Run the login again and type the PIN that the provider shows "
        "after you approve access."
    )


def _show_authorize_url(url: str, no_browser: bool) -> None:
    print("Open this URL in a browser and approve access:", flush=True)
    print(f"  {url}", flush=True)
    if not no_browser and not webbrowser.open(url):
        print("No browser could be opened; open the URL yourself.", file=sys.stderr)


def _keep_token(profile: Profile, store: SecretStore, access: AccessToken) -> None:
    save_token(profile.name, store, access.token, access.token_secret)
    if store.persistent:
        print(f"Signed in to {profile.name!r}; the access token is in the OS keyring.")
        return
    print(
        f"Signed in to {profile.name!r}, but no OS keyring works here, so the token "
        "is lost when this command exits. Pass it to later commands with:"
    )
    print(f"  --token {access.token} --token-secret {access.token_secret}")
