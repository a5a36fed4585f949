"""A real Prometheus server scraping the embedded stack after a replay of the demo reviews.

Starts `vigie stack up` on free loopback ports, Prometheus (Debian package `prometheus`) on loopback
with the alert rules of deploy/prometheus/rules, replays vigie/demo/reviews.jsonl through ingest, and
checks that every target is up, that the key series have values, that the rules load, and that every
dashboard query is valid PromQL for this Prometheus.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from vigie.stack.processes import free_port, spawn, stop, wait_for_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
RULES_DIR = ROOT / "deploy" / "prometheus" / "rules"
DASHBOARDS_DIR = ROOT / "deploy" / "grafana" / "dashboards"
DEMO_REVIEWS = ROOT / "vigie" / "demo" / "reviews.jsonl"
JOBS = {
    "vigie-ingest": "ingest_url",
    "vigie-scoring": "scoring_url",
    "vigie-notifier": "notifier_url",
    "vigie-api": "api_url",
}
SCRAPE_SECONDS = 1
# Stand-ins for the values that Grafana substitutes for its variables before it sends a query.
GRAFANA_SUBSTITUTIONS = {
    "$__rate_interval": "1m",
    "$__range": "5m",
    "$datasource": "",
    "$group": ".*",
    "$category": ".*",
}


def vigie_command(*arguments: str) -> list[str]:
    return [sys.executable, "-c", "from vigie.cli.main import main; main()", *arguments]


@pytest.fixture(scope="module")
def stack_environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    ports = {
        name: str(free_port())
        for name in (
            "STACK_BROKER_PORT",
            "STACK_MONGO_PORT",
            "SMTP_PORT",
            "INGEST_PORT",
            "SCORING_WEB_PORT",
            "NOTIFIER_PORT",
            "API_PORT",
        )
    }
    return {
        **os.environ,
        **{f"VIGIE_{name}": port for name, port in ports.items()},
        "VIGIE_ENVIRONMENT": "test",
        "VIGIE_VAR_DIR": str(tmp_path_factory.mktemp("scrape-stack")),
        "VIGIE_KAFKA_TOPIC_PARTITIONS": "2",
    }


@pytest.fixture(scope="module")
def stack(stack_environment: dict[str, str]) -> Iterator[dict[str, Any]]:
    started = subprocess.run(  # noqa: S603 - our own CLI
        vigie_command("stack", "up"),
        env=stack_environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    try:
        assert started.returncode == 0, started.stderr
        yield json.loads(started.stdout)
    finally:
        subprocess.run(  # noqa: S603 - our own CLI
            vigie_command("stack", "down"),
            env=stack_environment,
            capture_output=True,
            timeout=120,
            check=False,
            cwd=ROOT,
        )


@pytest.fixture(scope="module")
def prometheus(stack: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    binary = shutil.which("prometheus")
    if binary is None:
        pytest.skip("prometheus not found; install it with `apt-get install -y prometheus` (Debian)")

    directory = tmp_path_factory.mktemp("prometheus")
    shutil.copytree(RULES_DIR, directory / "rules")
    config = {
        "global": {"scrape_interval": f"{SCRAPE_SECONDS}s", "evaluation_interval": f"{SCRAPE_SECONDS}s"},
        "rule_files": ["rules/*.yml"],
        "scrape_configs": [
            {"job_name": job, "static_configs": [{"targets": [str(stack[key]).removeprefix("http://")]}]}
            for job, key in JOBS.items()
        ],
    }
    (directory / "prometheus.yml").write_text(yaml.safe_dump(config))
    port = free_port()
    log_path = directory / "prometheus.log"
    process = spawn(
        [
            binary,
            f"--config.file={directory / 'prometheus.yml'}",
            f"--storage.tsdb.path={directory / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        log_path,
    )
    try:
        wait_for_port("prometheus", process, port, log_path, timeout=30)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            yield client
    finally:
        stop(process.pid)


@pytest.fixture(scope="module")
def replayed(stack: dict[str, Any], stack_environment: dict[str, str]) -> dict[str, Any]:
    result = subprocess.run(  # noqa: S603 - our own CLI
        vigie_command("replay", str(DEMO_REVIEWS), "--ingest-url", str(stack["ingest_url"])),
        env=stack_environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary: dict[str, Any] = json.loads(result.stdout)
    return summary


def query(client: httpx.Client, expression: str) -> dict[str, Any]:
    body: dict[str, Any] = client.get("/api/v1/query", params={"query": expression}).json()
    return body


def wait_for_value(client: httpx.Client, expression: str, timeout: float = 60) -> float:
    """Return the first value of `expression` once it is above zero. Fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last: dict[str, Any] = {}
    while time.monotonic() < deadline:
        last = query(client, expression)
        results = last.get("data", {}).get("result", [])
        if results and float(results[0]["value"][1]) > 0:
            return float(results[0]["value"][1])
        time.sleep(SCRAPE_SECONDS)
    pytest.fail(f"{expression} had no value above zero within {timeout:.0f} s; last response: {last}")


def test_every_target_up(prometheus: httpx.Client) -> None:
    deadline = time.monotonic() + 60
    targets: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        targets = prometheus.get("/api/v1/targets").json()["data"]["activeTargets"]
        if sorted(target["labels"]["job"] for target in targets if target["health"] == "up") == sorted(JOBS):
            break
        time.sleep(SCRAPE_SECONDS)

    for target in targets:
        assert target["health"] == "up", f"{target['labels']['job']}: {target['lastError']}"
    assert sorted(target["labels"]["job"] for target in targets) == sorted(JOBS)


def test_alert_rules_loaded(prometheus: httpx.Client) -> None:
    groups = prometheus.get("/api/v1/rules").json()["data"]["groups"]

    assert {group["name"] for group in groups} == {"vigie-availability", "vigie-pipeline", "vigie-notifier"}
    for group in groups:
        for rule in group["rules"]:
            assert rule["health"] != "err", f"{rule['name']}: {rule.get('lastError')}"


@pytest.mark.parametrize(
    "expression",
    [
        'sum(vigie_ingest_events_total{outcome="accepted"})',
        'sum(vigie_http_requests_total{service="ingest", route="/v1/webhooks/generic"})',
        "sum(vigie_kafka_produce_duration_seconds_count)",
        "sum(vigie_scored_events_total)",
        "sum(vigie_flags_total)",
        "sum(vigie_scoring_duration_seconds_count)",
        'sum(vigie_mongo_operation_duration_seconds_count{service="scoring"})',
    ],
)
def test_series_have_values_after_replay(prometheus: httpx.Client, replayed: dict[str, Any], expression: str) -> None:
    assert replayed["accepted"] > 0, replayed

    assert wait_for_value(prometheus, expression) > 0


def test_consumer_lag_exported(prometheus: httpx.Client, replayed: dict[str, Any]) -> None:
    expression = 'count(vigie_kafka_consumer_lag{group=~".*vigie-scoring"})'

    assert wait_for_value(prometheus, expression) >= 1


def test_dashboard_queries_valid_promql(prometheus: httpx.Client) -> None:
    for path in sorted(DASHBOARDS_DIR.glob("*.json")):
        for panel in json.loads(path.read_text())["panels"]:
            for target in panel.get("targets", []):
                expression = target["expr"]
                for variable, value in GRAFANA_SUBSTITUTIONS.items():
                    expression = expression.replace(variable, value)
                assert not re.search(r"\$\w", expression), f"unsubstituted variable in {expression!r}"

                response = query(prometheus, expression)

                assert response["status"] == "success", f"{path.name} {panel['title']}: {response}"
