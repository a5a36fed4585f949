"""The small Kustomize renderer used by test_kubernetes.py."""

from pathlib import Path

import pytest

from tests.deploy.kustomize import UnsupportedKustomization, image_name, render, strategic_merge


def test_merge_containers_by_name() -> None:
    original = {"containers": [{"name": "a", "image": "x", "ports": [1]}, {"name": "b", "image": "y"}]}
    patch = {"containers": [{"name": "b", "image": "z"}, {"name": "c", "image": "w"}]}

    merged = strategic_merge(original, patch)

    assert merged["containers"] == [
        {"name": "a", "image": "x", "ports": [1]},
        {"name": "b", "image": "z"},
        {"name": "c", "image": "w"},
    ]


def test_merge_replaces_unnamed_lists() -> None:
    assert strategic_merge({"args": ["a", "b"]}, {"args": ["c"]}) == {"args": ["c"]}


def test_merge_null_removes_key() -> None:
    assert strategic_merge({"a": 1, "b": 2}, {"b": None}) == {"a": 1}


def test_merge_leaves_original_unchanged() -> None:
    original = {"spec": {"replicas": 1}}

    strategic_merge(original, {"spec": {"replicas": 3}})

    assert original == {"spec": {"replicas": 1}}


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("vigie", "vigie"),
        ("vigie:1.0", "vigie"),
        ("host:5000/team/vigie:1.0", "host:5000/team/vigie"),
        ("vigie@sha256:abc", "vigie"),
    ],
)
def test_image_name_strips_tag(reference: str, expected: str) -> None:
    assert image_name(reference) == expected


def test_unsupported_field_rejected(tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text("resources: []\nnamePrefix: test-\n")

    with pytest.raises(UnsupportedKustomization, match="namePrefix"):
        render(tmp_path)


def test_missing_patch_target_rejected(tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text("resources: []\npatches:\n  - path: patch.yaml\n")
    (tmp_path / "patch.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: absent\n")

    with pytest.raises(UnsupportedKustomization, match="ConfigMap/absent not found"):
        render(tmp_path)
