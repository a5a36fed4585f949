"""The parts of the embedded stack: what each runs and how to tell it is ready."""

import sys
from dataclasses import dataclass
from pathlib import Path

from vigie.settings import Settings
from vigie.stack.processes import secantus_command, tansu_command


@dataclass(frozen=True)
class Component:
    name: str
    command: list[str]
    port: int
    # The environment variable that sets `port`, named in errors.
    port_setting: str
    # None means ready once the port accepts connections. Otherwise, the HTTP path that returns 200 when ready.
    ready_path: str | None = None
    startup_seconds: float = 30.0


def service_command(module: str) -> list[str]:
    return [sys.executable, "-m", module]


def components(settings: Settings, var_dir: Path) -> list[Component]:
    """Return the parts in start order: servers first, then the services that need them."""
    return [
        Component("broker", tansu_command(settings.STACK_BROKER_PORT), settings.STACK_BROKER_PORT,
                  "VIGIE_STACK_BROKER_PORT"),
        Component("database", secantus_command(settings.STACK_MONGO_PORT, var_dir / "db"),
                  settings.STACK_MONGO_PORT, "VIGIE_STACK_MONGO_PORT", startup_seconds=90),
        Component("smtp", [*service_command("vigie.stack.mailsink"), "--port", str(settings.SMTP_PORT),
                           "--dir", str(var_dir / "mail")], settings.SMTP_PORT, "VIGIE_SMTP_PORT"),
        Component("ingest", service_command("services.ingest.main"), settings.INGEST_PORT, "VIGIE_INGEST_PORT",
                  "/readyz"),
        Component("scoring", service_command("services.scoring.main"), settings.SCORING_WEB_PORT,
                  "VIGIE_SCORING_WEB_PORT", "/readyz", 90),
        Component("notifier", service_command("services.notifier.main"), settings.NOTIFIER_PORT,
                  "VIGIE_NOTIFIER_PORT", "/readyz"),
        Component("api", service_command("services.api.main"), settings.API_PORT, "VIGIE_API_PORT", "/readyz"),
    ]


# Settings every child must share with the stack, whether they came from the environment or from code.
SHARED_SETTINGS = (
    "ENVIRONMENT", "LOG_LEVEL", "LOG_FORMAT", "KAFKA_TOPIC_PREFIX", "KAFKA_TOPIC_PARTITIONS",
    "KAFKA_SESSION_TIMEOUT_SECONDS", "KAFKA_HEARTBEAT_INTERVAL_SECONDS", "MONGO_DATABASE",
    "INGEST_PORT", "SCORING_WEB_PORT", "NOTIFIER_PORT", "API_RATE_LIMIT_PER_MINUTE", "API_RATE_LIMIT_BURST",
    "API_PORT", "SMTP_PORT", "VAR_DIR", "GOOGLE_API_BASE_URL", "YELP_API_BASE_URL",
)


def inbound_smtp_port(settings: Settings) -> int:
    return settings.INBOUND_SMTP_PORT or settings.STACK_INBOUND_SMTP_PORT


def child_environment(settings: Settings) -> dict[str, str]:
    """Point every service at the stack's own broker, database and SMTP sink, on the stack's ports."""
    environment = {f"VIGIE_{name}": str(getattr(settings, name)) for name in SHARED_SETTINGS}
    environment.update({
        "VIGIE_KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{settings.STACK_BROKER_PORT}",
        "VIGIE_MONGO_URL": f"mongodb://127.0.0.1:{settings.STACK_MONGO_PORT}/?directConnection=true",
        "VIGIE_SMTP_HOST": "127.0.0.1",
        "VIGIE_INBOUND_SMTP_PORT": str(inbound_smtp_port(settings)),
        "PYTHONUNBUFFERED": "1",
    })
    return environment
