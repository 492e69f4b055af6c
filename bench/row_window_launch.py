"""Window visible after launch: the full application vs a bare PySide6 window.

Both sides are measured the same way: the parent takes the time, starts a
fresh interpreter and reads its output until the line that reports the main
window exposed. Right after the main window's `show()`, an event filter is
installed on its QWindow, and it prints that line at the first
`QEvent.Expose` that leaves the window exposed, then quits the application.

The filter watches that one window. A filter on the whole application would
have PySide6 make a Python object for every object that receives an event,
and create the Python type of each such class: that added about 30 ms to the
application's side when its frame was built, which the application does not
spend without the filter.

- Measured: `ka-explorer` as the console script runs it (`ka_explorer.cli.main`
  with no arguments), which imports `ka_explorer.cli` before PySide6: the
  imports, the QApplication and the main window's first frame. The replica's
  process starts after that frame is painted. The main window class is
  replaced by a subclass whose `show()` installs the filter.
- Baseline: a script that imports PySide6, creates a QApplication and shows
  an empty QMainWindow of the same size.
- Context: the same `ka-explorer` start, until `MainWindow.first_painted`,
  the first paint of the endpoint tree that replaces the placeholder frame.
  The window is usable from then on.

Each side runs once unmeasured (so both read their files from the page
cache and Python has compiled the application's modules), then RUNS
times, alternating; the row compares the medians.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

from bench.common import REPO, Context, Row, format_seconds

ORDER = 14

RUNS = 7
LIMIT = 1.5
EXPOSED = "window exposed"
TREE_PAINTED = "endpoint tree painted"
TIMEOUT_S = 120.0

_PROBE = f"""
from PySide6.QtCore import QEvent, QObject, QTimer

class ExposeProbe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            self.report()
        return False

    def report(self):
        if not self.seen:
            self.seen = True
            print({EXPOSED!r}, flush=True)
            QTimer.singleShot(0, self.quit)

def watch_exposure(widget, quit):
    handle = widget.windowHandle()
    probe = ExposeProbe(handle)
    probe.seen = False
    probe.quit = quit
    handle.installEventFilter(probe)
    if handle.isExposed():
        probe.report()
"""

# The console script imports `ka_explorer.cli` before PySide6, so the
# application does so here too. PySide6 hooks the imports that follow it, for
# its `__feature__` switches. Measured with PySide6 6.10.3, that made
# urllib3's import 30 to 70 percent slower.
_APPLICATION = """
from ka_explorer.cli import main
""" + _PROBE + """
import sys
import ka_explorer.ui.main_window as main_window_module
from PySide6.QtWidgets import QApplication

class ProbedWindow(main_window_module.MainWindow):
    def show(self):
        super().show()
        watch_exposure(self, QApplication.instance().quit)

main_window_module.MainWindow = ProbedWindow
sys.exit(main([]))
"""

# The probe prints its line at the first exposure and quits right after, so
# this variant stops the quit and waits for the endpoint tree's first paint.
_APPLICATION_TREE = _APPLICATION.replace(
    "watch_exposure(self, QApplication.instance().quit)",
    "self.first_painted.connect(self._report_tree)",
).replace("main_window_module.MainWindow = ProbedWindow", f"""
    def _report_tree(self):
        print({TREE_PAINTED!r}, flush=True)
        QTimer.singleShot(0, QApplication.instance().quit)

main_window_module.MainWindow = ProbedWindow""")

_BARE = _PROBE + """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow

application = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1360, 860)
window.show()
watch_exposure(window, application.quit)
sys.exit(application.exec())
"""


def measure(context: Context) -> list[Row]:
    _time_to_exposed(_APPLICATION)
    _time_to_exposed(_BARE)
    application, bare = [], []
    for _ in range(RUNS):
        application.append(_time_to_exposed(_APPLICATION))
        bare.append(_time_to_exposed(_BARE))
    tree = [_time_to_exposed(_APPLICATION_TREE, TREE_PAINTED)
            for _ in range(RUNS)]
    mine, base = statistics.median(application), statistics.median(bare)
    return [_launch_row(mine, base), _tree_row(statistics.median(tree), base)]


def _tree_row(tree: float, base: float) -> Row:
    return Row(
        figure=("window complete after launch: `ka-explorer`, process start → "
                "endpoint tree painted in place of the placeholder frame"),
        baseline=f"bare PySide6 QMainWindow: {format_seconds(base)}",
        target="context only",
        measured=format_seconds(tree),
        ratio=tree / base,
        limit=float("inf"),
    )


def _launch_row(mine: float, base: float) -> Row:
    return Row(
        figure=("window visible after launch: `ka-explorer`, process start → "
                "main window exposed (its replica starts after the first paint)"),
        baseline=f"bare PySide6 QMainWindow, measured the same way: "
                 f"{format_seconds(base)}",
        target="≤ 1.5×",
        measured=format_seconds(mine),
        ratio=mine / base,
        limit=LIMIT,
    )


def _time_to_exposed(code: str, marker: str = EXPOSED) -> float:
    """Start `code` in a fresh interpreter; return the seconds until it prints
    `marker`, by default the line that says a window is exposed."""
    with tempfile.TemporaryDirectory(prefix="ka-bench-") as config:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   KA_EXPLORER_CONFIG_DIR=config)
        # Python caches compiled modules after the first start, as it does
        # for a user, unless the environment forbids writing them.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", code], cwd=REPO, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            exposed = _read_until(process, marker)
        finally:
            _finish(process)
    return exposed - started


def _read_until(process: subprocess.Popen[str], marker: str) -> float:
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == marker:
            return time.perf_counter()
    raise RuntimeError(f"the window process exited with {process.wait()} "
                       f"before it printed {marker!r}")


def _finish(process: subprocess.Popen[str]) -> None:
    try:
        process.wait(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
