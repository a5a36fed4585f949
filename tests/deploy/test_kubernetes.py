"""The Kustomize overlays of deploy/k8s, rendered and checked against Kubernetes' JSON schemas."""

import functools
import shutil
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from tests.deploy.kustomize import Resource, render
from vigie.settings import Settings

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
OVERLAYS = ["dev", "prod"]
# A cluster that upgrades slowly, and the newest version whose schemas kubernetes-validate ships.
KUBERNETES_VERSIONS = ["1.30.0", kubernetes_validate.latest_version()]
SERVICES = {"ingest": 8081, "scoring": 8082, "notifier": 8083, "api": 8080}
SECRET_WORDS = ("PASSWORD", "SECRET", "MONGO_URL", "TOKEN")

overlays = pytest.mark.parametrize("overlay", OVERLAYS)


@functools.cache
def rendered(overlay: str) -> list[Resource]:
    return render(K8S / "overlays" / overlay)


def find(overlay: str, kind: str, name: str) -> Resource:
    matches = [r for r in rendered(overlay) if r["kind"] == kind and r["metadata"]["name"] == name]
    assert len(matches) == 1, f"{overlay}: expected one {kind}/{name}, found {len(matches)}"
    return matches[0]


def container(overlay: str, service: str) -> dict[str, Any]:
    (only,) = find(overlay, "Deployment", f"vigie-{service}")["spec"]["template"]["spec"]["containers"]
    return only


def config(overlay: str) -> dict[str, str]:
    data: dict[str, str] = find(overlay, "ConfigMap", "vigie-config")["data"]
    return data


def resource_id(resource: Resource) -> str:
    return f"{resource['kind']}/{resource['metadata']['name']}"


@overlays
def test_renderer_matches_kubectl_kustomize(overlay: str) -> None:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl not found; the Python renderer alone is checked")

    result = subprocess.run(  # noqa: S603 - fixed executable, our own directory
        [kubectl, "kustomize", str(K8S / "overlays" / overlay)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    theirs = sorted(yaml.safe_load_all(result.stdout), key=resource_id)

    assert sorted(rendered(overlay), key=resource_id) == theirs


@overlays
@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_resources_match_kubernetes_schema(overlay: str, version: str) -> None:
    for resource in rendered(overlay):
        try:
            kubernetes_validate.validate(resource, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"{overlay} {resource_id(resource)}: {error.message} at {list(error.path)}")


@overlays
def test_every_resource_namespaced_and_labelled(overlay: str) -> None:
    for resource in rendered(overlay):
        assert resource["metadata"]["namespace"] == f"vigie{'' if overlay == 'prod' else '-' + overlay}"
        assert resource["metadata"]["labels"]["app.kubernetes.io/part-of"] == "vigie", resource_id(resource)


@overlays
@pytest.mark.parametrize(("service", "port"), SERVICES.items())
def test_deployment_probes_and_ports(overlay: str, service: str, port: int) -> None:
    pod = find(overlay, "Deployment", f"vigie-{service}")["spec"]["template"]
    main = container(overlay, service)

    assert main["command"] == ["python", "-m", f"services.{service}.main"]
    assert main["ports"] == [{"name": "http", "containerPort": port}]
    assert main["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert main["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert main["startupProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert pod["metadata"]["annotations"]["prometheus.io/scrape"] == "true"
    assert pod["metadata"]["annotations"]["prometheus.io/port"] == str(port)
    assert pod["metadata"]["annotations"]["prometheus.io/path"] == "/metrics"


@overlays
@pytest.mark.parametrize("service", SERVICES)
def test_deployment_resources_and_security(overlay: str, service: str) -> None:
    pod_spec = find(overlay, "Deployment", f"vigie-{service}")["spec"]["template"]["spec"]
    main = container(overlay, service)

    assert {"cpu", "memory"} <= set(main["resources"]["requests"])
    assert "memory" in main["resources"]["limits"]
    assert pod_spec["securityContext"]["runAsNonRoot"] is True
    assert pod_spec["automountServiceAccountToken"] is False
    assert main["securityContext"]["readOnlyRootFilesystem"] is True
    assert main["securityContext"]["allowPrivilegeEscalation"] is False
    assert not main["image"].endswith(":latest")
    assert ":" in main["image"], "the overlay must pin an image tag"


@overlays
@pytest.mark.parametrize("service", SERVICES)
def test_deployment_reads_config_and_secret(overlay: str, service: str) -> None:
    sources = container(overlay, service)["envFrom"]

    assert {"configMapRef": {"name": "vigie-config"}} in sources
    assert {"secretRef": {"name": "vigie-secrets"}} in sources


@overlays
@pytest.mark.parametrize(("service", "port"), SERVICES.items())
def test_service_and_budget_select_pods(overlay: str, service: str, port: int) -> None:
    pod_labels = find(overlay, "Deployment", f"vigie-{service}")["spec"]["template"]["metadata"]["labels"]
    selector = find(overlay, "Deployment", f"vigie-{service}")["spec"]["selector"]["matchLabels"]
    kube_service = find(overlay, "Service", f"vigie-{service}")["spec"]
    budget = find(overlay, "PodDisruptionBudget", f"vigie-{service}")["spec"]

    assert selector.items() <= pod_labels.items()
    assert kube_service["selector"] == selector
    assert kube_service["ports"] == [{"name": "http", "port": port, "targetPort": "http"}]
    assert budget["selector"]["matchLabels"] == selector
    assert budget["maxUnavailable"] == 1


@overlays
def test_scoring_autoscaler_bounded_by_partitions(overlay: str) -> None:
    autoscaler = find(overlay, "HorizontalPodAutoscaler", "vigie-scoring")["spec"]
    partitions = int(config(overlay)["VIGIE_KAFKA_TOPIC_PARTITIONS"])

    assert autoscaler["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "vigie-scoring"}
    assert autoscaler["maxReplicas"] <= partitions
    assert 1 <= autoscaler["minReplicas"] <= autoscaler["maxReplicas"]
    assert "replicas" not in find(overlay, "Deployment", "vigie-scoring")["spec"], "the autoscaler owns it"


@overlays
def test_config_names_are_settings(overlay: str) -> None:
    known = {f"VIGIE_{name}" for name in Settings.model_fields}

    unknown = set(config(overlay)) - known

    assert not unknown, f"vigie-config sets variables that vigie.settings does not read: {unknown}"


@overlays
def test_config_is_production_without_secrets(overlay: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = config(overlay)
    for name, value in data.items():
        monkeypatch.setenv(name, value)

    settings = Settings()

    assert settings.ENVIRONMENT == "production"
    assert settings.KAFKA_ENABLE_IDEMPOTENCE is True
    assert not [name for name in data if any(word in name for word in SECRET_WORDS)]


@overlays
def test_network_policies_admit_prometheus_on_every_port(overlay: str) -> None:
    deny = find(overlay, "NetworkPolicy", "vigie-default-deny-ingress")["spec"]
    allow = find(overlay, "NetworkPolicy", "vigie-allow-prometheus")["spec"]
    (rule,) = allow["ingress"]

    assert deny["podSelector"] == {"matchLabels": {"app.kubernetes.io/part-of": "vigie"}}
    assert "ingress" not in deny
    assert {port["port"] for port in rule["ports"]} == set(SERVICES.values())


def test_base_kustomization_lists_every_file() -> None:
    listed = set(yaml.safe_load((K8S / "base" / "kustomization.yaml").read_text())["resources"])

    assert listed == {path.name for path in (K8S / "base").glob("*.yaml")} - {"kustomization.yaml"}
