"""Real key presses from an X server (Xvfb, driven by xdotool) in the window.

Qt's offscreen platform uses Windows key bindings, so line edits there do
not take Ctrl+U or Ctrl+E the way they do on X11; and QTest calls can
reach widgets on paths that real keys never take. These tests run the
window in a child process on Xvfb and press keys through the X server.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

XVFB = shutil.which("Xvfb")
XDOTOOL = shutil.which("xdotool")
REPO = Path(__file__).resolve().parents[2]
WAIT_S = 30.0

pytestmark = pytest.mark.skipif(
    not (sys.platform.startswith("linux") and XVFB and XDOTOOL),
    reason="needs Linux with Xvfb and xdotool",
)


@pytest.fixture(scope="module")
def x_display():
    """A private Xvfb server; its display name, such as ":5"."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [XVFB, "-displayfd", str(write_end), "-screen", "0", "1600x1000x24",
         "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()  # Xvfb writes it once it accepts clients
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


class XWindow:
    """The window in its child process: keys through xdotool, state through stdin."""

    def __init__(self, display: str, base_url: str, tmp_path: Path) -> None:
        self.env = dict(
            os.environ,
            DISPLAY=display,
            KA_EXPLORER_CONFIG_DIR=str(tmp_path / "config"),
        )
        self.env.pop("QT_QPA_PLATFORM", None)
        self.errors = open(tmp_path / "window-stderr.txt", "w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.x11_window", base_url],
            cwd=REPO,
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, name="x-window-output")
        self.reader.start()
        assert self._next_line() == "ready", self._stderr()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.strip())

    def _next_line(self) -> str:
        try:
            return self.lines.get(timeout=WAIT_S)
        except queue.Empty:
            problem = f"the window did not answer: {self._stderr()}"
            raise AssertionError(problem) from None

    def _stderr(self) -> str:
        self.errors.seek(0)
        return self.errors.read()[-3000:]

    def state(self) -> dict:
        self.process.stdin.write("state\n")
        self.process.stdin.flush()
        return json.loads(self._next_line())

    def wait_for(self, check, what: str) -> dict:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            state = self.state()
            if check(state):
                return state
            time.sleep(0.1)
        raise AssertionError(f"{what} did not happen; last state: {state}")

    def xdotool(self, *args: str) -> None:
        subprocess.run([XDOTOOL, *args], env=self.env, check=True, timeout=WAIT_S)

    def click(self, name: str) -> None:
        x, y = self.state()["centers"][name]
        self.xdotool("mousemove", str(x), str(y), "click", "1")

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "30", text)

    def close(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=WAIT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=WAIT_S)
        self.errors.close()


@pytest.fixture
def x_window(x_display, replica, tmp_path):
    window = XWindow(x_display, replica.base_url, tmp_path)
    yield window
    window.close()


def test_enter_in_url_bar_sends(x_window):
    x_window.click("url_box")
    x_window.type("/api/v1/badges/categories")
    x_window.xdotool("key", "Return")

    state = x_window.wait_for(lambda s: s["history"], "a request")

    x_window.wait_for(
        lambda s: s["history"] == [["/api/v1/badges/categories", "200 OK"]],
        "a 200 response",
    )
    assert state["focus"] == "urlBox"


def test_url_shortcut_from_filter_box(x_window):
    x_window.click("filter_box")
    x_window.type("badges")

    x_window.xdotool("key", "F6")
    after_f6 = x_window.wait_for(lambda s: s["focus"] == "urlBox", "focus on URL")
    x_window.click("filter_box")
    x_window.xdotool("key", "alt+d")
    after_alt_d = x_window.wait_for(lambda s: s["focus"] == "urlBox", "focus on URL")

    assert after_f6["filter"] == "badges"
    assert after_alt_d["filter"] == "badges"


def test_escape_on_sign_in_page_cancels(x_window):
    x_window.click("url_box")
    x_window.type("/api/v1/user")
    x_window.xdotool("key", "ctrl+Return")
    x_window.wait_for(lambda s: s["dialog_open"], "the sign-in dialog")
    time.sleep(1.0)  # the login page loads and takes the focus

    x_window.click("page")
    x_window.xdotool("key", "Escape")

    state = x_window.wait_for(lambda s: not s["dialog_open"], "closing the dialog")
    assert state["history"][0] == ["/api/v1/user", "cancelled: sign-in cancelled"]
