"""Service Connect, `calls` and Cloud Map registries under mocks: the wire inputs."""

from __future__ import annotations

from functools import cache
from typing import Any

import pulumi_aws as aws
import pytest

from fargate_components import (
    Container,
    FargateCluster,
    FargateClusterArgs,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    Network,
    PortMapping,
    ServiceConnect,
    ServiceConnectServer,
    ServiceDiscovery,
)
from fargate_components.errors import ValidationError
from fargate_components.policy import RULES, evaluate
from fargate_components.testing import Plan, run_in_mocks

IMAGE = "public.ecr.aws/nginx/nginx:1.27"


def _task(name: str, port: int = 8080) -> FargateTaskDefinition:
    return FargateTaskDefinition(
        name,
        FargateTaskDefinitionArgs(
            cpu=256,
            memory=512,
            containers=[
                Container(
                    name=name,
                    image=IMAGE,
                    port_mappings=[
                        PortMapping(container_port=port, name="http", app_protocol="http")
                    ],
                )
            ],
        ),
    )


def _program(namespace: Any = "shop.local") -> None:
    net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    cluster = FargateCluster("apps", FargateClusterArgs(service_connect_namespace=namespace))
    cart = FargateService(
        "cart",
        FargateServiceArgs(
            cluster=cluster,
            task_definition=_task("cart"),
            network=net,
            service_connect=ServiceConnect(
                servers=[ServiceConnectServer(port_name="http", dns_name="cart", port=80)]
            ),
        ),
    )
    ns = aws.servicediscovery.PrivateDnsNamespace("internal", name="internal", vpc="vpc-1")
    FargateService(
        "web",
        FargateServiceArgs(
            cluster=cluster,
            task_definition=_task("web"),
            network=net,
            calls=[cart],
            service_discovery=ServiceDiscovery(namespace_id=ns.id),
        ),
    )


@cache
def _plan() -> Plan:
    return run_in_mocks(_program)


def test_cluster_creates_its_namespace() -> None:
    plan = _plan()
    (ns,) = plan.of_type("aws:servicediscovery/httpNamespace:HttpNamespace")
    assert ns.name == "apps-namespace" and ns.inputs["name"] == "shop.local"
    assert ns.parent == plan.named("apps").urn
    cluster = plan.named("apps-cluster")
    assert cluster.inputs["serviceConnectDefaults"] == {"namespace": ns.outputs["arn"]}


def test_server_side_configuration() -> None:
    plan = _plan()
    config = plan.named("cart-service").inputs["serviceConnectConfiguration"]
    assert config["enabled"] is True
    assert config["namespace"] == plan.named("apps-namespace").outputs["arn"]
    assert config["services"] == [
        {
            "portName": "http",
            "discoveryName": "http",
            "clientAlias": [{"port": 80, "dnsName": "cart"}],
        }
    ]
    logs = config["logConfiguration"]
    assert logs["logDriver"] == "awslogs"
    group = plan.named("cart-sc-logs")
    assert group.inputs["retentionInDays"] == 30
    assert logs["options"]["awslogs-group"] == group.outputs["name"]


def test_caller_is_a_client_and_callee_admits_only_the_caller() -> None:
    plan = _plan()
    config = plan.named("web-service").inputs["serviceConnectConfiguration"]
    assert config["enabled"] is True and "services" not in config
    rule = plan.named("web-calls-cart-8080")
    assert rule.parent == plan.named("web", "fargate:ecs:FargateService").urn
    assert rule.inputs["securityGroupId"] == plan.named("cart-sg").id
    assert rule.inputs["referencedSecurityGroupId"] == plan.named("web-sg").id
    assert (rule.inputs["fromPort"], rule.inputs["toPort"]) == (8080, 8080)
    assert "cidrIpv4" not in rule.inputs


def test_cloud_map_registry() -> None:
    plan = _plan()
    registry = plan.named("web-registry")
    assert registry.inputs["name"] == "web"
    assert registry.inputs["dnsConfig"]["dnsRecords"] == [{"ttl": 10, "type": "A"}]
    assert plan.named("web-service").inputs["serviceRegistries"] == {
        "registryArn": registry.outputs["arn"]
    }


def test_existing_namespace_by_arn() -> None:
    arn = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abc"
    plan = run_in_mocks(lambda: _program(arn))
    assert not plan.of_type("aws:servicediscovery/httpNamespace:HttpNamespace")
    assert plan.named("apps-cluster").inputs["serviceConnectDefaults"] == {"namespace": arn}
    assert plan.named("cart-service").inputs["serviceConnectConfiguration"]["namespace"] == arn


def _two_servers(discovery: str | None, second_namespace: str | None = None) -> None:
    """cart and orders serve port "http" in the cluster's namespace (orders names it with
    ``second_namespace``); discovery names ``<discovery>-<service>``, default the port name."""
    cluster = FargateCluster("apps", FargateClusterArgs(service_connect_namespace="shop.local"))
    net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    for name, namespace in (("cart", None), ("orders", second_namespace)):
        server = ServiceConnectServer(
            port_name="http", discovery_name=discovery and f"{discovery}-{name}"
        )
        FargateService(
            name,
            FargateServiceArgs(
                cluster=cluster,
                task_definition=_task(name),
                network=net,
                service_connect=ServiceConnect(namespace=namespace, servers=[server]),
            ),
        )


def test_two_services_may_not_claim_one_discovery_name_of_the_clusters_namespace() -> None:
    with pytest.raises(ValidationError) as info:
        run_in_mocks(lambda: _two_servers(None))  # both default to the port name "http"
    assert info.value.argument == "FargateServiceArgs.service_connect.servers[0].discovery_name"
    assert "the service 'cart' claims it" in str(info.value)
    plan = run_in_mocks(lambda: _two_servers("http"))  # and a second run starts afresh
    assert evaluate(plan, rules=[RULES["FC-SC-001"]]) == []


def test_separate_runs_do_not_share_claims() -> None:
    arn = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abc"
    for _ in range(2):
        run_in_mocks(lambda: _program(arn))


def test_a_clash_only_the_plan_can_see_is_a_finding_naming_both_services() -> None:
    # cart: the cluster's namespace (an Output); orders: the same one, by name
    plan = run_in_mocks(lambda: _two_servers(None, second_namespace="shop.local"))
    discovery, alias = evaluate(plan, rules=[RULES["FC-SC-001"]])
    messages = discovery.message + alias.message
    assert {discovery.resource_name, alias.resource_name} == {"orders-service"}
    assert (
        "discovery name 'http' is already claimed in the namespace 'shop.local' by "
        "cart-service" in messages
    )
    assert "client alias 'http:8080'" in messages
