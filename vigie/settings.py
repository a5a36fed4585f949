"""Runtime settings, read from `VIGIE_*` environment variables.

The same code runs against the embedded stack (Tansu, SecantusDB, a local SMTP sink) and against
Apache Kafka and MongoDB in production: only these settings differ.
"""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent

PLACEHOLDER_SECRETS = {"", "change-me", "changeme", "secret", "development"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VIGIE_", extra="ignore")

    ENVIRONMENT: Literal["development", "test", "production"] = "development"
    LOG_LEVEL: str = "INFO"
    LOG_FORMAT: Literal["json", "console"] = "json"

    # Kafka
    KAFKA_BOOTSTRAP_SERVERS: str = "127.0.0.1:19092"
    # Tansu 0.6 fails InitProducerId, so the idempotent producer stays off on the embedded stack.
    KAFKA_ENABLE_IDEMPOTENCE: bool = False
    KAFKA_TOPIC_PREFIX: str = ""
    KAFKA_TOPIC_PARTITIONS: int = 4
    KAFKA_REPLICATION_FACTOR: int = 1
    KAFKA_REQUEST_TIMEOUT_MS: int = 30_000
    KAFKA_LINGER_MS: int = 5
    # Tansu 0.6 delays each JoinGroup reply by half the session timeout, so a short session keeps
    # consumer start-up to seconds there. Apache Kafka rejects a session under its
    # group.min.session.timeout.ms (6 s by default), and production may raise it to 45 s.
    KAFKA_SESSION_TIMEOUT_SECONDS: float = 6.0
    KAFKA_HEARTBEAT_INTERVAL_SECONDS: float = 2.0
    KAFKA_REBALANCE_TIMEOUT_SECONDS: int = 60

    # MongoDB
    MONGO_URL: SecretStr = SecretStr("mongodb://127.0.0.1:27018/?directConnection=true")
    MONGO_DATABASE: str = "vigie"
    MONGO_TIMEOUT_MS: int = 5_000

    # Ingest
    INGEST_HOST: str = "127.0.0.1"
    INGEST_PORT: int = 8081
    INGEST_MAX_BODY_BYTES: int = 1024 * 1024
    INGEST_MAX_BATCH_ITEMS: int = 500
    WEBHOOK_TOLERANCE_SECONDS: int = 300
    # Uploads (.eml, chat exports) and forwarded emails; an attachment over the limit rejects the message.
    INGEST_MAX_UPLOAD_BYTES: int = 25 * 1024 * 1024
    INGEST_MAX_ATTACHMENT_BYTES: int = 10 * 1024 * 1024
    # Inbound SMTP for forwarded blackmail emails; unset keeps the SMTP server off.
    INBOUND_SMTP_HOST: str = "127.0.0.1"
    INBOUND_SMTP_PORT: int | None = None
    INBOUND_SMTP_DOMAIN: str = "inbound.localhost"
    # Platform APIs that connectors call; tests point them at loopback servers.
    GOOGLE_API_BASE_URL: str = "https://mybusiness.googleapis.com"
    YELP_API_BASE_URL: str = "https://api.yelp.com"
    OUTBOUND_TIMEOUT_SECONDS: float = 10.0
    OUTBOUND_MAX_ATTEMPTS: int = 4
    OUTBOUND_BACKOFF_INITIAL_SECONDS: float = 0.5
    OUTBOUND_BACKOFF_MAX_SECONDS: float = 30.0
    # Requests per second allowed towards each platform API, shared by every account of this process.
    OUTBOUND_RATE_LIMITS_PER_SECOND: dict[str, float] = {"google": 5.0, "yelp": 5.0}
    # Google locations without push are polled this often; 0 turns polling off.
    GOOGLE_POLL_INTERVAL_SECONDS: int = 900

    # Scoring
    SCORING_WEB_HOST: str = "127.0.0.1"
    SCORING_WEB_PORT: int = 8082
    SCORING_BATCH_SIZE: int = 200
    SCORING_BATCH_WITHIN_SECONDS: float = 0.2
    SCORING_THRESHOLDS: dict[str, float] = {}
    # Past this share of dead-lettered messages in a window, the worker stops instead of draining the topic.
    SCORING_MAX_DEAD_LETTER_RATIO: float = 0.5

    # Notifier
    NOTIFIER_HOST: str = "127.0.0.1"
    NOTIFIER_PORT: int = 8083
    SMTP_HOST: str = "127.0.0.1"
    SMTP_PORT: int = 8025
    SMTP_USERNAME: str | None = None
    SMTP_PASSWORD: SecretStr | None = None
    SMTP_STARTTLS: bool = False
    SMTP_TIMEOUT_SECONDS: float = 10.0
    MAIL_FROM: str = "Vigie <alerts@vigie.localhost>"
    PUBLIC_APP_URL: str = "http://127.0.0.1:8080"
    # How often the notifier releases deferred alerts, sends incident updates, retries webhooks and digests.
    NOTIFIER_TICK_SECONDS: float = 30.0
    # At most one "incident updated" email per incident in this interval.
    ALERT_UPDATE_INTERVAL_SECONDS: int = 3600
    WEBHOOK_TIMEOUT_SECONDS: float = 10.0
    # Retry delays grow as base * 2^attempt (capped, full jitter) until the window since the first attempt ends.
    WEBHOOK_RETRY_BASE_SECONDS: float = 10.0
    WEBHOOK_RETRY_MAX_DELAY_SECONDS: float = 3600.0
    WEBHOOK_RETRY_WINDOW_SECONDS: float = 24 * 3600.0
    # An endpoint is disabled, and the tenant emailed, after this many deliveries in a row failed for good.
    WEBHOOK_DISABLE_AFTER_FAILURES: int = 5
    # A digest claimed longer ago than this and still not sent (crashed run) is claimed again.
    DIGEST_CLAIM_TIMEOUT_SECONDS: int = 900
    # Local hour at which digests go out when a practice does not set one.
    DIGEST_DEFAULT_HOUR: int = 7

    # API gateway
    API_HOST: str = "127.0.0.1"
    API_PORT: int = 8080
    API_PAGE_SIZE_MAX: int = 200
    # Token bucket per API key, kept in each process: N replicas allow up to N times this rate.
    API_RATE_LIMIT_PER_MINUTE: int = 600
    API_RATE_LIMIT_BURST: int = 60
    # The live feed polls MongoDB this often and ends a stream after the maximum (clients reconnect).
    API_FEED_POLL_SECONDS: float = 1.0
    API_FEED_MAX_SECONDS: float = 300.0
    # Path of the PEM Ed25519 private key that signs evidence files. Production requires it. Elsewhere, when
    # unset, the API generates a key once under VAR_DIR/keys/.
    EVIDENCE_SIGNING_KEY_FILE: Path | None = None

    # Embedded stack (`vigie stack up`): ports of the local broker and database it starts.
    STACK_BROKER_PORT: int = 19092
    STACK_MONGO_PORT: int = 27018
    # Inbound SMTP server of the stack's ingest, where staff forward blackmail emails.
    STACK_INBOUND_SMTP_PORT: int = 8026

    # Where the real review sets live; tests and benchmarks skip without it.
    SHARED_DATA: Path = REPO_ROOT.parent / "shared" / "data"
    VAR_DIR: Path = REPO_ROOT / "var"

    @model_validator(mode="after")
    def _reject_placeholders_in_production(self) -> "Settings":
        if self.ENVIRONMENT != "production":
            return self
        if self.SMTP_PASSWORD is not None and self.SMTP_PASSWORD.get_secret_value() in PLACEHOLDER_SECRETS:
            raise ValueError("VIGIE_SMTP_PASSWORD is a placeholder; set the real password or unset it")
        if "127.0.0.1" in self.KAFKA_BOOTSTRAP_SERVERS:
            raise ValueError("VIGIE_KAFKA_BOOTSTRAP_SERVERS points at loopback in production; set the cluster")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
