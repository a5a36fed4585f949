"""Start, stop and report the embedded stack: broker, database, SMTP sink and the four services."""

import asyncio
import dataclasses
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from vigie.settings import Settings
from vigie.stack.bootstrap import bootstrap_development
from vigie.stack.components import Component, child_environment, components, inbound_smtp_port
from vigie.stack.processes import StartupError, port_open, spawn, stop, wait_for_port


@dataclass(frozen=True)
class StackPaths:
    var_dir: Path

    @property
    def state_file(self) -> Path:
        return self.var_dir / "stack" / "state.json"

    @property
    def log_dir(self) -> Path:
        return self.var_dir / "log"

    @property
    def mail_dir(self) -> Path:
        return self.var_dir / "mail"


def _wait_http_ready(component: Component, pid_alive: Callable[[], bool], log_path: Path) -> None:
    url = f"http://127.0.0.1:{component.port}{component.ready_path}"
    deadline = time.monotonic() + component.startup_seconds
    last = "no answer"
    while time.monotonic() < deadline:
        if not pid_alive():
            raise StartupError(f"{component.name} exited during start-up; see {log_path}")
        try:
            response = httpx.get(url, timeout=2)
            if response.status_code == 200:
                return
            last = f"HTTP {response.status_code}: {response.text[:200]}"
        except httpx.HTTPError as exc:
            last = type(exc).__name__
        time.sleep(0.25)
    raise StartupError(f"{component.name} was not ready at {url} within {component.startup_seconds:.0f} s "
                       f"({last}); see {log_path}")


class StackManager:
    def __init__(self, settings: Settings, var_dir: Path | None = None):
        self.settings = settings
        self.paths = StackPaths((var_dir or settings.VAR_DIR).resolve())
        environment = child_environment(settings)
        self.child_settings = settings.model_copy(
            update={"KAFKA_BOOTSTRAP_SERVERS": environment["VIGIE_KAFKA_BOOTSTRAP_SERVERS"],
                    "MONGO_URL": settings.MONGO_URL.__class__(environment["VIGIE_MONGO_URL"])}
        )

    def up(self) -> dict[str, object]:
        """Start every part not running yet, wait until each is ready, and return the connection details.

        Every port is checked before anything starts. The development tenant and the topics are created
        once the broker and database respond, before the services start. When a part fails to start, the
        parts this call started are stopped again.
        """
        state = self._read_state()
        missing = [c for c in components(self.settings, self.paths.var_dir)
                   if not (c.name in state and _alive(int(state[c.name]["pid"])))]  # type: ignore[call-overload]
        self._check_ports_free(missing)
        started: list[str] = []
        try:
            for component in components(self.settings, self.paths.var_dir):
                if component.name == "smtp":
                    self.credentials = asyncio.run(bootstrap_development(self.child_settings, self.paths.var_dir))
                if component not in missing:
                    continue
                state[component.name] = self._start(component)
                started.append(component.name)
                self._write_state(state)
        except StartupError:
            for name in reversed(started):
                self.stop_component(name)
            raise
        return self.connection_info()

    def _check_ports_free(self, parts: list[Component]) -> None:
        taken = [c for c in parts if port_open("127.0.0.1", c.port)]
        if taken:
            listed = "; ".join(f"port {c.port} for {c.name} (set {c.port_setting})" for c in taken)
            raise StartupError(
                f"already in use: {listed}. Stop what uses them or choose free ports with those variables; "
                "README.md lists every port under 'Configuration'."
            )

    def _start(self, component: Component) -> dict[str, object]:
        log_path = self.paths.log_dir / f"{component.name}.log"
        process = spawn(component.command, log_path, {**os.environ, **child_environment(self.settings)})
        try:
            wait_for_port(component.name, process, component.port, log_path, component.startup_seconds)
            if component.ready_path is not None:
                _wait_http_ready(component, lambda: process.poll() is None, log_path)
        except StartupError:
            stop(process.pid)
            raise
        return {"pid": process.pid, "port": component.port, "log": str(log_path)}

    def down(self) -> list[str]:
        """Stop the services first, then the servers; return the names stopped."""
        state = self._read_state()
        stopped = []
        for name in reversed(list(state)):
            stop(int(state[name]["pid"]))  # type: ignore[call-overload]
            stopped.append(name)
        self.paths.state_file.unlink(missing_ok=True)
        return stopped

    def stop_component(self, name: str) -> None:
        """Stop one part; `up` starts it again."""
        state = self._read_state()
        entry = state.pop(name, None)
        if entry is not None:
            stop(int(entry["pid"]))  # type: ignore[call-overload]
        self._write_state(state)

    def status(self) -> dict[str, dict[str, object]]:
        state = self._read_state()
        report: dict[str, dict[str, object]] = {}
        for component in components(self.settings, self.paths.var_dir):
            entry = state.get(component.name)
            running = entry is not None and _alive(int(entry["pid"]))  # type: ignore[call-overload]
            if entry is not None:
                # The stack may run on ports set when it started, not on this shell's settings.
                component = dataclasses.replace(component, port=int(entry["port"]))  # type: ignore[call-overload]
            report[component.name] = {"running": running, "port": component.port,
                                      "pid": entry["pid"] if entry else None,
                                      "ready": running and self._ready(component)}
        return report

    def _ready(self, component: Component) -> bool:
        if component.ready_path is None:
            return port_open("127.0.0.1", component.port)
        try:
            return httpx.get(f"http://127.0.0.1:{component.port}{component.ready_path}", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def connection_info(self) -> dict[str, object]:
        settings = self.settings
        return {
            "api_url": f"http://127.0.0.1:{settings.API_PORT}",
            "api_docs_url": f"http://127.0.0.1:{settings.API_PORT}/docs",
            "ingest_url": f"http://127.0.0.1:{settings.INGEST_PORT}",
            "scoring_url": f"http://127.0.0.1:{settings.SCORING_WEB_PORT}",
            "notifier_url": f"http://127.0.0.1:{settings.NOTIFIER_PORT}",
            "kafka_bootstrap_servers": f"127.0.0.1:{settings.STACK_BROKER_PORT}",
            "mongo_url": f"mongodb://127.0.0.1:{settings.STACK_MONGO_PORT}/?directConnection=true",
            "api_key": self.credentials["api_key"],
            "partner_id": self.credentials["partner_id"],
            "tenant_id": self.credentials["tenant_id"],
            "webhook_secret": self.credentials["webhook_secret"],
            "mail_dir": str(self.paths.mail_dir),
            "inbound_smtp": f"127.0.0.1:{inbound_smtp_port(settings)}",
            "inbound_addresses": self.credentials.get("inbound_addresses", {}),
            "log_dir": str(self.paths.log_dir),
        }

    def running_port(self, name: str) -> int | None:
        """Return the port a running part was started on, or None when the stack is not running."""
        entry = self._read_state().get(name)
        return int(entry["port"]) if entry else None  # type: ignore[call-overload]

    def _read_state(self) -> dict[str, dict[str, object]]:
        if not self.paths.state_file.exists():
            return {}
        return dict(json.loads(self.paths.state_file.read_text()))

    def _write_state(self, state: dict[str, dict[str, object]]) -> None:
        self.paths.state_file.parent.mkdir(parents=True, exist_ok=True)
        self.paths.state_file.write_text(json.dumps(state, indent=2))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
