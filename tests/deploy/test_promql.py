"""The PromQL tokenizer that the dashboard and alert-rule tests rely on."""

import pytest

from tests.deploy.promql import referenced_metrics

CASES = [
    ("up", {"up"}),
    ('up{job=~"vigie-.+"} == 0', {"up"}),
    ('sum by (service) (rate(vigie_http_requests_total{status=~"5.."}[5m]))', {"vigie_http_requests_total"}),
    (
        "histogram_quantile(0.99, sum by (le, topic) (rate(vigie_kafka_produce_duration_seconds_bucket"
        "[$__rate_interval])))",
        {"vigie_kafka_produce_duration_seconds_bucket"},
    ),
    (
        "sum(rate(a_total[5m])) / (sum(rate(b_total[5m])) + sum(rate(c_total[5m]))) unless d > 0",
        {"a_total", "b_total", "c_total", "d"},
    ),
    ("max by (group, topic, partition) (deriv(vigie_kafka_consumer_lag[10m]))", {"vigie_kafka_consumer_lag"}),
    ('sum(x{route!~"/metrics|/healthz"}) or on (job) y offset 5m', {"x", "y"}),
    ('label_replace(z, "dst", "$1", "src", "(.*)")', {"z"}),
    ('sum by (category) (increase(vigie_flags_total{category=~"${category}"}[1h]))', {"vigie_flags_total"}),
    ("1e3 * 2.5", set()),
]


@pytest.mark.parametrize(("expression", "expected"), CASES)
def test_referenced_metrics(expression: str, expected: set[str]) -> None:
    assert referenced_metrics(expression) == expected
