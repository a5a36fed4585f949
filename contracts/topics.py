"""Every Kafka topic Vigie uses, declared once.

Each topic carries one event model from `contracts.events`; its JSON Schema is
`contracts/schemas/<topic>.v<version>.json`. Keys are `<tenant_id>:<practice_ref>` so that one
practice's events stay in one partition and in order.
"""

from dataclasses import dataclass
from enum import StrEnum


class Topic(StrEnum):
    REVIEWS_RECEIVED = "reviews.received"
    REVIEWS_SCORED = "reviews.scored"
    ALERTS_RAISED = "alerts.raised"
    REVIEWS_RECEIVED_DEAD_LETTER = "reviews.received.dead-letter"


@dataclass(frozen=True)
class TopicSpec:
    topic: Topic
    event_model: str
    producers: tuple[str, ...]
    consumers: tuple[str, ...]


TOPIC_SPECS = (
    TopicSpec(Topic.REVIEWS_RECEIVED, "ReviewReceived", ("ingest",), ("scoring",)),
    TopicSpec(Topic.REVIEWS_SCORED, "ReviewScored", ("scoring",), ("api live feed",)),
    TopicSpec(Topic.ALERTS_RAISED, "AlertRaised", ("scoring",), ("notifier",)),
    TopicSpec(Topic.REVIEWS_RECEIVED_DEAD_LETTER, "raw bytes", ("scoring",), ("operators",)),
)


def topic_name(topic: Topic, prefix: str = "") -> str:
    """Return the broker-side name: tests and tenants of a shared cluster set a prefix."""
    return f"{prefix}{topic.value}"


class Header(StrEnum):
    CORRELATION_ID = "correlation-id"
    EVENT_TYPE = "event-type"
    SCHEMA_VERSION = "schema-version"
    ORIGINAL_TOPIC = "original-topic"
    ORIGINAL_PARTITION = "original-partition"
    ORIGINAL_OFFSET = "original-offset"
    ERROR = "error"
