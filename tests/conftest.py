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

import threading  # noqa: E402
import time  # noqa: E402

import pytest  # noqa: E402

THREAD_WAIT_S = 10.0


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory):
    """Keep the replica's generated data and issued tokens out of the user's cache.

    Child processes inherit the folder, so a token that one command issues is
    found by the next one, as it is outside the tests.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KA_EXPLORER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


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


@pytest.fixture
def no_leaked_threads(request):
    """Fail a test that leaves a Python thread or a Qt pool thread running.

    The window tests (tests/gui, tests/e2e) turn it on for every test. Threads
    that session and module fixtures start are running before the snapshot,
    so they do not count. Qt is imported here, not at the top, so that unit
    tests run without it.
    """
    from PySide6.QtCore import QCoreApplication, QThreadPool

    from ka_explorer.http import default_client

    before = set(threading.enumerate())
    yield
    default_client().close()  # kept-alive connections hold server threads
    deadline = time.monotonic() + THREAD_WAIT_S
    while time.monotonic() < deadline:
        leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        busy = QThreadPool.globalInstance().activeThreadCount()
        if not leaked and busy == 0:
            return
        QCoreApplication.processEvents()
        time.sleep(0.02)
    names = [thread.name for thread in leaked]
    pytest.fail(f"{request.node.name} left threads running: {names}, pool: {busy}")
