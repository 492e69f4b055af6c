"""The window started as a program: screenshot mode and its option errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _run(args: list[str], tmp_path) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KA_EXPLORER_CONFIG_DIR=str(tmp_path / "config"),
    )
    return subprocess.run(
        [sys.executable, "-m", "ka_explorer", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def test_screenshot_mode_saves_png_and_exits(tmp_path):
    target = tmp_path / "window.png"
    result = _run(["--open", "/api/v1/badges", "--screenshot", str(target)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes()[:8] == PNG_SIGNATURE
    assert target.stat().st_size > 20_000


def test_screenshot_without_open_rejected(tmp_path):
    result = _run(["--screenshot", str(tmp_path / "x.png")], tmp_path)
    assert result.returncode == 1
    assert "--screenshot needs --open" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_profile_lists_known(tmp_path):
    result = _run(
        [
            "--profile",
            "Nope",
            "--open",
            "/api/v1/badges",
            "--screenshot",
            str(tmp_path / "x.png"),
        ],
        tmp_path,
    )
    assert result.returncode == 1
    assert "No profile named 'Nope'" in result.stderr
    assert "Khan Academy API v1 (local replica)" in result.stderr


@pytest.mark.parametrize("value", ["2020-13-01", "yesterday"])
def test_invalid_as_of_rejected(tmp_path, value):
    result = _run(["--as-of", value], tmp_path)
    assert result.returncode == 1
    assert value in result.stderr
    assert "YYYY-MM-DD" in result.stderr


def test_webengine_not_loaded_until_sign_in(tmp_path):
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ka_explorer.app import build_window\n"
        "from ka_explorer.oauth1.secret_store import MemorySecretStore\n"
        "parts = build_window(secret_store=MemorySecretStore())\n"
        "parts.window.show()\n"
        "app.processEvents()\n"
        "loaded = [m for m in sys.modules if 'WebEngine' in m]\n"
        "print('LOADED', loaded)\n"
        "parts.close()\n"
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KA_EXPLORER_CONFIG_DIR=str(tmp_path / "config"),
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout
