"""``--simulate`` on EKS: the add-on, access-entry and Pod Identity APIs moto lacks, emulated
with AWS's checks, and Kubernetes objects applied to an emulated API server (strict schema,
namespaces, the Fargate scheduler's refusals)."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws
import pulumi_kubernetes as k8s
import pytest

from fargate_components import Network
from fargate_components.eks import EksFargateCluster, EksFargateClusterArgs, FargateProfileSpec
from fargate_components.testing import run_in_mocks
from fargate_components.testing.simulate import (
    SimulationResult,
    parse_fixtures,
    render_simulation_text,
    simulate,
)

VPC = "vpc-0123456789abcdef0"
PUBLIC = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
PRIVATE = ["subnet-0a1b2c3d4e5f60011", "subnet-0a1b2c3d4e5f60012"]
POD = {
    "containers": [{"name": "c", "image": "nginx:1.27", "resources": {"requests": {"cpu": "250m"}}}]
}


def _workload(name: str, namespace: str, spec: dict[str, Any], opts: Any, kind: Any = None) -> None:
    kind = kind or k8s.apps.v1.Deployment
    labels = {"app": name}
    kind(
        name,
        metadata={"name": name, "namespace": namespace},
        spec={
            "selector": {"matchLabels": labels},
            "template": {"metadata": {"labels": labels}, "spec": spec},
        },
        opts=opts,
    )


def _program() -> None:
    eks = EksFargateCluster(
        "k8s",
        EksFargateClusterArgs(
            network=Network.existing(VPC, PUBLIC, PRIVATE),  # type: ignore[arg-type]
            version="1.33",
            profiles=[FargateProfileSpec(name="apps", selectors=["apps"])],
        ),
    )
    opts = pulumi.ResourceOptions(provider=eks.provider)
    namespaces = {
        namespace: k8s.core.v1.Namespace(namespace, metadata={"name": namespace}, opts=opts)
        for namespace in ("apps", "batch")
    }
    _workload("fine", "apps", POD, opts)
    waits = pulumi.ResourceOptions(provider=eks.provider, depends_on=[namespaces["apps"]])
    _workload("waits", "apps", POD, waits)
    # Under a component the replay creates it after the namespace (URN order), as a
    # TeamNamespace's namespace came before a user's Deployment: still a race.
    late = pulumi.ComponentResource("test:index:Late", "late")
    _workload("late", "apps", POD, pulumi.ResourceOptions(provider=eks.provider, parent=late))
    _workload("lost", "batch", POD, opts)  # no profile selects batch
    _workload("agent", "apps", POD, opts, kind=k8s.apps.v1.DaemonSet)
    privileged = {
        "containers": [{"name": "c", "image": "x", "securityContext": {"privileged": True}}]
    }
    _workload("priv", "apps", privileged, opts)
    _workload(
        "typo",
        "apps",
        {"containers": [{"name": "c", "image": "x", "imagePullPolicyy": "Always"}]},
        opts,
    )
    _workload("nowhere", "missing", POD, opts)
    aws.eks.PodIdentityAssociation(
        "pia",
        cluster_name=eks.cluster_name,
        namespace="apps",
        service_account="default",
        role_arn=eks.pod_execution_role.arn,
    )
    aws.eks.AccessEntry(
        "twice", cluster_name=eks.cluster_name, principal_arn="arn:aws:iam::123456789012:user/plan"
    )


@pytest.fixture(scope="module")
def result() -> SimulationResult:
    subnets = [
        {"id": s, "cidr": f"10.7.{n}.0/24", "availability_zone": f"us-east-1{'ab'[n % 2]}"}
        for n, s in enumerate([*PUBLIC, *PRIVATE])
    ]
    fixtures = parse_fixtures({"vpcs": [{"id": VPC, "cidr": "10.7.0.0/16", "subnets": subnets}]})
    return simulate(run_in_mocks(_program), fixtures=fixtures)


def _error(result: SimulationResult, name: str) -> str:
    error = result.error_of(name)
    assert error is not None, render_simulation_text(result)
    return error


def test_no_type_is_unsupported(result: SimulationResult) -> None:
    assert result.unsupported == [], render_simulation_text(result)
    for name in ("k8s-cluster", "fine", "apps", "batch"):
        assert result.error_of(name) is None, render_simulation_text(result)


def test_fargate_refusals_fail_the_rollout(result: SimulationResult) -> None:
    assert "no Fargate profile selects namespace 'batch'" in _error(result, "lost")
    assert "DaemonSets aren't supported" in _error(result, "agent")
    assert "privileged" in _error(result, "priv")
    assert _error(result, "lost").startswith("RolloutNeverCompletes: pulumi up waits")


def test_the_api_server_checks(result: SimulationResult) -> None:
    assert _error(result, "typo").startswith("Invalid: Deployment (strict schema)")
    assert "imagePullPolicyy" in _error(result, "typo")
    assert _error(result, "nowhere") == 'NotFound: namespaces "missing" not found'


def test_emulated_eks_apis(result: SimulationResult) -> None:
    assert "ResourceInUseException" in _error(result, "twice")  # the creator's entry exists
    (warning,) = [w["warning"] for w in result.warnings if w["urn"].endswith("::pia")]
    assert "Pod Identity does not support Fargate pods" in warning and "irsa_role" in warning


def test_a_namespace_of_the_same_deploy_without_a_dependency_is_a_race(
    result: SimulationResult,
) -> None:
    # "fine" and "late" name namespace apps as a string: a real deploy may create either
    # first. The replay creates the namespace before "late" and used to say nothing there (a
    # user's Deployment into a TeamNamespace's namespace); "waits" depends on it.
    races = {
        w["urn"].rsplit("::", 1)[-1] for w in result.warnings if "either order" in w["warning"]
    }
    assert {"fine", "late"} <= races and "waits" not in races, races


# The EKS example's own deploy (nothing unsupported) and destroy: test_simulate_lifecycle.py.
