"""Every EKS-on-Fargate check over a real program's plan (run under mocks)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pulumi
import pulumi_aws as aws
import pulumi_kubernetes as k8s
import pytest

from fargate_components.eks import EksFargateCluster, EksFargateClusterArgs, FargateProfileSpec
from fargate_components.eks.plan_checks import PlanChecks, check_plan
from fargate_components.testing import Plan, run_in_mocks
from tests.bad_input.eks import FakeNetwork

DAY = date(2026, 12, 1)


def _deployment(
    name: str, namespace: str, pod: dict[str, Any], opts: Any, kind: Any = k8s.apps.v1.Deployment
) -> None:
    spec: dict[str, Any] = {
        "selector": {"matchLabels": {"app": name}},
        "template": {"metadata": {"labels": {"app": name}}, "spec": pod},
    }
    if kind is k8s.apps.v1.Deployment:
        spec["replicas"] = 1
    kind(name, metadata={"name": name, "namespace": namespace}, spec=spec, opts=opts)


def _program(**cluster: Any) -> None:
    eks = EksFargateCluster(
        "k8s",
        EksFargateClusterArgs(
            network=FakeNetwork(),
            version=cluster.pop("version", "1.35"),
            profiles=[FargateProfileSpec(name="apps", selectors=["apps"])],
            **cluster,
        ),
    )
    opts = pulumi.ResourceOptions(provider=eks.provider)
    plain = {
        "containers": [
            {
                "name": "c",
                "image": "nginx",
                "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}},
            }
        ]
    }
    _deployment("fine", "apps", plain, opts)
    _deployment("lost", "batch", plain, opts)
    _deployment("agent", "apps", plain, opts, kind=k8s.apps.v1.DaemonSet)
    privileged = {
        "containers": [{"name": "c", "image": "x", "securityContext": {"privileged": True}}]
    }
    _deployment("priv", "apps", privileged, opts)
    aws.eks.PodIdentityAssociation(
        "pia",
        cluster_name=eks.cluster_name,
        namespace="apps",
        service_account="default",
        role_arn="arn:aws:iam::123456789012:role/x",
    )


@pytest.fixture(scope="module")
def checks() -> PlanChecks:
    plan: Plan = run_in_mocks(_program)
    return check_plan(plan.resources, DAY)


def _errors(checks: PlanChecks) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for rule in ("FC-K8S-001", "FC-K8S-002", "FC-EKS-006", "FC-EKS-007"):
        for urn, problems in checks.problems.get(rule, {}).items():
            found.setdefault(urn.rsplit("::", 1)[-1], []).extend(f"{rule}: {p}" for p in problems)
    return found


def test_one_error_each_naming_the_object(checks: PlanChecks) -> None:
    errors = _errors(checks)
    assert sorted(errors) == ["agent", "lost", "pia", "priv"]
    assert all(len(v) == 1 for v in errors.values()), errors
    (lost,) = errors["lost"]
    assert lost.startswith("FC-K8S-001: Deployment batch/lost: no profile selects")
    assert "stay Pending" in lost
    assert "DaemonSets aren't supported" in errors["agent"][0]
    assert "privileged" in errors["priv"][0]
    assert "Pod Identity doesn't support Fargate" in errors["pia"][0]
    assert "Deployment apps/fine" in errors["pia"][0]


def test_placements_show_profile_and_size(checks: PlanChecks) -> None:
    summaries = {p.workload.name: p.summary() for p in checks.coverage.placements}
    assert summaries["fine"] == "profile apps, 1 x 0.25 vCPU / 0.5 GB"
    assert summaries["lost"] == "no Fargate profile (stays Pending)"


def test_versions_past_standard_support() -> None:
    def cluster(policy: str) -> PlanChecks:
        args = EksFargateClusterArgs(network=FakeNetwork(), version="1.33", upgrade_policy=policy)
        plan = run_in_mocks(lambda: EksFargateCluster("k8s", args))
        return check_plan(plan.resources, DAY)

    (billed,) = cluster("EXTENDED").problems["FC-EKS-008"].values()
    assert "extended support since 2026-07-29" in billed[0]
    (refused,) = cluster("STANDARD").problems["FC-EKS-007"].values()
    assert "STANDARD upgrade policy can only be set" in refused[0]
