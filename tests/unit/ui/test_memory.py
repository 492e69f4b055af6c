"""Free heap memory goes back to the OS after a large response is replaced."""

from __future__ import annotations

import gc
import json
import platform
import subprocess
import sys
import weakref

import pytest

from tests.gui.window_keys import press_enter_in_url_bar

# Run in a fresh interpreter, so that the test process's own heap does not
# blur the figures. Blocks of 1 KiB come from glibc's malloc, not from
# CPython's small-object arenas, and the last block keeps the heap's top in
# use, so glibc cannot shrink the heap by itself.
_PROBE = """
import gc, json
from ka_explorer.ui.memory import release_free_memory

def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024

blocks = [bytes(1024) + bytes([n % 256]) for n in range(200_000)]
top = bytes(2048)
del blocks
gc.collect()
before = rss()
released = release_free_memory()
print(json.dumps({"released": released, "before": before, "after": rss()}))
"""

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"


@pytest.mark.skipif(not GLIBC, reason="malloc_trim is a glibc function")
def test_release_returns_free_heap():
    output = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True
    ).stdout
    figures = json.loads(output)
    assert figures["released"] is True
    assert figures["before"] - figures["after"] > 100 * 1024 * 1024


def test_large_response_replaced_releases_memory(
    qtbot, make_window, local_server, monkeypatch
):
    calls = []
    monkeypatch.setattr(
        "ka_explorer.ui.request_flow.release_free_memory",
        lambda *args: calls.append(args) or True,
    )
    big = json.dumps(["x" * 100] * 100_000).encode()  # about 10 MB
    local_server.routes["/big"] = (200, "application/json", big)
    local_server.routes["/small"] = (200, "application/json", b"[1]")
    window = make_window(local_server.base_url).window

    for path, expected_calls in (("/big", 0), ("/small", 1), ("/small", 1)):
        window.request_bar.set_url_text(path)
        with qtbot.waitSignal(window.response_shown, timeout=20_000):
            press_enter_in_url_bar(qtbot, window)
        window.runner.wait_idle()
        assert len(calls) == expected_calls, path


def test_replaced_document_freed_when_frozen(qtbot, make_window, local_server):
    # About 4 MB, above what History keeps: a flat array read in pieces
    # after its first 20 000 items.
    items = [{"id": index, "name": f"item {index}"} for index in range(150_000)]
    local_server.routes["/big"] = (200, "application/json", json.dumps(items).encode())
    local_server.routes["/small"] = (200, "application/json", b"[1]")
    window = make_window(local_server.base_url).window
    window.request_bar.set_url_text("/big")
    with qtbot.waitSignal(window.response_shown, timeout=20_000) as shown:
        press_enter_in_url_bar(qtbot, window)
    window.runner.wait_idle()
    window.response_pane.json_tab.view.expandRecursively(
        window.json_model.index(0, 0), 2)
    big = weakref.ref(shown.args[0].document)
    del shown
    # The node views of the shown document are now out of the collector's
    # reach, as after the parse of a body that leaves many objects.
    gc.freeze()
    try:
        window.request_bar.set_url_text("/small")
        with qtbot.waitSignal(window.response_shown, timeout=20_000):
            press_enter_in_url_bar(qtbot, window)
        window.runner.wait_idle()
        freed = big() is None
    finally:
        gc.unfreeze()

    assert freed
