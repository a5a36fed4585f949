"""Grafana dashboards and provisioning: structure, layout, and metric names known to vigie.metrics."""

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.promql import referenced_metrics
from vigie.metrics import ALL_METRICS, metric_names

GRAFANA = Path(__file__).resolve().parents[2] / "deploy" / "grafana"
DASHBOARD_FILES = sorted((GRAFANA / "dashboards").glob("*.json"))
PANEL_TYPES = {"row", "timeseries", "stat", "bargauge"}
GRID_WIDTH = 24
PROMETHEUS_SERIES = {"up"}
GRAFANA_VARIABLES = {"__rate_interval", "__range", "__interval", "__all"}
EXPECTED_FILES = {
    "pipeline-overview.json",
    "ingest.json",
    "scoring.json",
    "notifier.json",
    "api.json",
    "risk-activity.json",
}


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())


def data_panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    return [panel for panel in dashboard["panels"] if panel["type"] != "row"]


def expressions(dashboard: dict[str, Any]) -> list[str]:
    return [target["expr"] for panel in data_panels(dashboard) for target in panel["targets"]]


def label_values_queries(dashboard: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (metric, label) of each `label_values(metric, label)` variable query, Grafana's own syntax."""
    pairs = []
    for variable in dashboard["templating"]["list"]:
        if variable["type"] != "query":
            continue
        match = re.fullmatch(r"label_values\((\w+),\s*(\w+)\)", variable["definition"])
        assert match, f"unexpected variable query {variable['definition']!r}"
        pairs.append((match.group(1), match.group(2)))
    return pairs


dashboards = pytest.mark.parametrize("path", DASHBOARD_FILES, ids=lambda path: path.name)


def test_dashboard_files_expected() -> None:
    assert {path.name for path in DASHBOARD_FILES} == EXPECTED_FILES


def test_dashboards_match_generator() -> None:
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(GRAFANA / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr


def test_dashboard_uids_and_titles_unique() -> None:
    loaded = [load(path) for path in DASHBOARD_FILES]

    assert len({dashboard["uid"] for dashboard in loaded}) == len(loaded)
    assert len({dashboard["title"] for dashboard in loaded}) == len(loaded)
    assert all(len(dashboard["uid"]) <= 40 for dashboard in loaded), "Grafana limits a uid to 40 characters"


@dashboards
def test_dashboard_top_level_fields(path: Path) -> None:
    dashboard = load(path)

    assert dashboard["id"] is None, "a provisioned dashboard must not carry a database id"
    assert isinstance(dashboard["schemaVersion"], int)
    assert dashboard["title"].startswith("Vigie / ")
    assert "vigie" in dashboard["tags"]
    assert dashboard["templating"]["list"][0]["name"] == "datasource"
    assert dashboard["templating"]["list"][0]["query"] == "prometheus"


@dashboards
def test_panels_well_formed(path: Path) -> None:
    dashboard = load(path)
    panel_ids = [panel["id"] for panel in dashboard["panels"]]

    assert len(panel_ids) == len(set(panel_ids)), "panel ids must be unique"
    for panel in dashboard["panels"]:
        assert panel["type"] in PANEL_TYPES, panel["title"]
        assert panel["title"], panel
    for panel in data_panels(dashboard):
        ref_ids = [target["refId"] for target in panel["targets"]]
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}, panel["title"]
        assert ref_ids, f"{panel['title']} has no query"
        assert len(ref_ids) == len(set(ref_ids)), f"{panel['title']} repeats a refId"
        assert all(target["expr"].strip() for target in panel["targets"]), panel["title"]


@dashboards
def test_panels_do_not_overlap(path: Path) -> None:
    occupied: dict[tuple[int, int], str] = {}

    for panel in load(path)["panels"]:
        grid = panel["gridPos"]
        assert grid["x"] >= 0, panel["title"]
        assert grid["x"] + grid["w"] <= GRID_WIDTH, panel["title"]
        for x in range(grid["x"], grid["x"] + grid["w"]):
            for y in range(grid["y"], grid["y"] + grid["h"]):
                assert (x, y) not in occupied, f"{panel['title']} overlaps {occupied[(x, y)]}"
                occupied[(x, y)] = panel["title"]


@dashboards
def test_queries_use_known_metrics(path: Path) -> None:
    known = metric_names() | PROMETHEUS_SERIES

    for expression in expressions(load(path)):
        unknown = referenced_metrics(expression) - known
        assert not unknown, f"{path.name}: {expression!r} queries metrics missing from vigie.metrics: {unknown}"


@dashboards
def test_variables_query_known_labels(path: Path) -> None:
    # prometheus_client 0.26 keeps a metric's label names only in the private `_labelnames`.
    labels = {family.name: set(metric._labelnames) for metric in ALL_METRICS for family in metric.describe()}

    for metric, label in label_values_queries(load(path)):
        family = metric.removesuffix("_total")
        assert family in labels, f"{path.name}: variable queries unknown metric {metric}"
        assert label in labels[family], f"{path.name}: {metric} has no label {label}"


@dashboards
def test_queries_use_defined_variables(path: Path) -> None:
    dashboard = load(path)
    defined = {variable["name"] for variable in dashboard["templating"]["list"]} | GRAFANA_VARIABLES

    for expression in expressions(dashboard):
        used = set(re.findall(r"\$\{?(\w+)", expression))
        assert used <= defined, f"{path.name}: {expression!r} uses undefined variables {used - defined}"


def test_every_metric_on_a_dashboard() -> None:
    queried = set()
    for path in DASHBOARD_FILES:
        for expression in expressions(load(path)):
            queried |= referenced_metrics(expression)
    families = {family.name for metric in ALL_METRICS for family in metric.describe()}

    missing = {
        family for family in families if not any(name == family or name.startswith(f"{family}_") for name in queried)
    }

    assert not missing, f"metrics with no dashboard panel: {sorted(missing)}"


def test_datasource_provisioning() -> None:
    document = yaml.safe_load((GRAFANA / "provisioning" / "datasources" / "prometheus.yml").read_text())
    (datasource,) = document["datasources"]

    assert document["apiVersion"] == 1
    assert datasource["type"] == "prometheus"
    assert datasource["uid"] == "prometheus"
    assert datasource["isDefault"] is True


def test_dashboard_provisioning_matches_compose_mount() -> None:
    document = yaml.safe_load((GRAFANA / "provisioning" / "dashboards" / "vigie.yml").read_text())
    (provider,) = document["providers"]
    compose = yaml.safe_load((GRAFANA.parent / "compose" / "docker-compose.yml").read_text())
    grafana_volumes = compose["services"]["grafana"]["volumes"]

    assert document["apiVersion"] == 1
    assert provider["type"] == "file"
    assert f"../grafana/dashboards:{provider['options']['path']}:ro" in grafana_volumes
