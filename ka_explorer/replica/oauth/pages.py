"""HTML pages of the sign-in: login, approval, the `oob` PIN, errors.

Element ids and field names are fixed so tests and the embedded browser can
drive the pages: `login-form` with `identifier` and `password`,
`approval-form` with the `approve` and `deny` buttons, `oauth-verifier` for
the PIN, and class `error` on every error message.
"""

from __future__ import annotations

from flask import render_template_string

from ka_explorer.replica.demo import DEMO

_LAYOUT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{{ title }} - Khan Academy (local replica)</title>
<style>
body { font-family: sans-serif; max-width: 34em; margin: 3em auto; color: #21242c; }
h1 { color: #14bf96; font-size: 1.5em; }
.error { color: #b00020; border: 1px solid #b00020; padding: .6em; }
.demo { background: #f3f7f9; padding: .6em; font-size: .9em; }
label { display: block; margin: .6em 0; }
input[type=text], input[type=password] { width: 100%; padding: .3em; }
#oauth-verifier { font-size: 2em; letter-spacing: .1em; font-family: monospace; }
</style></head>
<body><h1>{{ title }}</h1>
{% if error %}<p class="error" role="alert">{{ error }}</p>{% endif %}
BODY
{% if show_demo %}<p class="demo">Demo account: <b>{{ demo.username }}</b> /
<b>{{ demo.password }}</b> (coach: <b>{{ demo.coach_username }}</b> /
<b>{{ demo.coach_password }}</b>). Demo consumer key <b>{{ demo.consumer_key }}</b>,
secret <b>{{ demo.consumer_secret }}</b>.</p>{% endif %}
</body></html>
"""

_LOGIN = """
<p><b>{{ consumer }}</b> would like to access your Khan Academy account.
Log in to continue.</p>
<form id="login-form" method="post" action="{{ action }}">
<input type="hidden" name="oauth_token" value="{{ oauth_token }}">
<label>Username or email <input type="text" name="identifier"
 value="{{ identifier }}"{% if not identifier %} autofocus{% endif %}></label>
<label>Password <input type="password" name="password"{% if identifier %}
 autofocus{% endif %}></label>
<button type="submit" name="login" value="Log in">Log in</button>
</form>
"""

_APPROVAL = """
<p>Signed in as <b>{{ username }}</b>.</p>
<p><b>{{ consumer }}</b> would like to read your Khan Academy data: your
profile, progress, badges and activity.</p>
<form id="approval-form" method="post" action="{{ action }}">
<input type="hidden" name="oauth_token" value="{{ oauth_token }}">
<button type="submit" name="approve" value="Accept">Accept</button>
<button type="submit" name="deny" value="Deny">Deny</button>
</form>
"""

_PIN = """
<p>You allowed <b>{{ consumer }}</b> to access your account. Enter this PIN in
the application to finish signing in:</p>
<p id="oauth-verifier">{{ verifier }}</p>
"""

_MESSAGE = """<p id="message">{{ message }}</p>"""


def _page(title: str, body: str, **values: object) -> str:
    template = _LAYOUT.replace("BODY", body)
    values.setdefault("error", None)
    values.setdefault("show_demo", True)
    return render_template_string(template, title=title, demo=DEMO, **values)


def login_page(
    action: str,
    oauth_token: str,
    consumer: str,
    error: str | None = None,
    identifier: str = "",
) -> str:
    return _page(
        "Log in",
        _LOGIN,
        action=action,
        oauth_token=oauth_token,
        consumer=consumer,
        error=error,
        identifier=identifier,
    )


def approval_page(action: str, oauth_token: str, consumer: str, username: str) -> str:
    return _page(
        "Allow access?",
        _APPROVAL,
        action=action,
        oauth_token=oauth_token,
        consumer=consumer,
        username=username,
    )


def pin_page(verifier: str, consumer: str) -> str:
    return _page(
        "Access allowed", _PIN, verifier=verifier, consumer=consumer, show_demo=False
    )


def message_page(title: str, message: str) -> str:
    return _page(title, _MESSAGE, message=message, show_demo=False)


def error_page(message: str) -> str:
    return _page("Sign-in failed", "", error=message)
