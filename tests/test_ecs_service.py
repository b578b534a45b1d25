"""FargateService under mocks: the whole graph of the default web example, wire inputs."""

from __future__ import annotations

import json
import runpy
from functools import cache
from pathlib import Path

from fargate_components import (
    CapacityStrategy,
    Container,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    Network,
    NetworkArgs,
)
from fargate_components.testing import Plan, run_in_mocks

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ecs-web-service" / "__main__.py"


@cache
def web_plan() -> Plan:
    return run_in_mocks(
        lambda: runpy.run_path(str(EXAMPLE)),
        project="ecs-web-service",
        config={"natGateways": "single", "domain": "app.example.com", "zoneName": "example.com"},
    )


def _one(plan: Plan, type_: str):  # type: ignore[no-untyped-def]
    found = plan.of_type(type_)
    assert len(found) == 1, [r.name for r in found]
    return found[0]


def test_service_wire_inputs() -> None:
    plan = web_plan()
    svc = _one(plan, "aws:ecs/service:Service")
    i = svc.inputs
    assert i["capacityProviderStrategies"] == [
        {"capacityProvider": "FARGATE", "base": 1, "weight": 1},
        {"capacityProvider": "FARGATE_SPOT", "base": 0, "weight": 4},
    ]
    assert "launchType" not in i  # never both a launch type and a strategy
    private = sorted(
        s.id
        for s in plan.of_type("aws:ec2/subnet:Subnet")
        if s.inputs["tags"]["fargate:tier"] == "private"
    )
    net = i["networkConfiguration"]
    assert sorted(net["subnets"]) == private and net["assignPublicIp"] is False
    assert net["securityGroups"] == [plan.named("web-sg").id]
    assert i["deploymentCircuitBreaker"] == {"enable": True, "rollback": True}
    assert i["deploymentMinimumHealthyPercent"] == 100 and i["deploymentMaximumPercent"] == 200
    assert i["healthCheckGracePeriodSeconds"] == 60
    assert i["platformVersion"] == "LATEST" and i["propagateTags"] == "SERVICE"
    assert i["forceNewDeployment"] is True  # a strategy change rolls out instead of failing
    tg = _one(plan, "aws:lb/targetGroup:TargetGroup")
    assert i["loadBalancers"] == [
        {"targetGroupArn": tg.outputs["arn"], "containerName": "web", "containerPort": 80}
    ]
    assert i["desiredCount"] == 2
    # Autoscaling owns the live count: later updates must not reset it.
    assert svc.options["ignore_changes"] == ["desiredCount"]
    assert _one(plan, "aws:lb/listenerRule:ListenerRule").urn in svc.depends_on
    assert (
        _one(plan, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders").urn
        in svc.depends_on
    )


def test_target_group_listener_and_security_groups() -> None:
    plan = web_plan()
    tg = _one(plan, "aws:lb/targetGroup:TargetGroup").inputs
    assert tg["targetType"] == "ip" and tg["port"] == 80 and tg["protocol"] == "HTTP"
    assert tg["healthCheck"]["path"] == "/"
    # The example serves HTTPS on its domain; HTTP only redirects.
    https = plan.named("web-https").inputs
    assert https["port"] == 443 and https["protocol"] == "HTTPS"
    assert https["certificateArn"] == plan.named("web-domain-validation").outputs["certificateArn"]
    http = plan.named("web-http").inputs
    assert http["port"] == 80 and http["defaultActions"][0]["type"] == "redirect"
    rule = _one(plan, "aws:lb/listenerRule:ListenerRule").inputs
    assert rule["listenerArn"] == plan.named("web-https").outputs["arn"]
    alb = _one(plan, "aws:lb/loadBalancer:LoadBalancer").inputs
    assert alb["internal"] is False and alb["dropInvalidHeaderFields"] is True
    from_lb = plan.named("web-sg-from-lb").inputs
    assert from_lb["referencedSecurityGroupId"] == plan.named("web-alb-sg").id
    assert from_lb["fromPort"] == from_lb["toPort"] == 80
    assert from_lb["securityGroupId"] == plan.named("web-sg").id
    ingress = [r for r in plan.of_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")]
    assert {r.inputs["securityGroupId"] for r in ingress} == {
        plan.named("web-sg").id,
        plan.named("web-alb-sg").id,
    }


def test_scaling_target_policies_and_schedules() -> None:
    plan = web_plan()
    target = _one(plan, "aws:appautoscaling/target:Target").inputs
    cluster = plan.named("apps-cluster").outputs["name"]
    service = _one(plan, "aws:ecs/service:Service").outputs["name"]
    assert target["resourceId"] == f"service/{cluster}/{service}"
    assert target["scalableDimension"] == "ecs:service:DesiredCount"
    assert target["serviceNamespace"] == "ecs"
    assert (target["minCapacity"], target["maxCapacity"]) == (2, 10)
    policies = {
        p.inputs["targetTrackingScalingPolicyConfiguration"]["predefinedMetricSpecification"][
            "predefinedMetricType"
        ]: p.inputs["targetTrackingScalingPolicyConfiguration"]
        for p in plan.of_type("aws:appautoscaling/policy:Policy")
    }
    assert policies["ECSServiceAverageCPUUtilization"]["targetValue"] == 50
    label = policies["ALBRequestCountPerTarget"]["predefinedMetricSpecification"]["resourceLabel"]
    alb = _one(plan, "aws:lb/loadBalancer:LoadBalancer").outputs["arnSuffix"]
    tg = _one(plan, "aws:lb/targetGroup:TargetGroup").outputs["arnSuffix"]
    assert label == f"{alb}/{tg}"
    schedules = {
        s.name: s.inputs for s in plan.of_type("aws:appautoscaling/scheduledAction:ScheduledAction")
    }
    morning = schedules["web-autoscaling-schedule-weekday-morning"]
    assert (
        morning["schedule"] == "cron(30 7 ? * MON-FRI *)" and morning["timezone"] == "Europe/Paris"
    )
    assert morning["scalableTargetAction"]["minCapacity"] == 4


def test_url_and_outputs() -> None:
    plan = web_plan()
    url = plan.outputs["url"]
    # The domain's name, known at preview (the alias record points it at the ALB).
    assert url.value == "https://app.example.com"
    assert url.known is True


def test_worker_without_load_balancer_or_ports() -> None:
    def program() -> None:
        net = Network("net", NetworkArgs(az_count=2, nat_gateways="single"))
        cluster = FargateCluster("c")
        task = FargateTaskDefinition(
            "worker",
            FargateTaskDefinitionArgs(
                cpu=256, memory=512, containers=[Container(name="w", image="busybox")]
            ),
        )
        FargateService(
            "worker",
            FargateServiceArgs(
                cluster=cluster,
                task_definition=task,
                network=net,
                desired_count=1,
                capacity_strategy=CapacityStrategy.spot(),
                redeploy_token="build-42",
            ),
        )

    plan = run_in_mocks(program)
    svc = _one(plan, "aws:ecs/service:Service")
    assert svc.inputs["capacityProviderStrategies"][0]["capacityProvider"] == "FARGATE_SPOT"
    assert svc.inputs["triggers"] == {"redeploy": "build-42"}
    assert "loadBalancers" not in svc.inputs and "healthCheckGracePeriodSeconds" not in svc.inputs
    assert svc.options["ignore_changes"] == []
    assert plan.of_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") == []
    assert json.loads(json.dumps(svc.inputs))  # plain JSON
