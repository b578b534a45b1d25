"""Kubernetes objects against the strict schema of the cluster's version (kubernetes-validate)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fargate_components.eks.kubernetes_schema import api_version_and_kind, validate_object

pytest.importorskip("kubernetes_validate")

DEPLOYMENT = {
    "metadata": {"name": "web", "namespace": "apps"},
    "spec": {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "web"}},
        "template": {
            "metadata": {"labels": {"app": "web"}},
            "spec": {
                "containers": [{"name": "web", "image": "nginx", "ports": [{"containerPort": 80}]}]
            },
        },
    },
}
TYPE = "kubernetes:apps/v1:Deployment"


def test_type_tokens() -> None:
    assert api_version_and_kind(TYPE) == ("apps/v1", "Deployment")
    assert api_version_and_kind("kubernetes:core/v1:Service") == ("v1", "Service")
    assert api_version_and_kind("kubernetes:networking.k8s.io/v1:Ingress") == (
        "networking.k8s.io/v1",
        "Ingress",
    )
    assert api_version_and_kind("kubernetes:helm.sh/v3:Release") is None
    assert api_version_and_kind("aws:eks/cluster:Cluster") is None


def test_a_valid_object() -> None:
    check = validate_object(TYPE, DEPLOYMENT, "1.35")
    assert (check.status, check.message) == ("valid", "Kubernetes 1.35 schema")


def test_wrong_types_and_unknown_fields_are_invalid() -> None:
    bad = json.loads(json.dumps(DEPLOYMENT))
    bad["spec"]["replicas"] = "two"
    check = validate_object(TYPE, bad, "1.35")
    assert check.status == "invalid" and check.message.startswith("spec.replicas: 'two'")
    typo = json.loads(json.dumps(DEPLOYMENT))
    typo["spec"]["template"]["spec"]["containers"][0]["imagePullPolicyy"] = "Always"
    check = validate_object(TYPE, typo, "1.35")
    assert check.status == "invalid"
    assert (
        "spec.template.spec.containers[0]" in check.message and "imagePullPolicyy" in check.message
    )


def test_unknown_values_are_not_type_errors() -> None:
    later = json.loads(json.dumps(DEPLOYMENT))
    later["spec"]["replicas"] = "[unknown]"
    assert validate_object(TYPE, later, "1.35").status == "valid"


def test_unchecked_is_said() -> None:
    assert validate_object(TYPE, DEPLOYMENT, "1.99").status == "unchecked"
    crd = validate_object("kubernetes:example.com/v1:Widget", {"metadata": {"name": "w"}}, "1.35")
    assert crd.status == "unchecked" and "custom resource" in crd.message


def test_the_example_objects_are_valid() -> None:
    plan = json.loads(
        (Path(__file__).parent / "snapshots" / "example-eks-fargate.json").read_text()
    )
    checked = [
        validate_object(r["type"], r["inputs"], "1.35")
        for r in plan["resources"]
        if api_version_and_kind(r["type"])
    ]
    assert checked and all(c.status == "valid" for c in checked), checked
