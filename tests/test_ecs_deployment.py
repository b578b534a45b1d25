"""Deployments: strategies, surge and alarms (pure), and their wiring under mocks."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from fargate_components import (
    Container,
    Deployment,
    DeploymentAlarms,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    LifecycleHook,
    LoadBalancer,
    LoadBalancerArgs,
    Network,
    Routing,
)
from fargate_components.ecs.deployment import deployment_configuration, surge_tasks
from fargate_components.errors import ValidationError
from fargate_components.testing import Plan, run_in_mocks

FN = "arn:aws:lambda:us-east-1:123456789012:function:smoke"
ROLE = "arn:aws:iam::123456789012:role/hook"
TOPIC = "arn:aws:sns:us-east-1:123456789012:deploys"


def test_wire_shapes() -> None:
    assert deployment_configuration(Deployment()) is None
    assert deployment_configuration(Deployment(strategy="CANARY", canary_percent=10)) == {
        "strategy": "CANARY",
        "bake_time_in_minutes": "10",
        "canary_configuration": {"canary_percent": 10.0, "canary_bake_time_in_minutes": "10"},
    }
    linear = deployment_configuration(Deployment(strategy="LINEAR", step_percent=25))
    assert linear is not None
    assert linear["linear_configuration"] == {
        "step_percent": 25.0,
        "step_bake_time_in_minutes": "6",
    }


def test_surge() -> None:
    assert surge_tasks(Deployment(strategy="BLUE_GREEN"), 4, 200) == 4
    assert surge_tasks(Deployment(), 4, 150) == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"strategy": "RECREATE"}, "strategy"),
        ({"bake_time": 1441}, "bake_time"),
        ({"canary_percent": 0.05}, "canary_percent"),
        ({"canary_percent": 10.05}, "canary_percent"),
        ({"step_percent": 2.9}, "step_percent"),
        ({"step_bake_time": -1}, "step_bake_time"),
        (
            {"lifecycle_hooks": [LifecycleHook(function_arn=FN, role_arn=ROLE, stages=["X"])]},
            "lifecycle_hooks[0].stages",
        ),
        (
            {
                "lifecycle_hooks": [
                    LifecycleHook(function_arn=FN, role_arn=ROLE, stages=["PRE_SCALE_UP"])
                ]
            },
            "lifecycle_hooks",
        ),
    ],
)
def test_deployment_validation(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        Deployment(**kwargs).validate()
    assert info.value.argument == f"Deployment.{field}"


def _program() -> None:
    net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    cluster = FargateCluster("apps")
    alb = LoadBalancer("web", LoadBalancerArgs(network=net))

    def service(name: str, path: str, **kwargs: Any) -> None:
        task = FargateTaskDefinition(
            name,
            FargateTaskDefinitionArgs(
                cpu=256,
                memory=512,
                containers=[Container(name=name, image="nginx", port_mappings=[8080])],
            ),
        )
        FargateService(
            name,
            FargateServiceArgs(
                cluster=cluster,
                task_definition=task,
                network=net,
                load_balancer=alb,
                routing=Routing(path_patterns=[path]),
                **kwargs,
            ),
        )

    service(
        "bg",
        "/bg/*",
        deployment=Deployment(
            strategy="BLUE_GREEN",
            bake_time=15,
            lifecycle_hooks=[
                LifecycleHook(function_arn=FN, role_arn=ROLE, stages=["POST_TEST_TRAFFIC_SHIFT"])
            ],
        ),
        alarms=DeploymentAlarms(sns_topic_arn=TOPIC, alarm_names=["p99-latency"]),
    )
    service("canary", "/canary/*", deployment=Deployment(strategy="CANARY", canary_percent=10))
    service("plain", "/plain/*", alarms=DeploymentAlarms(default_alarms=False, alarm_names=["x"]))


@cache
def _plan() -> Plan:
    return run_in_mocks(_program)


def test_blue_green_wiring() -> None:
    plan = _plan()
    svc = plan.named("bg-service").inputs
    assert svc["deploymentConfiguration"]["strategy"] == "BLUE_GREEN"
    assert svc["deploymentConfiguration"]["bakeTimeInMinutes"] == "15"
    hook = svc["deploymentConfiguration"]["lifecycleHooks"][0]
    assert hook["hookTargetArn"] == FN and hook["lifecycleStages"] == ["POST_TEST_TRAFFIC_SHIFT"]
    green = [
        r
        for r in plan.of_type("aws:lb/targetGroup:TargetGroup")
        if r.name.startswith("bg-tg-green")
    ]
    assert len(green) == 1
    advanced = svc["loadBalancers"][0]["advancedConfiguration"]
    rule = plan.named("bg-rule")
    assert advanced["alternateTargetGroupArn"] == green[0].outputs["arn"]
    assert advanced["productionListenerRule"] == rule.outputs["arn"]
    role = plan.named("bg-deploy-role")
    assert advanced["roleArn"] == role.outputs["arn"]
    assert "ecs.amazonaws.com" in role.inputs["assumeRolePolicy"]
    attachment = plan.named("bg-deploy-role-lb").inputs["policyArn"]
    assert attachment.endswith(":policy/AmazonECSInfrastructureRolePolicyForLoadBalancers")
    weights = [g["weight"] for g in rule.inputs["actions"][0]["forward"]["targetGroups"]]
    assert weights == [100, 0]
    assert "actions" in rule.options["ignore_changes"]


def test_default_alarms_roll_back() -> None:
    plan = _plan()
    five = plan.named("bg-alarm-5xx").inputs
    assert five["metricName"] == "HTTPCode_Target_5XX_Count"
    assert five["threshold"] == 10 and five["evaluationPeriods"] == 3
    assert five["alarmActions"] == [TOPIC]
    assert set(five["dimensions"]) == {"LoadBalancer", "TargetGroup"}
    alarms = plan.named("bg-service").inputs["alarms"]
    assert alarms["enable"] is True and alarms["rollback"] is True
    assert alarms["alarmNames"] == [
        plan.named("bg-alarm-5xx").outputs["name"],
        plan.named("bg-alarm-unhealthy").outputs["name"],
        "p99-latency",
    ]
    canary = plan.named("canary-service").inputs
    assert canary["deploymentConfiguration"]["canaryConfiguration"]["canaryPercent"] == 10.0
    assert len(canary["alarms"]["alarmNames"]) == 2  # the defaults, without being asked
    assert plan.named("plain-service").inputs["alarms"]["alarmNames"] == ["x"]
    assert not [r for r in plan.resources if r.name.startswith("plain-alarm")]
