"""NetworkLoadBalancer.existing: services on another stack's NLB (ids from a StackReference)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pulumi
import pytest

from fargate_components import (
    CapacityStrategy,
    Container,
    DeploymentAlarms,
    ExistingNetworkListener,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    Network,
    NetworkListener,
    NetworkLoadBalancer,
)
from fargate_components.errors import ValidationError
from fargate_components.testing import FargateMocks, Plan, run_in_mocks

SHARED = "acme/platform/prod"
ELB = "arn:aws:elasticloadbalancing:us-east-1:123456789012"
OUTPUTS: dict[str, Any] = {
    "nlb_arn": f"{ELB}:loadbalancer/net/edge/50dc6c495c0c9188",
    "nlb_sg_id": "sg-0nlb",
    "mqtt_tg_arn": f"{ELB}:targetgroup/mqtt/73e2d6bc24d8a067",
}


def _task(name: str, port: int) -> FargateTaskDefinition:
    return FargateTaskDefinition(
        name,
        FargateTaskDefinitionArgs(
            cpu=256,
            memory=512,
            containers=[Container(name=name, image="nginx", port_mappings=[port])],
        ),
    )


def _program(**mqtt: Any) -> None:
    shared = pulumi.StackReference(SHARED)
    net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    cluster = FargateCluster.existing(
        "arn:aws:ecs:us-east-1:123456789012:cluster/shared",
        default_strategy=CapacityStrategy.on_demand(),
    )
    nlb = NetworkLoadBalancer.existing(
        shared.get_output("nlb_sg_id"),
        vpc_id=net.vpc_id,
        load_balancer_arn=shared.get_output("nlb_arn"),
        dns_name="edge-1.elb.us-east-1.amazonaws.com",
        listeners=[
            ExistingNetworkListener(
                port=8883, target_group_arn=shared.get_output("mqtt_tg_arn"), protocol="TLS"
            ),
            NetworkListener(port=5432),
        ],
    )
    for name, port, listener in (("mqtt", 1883, 8883), ("pg", 5432, 5432)):
        FargateService(
            name,
            FargateServiceArgs(
                cluster=cluster,
                task_definition=_task(name, port),
                network=net,
                load_balancer=nlb,
                **{"listener_port": listener, **(mqtt if name == "mqtt" else {})},
            ),
        )


def _run(**mqtt: Any) -> Plan:
    mocks = FargateMocks(stack_references={SHARED: OUTPUTS})
    return run_in_mocks(lambda: _program(**mqtt), mocks=mocks)


@cache
def _plan() -> Plan:
    return _run()


def test_an_existing_listener_takes_the_tasks_in_its_target_group() -> None:
    plan = _plan()
    assert plan.named("mqtt-service").inputs["loadBalancers"] == [
        {"containerName": "mqtt", "containerPort": 1883, "targetGroupArn": OUTPUTS["mqtt_tg_arn"]}
    ]
    names = {r.name for r in plan.resources}
    assert "mqtt-listener" not in names and not any(n.startswith("mqtt-tg") for n in names)
    (ingress,) = [r for r in plan.resources if r.name.startswith("mqtt-sg-from-nlb")]
    assert ingress.inputs["referencedSecurityGroupId"] == "sg-0nlb"  # TLS: tcp only
    assert (ingress.inputs["ipProtocol"], ingress.inputs["fromPort"]) == ("tcp", 1883)


def test_a_free_port_gets_the_services_own_listener_on_the_existing_nlb() -> None:
    plan = _plan()
    listener = plan.named("pg-listener").inputs
    assert (listener["loadBalancerArn"], listener["port"]) == (OUTPUTS["nlb_arn"], 5432)
    assert plan.named("pg-service").outputs.get("name") is not None


def test_default_alarms_use_the_arn_suffixes_derived_from_the_arns() -> None:
    alarm = next(r for r in _plan().resources if r.name.startswith("mqtt-alarm"))
    dimensions = alarm.inputs["dimensions"]
    assert dimensions == {
        "LoadBalancer": "net/edge/50dc6c495c0c9188",
        "TargetGroup": "targetgroup/mqtt/73e2d6bc24d8a067",
    }


@pytest.mark.parametrize(
    ("mqtt", "argument"),
    [
        ({"health_check": None, "deregistration_delay": 60}, "deregistration_delay"),
        ({"listener_port": 8884}, "listener_port"),
    ],
)
def test_what_belongs_to_the_other_stack_is_refused(mqtt: dict[str, Any], argument: str) -> None:
    with pytest.raises(ValidationError) as info:
        _run(**mqtt)
    assert info.value.argument == f"FargateServiceArgs.{argument}"


def test_default_alarms_need_an_arn_suffix() -> None:
    def program() -> None:
        nlb = NetworkLoadBalancer.existing(
            "sg-1",
            vpc_id="vpc-1",
            listeners=[ExistingNetworkListener(port=80, target_group_arn=OUTPUTS["mqtt_tg_arn"])],
        )
        FargateService(
            "mqtt",
            FargateServiceArgs(
                cluster=FargateCluster("apps"),
                task_definition=_task("mqtt", 80),
                network=Network.existing("vpc-1", ["subnet-a"], ["subnet-c"]),
                load_balancer=nlb,
                alarms=DeploymentAlarms(),
            ),
        )

    with pytest.raises(ValidationError, match=r"NetworkLoadBalancer\.existing\(\.\.\., arn_suffix"):
        run_in_mocks(program)
