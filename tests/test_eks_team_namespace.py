"""TeamNamespace under mocks: namespace, chained profile, namespace-scoped access, IRSA."""

from __future__ import annotations

import itertools
import json

import pytest

from fargate_components.eks import EksFargateCluster, EksFargateClusterArgs, FargateProfileSpec
from fargate_components.eks.team_namespace import ServiceAccountRole
from fargate_components.eks.team_namespace_component import TeamNamespace, TeamNamespaceArgs
from fargate_components.errors import ValidationError
from fargate_components.testing import Plan, run_in_mocks
from tests.bad_input.eks import FakeNetwork

PROFILE = "aws:eks/fargateProfile:FargateProfile"
DEVS = "arn:aws:iam::123456789012:role/payments-developers"


def _program() -> None:
    cluster = EksFargateCluster(
        "k8s",
        EksFargateClusterArgs(
            network=FakeNetwork(),
            version="1.35",
            profiles=[FargateProfileSpec(name="default", selectors=["default"])],
        ),
    )
    TeamNamespace(
        "payments",
        TeamNamespaceArgs(
            cluster=cluster,
            labels={"team": "payments"},
            members=[DEVS],
            service_accounts={
                "api": ServiceAccountRole(policy_arns=["arn:aws:iam::aws:policy/ReadOnlyAccess"])
            },
        ),
    )
    TeamNamespace("search", TeamNamespaceArgs(cluster=cluster, access="view"))


@pytest.fixture(scope="module")
def plan() -> Plan:
    return run_in_mocks(_program)


def test_profiles_are_chained_after_the_clusters(plan: Plan) -> None:
    profiles = plan.of_type(PROFILE)
    assert [p.inputs["fargateProfileName"] for p in profiles] == [
        "kube-system",
        "default",
        "payments",
        "search",
    ]
    for before, after in itertools.pairwise(profiles):
        assert before.urn in after.depends_on
    payments = profiles[2]
    assert payments.inputs["selectors"] == [
        {"namespace": "payments", "labels": {"team": "payments"}}
    ]
    assert payments.inputs["subnetIds"] == ["subnet-priv-a", "subnet-priv-b"]
    assert payments.parent and payments.parent.endswith("TeamNamespace::payments")


def test_members_get_namespace_scoped_access(plan: Plan) -> None:
    (entry,) = [
        r for r in plan.of_type("aws:eks/accessEntry:AccessEntry") if r.name == "payments-access-0"
    ]
    assert entry.inputs["principalArn"] == DEVS
    association = plan.named("payments-access-0-edit")
    assert association.inputs["accessScope"] == {"type": "namespace", "namespaces": ["payments"]}
    assert association.inputs["policyArn"].endswith("cluster-access-policy/AmazonEKSEditPolicy")


def test_service_accounts_get_irsa_roles(plan: Plan) -> None:
    role = plan.named("payments-irsa-api")
    trust = json.loads(role.inputs["assumeRolePolicy"])
    condition = json.dumps(trust["Statement"][0]["Condition"])
    assert "system:serviceaccount:payments:api" in condition
    account = plan.named("payments-sa-api")
    assert account.inputs["metadata"]["namespace"] == "payments"
    assert account.inputs["metadata"]["annotations"]["eks.amazonaws.com/role-arn"].startswith(
        "arn:aws:iam::"
    )


def test_the_profile_quota_counts_team_profiles() -> None:
    def program() -> None:
        cluster = EksFargateCluster(
            "k8s",
            EksFargateClusterArgs(
                network=FakeNetwork(),
                version="1.35",
                profiles=[FargateProfileSpec(name=f"p{i}", selectors=[f"ns{i}"]) for i in range(8)],
            ),
        )
        TeamNamespace("one", TeamNamespaceArgs(cluster=cluster))
        TeamNamespace("two", TeamNamespaceArgs(cluster=cluster))

    with pytest.raises(ValidationError, match="at most 10 Fargate profiles"):
        run_in_mocks(program)
