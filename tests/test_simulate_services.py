"""The simulator's ECS-service checks AWS makes and moto skips (Service Connect, deployment
strategies, alarms) and its Cloud Map handlers, on one program of our components simulated
once; plus raw programs that AWS would refuse."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pulumi_aws as aws
import pytest

from fargate_components import (
    Container,
    Deployment,
    DeploymentAlarms,
    FargateCluster,
    FargateClusterArgs,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    LoadBalancer,
    LoadBalancerArgs,
    Network,
    PortMapping,
    Routing,
    ServiceConnect,
    ServiceConnectServer,
    ServiceDiscovery,
)
from fargate_components.testing import run_in_mocks
from fargate_components.testing.simulate import render_simulation_text, simulate, simulated
from fargate_components.testing.simulate.engine import Simulation

VPC = "vpc-0123456789abcdef0"
PUBLIC = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
PRIVATE = ["subnet-0a1b2c3d4e5f60011", "subnet-0a1b2c3d4e5f60012"]
IMAGE = "public.ecr.aws/nginx/nginx:1.27"


def _task(name: str, port_name: str = "http") -> FargateTaskDefinition:
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
                        PortMapping(container_port=8080, name=port_name, app_protocol="http")
                    ],
                )
            ],
        ),
    )


def _services_program() -> None:
    net = Network.existing(VPC, PUBLIC, PRIVATE)
    cluster = FargateCluster("apps", FargateClusterArgs(service_connect_namespace="shop.local"))
    alb = LoadBalancer("web", LoadBalancerArgs(network=net))
    cart = FargateService(
        "cart",
        FargateServiceArgs(
            cluster=cluster,
            task_definition=_task("cart"),
            network=net,
            service_connect=ServiceConnect(
                servers=[
                    ServiceConnectServer(
                        port_name="http", discovery_name="cart", dns_name="cart", port=80
                    )
                ]
            ),
        ),
    )
    ns = aws.servicediscovery.PrivateDnsNamespace("internal", name="internal", vpc=VPC)
    FargateService(
        "front",
        FargateServiceArgs(
            cluster=cluster,
            task_definition=_task("front"),
            network=net,
            calls=[cart],
            load_balancer=alb,
            routing=Routing(path_patterns=["/*"]),
            deployment=Deployment(strategy="BLUE_GREEN", bake_time=15),
            alarms=DeploymentAlarms(alarm_names=["p99-latency"]),
            service_discovery=ServiceDiscovery(namespace_id=ns.id),
        ),
    )
    FargateService(
        "canary",
        FargateServiceArgs(
            cluster=cluster,
            task_definition=_task("canary"),
            network=net,
            load_balancer=alb,
            routing=Routing(path_patterns=["/canary/*"]),
            deployment=Deployment(strategy="CANARY", canary_percent=10),
        ),
    )


@pytest.fixture(scope="class")
def sim() -> Iterator[Simulation]:
    with simulated(run_in_mocks(_services_program)) as sim:
        yield sim


class TestDeployedServices:
    """One simulation, queried (closed before the other tests: moto has one account)."""

    def test_services_deploy_with_every_setting(self, sim: Simulation) -> None:
        result = sim.result
        assert result.ok, render_simulation_text(result)
        assert result.unsupported == []
        ecs = sim.client("ecs")
        front = ecs.describe_services(
            cluster=sim.physical_id("apps-cluster"),
            services=[sim.output("front-service", "name")],
        )["services"][0]
        config = front["deploymentConfiguration"]
        assert config["strategy"] == "BLUE_GREEN" and config["bakeTimeInMinutes"] == 15
        assert config["alarms"]["enable"] is True

    def test_cloud_map_namespaces_and_services(self, sim: Simulation) -> None:
        sd = sim.client("servicediscovery")
        names = {n["Name"]: n["Type"] for n in sd.list_namespaces()["Namespaces"]}
        assert names == {"shop.local": "HTTP", "internal": "DNS_PRIVATE"}
        services = {s["Name"] for s in sd.list_services()["Services"]}
        # "front" registers itself in "internal"; ECS made "cart" (Service Connect) in shop.local.
        assert services == {"front", "cart"}

    def test_an_alarm_missing_from_cloudwatch_is_a_warning(self, sim: Simulation) -> None:
        (warning,) = [w for w in sim.result.warnings if w["urn"].endswith("::front-service")]
        assert "p99-latency" in warning["warning"]
        assert "p99-latency" in render_simulation_text(sim.result)

    def test_a_nested_simulation_is_refused(self, sim: Simulation) -> None:
        with pytest.raises(RuntimeError, match="already open"):
            simulate(sim.plan)


def test_two_servers_claiming_one_discovery_name_fail_as_in_aws() -> None:
    # FargateService refuses this at construction (NamespaceClaims); raw services reach AWS.
    def program() -> None:
        ns = aws.servicediscovery.HttpNamespace("ns", name="apps.local")
        config = {"enabled": True, "namespace": ns.arn, "services": [{"port_name": "web"}]}
        _raw({}, service_connect_configuration=config)
        _raw({}, suffix="-2", service_connect_configuration=config)

    result = simulate(run_in_mocks(program))
    errors = [f["error"] for f in result.failed if "ServiceAlreadyExists" in f["error"]]
    assert len(errors) == 1, render_simulation_text(result)


def _raw(deployment: dict[str, Any], suffix: str = "", **service: Any) -> None:
    cluster = aws.ecs.Cluster(f"c{suffix}")
    task = aws.ecs.TaskDefinition(
        f"t{suffix}",
        family="t",
        cpu="256",
        memory="512",
        network_mode="awsvpc",
        requires_compatibilities=["FARGATE"],
        container_definitions='[{"name":"app","image":"nginx","portMappings":'
        '[{"containerPort":80,"name":"web"}]}]',
    )
    aws.ecs.Service(
        f"s{suffix}",
        cluster=cluster.arn,
        task_definition=task.arn,
        desired_count=1,
        launch_type="FARGATE",
        deployment_configuration=deployment,
        **service,
    )


@pytest.mark.parametrize(
    ("deployment", "service", "expected"),
    [
        ({"strategy": "BLUE_GREEN"}, {}, "bakeTimeInMinutes is required"),
        (
            {"strategy": "CANARY", "bake_time_in_minutes": "5"},
            {"deployment_controller": {"type": "CODE_DEPLOY"}},
            "needs the ECS deployment controller",
        ),
        (
            {
                "strategy": "CANARY",
                "bake_time_in_minutes": "5",
                "canary_configuration": {"canary_percent": 0.05},
            },
            {},
            "canaryPercent must be a multiple of 0.1",
        ),
        ({"strategy": "LINEAR", "bake_time_in_minutes": "5"}, {}, "needs a load balancer"),
        (
            {},
            {
                "alarms": {"alarm_names": ["a"], "enable": True, "rollback": True},
                "deployment_controller": {"type": "CODE_DEPLOY"},
            },
            "alarms can only be used with the ECS deployment controller",
        ),
        (
            {},
            {
                "service_connect_configuration": {
                    "enabled": True,
                    "namespace": "nowhere",
                    "services": [{"port_name": "web"}],
                }
            },
            "NamespaceNotFoundException",
        ),
    ],
)
def test_aws_refuses_what_moto_accepts(
    deployment: dict[str, Any], service: dict[str, Any], expected: str
) -> None:
    result = simulate(run_in_mocks(lambda: _raw(deployment, **service)))
    error = result.error_of("s")
    assert error is not None and expected in error, render_simulation_text(result)


def test_service_connect_port_name_must_be_a_named_port_mapping() -> None:
    def program() -> None:
        ns = aws.servicediscovery.HttpNamespace("ns", name="apps.local")
        _raw(
            {},
            service_connect_configuration={
                "enabled": True,
                "namespace": ns.arn,
                "services": [{"port_name": "api"}],
            },
        )

    error = simulate(run_in_mocks(program)).error_of("s")
    assert error is not None and "portName 'api'" in error and "named: web" in error
