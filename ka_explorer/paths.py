"""Where the program finds its bundled resources and keeps its own files."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ka-explorer"

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Return the path of a bundled resource, in a wheel or in a source checkout.

    A wheel carries `resources/` inside the package; a source checkout or an
    editable install keeps it at the top of the repository.
    """
    for base in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        candidate = base.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(
        f"Bundled resource {'/'.join(parts)} not found next to {_PACKAGE_DIR}; "
        "reinstall ka-explorer."
    )


def config_dir() -> Path:
    """Return the folder for settings, profiles and history (no secrets).

    KA_EXPLORER_CONFIG_DIR overrides the platform's config folder.
    """
    override = os.environ.get("KA_EXPLORER_CONFIG_DIR")
    path = Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Return the folder for generated data such as the replica's dataset.

    KA_EXPLORER_CACHE_DIR overrides the platform's cache folder.
    """
    override = os.environ.get("KA_EXPLORER_CACHE_DIR")
    path = Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path
