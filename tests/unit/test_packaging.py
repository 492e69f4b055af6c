"""The wheel carries the bundled resources and runs outside the source tree."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and install it alone in a fresh virtual environment.

    The fresh environment sees this environment's third-party packages
    through a .pth line, so the check needs no network; `ka_explorer` itself
    comes only from the wheel.
    """
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "--wheel-dir", str(work), str(REPO)],
        check=True,
    )
    wheel = next(work.glob("ka_explorer-*.whl"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)],
        check=True,
    )
    query = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    fresh_site = subprocess.run(
        [str(python), "-c", query],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    dependencies = sysconfig.get_paths()["purelib"]
    (Path(fresh_site) / "dependencies.pth").write_text(dependencies + "\n")
    return venv


def test_wheel_imports_from_its_own_install(wheel_venv: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(wheel_venv / "bin" / "python"), "-c",
         "import ka_explorer; print(ka_explorer.__file__)"],
        cwd=tmp_path, check=True, capture_output=True, text=True,
    )
    assert result.stdout.strip().startswith(str(wheel_venv))


def test_wheel_get_prints_six_categories(wheel_venv: Path, tmp_path: Path) -> None:
    environment = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "KA_EXPLORER_CACHE_DIR": str(tmp_path / "cache"),
        "KA_EXPLORER_CONFIG_DIR": str(tmp_path / "config"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    result = subprocess.run(
        [str(wheel_venv / "bin" / "ka-explorer"), "get", "/api/v1/badges/categories"],
        cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 6
    assert result.stderr.strip().splitlines()[-1].startswith("Time: ")
