"""Pick the user a call acts on: userId, username, email or kaid, else the caller.

The first selector present wins. A user the caller may not see (not the
caller, nor a student the caller coaches) and an unknown user both give None,
which the routes return as `null` with status 200.
"""

from __future__ import annotations

from ka_explorer.replica.api.call import Call
from ka_explorer.replica.dataset.users import Account

SELECTORS = (
    ("userId", "user_id"),
    ("username", "username"),
    ("email", "email"),
    ("kaid", "kaid"),
)


def visible_target(call: Call) -> Account | None:
    caller = call.user
    if caller is None:
        return None
    for parameter, attribute in SELECTORS:
        value = call.args.get(parameter)
        if value:
            return _visible(caller, _find(call, attribute, value))
    return caller


def _find(call: Call, attribute: str, value: str) -> Account | None:
    expected = value.lower() if attribute == "email" else value
    for account in call.dataset.accounts.values():
        actual = getattr(account, attribute)
        if (actual.lower() if attribute == "email" else actual) == expected:
            return account
    return None


def _visible(caller: Account, target: Account | None) -> Account | None:
    if target is None:
        return None
    if target.username == caller.username or caller.email in target.coaches:
        return target
    return None
