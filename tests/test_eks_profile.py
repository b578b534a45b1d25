"""FargateProfile on its own: aws.eks.Cluster, pulumi_eks.Cluster, a name; roles and subnets."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws
import pulumi_eks

from fargate_components.eks import FargateProfile, FargateProfileArgs, ProfileSelector
from fargate_components.testing import FargateMocks, run_in_mocks
from tests.bad_input.eks import FakeNetwork

# The mocks do not run pulumi-eks's remote component; this one answers its ``eksCluster``
# output with a reference to a plain aws.eks.Cluster registered first.
_INNER_URN = "urn:pulumi:dev::project::pulumi:pulumi:Stack$aws:eks/cluster:Cluster::legacy-eks"


class _PulumiEksMocks(FargateMocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        if args.typ == "eks:index:Cluster":
            ref = {
                "4dabf18193072939515e22adb298388d": "5cf8f73096256a8f31e491e813e4eb8e",
                "urn": _INNER_URN,
            }
            return "", {"eksCluster": ref}
        return super().new_resource(args)


def test_profile_on_a_pulumi_eks_cluster() -> None:
    def program() -> None:
        inner = aws.eks.Cluster(
            "legacy-eks",
            role_arn="arn:aws:iam::123456789012:role/eks",
            vpc_config={"subnet_ids": ["subnet-a"]},
        )
        cluster = pulumi_eks.Cluster(
            "legacy",
            vpc_id="vpc-1",
            private_subnet_ids=["subnet-a", "subnet-b"],
            skip_default_node_group=True,
            opts=pulumi.ResourceOptions(depends_on=[inner]),
        )
        FargateProfile(
            "apps",
            FargateProfileArgs(
                cluster=cluster,
                selectors=[ProfileSelector("apps", {"run": "on-fargate"})],
                subnet_ids=["subnet-a", "subnet-b"],
            ),
        )

    plan = run_in_mocks(program, mocks=_PulumiEksMocks())
    inner_name = plan.named("legacy-eks").id
    profile = plan.named("apps-profile")
    assert profile.inputs["clusterName"] == inner_name
    assert profile.inputs["selectors"] == [{"namespace": "apps", "labels": {"run": "on-fargate"}}]
    trust = json.loads(plan.named("apps-pod-execution").inputs["assumeRolePolicy"])
    assert trust["Statement"][0]["Condition"]["ArnLike"]["aws:SourceArn"].endswith(
        f":fargateprofile/{inner_name}/*"
    )
    assert profile.parent == plan.named("apps").urn


def test_profile_on_an_aws_cluster_with_a_network_and_own_role() -> None:
    def program() -> None:
        cluster = aws.eks.Cluster(
            "c",
            role_arn="arn:aws:iam::123456789012:role/eks",
            vpc_config={"subnet_ids": ["subnet-a"]},
        )
        FargateProfile(
            "batch",
            FargateProfileArgs(
                cluster=cluster,
                selectors=["batch"],
                network=FakeNetwork(),
                profile_name="batch-jobs",
                pod_execution_role_arn="arn:aws:iam::123456789012:role/pods",
            ),
        )

    plan = run_in_mocks(program)
    profile = plan.named("batch-profile").inputs
    assert profile["subnetIds"] == ["subnet-priv-a", "subnet-priv-b"]
    assert profile["fargateProfileName"] == "batch-jobs"
    assert profile["podExecutionRoleArn"] == "arn:aws:iam::123456789012:role/pods"
    assert not plan.of_type("aws:iam/role:Role")


def test_profile_on_a_cluster_name_chained_with_depends_on() -> None:
    def program() -> None:
        first = FargateProfile(
            "one", FargateProfileArgs(cluster="prod", selectors=["a"], subnet_ids=["subnet-1"])
        )
        FargateProfile(
            "two",
            FargateProfileArgs(cluster="prod", selectors=["b"], subnet_ids=["subnet-1"]),
            opts=pulumi.ResourceOptions(depends_on=[first]),
        )

    plan = run_in_mocks(program)
    assert plan.named("one-profile").inputs["clusterName"] == "prod"
    assert plan.named("one-profile").urn in plan.named("two-profile").depends_on
