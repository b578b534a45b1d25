"""Cross-resource rules on plans of the components, with values and as a first preview sees
them: FC-ECS-013 (capacity providers the cluster has), FC-NET-104 (a load balancer's
subnets), FC-NET-105 (a discovery namespace of the tasks' VPC). The hand-built passing and failing
graphs of each rule are in tests/test_policy_rules.py."""

from __future__ import annotations

from functools import cache
from typing import Any

import pulumi_aws as aws
import pytest

from fargate_components import (
    CapacityStrategy,
    Container,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    LoadBalancer,
    LoadBalancerArgs,
    Network,
    NetworkArgs,
    ServiceDiscovery,
)
from fargate_components.errors import ValidationError
from fargate_components.policy import RULES, evaluate
from fargate_components.testing import Plan, run_in_mocks

CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/platform"


def _program() -> None:
    """One Spot service on a cluster of the plan (on the apps Network, registered in a
    namespace of the edge VPC), one on a cluster of another stack; an ALB on the apps Network
    given the edge Network's subnets."""
    cheap = NetworkArgs(az_count=2, nat_gateways="single", flow_logs=False)
    edge, apps = Network("edge", cheap), Network("apps", cheap)
    namespace = aws.servicediscovery.PrivateDnsNamespace(
        "internal", name="internal", vpc=edge.vpc_id
    )
    LoadBalancer(
        "lb",
        LoadBalancerArgs(
            network=apps,
            subnet_ids=edge.public_subnet_id_list,
            access_logs_bucket=None,
            waf=None,
        ),
    )
    net: Any = Network.existing("vpc-1", ["subnet-1a", "subnet-1b"], ["subnet-1c", "subnet-1d"])
    spot = CapacityStrategy.spot_from(2)
    discovery = ServiceDiscovery(namespace_id=namespace.id, name="own")
    clusters: list[tuple[str, Any, Any, Any]] = [
        ("own", FargateCluster("apps"), apps, discovery),
        ("theirs", FargateCluster.existing(CLUSTER_ARN, default_strategy=spot), net, None),
    ]
    for name, cluster, network, registry in clusters:
        task = FargateTaskDefinition(
            name,
            FargateTaskDefinitionArgs(
                cpu=256, memory=512, containers=[Container(name=name, image="nginx")]
            ),
        )
        FargateService(
            name,
            FargateServiceArgs(
                cluster=cluster,
                task_definition=task,
                network=network,
                capacity_strategy=spot,
                service_discovery=registry,
            ),
        )


@cache
def _plan(faithful: bool) -> Plan:
    return run_in_mocks(_program, preview_faithful=faithful)


@pytest.mark.parametrize("faithful", [False, True], ids=["values", "first-preview"])
def test_providers_of_a_cluster_of_another_stack_are_unverified(faithful: bool) -> None:
    found = evaluate(_plan(faithful), rules=[RULES["FC-ECS-013"]])
    assert [(f.urn.rsplit("::", 1)[-1], f.unverified) for f in found] == [("theirs-service", True)]
    assert "check that it has the capacity provider(s) FARGATE, FARGATE_SPOT" in found[0].message


@pytest.mark.parametrize("faithful", [False, True], ids=["values", "first-preview"])
def test_a_load_balancer_on_subnets_of_another_network(faithful: bool) -> None:
    found = evaluate(_plan(faithful), rules=[RULES["FC-NET-104"]])
    assert [(f.resource_name, f.unverified) for f in found] == [("lb-alb", False)]
    assert "its security group 'lb-alb-sg' is of another VPC than its subnets" in found[0].message


@pytest.mark.parametrize("faithful", [False, True], ids=["values", "first-preview"])
def test_a_service_registered_in_a_namespace_of_another_vpc(faithful: bool) -> None:
    found = evaluate(_plan(faithful), rules=[RULES["FC-NET-105"]])
    assert [(f.resource_name, f.unverified) for f in found] == [("own-service", False)]
    assert "in namespace 'internal' of VPC 'edge-vpc'" in found[0].message


def test_a_strategy_names_only_the_providers_a_fargate_cluster_associates() -> None:
    """The library's own clusters can't miss a provider: both are always associated, and a
    strategy naming any other is refused at construction."""
    plan = _plan(False)
    (association,) = plan.of_type("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders")
    assert sorted(association.inputs["capacityProviders"]) == ["FARGATE", "FARGATE_SPOT"]
    with pytest.raises(ValidationError) as info:
        CapacityStrategy.from_wire([{"capacityProvider": "my-ec2-asg", "weight": 1}])
    assert info.value.argument.endswith(".provider")
