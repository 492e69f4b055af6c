"""The window started as a program: screenshot mode and its option errors."""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys

import pytest

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _run(
    args: list[str], tmp_path, without: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    """Run ka-explorer offscreen; `without` names environment variables to drop."""
    # No keyring: a window that finds the user's own token would use it, and
    # delete it when this session's replica rejects it.
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KA_EXPLORER_CONFIG_DIR=str(tmp_path / "config"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    for name in without:
        env.pop(name, None)
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
    png = target.read_bytes()
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert png[:8] == PNG_SIGNATURE
    assert (width, height) == (1360, 860)
    assert target.stat().st_size > 20_000


NO_DISPLAY = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland")
def test_no_display_explained_in_one_line(tmp_path):
    result = _run([], tmp_path, without=NO_DISPLAY)

    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ka-explorer: No display found (DISPLAY and ")
    assert "`ka-explorer get PATH`" in lines[0]
    assert "--screenshot FILE.png" in lines[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland")
def test_screenshot_needs_no_display(tmp_path):
    target = tmp_path / "window.png"
    args = ["--open", "/api/v1/badges", "--screenshot", str(target)]

    result = _run(args, tmp_path, without=NO_DISPLAY)

    assert result.returncode == 0, result.stderr
    assert target.read_bytes()[:8] == PNG_SIGNATURE


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
    assert result.returncode == 2  # a usage error, as argparse reports them
    assert value in result.stderr
    assert "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr


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


# Starts the window through app.main; after start-up it prints what the test
# checks, then closes the window so that main returns.
INSPECT_WINDOW = """
import os, sys
from PySide6.QtCore import QTimer
from ka_explorer.ui.application import create_application
from ka_explorer.cli import build_parser
from ka_explorer import app
from ka_explorer.ui.main_window import MainWindow

application = create_application()

def inspect():
    window = next(w for w in application.topLevelWidgets() if isinstance(w, MainWindow))
    print("FLASK", "flask" in sys.modules)
    print("BASE", window.session.base_url())
    print("LEVEL", window.status_area.level)
    print("STATUS", window.status_area.text().replace("\\n", " "))
    sys.stdout.flush()
    window.close()

QTimer.singleShot(1500, inspect)
sys.exit(app.main(build_parser().parse_args(sys.argv[1:])))
"""


def _inspect_window(tmp_path, *args: str) -> tuple[subprocess.CompletedProcess, dict]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KA_EXPLORER_CONFIG_DIR=str(tmp_path / "config"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    result = subprocess.run(
        [sys.executable, "-c", INSPECT_WINDOW, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    lines = dict(
        line.split(" ", 1) for line in result.stdout.splitlines() if " " in line
    )
    return result, lines


def test_window_replica_runs_in_child_process(tmp_path):
    result, seen = _inspect_window(tmp_path)
    assert result.returncode == 0, result.stderr
    assert seen["FLASK"] == "False"
    base_url = seen["BASE"]
    assert base_url.startswith("http://127.0.0.1:")
    port = int(base_url.rsplit(":", 1)[1])
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_replica_start_failure_shown_in_window(tmp_path):
    missing = tmp_path / "absent.har"
    result, seen = _inspect_window(tmp_path, "--recordings", str(missing))
    assert result.returncode == 0, result.stderr
    assert seen["LEVEL"] == "error"
    assert "The local replica could not start" in seen["STATUS"]
    assert str(missing) in seen["STATUS"]
    assert "No OS keyring" in seen["STATUS"]
    assert seen["BASE"] == ""


def test_replica_start_failure_ends_screenshot(tmp_path):
    missing = tmp_path / "absent.har"
    result = _run(
        [
            "--recordings",
            str(missing),
            "--open",
            "/api/v1/badges",
            "--screenshot",
            str(tmp_path / "x.png"),
        ],
        tmp_path,
    )
    assert result.returncode == 1
    assert "The local replica could not start" in result.stderr
    assert str(missing) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_screenshot_of_signed_out_request_says_why(tmp_path):
    target = tmp_path / "user.png"
    result = _run(["--open", "/api/v1/user", "--screenshot", str(target)], tmp_path)
    assert result.returncode == 1
    assert "needs sign-in" in result.stderr
    assert "ka-explorer login" in result.stderr
    assert not target.exists()
