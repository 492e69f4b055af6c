"""Settings shared by every test: no display, no user folders, no real network."""

from __future__ import annotations

import os

# Qt renders offscreen; QtWebEngine (Chromium) refuses to start as root
# without --no-sandbox.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--no-sandbox" not in flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Keep settings and history of each test out of the user's config folder."""
    monkeypatch.setenv("KA_EXPLORER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(scope="session")
def replica():
    """The local Khan Academy API v1 replica on 127.0.0.1, shared by the session.

    Started once with the default date and no recordings; stopped at the end.
    Use `replica.base_url` and the demo credentials in `ka_explorer.replica.DEMO`.
    """
    from ka_explorer.replica import start_replica

    running = start_replica()
    yield running
    running.stop()
