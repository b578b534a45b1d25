"""A service's traffic and what it is wired to agree: the target group's protocol reaches
the port mapping ECS registers, and the tasks admit the load balancer's health checks (pure
decisions, then one small program under mocks)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from fargate_components import (
    Container,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    LoadBalancer,
    LoadBalancerArgs,
    Network,
    NetworkHealthCheck,
    NetworkListener,
    NetworkLoadBalancer,
    NetworkLoadBalancerArgs,
    PortMapping,
    TargetHealthCheck,
)
from fargate_components.ecs.network_load_balancing import (
    check_target_protocol,
    health_check_ingress_port,
)
from fargate_components.errors import ValidationError
from fargate_components.testing import Plan, run_in_mocks

INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"


@pytest.mark.parametrize(
    ("target", "mapping", "ok"),
    [
        ("TCP", "tcp", True),
        ("TLS", "tcp", True),
        ("HTTP", "tcp", True),
        ("HTTPS", "udp", False),
        ("TCP", "udp", False),
        ("TLS", "udp", False),
        ("UDP", "udp", True),
        ("UDP", "tcp", False),
        ("TCP_UDP", "tcp", True),
        ("TCP_UDP", "udp", True),
    ],
)
def test_a_target_group_reaches_only_its_protocols_port_mappings(
    target: str, mapping: str, ok: bool
) -> None:
    def check() -> None:
        check_target_protocol("x", target, container="dns", port=53, mapping_protocol=mapping)

    if ok:
        check()
        return
    with pytest.raises(ValidationError) as info:
        check()
    assert info.value.argument == "x"
    assert f"53/{mapping}" in str(info.value.value)


def test_health_checks_need_a_rule_of_their_own_off_the_tcp_traffic_port() -> None:
    assert health_check_ingress_port(8080, ("tcp",), None) is None
    assert health_check_ingress_port(8080, ("tcp",), 8080) is None
    assert health_check_ingress_port(8080, ("tcp",), 8081) == 8081
    assert health_check_ingress_port(53, ("udp",), None) == 53
    assert health_check_ingress_port(53, ("tcp", "udp"), None) is None
    assert health_check_ingress_port(53, ("udp",), 8053) == 8053


def _task(name: str, port: PortMapping) -> FargateTaskDefinition:
    container = Container(name=name, image="nginx", port_mappings=[port])
    return FargateTaskDefinition(
        name, FargateTaskDefinitionArgs(cpu=256, memory=512, containers=[container])
    )


def _program() -> None:
    """A UDP DNS service behind an NLB (TCP health check on its traffic port), and a web
    service whose ALB health check probes another port."""
    net: Any = Network.existing("vpc-1", ["subnet-1a", "subnet-1b"], ["subnet-1c", "subnet-1d"])
    cluster = FargateCluster("apps")
    nlb = NetworkLoadBalancer(
        "dns",
        NetworkLoadBalancerArgs(
            network=net,
            internal=True,
            ingress_cidrs=["10.0.0.0/16"],
            listeners=[NetworkListener(port=53, protocol="UDP")],
        ),
    )
    FargateService(
        "dns",
        FargateServiceArgs(
            cluster=cluster,
            task_definition=_task("dns", PortMapping(container_port=53, protocol="udp")),
            network=net,
            load_balancer=nlb,
            health_check=NetworkHealthCheck(),
        ),
    )
    alb = LoadBalancer("web", LoadBalancerArgs(network=net, access_logs_bucket=None, waf=None))
    FargateService(
        "web",
        FargateServiceArgs(
            cluster=cluster,
            task_definition=_task("web", PortMapping(container_port=8080)),
            network=net,
            load_balancer=alb,
            health_check=TargetHealthCheck(path="/healthz", port=8081),
        ),
    )


@cache
def _plan() -> Plan:
    return run_in_mocks(_program)


def _rules(plan: Plan, group: str) -> dict[str, tuple[str, int, str]]:
    group_id = plan.named(group).id
    return {
        r.name: (
            r.inputs["ipProtocol"],
            r.inputs["fromPort"],
            r.inputs["referencedSecurityGroupId"],
        )
        for r in plan.of_type(INGRESS)
        if r.inputs["securityGroupId"] == group_id
    }


def test_a_udp_service_admits_the_nlbs_tcp_health_checks() -> None:
    plan = _plan()
    nlb_group = plan.named("dns-nlb-sg").id
    assert _rules(plan, "dns-sg") == {
        "dns-sg-from-nlb-udp": ("udp", 53, nlb_group),
        "dns-sg-from-nlb-health": ("tcp", 53, nlb_group),
    }
    (tg,) = [t for t in plan.of_type("aws:lb/targetGroup:TargetGroup") if t.inputs["port"] == 53]
    assert (tg.inputs["protocol"], tg.inputs["healthCheck"]["protocol"]) == ("UDP", "TCP")


def test_a_health_check_on_another_port_is_admitted_from_the_alb() -> None:
    plan = _plan()
    alb_group = plan.named("web-alb-sg").id
    assert _rules(plan, "web-sg") == {
        "web-sg-from-lb": ("tcp", 8080, alb_group),
        "web-sg-from-lb-health": ("tcp", 8081, alb_group),
    }
