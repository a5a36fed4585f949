"""Prometheus configuration and alert rules: promtool checks, unit tests and conventions."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.deploy.promql import referenced_metrics
from vigie.metrics import metric_names

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
RULE_FILES = sorted((DEPLOY / "prometheus" / "rules").glob("*.yml"))
RULE_TESTS = Path(__file__).with_name("alert_rules.test.yml")
RUNBOOK = DEPLOY / "RUNBOOK.md"
# Series that Prometheus itself writes for every target.
PROMETHEUS_SERIES = {"up"}
SEVERITIES = {"warning", "critical"}


def promtool() -> str:
    path = shutil.which("promtool")
    if path is None:
        pytest.skip("promtool not found; install it with `apt-get install -y prometheus` (Debian)")
    return path


def run_promtool(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed executable, our own files as arguments
        [promtool(), *arguments], capture_output=True, text=True, timeout=60, check=False
    )


def alert_rules() -> list[dict[str, object]]:
    rules: list[dict[str, object]] = []
    for path in RULE_FILES:
        for group in yaml.safe_load(path.read_text())["groups"]:
            rules.extend(rule for rule in group["rules"] if "alert" in rule)
    return rules


def test_rule_files_exist() -> None:
    assert [path.name for path in RULE_FILES] == ["availability.yml", "notifier.yml", "pipeline.yml"]


def test_rules_pass_promtool_check() -> None:
    result = run_promtool("check", "rules", *map(str, RULE_FILES))

    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_prometheus_config_passes_check() -> None:
    result = run_promtool("check", "config", str(DEPLOY / "prometheus" / "prometheus.yml"))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 rule files found" in result.stdout


def test_kubernetes_prometheus_config_passes_check() -> None:
    result = run_promtool("check", "config", str(DEPLOY / "prometheus" / "prometheus-kubernetes.yml"))

    if "field kubernetes_sd_configs not found" in result.stdout + result.stderr:
        pytest.skip("this promtool is built without Kubernetes service discovery (Debian's is)")
    assert result.returncode == 0, result.stdout + result.stderr


def test_rules_unit_tests_pass(tmp_path: Path) -> None:
    # Keep only `summary`: promtool compares annotations exactly, and the test file checks summaries.
    for path in RULE_FILES:
        document = yaml.safe_load(path.read_text())
        for group in document["groups"]:
            for rule in group["rules"]:
                rule["annotations"] = {"summary": rule["annotations"]["summary"]}
        (tmp_path / path.name).write_text(yaml.safe_dump(document, sort_keys=False))
    shutil.copy(RULE_TESTS, tmp_path / RULE_TESTS.name)

    result = run_promtool("test", "rules", str(tmp_path / RULE_TESTS.name))

    assert result.returncode == 0, result.stdout + result.stderr


def test_every_alert_has_a_unit_test() -> None:
    tested = set(re.findall(r"alertname: (\w+)", RULE_TESTS.read_text()))

    missing = {str(rule["alert"]) for rule in alert_rules()} - tested

    assert not missing, f"alerts without a case in {RULE_TESTS.name}: {sorted(missing)}"


@pytest.mark.parametrize("rule", alert_rules(), ids=lambda rule: str(rule["alert"]))
def test_alert_has_severity_and_runbook(rule: dict[str, object]) -> None:
    labels = rule["labels"]
    annotations = rule["annotations"]
    anchor = f"deploy/RUNBOOK.md#{str(rule['alert']).lower()}"

    assert isinstance(labels, dict)
    assert labels.get("severity") in SEVERITIES
    assert isinstance(annotations, dict)
    assert {"summary", "description", "runbook"} <= set(annotations)
    assert anchor in annotations["runbook"], f"the runbook annotation should point to {anchor}"
    assert f"\n## {rule['alert']}\n" in RUNBOOK.read_text(), f"{RUNBOOK.name} has no section {rule['alert']}"


@pytest.mark.parametrize("rule", alert_rules(), ids=lambda rule: str(rule["alert"]))
def test_alert_queries_known_metrics(rule: dict[str, object]) -> None:
    unknown = referenced_metrics(str(rule["expr"])) - metric_names() - PROMETHEUS_SERIES

    assert not unknown, f"{rule['alert']} queries metrics that vigie.metrics does not declare: {unknown}"
