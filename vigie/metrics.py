"""The one registry of Vigie's Prometheus metrics.

Each metric's help text states what it measures and what to do when it moves. Dashboards and alert rules under
`deploy/` may query only names declared here; a test checks that.
"""

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, generate_latest

LATENCY_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

HTTP_REQUESTS = Counter(
    "vigie_http_requests_total",
    "HTTP requests by service, route, source and status. A rise of 4xx on ingest means a partner "
    "sends bad payloads or signatures; 5xx means a dependency is down.",
    ["service", "route", "source", "status"],
)
HTTP_REQUEST_SECONDS = Histogram(
    "vigie_http_request_duration_seconds",
    "HTTP request duration by service and route.",
    ["service", "route"],
    buckets=LATENCY_BUCKETS,
)
INGEST_EVENTS = Counter(
    "vigie_ingest_events_total",
    "Review items by source and outcome (accepted, duplicate, rejected). Rejected items are answered "
    "to the partner with the reason; a jump means a partner's format changed.",
    ["source", "outcome"],
)
KAFKA_PRODUCE_SECONDS = Histogram(
    "vigie_kafka_produce_duration_seconds",
    "Time from send to broker acknowledgement (acks=all) by topic. A rise means the broker is slow.",
    ["topic"],
    buckets=LATENCY_BUCKETS,
)
KAFKA_CONSUMER_LAG = Gauge(
    "vigie_kafka_consumer_lag",
    "Messages behind the end of the partition, by consumer group, topic and partition. Growing lag "
    "means the consumer cannot keep up: add replicas up to the partition count.",
    ["group", "topic", "partition"],
)
SCORING_SECONDS = Histogram(
    "vigie_scoring_duration_seconds",
    "Time to score one text with the rule and model scorer.",
    buckets=(0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1),
)
SCORED_EVENTS = Counter(
    "vigie_scored_events_total",
    "Events scored and stored, by channel.",
    ["channel"],
)
FLAGS = Counter(
    "vigie_flags_total",
    "Risk flags raised, by category. A sudden rise on one category may be a campaign or a regression.",
    ["category"],
)
MONGO_OPERATION_SECONDS = Histogram(
    "vigie_mongo_operation_duration_seconds",
    "MongoDB operation duration by service and operation.",
    ["service", "operation"],
    buckets=LATENCY_BUCKETS,
)
MONGO_ERRORS = Counter(
    "vigie_mongo_errors_total",
    "MongoDB operations that failed, by service and operation. Non-zero means the database is unreachable "
    "or rejecting writes; consumers stop committing offsets until it recovers.",
    ["service", "operation"],
)
DEAD_LETTERS = Counter(
    "vigie_dead_letters_total",
    "Messages sent to a dead-letter topic, by source topic and reason. Inspect the dead-letter topic; "
    "replay with `vigie dead-letter replay` once fixed.",
    ["topic", "reason"],
)
ALERTS_SENT = Counter(
    "vigie_alerts_sent_total",
    "Alert notifications by channel (email, webhook) and outcome: sent, updated, queued, duplicate, grouped, "
    "deferred (quiet hours), below_threshold, retried, failed, rejected, invalid, no_recipient. A rise of "
    "rejected or no_recipient means practices have wrong addresses; see the notifications collection.",
    ["channel", "outcome"],
)
WEBHOOK_DELIVERIES = Counter(
    "vigie_webhook_deliveries_total",
    "Outbound signed webhook deliveries by outcome (sent, retried, failed, disabled).",
    ["outcome"],
)
DIGESTS_SENT = Counter(
    "vigie_digests_sent_total",
    "Digests sent, by period (daily, weekly) and outcome.",
    ["period", "outcome"],
)

ALL_METRICS = (
    HTTP_REQUESTS,
    HTTP_REQUEST_SECONDS,
    INGEST_EVENTS,
    KAFKA_PRODUCE_SECONDS,
    KAFKA_CONSUMER_LAG,
    SCORING_SECONDS,
    SCORED_EVENTS,
    FLAGS,
    MONGO_OPERATION_SECONDS,
    MONGO_ERRORS,
    DEAD_LETTERS,
    ALERTS_SENT,
    WEBHOOK_DELIVERIES,
    DIGESTS_SENT,
)


def metric_names() -> set[str]:
    """Return every series name the registry exposes (with _total, _bucket, ... suffixes)."""
    names: set[str] = set()
    for metric in ALL_METRICS:
        for family in metric.describe():
            names.add(family.name)
            names.update(f"{family.name}{suffix}" for suffix in ("_total", "_bucket", "_sum", "_count", "_created"))
    return names


def render_latest() -> tuple[bytes, str]:
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
