"""Build the replica's Flask app: provider, API routes, recordings, timeline."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from flask import Flask, Response, g, request

from ka_explorer.catalog import load_catalog
from ka_explorer.replica.api.dispatch import ReplicaContext, api_blueprint
from ka_explorer.replica.dataset import Dataset
from ka_explorer.replica.demo import DEMO
from ka_explorer.replica.oauth.provider import Provider
from ka_explorer.replica.oauth.routes import auth_blueprint
from ka_explorer.replica.oauth.store import Consumer, OAuthStore
from ka_explorer.replica.oauth.token_file import AccessTokenFile, default_token_path
from ka_explorer.replica.oauth.validator import DEFAULT_CALLBACK_PATH
from ka_explorer.replica.recordings import load_recordings
from ka_explorer.replica.timeline import parse_as_of

request_log = logging.getLogger("ka_explorer.replica.requests")


def create_app(
    dataset: Dataset | None = None,
    as_of: date | str | None = None,
    recordings: Iterable[Path | str] = (),
    token_file: Path | str | None = None,
) -> Flask:
    """Return the replica as a Flask app; nothing large is built until asked for.

    Issued access tokens are kept in `token_file` (default:
    `cache_dir()/replica/access_tokens.json`), so they work after a restart.
    """
    catalog = load_catalog()
    data = dataset if dataset is not None else Dataset()
    passwords, emails = data.login_table()
    consumer = Consumer(
        DEMO.consumer_key, DEMO.consumer_secret, "KA Explorer demo app", anointed=True
    )
    tokens = AccessTokenFile(Path(token_file or default_token_path()))
    store = OAuthStore([consumer], passwords, emails, token_file=tokens)
    provider = Provider(store, DEFAULT_CALLBACK_PATH)
    context = ReplicaContext(
        catalog,
        data,
        provider,
        load_recordings(recordings, catalog),
        parse_as_of(as_of),
    )

    app = Flask("ka_explorer.replica")
    app.config["REPLICA"] = context
    app.register_blueprint(auth_blueprint(provider))
    app.register_blueprint(api_blueprint(context))
    app.before_request(_start_timer)
    app.after_request(_add_api_headers)
    app.after_request(_log_request)
    return app


def _start_timer() -> None:
    g.started = time.perf_counter()


def _add_api_headers(response: Response) -> Response:
    if not request.path.startswith("/api/"):
        return response
    response.headers.setdefault("X-KA-API-Response", "true")
    response.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin", "*")
    response.headers["Access-Control-Allow-Credentials"] = "true"
    response.headers.setdefault("Cache-Control", "no-cache")
    return response


def _log_request(response: Response) -> Response:
    elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    size = response.calculate_content_length()
    request_log.info(
        "%s %s %d %s bytes %.1f ms",
        request.method,
        request.full_path.rstrip("?"),
        response.status_code,
        "?" if size is None else size,
        elapsed,
    )
    return response
