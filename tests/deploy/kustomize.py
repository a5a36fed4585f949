"""A small Kustomize renderer for the features deploy/k8s uses, so that tests need no kustomize binary.

Supported kustomization fields: resources (files and directories), namespace, images (newName and
newTag), replicas, and patches given by path, applied as strategic merge patches. Lists of mappings
that all carry a `name` (containers, env, volumes) merge by name. Every other list is replaced,
including lists that Kubernetes merges by another key (ports by containerPort, volumeMounts by
mountPath), so patches must not touch those. Any other kustomization field raises
UnsupportedKustomization instead of being ignored.
test_kubernetes.py compares the output with `kubectl kustomize` where kubectl is installed.
"""

import copy
from pathlib import Path
from typing import Any

import yaml

Resource = dict[str, Any]

SUPPORTED_FIELDS = {"apiVersion", "kind", "resources", "namespace", "images", "replicas", "patches"}
CLUSTER_SCOPED_KINDS = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition"}
POD_TEMPLATE_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"}


class UnsupportedKustomization(ValueError):
    """Raised for a kustomization field or patch form that this renderer does not implement."""


def render(directory: Path) -> list[Resource]:
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text())
    unsupported = set(kustomization) - SUPPORTED_FIELDS
    if unsupported:
        raise UnsupportedKustomization(f"{directory}: unsupported fields {sorted(unsupported)}")

    resources: list[Resource] = []
    for entry in kustomization.get("resources", []):
        path = directory / entry
        resources.extend(render(path) if path.is_dir() else load_documents(path))

    for patch in kustomization.get("patches", []):
        if set(patch) != {"path"}:
            raise UnsupportedKustomization(f"{directory}: only `path` patches are supported, got {patch}")
        for document in load_documents(directory / patch["path"]):
            apply_patch(resources, document)

    if "namespace" in kustomization:
        for resource in resources:
            if resource["kind"] not in CLUSTER_SCOPED_KINDS:
                resource["metadata"]["namespace"] = kustomization["namespace"]
    for image in kustomization.get("images", []):
        set_image(resources, image)
    for replicas in kustomization.get("replicas", []):
        set_replicas(resources, replicas["name"], replicas["count"])
    return resources


def load_documents(path: Path) -> list[Resource]:
    return [document for document in yaml.safe_load_all(path.read_text()) if document]


def apply_patch(resources: list[Resource], patch: Resource) -> None:
    for resource in resources:
        if resource["kind"] == patch["kind"] and resource["metadata"]["name"] == patch["metadata"]["name"]:
            merged = strategic_merge(resource, patch)
            resource.clear()
            resource.update(merged)
            return
    raise UnsupportedKustomization(f"patch target {patch['kind']}/{patch['metadata']['name']} not found")


def strategic_merge(original: Any, patch: Any) -> Any:
    if isinstance(original, dict) and isinstance(patch, dict):
        merged = copy.deepcopy(original)
        for key, value in patch.items():
            if value is None:
                merged.pop(key, None)
            elif key in merged:
                merged[key] = strategic_merge(merged[key], value)
            else:
                merged[key] = copy.deepcopy(value)
        return merged
    if isinstance(original, list) and isinstance(patch, list) and named_items(original) and named_items(patch):
        merged_list = copy.deepcopy(original)
        positions = {item["name"]: index for index, item in enumerate(merged_list)}
        for item in patch:
            if item["name"] in positions:
                index = positions[item["name"]]
                merged_list[index] = strategic_merge(merged_list[index], item)
            else:
                merged_list.append(copy.deepcopy(item))
        return merged_list
    return copy.deepcopy(patch)


def named_items(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(item, dict) and "name" in item for item in items)


def set_image(resources: list[Resource], image: dict[str, str]) -> None:
    for resource in resources:
        if resource["kind"] not in POD_TEMPLATE_KINDS:
            continue
        pod = resource["spec"]["template"]["spec"]
        for container in pod.get("containers", []) + pod.get("initContainers", []):
            name = image_name(container["image"])
            if name != image["name"]:
                continue
            new_name = image.get("newName", name)
            container["image"] = f"{new_name}:{image['newTag']}" if "newTag" in image else new_name


def image_name(reference: str) -> str:
    """Return `reference` without its tag or digest. A registry port (host:5000/name) stays."""
    name = reference.split("@")[0]
    head, slash, last = name.rpartition("/")
    return f"{head}{slash}{last.split(':')[0]}"


def set_replicas(resources: list[Resource], name: str, count: int) -> None:
    for resource in resources:
        if resource["kind"] in POD_TEMPLATE_KINDS and resource["metadata"]["name"] == name:
            resource["spec"]["replicas"] = count
