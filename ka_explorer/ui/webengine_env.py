"""Settings QtWebEngine reads once, when it first loads."""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)

FLAGS_VARIABLE = "QTWEBENGINE_CHROMIUM_FLAGS"


def prepare_chromium_flags() -> None:
    """Add Chromium's --no-sandbox when running as root, before QtWebEngine loads.

    Chromium refuses to start its sandbox as root; without the flag the
    sign-in browser would abort the whole program.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    flags = os.environ.get(FLAGS_VARIABLE, "")
    if "--no-sandbox" in flags.split():
        return
    os.environ[FLAGS_VARIABLE] = f"{flags} --no-sandbox".strip()
    log.warning(
        "Running as root: the sign-in browser starts without Chromium's sandbox "
        "(--no-sandbox). Run ka-explorer as a normal user to keep the sandbox."
    )
