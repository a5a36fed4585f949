"""Dashboards across services: the pipeline overview and risk activity."""

from dashboard_model import Dashboard, Panel, Query, Variable, consumer_lag, graph, rate, ratio, row, stat
from service_dashboards import NOT_PROBES

UP = {"0": ("down", "red"), "1": ("up", "green")}
FLAGS_SELECTED = 'vigie_flags_total{category=~"$category"}'

PIPELINE = Dashboard(
    uid="vigie-pipeline",
    title="Vigie / Pipeline overview",
    description="From partner webhooks to practice notifications: throughput, backlog and errors.",
    rows=(
        row(
            "Health",
            stat("Services", Query('up{job=~"vigie-.+"}', "{{job}} {{instance}}"), width=12, value_mappings=UP),
            stat(
                "Consumer lag",
                Query(consumer_lag(by="")),
                width=6,
                description="Messages not yet consumed, all groups and topics.",
            ),
            stat("Dead letters in the last hour", Query("sum(increase(vigie_dead_letters_total[1h]))"), width=6),
        ),
        row(
            "Flow",
            graph(
                "Review items by outcome",
                Query(rate("vigie_ingest_events_total", by="outcome"), "{{outcome}}"),
                unit="cps",
                stacked=True,
            ),
            graph(
                "Scored events by channel",
                Query(rate("vigie_scored_events_total", by="channel"), "{{channel}}"),
                unit="cps",
                stacked=True,
            ),
            graph(
                "Risk flags by category",
                Query(rate("vigie_flags_total", by="category"), "{{category}}"),
                unit="cps",
                stacked=True,
            ),
            graph(
                "Notifications by channel and outcome",
                Query(rate("vigie_alerts_sent_total", by="channel, outcome"), "{{channel}} {{outcome}}"),
                unit="cps",
            ),
        ),
        row(
            "Backlog and errors",
            graph("Consumer lag by group and topic", Query(consumer_lag(), "{{group}} {{topic}}")),
            graph(
                "Dead letters by reason",
                Query(rate("vigie_dead_letters_total", by="topic, reason"), "{{topic}} {{reason}}"),
                unit="cps",
            ),
            graph(
                "HTTP 5xx by service",
                Query(
                    rate("vigie_http_requests_total", f'status=~"5..", {NOT_PROBES}', "service"),
                    "{{service}}",
                ),
                unit="reqps",
            ),
            graph(
                "MongoDB errors by service",
                Query(rate("vigie_mongo_errors_total", by="service, operation"), "{{service}} {{operation}}"),
                unit="ops",
            ),
        ),
    ),
)

# NOTE: Activity per practice is missing: no metric carries a practice label, and one would need a
# counter by tenant, practice and category whose cardinality grows with the number of practices.
RISK = Dashboard(
    uid="vigie-risk",
    title="Vigie / Risk activity",
    description="Risk flags raised by scoring, by category.",
    variables=(Variable("category", "Category", "label_values(vigie_flags_total, category)"),),
    rows=(
        row(
            "Overview",
            stat("Flags in the time range", Query(f"sum(increase({FLAGS_SELECTED}[$__range]))"), width=8),
            stat(
                "Scored events in the time range",
                Query("sum(increase(vigie_scored_events_total[$__range]))"),
                width=8,
            ),
            stat(
                "Flags per scored event",
                Query(ratio(rate("vigie_flags_total", 'category=~"$category"'), rate("vigie_scored_events_total"))),
                width=8,
                unit="percentunit",
                description="An event can raise several flags, so this can exceed 100%.",
            ),
        ),
        row(
            "By category",
            graph(
                "Flags per hour by category",
                Query(f"sum by (category) (increase({FLAGS_SELECTED}[1h]))", "{{category}}"),
                stacked=True,
                description="A sudden rise on one category may be a campaign against practices, "
                "or a scoring regression after a release.",
            ),
            Panel(
                "Flags by category in the time range",
                (Query(f"sum by (category) (increase({FLAGS_SELECTED}[$__range]))", "{{category}}"),),
                kind="bargauge",
            ),
        ),
    ),
)
