"""One dashboard per service: ingest, scoring, notifier and the API gateway."""

from dashboard_model import (
    Dashboard,
    Query,
    Row,
    Variable,
    consumer_lag,
    graph,
    percentiles,
    quantile,
    rate,
    ratio,
    row,
)

NOT_PROBES = 'route!~"/metrics|/healthz|/readyz"'


def http_row(service: str) -> Row:
    matchers = f'service="{service}", {NOT_PROBES}'
    errors = f'{matchers}, status=~"4..|5.."'
    return row(
        "HTTP",
        graph(
            "Requests by route and status",
            Query(rate("vigie_http_requests_total", matchers, "route, status"), "{{route}} {{status}}"),
            unit="reqps",
            stacked=True,
        ),
        graph(
            "Request duration",
            *percentiles("vigie_http_request_duration_seconds", matchers, (0.5, 0.95, 0.99)),
            unit="s",
        ),
        graph(
            "Errors by route and status",
            Query(rate("vigie_http_requests_total", errors, "route, status"), "{{route}} {{status}}"),
            unit="reqps",
            description="4xx: the client sent an invalid payload, signature or key. 5xx: Vigie or a dependency failed.",
        ),
        graph(
            "Request duration p99 by route",
            Query(quantile(0.99, "vigie_http_request_duration_seconds", matchers, "route"), "{{route}}"),
            unit="s",
        ),
    )


def mongo_row(service: str) -> Row:
    matchers = f'service="{service}"'
    return row(
        "MongoDB",
        graph(
            "Operation duration p99",
            Query(
                quantile(0.99, "vigie_mongo_operation_duration_seconds", matchers, "operation"),
                "{{operation}}",
            ),
            unit="s",
        ),
        graph(
            "Failed operations",
            Query(rate("vigie_mongo_errors_total", matchers, "operation"), "{{operation}}"),
            unit="ops",
            description="Non-zero: the database is unreachable or rejects writes.",
        ),
    )


def lag_row(description: str) -> Row:
    return row(
        "Backlog",
        graph(
            "Consumer lag by topic",
            Query(consumer_lag('group=~"$group"'), "{{group}} {{topic}}"),
            description=description,
        ),
        graph(
            "Consumer lag by partition",
            Query(consumer_lag('group=~"$group"', by="group, topic, partition"), "{{topic}} [{{partition}}]"),
        ),
    )


def group_variable(pattern: str) -> Variable:
    """Return a consumer-group selector showing the groups whose id matches the regex `pattern`."""
    return Variable("group", "Consumer group", "label_values(vigie_kafka_consumer_lag, group)", pattern)


INGEST = Dashboard(
    uid="vigie-ingest",
    title="Vigie / Ingest",
    description="Partner webhooks: requests, review items by outcome, Kafka produce latency.",
    rows=(
        http_row("ingest"),
        row(
            "Review items",
            graph(
                "Items by source and outcome",
                Query(rate("vigie_ingest_events_total", by="source, outcome"), "{{source}} {{outcome}}"),
                unit="cps",
            ),
            graph(
                "Rejected share by source",
                Query(
                    ratio(
                        rate("vigie_ingest_events_total", 'outcome="rejected"', "source"),
                        rate("vigie_ingest_events_total", by="source"),
                    ),
                    "{{source}}",
                ),
                unit="percentunit",
                description="A jump usually means a partner changed its format.",
            ),
        ),
        row(
            "Kafka",
            graph(
                "Produce acknowledgement (acks=all)",
                *percentiles("vigie_kafka_produce_duration_seconds", 'topic=~".*reviews.received"', (0.5, 0.99)),
                unit="s",
                width=24,
            ),
        ),
        mongo_row("ingest"),
    ),
)

SCORING = Dashboard(
    uid="vigie-scoring",
    title="Vigie / Scoring",
    description="The faust worker: scoring throughput and duration, backlog, dead letters, storage.",
    variables=(group_variable("/scoring/"),),
    rows=(
        row(
            "Throughput",
            graph(
                "Scored events by channel",
                Query(rate("vigie_scored_events_total", by="channel"), "{{channel}}"),
                unit="cps",
                stacked=True,
            ),
            graph(
                "Scoring duration per text",
                *percentiles("vigie_scoring_duration_seconds", "", (0.5, 0.99)),
                unit="s",
            ),
            graph(
                "Risk flags by category",
                Query(rate("vigie_flags_total", by="category"), "{{category}}"),
                unit="cps",
                stacked=True,
            ),
            graph(
                "Produce acknowledgement p99 by topic",
                Query(
                    quantile(0.99, "vigie_kafka_produce_duration_seconds", 'topic!~".*reviews.received"', "topic"),
                    "{{topic}}",
                ),
                unit="s",
            ),
        ),
        lag_row("Past the partition count, more replicas do not help: add partitions."),
        row(
            "Dead letters",
            graph(
                "Dead letters by reason",
                Query(rate("vigie_dead_letters_total", by="reason"), "{{reason}}"),
                unit="cps",
            ),
            graph(
                "Dead-lettered share",
                Query(
                    ratio(
                        rate("vigie_dead_letters_total"),
                        f"({rate('vigie_dead_letters_total')} + {rate('vigie_scored_events_total')})",
                    ),
                    "dead-lettered",
                ),
                unit="percentunit",
                description="The worker stops past VIGIE_SCORING_MAX_DEAD_LETTER_RATIO (50% by default).",
            ),
        ),
        mongo_row("scoring"),
    ),
)

NOTIFIER = Dashboard(
    uid="vigie-notifier",
    title="Vigie / Notifier",
    description="Alert notifications and digests by email and webhook.",
    variables=(group_variable("/notifier/"),),
    rows=(
        row(
            "Notifications",
            graph(
                "Alert notifications by channel and outcome",
                Query(rate("vigie_alerts_sent_total", by="channel, outcome"), "{{channel}} {{outcome}}"),
                unit="cps",
            ),
            graph(
                "Refused or retried share by channel",
                Query(
                    ratio(
                        rate("vigie_alerts_sent_total", 'outcome=~"rejected|failed|retried"', "channel"),
                        rate("vigie_alerts_sent_total", by="channel"),
                    ),
                    "{{channel}}",
                ),
                unit="percentunit",
            ),
            graph(
                "Webhook deliveries by outcome",
                Query(rate("vigie_webhook_deliveries_total", by="outcome"), "{{outcome}}"),
                unit="cps",
            ),
            graph(
                "Digests per hour by period and outcome",
                Query(
                    "sum by (period, outcome) (increase(vigie_digests_sent_total[1h]))",
                    "{{period}} {{outcome}}",
                ),
            ),
        ),
        lag_row("Growing lag delays alerts to practices."),
        http_row("notifier"),
        mongo_row("notifier"),
    ),
)

API = Dashboard(
    uid="vigie-api",
    title="Vigie / API",
    description="The API gateway: requests, latency and errors by route, MongoDB.",
    rows=(http_row("api"), mongo_row("api")),
)
