"""Starting and stopping the replica, alone and through `ka-explorer serve`."""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from ka_explorer.replica import ReplicaError, start_replica


def test_start_is_fast_and_stop_frees_port() -> None:
    started = time.perf_counter()
    replica = start_replica()
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", replica.base_url)
    assert requests.get(f"{replica.base_url}/api/v1/badges/categories").ok
    replica.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{replica.base_url}/api/v1/badges/categories", timeout=2)


def test_context_manager_stops() -> None:
    with start_replica() as replica:
        url = f"{replica.base_url}/api/v1/badges/categories"
        assert requests.get(url).status_code == 200
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=2)


def test_port_in_use_raises_replica_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ReplicaError, match=f"127.0.0.1:{port}.*--port"):
            start_replica(port=port)


def test_unresolvable_host_named(monkeypatch: pytest.MonkeyPatch) -> None:
    # A real lookup of a missing name would query the network's DNS server,
    # which tests must not reach, so the resolver's error is raised here.
    resolve = socket.getaddrinfo

    def resolve_or_fail(host: str, *args: object, **kwargs: object) -> object:
        if host == "nosuchhost.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return resolve(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", resolve_or_fail)

    with pytest.raises(ReplicaError) as caught:
        start_replica(host="nosuchhost.invalid")

    assert str(caught.value) == (
        "Could not listen on nosuchhost.invalid: the host name cannot be resolved "
        "(Name or service not known); give --host an IP address of this machine, "
        "such as 127.0.0.1 or ::1."
    )


def test_foreign_address_named() -> None:
    # 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine,
    # and binding to it sends no traffic.
    with pytest.raises(ReplicaError) as caught:
        start_replica(host="192.0.2.1")

    assert "Could not listen on 192.0.2.1:0: 192.0.2.1 is not an address" in str(
        caught.value
    )
    assert "--port" not in str(caught.value)


def test_long_request_line_logged_quietly(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    with start_replica() as replica:
        response = requests.get(f"{replica.base_url}/api/v1/badges?x={'a' * 70_000}")

    werkzeug_lines = [r for r in caplog.records if r.name == "werkzeug"]
    requests_lines = [
        r.getMessage() for r in caplog.records
        if r.name == "ka_explorer.replica.requests"
    ]
    assert response.status_code == 414
    assert werkzeug_lines == []
    assert any("before the app: code 414" in line for line in requests_lines)


def test_bad_as_of_raises_replica_error() -> None:
    with pytest.raises(ReplicaError, match="'2020-13-01'.*YYYY-MM-DD"):
        start_replica(as_of="2020-13-01")


def _serve(*options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ka_explorer", "serve", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def test_serve_prints_logs_and_stops_on_ctrl_c() -> None:
    process = _serve("--port", "0")
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)", banner)
        assert found, banner
        lines = [process.stdout.readline() for _ in range(4)]
        assert "demo-consumer-key" in lines[0]
        assert "demo-consumer-secret" in lines[1]
        assert "demo-student / khan-demo" in lines[2]
        assert process.stdout.readline().startswith("Press Ctrl+C")
        requests.get(f"{found.group(1)}/api/v1/badges/categories/1")
        logged = process.stdout.readline()
        assert "GET /api/v1/badges/categories/1 200" in logged
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "Replica stopped." in out
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--as-of", "2020-02-30"), "invalid date '2020-02-30'"),
        (("--port", "70000"), "argument --port: invalid port '70000'"),
        (
            ("--recordings", "/nonexistent/recordings"),
            "Recordings path /nonexistent/recordings does not exist",
        ),
    ],
)
def test_serve_bad_option_one_line(options: tuple[str, ...], message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ka_explorer", "serve", *options],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert message in result.stderr


def test_serve_replays_recordings(tmp_path: Path) -> None:
    (tmp_path / "badges_categories.json").write_text('[{"category": 9}]')
    process = _serve("--recordings", str(tmp_path))
    try:
        assert process.stdout is not None
        found = re.search(r"(http://127\.0\.0\.1:\d+)", process.stdout.readline())
        assert found
        body = requests.get(f"{found.group(1)}/api/v1/badges/categories").json()
        assert body == [{"category": 9}]
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)
