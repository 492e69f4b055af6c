"""A private Secret Service for tests: a session D-Bus and gnome-keyring.

`SecretService.start(folder)` starts a `dbus-daemon` session bus on a socket
in `folder` and `gnome-keyring-daemon --unlock` with its keyrings in
`folder`, so nothing touches the user's own keyring. `environment` contains
the variables that point a process at them. Raises `SecretServiceUnavailable`
with the reason when either daemon cannot start here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

KEYRING_PASSWORD = "test-keyring-password"
START_TIMEOUT = 10.0
SECRETS_NAME = "org.freedesktop.secrets"

# A session bus without service activation. With the system's session.conf,
# a query for the Secret Service before the test's daemon owns the name
# makes dbus-daemon start another gnome-keyring-daemon, which keeps its
# files in the real home folder.
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC
 "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class SecretServiceUnavailable(RuntimeError):
    """The daemons are missing or did not start. The message gives the reason."""


class SecretService:
    """The two daemons of one test session; `stop()` ends both."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.environment: dict[str, str] = {}
        self._bus: subprocess.Popen[bytes] | None = None
        self._keyring: subprocess.Popen[bytes] | None = None

    @classmethod
    def start(cls, folder: Path) -> SecretService:
        for program in ("dbus-daemon", "gnome-keyring-daemon"):
            if shutil.which(program) is None:
                raise SecretServiceUnavailable(f"{program} is not installed")
        service = cls(folder)
        try:
            service._start_bus()
            service.start_keyring()
        except BaseException:
            service.stop()
            raise
        return service

    def _start_bus(self) -> None:
        runtime = self.folder / "run"
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        config = self.folder / "session-bus.conf"
        config.write_text(_BUS_CONFIG.format(socket=runtime / "bus"), encoding="utf-8")
        self._bus = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert self._bus.stdout is not None
        address = self._bus.stdout.readline().decode().strip()
        if not address:
            error = self._bus.stderr.read().decode() if self._bus.stderr else ""
            raise SecretServiceUnavailable(f"dbus-daemon did not start: {error}")
        self.environment = {
            "DBUS_SESSION_BUS_ADDRESS": address,
            "XDG_RUNTIME_DIR": str(runtime),
            "XDG_DATA_HOME": str(self.folder / "data"),
            "XDG_CACHE_HOME": str(self.folder / "cache"),
            "XDG_CONFIG_HOME": str(self.folder / "config"),
            "HOME": str(self.folder),
        }

    def start_keyring(self) -> None:
        """Start (or start again) gnome-keyring-daemon, unlocking its keyring."""
        self._keyring = subprocess.Popen(
            [
                "gnome-keyring-daemon",
                "--unlock",
                "--foreground",
                "--components=secrets",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, **self.environment},
        )
        assert self._keyring.stdin is not None
        self._keyring.stdin.write(KEYRING_PASSWORD.encode())
        self._keyring.stdin.close()
        self._wait_for_service()

    def stop_keyring(self) -> None:
        """Stop gnome-keyring-daemon; its keyring files stay in the folder."""
        _terminate(self._keyring)
        self._keyring = None

    def stop(self) -> None:
        self.stop_keyring()
        _terminate(self._bus)
        self._bus = None

    def _wait_for_service(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._keyring is not None and self._keyring.poll() is not None:
                raise SecretServiceUnavailable(
                    f"gnome-keyring-daemon exited: {self._keyring_output()}"
                )
            if self._service_ready():
                return
            time.sleep(0.1)
        _terminate(self._keyring)
        raise SecretServiceUnavailable(
            "gnome-keyring-daemon did not offer an unlocked Secret Service "
            f"within {START_TIMEOUT} s: {self._keyring_output()}"
        )

    def _keyring_output(self) -> str:
        if self._keyring is None or self._keyring.stderr is None:
            return ""
        return self._keyring.stderr.read().decode().strip()

    def _service_ready(self) -> bool:
        """Return whether the daemon owns the Secret Service name, unlocked."""
        import secretstorage
        from jeepney.bus_messages import message_bus

        saved = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = self.environment[
            "DBUS_SESSION_BUS_ADDRESS"
        ]
        try:
            with secretstorage.dbus_init() as connection:
                reply = connection.send_and_get_reply(
                    message_bus.NameHasOwner(SECRETS_NAME)
                )
                if not reply.body[0]:
                    return False
                collection = secretstorage.get_default_collection(connection)
                return not collection.is_locked()
        except Exception:  # noqa: BLE001  (any D-Bus error means "not ready yet")
            return False
        finally:
            if saved is None:
                os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
            else:
                os.environ["DBUS_SESSION_BUS_ADDRESS"] = saved


def _terminate(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
