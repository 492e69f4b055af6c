"""Where the program finds its bundled resources and keeps its own files."""

from __future__ import annotations

import os
from collections.abc import Callable
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
    return _create_dir("KA_EXPLORER_CONFIG_DIR", platformdirs.user_config_dir)


def cache_dir() -> Path:
    """Return the folder for generated data such as the replica's dataset.

    KA_EXPLORER_CACHE_DIR overrides the platform's cache folder.
    """
    return _create_dir("KA_EXPLORER_CACHE_DIR", platformdirs.user_cache_dir)


def _create_dir(variable: str, platform_dir: Callable[[str], str]) -> Path:
    """Create and return the folder that `variable` names, else the platform's."""
    override = os.environ.get(variable)
    path = Path(override) if override else Path(platform_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path
