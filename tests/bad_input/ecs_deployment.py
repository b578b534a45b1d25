"""Bad inputs of service deployments (strategies, hooks, alarms)."""

from __future__ import annotations

from typing import Any

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
)
from tests.bad_input import BadInput

A = "FargateServiceArgs"
FN = "arn:aws:lambda:us-east-1:123456789012:function:f"


def _service(lb: bool = True, **kwargs: Any) -> FargateService:
    net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    task = FargateTaskDefinition(
        "web",
        FargateTaskDefinitionArgs(
            cpu=256,
            memory=512,
            containers=[Container(name="web", image="nginx", port_mappings=[8080])],
        ),
    )
    if lb:
        kwargs["load_balancer"] = LoadBalancer("lb", LoadBalancerArgs(network=net))
    return FargateService(
        "web",
        FargateServiceArgs(
            cluster=FargateCluster("c"), task_definition=task, network=net, **kwargs
        ),
    )


def _hook(**kwargs: Any) -> LifecycleHook:
    values: dict[str, Any] = {
        "function_arn": FN,
        "role_arn": "arn:aws:iam::123456789012:role/r",
        "stages": ["POST_SCALE_UP"],
    }
    values.update(kwargs)
    return LifecycleHook(**values)


D = f"{A}.deployment"
CASES = [
    BadInput("deploy-not-a-deployment", lambda: _service(deployment="BLUE_GREEN"), D),
    BadInput(
        "deploy-strategy",
        lambda: _service(deployment=Deployment(strategy="RECREATE")),
        f"{D}.strategy",
    ),
    BadInput(
        "deploy-blue-green-without-alb",
        lambda: _service(lb=False, deployment=Deployment(strategy="BLUE_GREEN")),
        f"{D}.strategy",
    ),
    BadInput(
        "deploy-bake-time",
        lambda: _service(deployment=Deployment(strategy="BLUE_GREEN", bake_time=2000)),
        f"{D}.bake_time",
    ),
    BadInput(
        "deploy-canary-percent",
        lambda: _service(deployment=Deployment(strategy="CANARY", canary_percent=0.01)),
        f"{D}.canary_percent",
    ),
    BadInput(
        "deploy-canary-bake",
        lambda: _service(deployment=Deployment(strategy="CANARY", canary_bake_time=-1)),
        f"{D}.canary_bake_time",
    ),
    BadInput(
        "deploy-linear-step",
        lambda: _service(deployment=Deployment(strategy="LINEAR", step_percent=1.0)),
        f"{D}.step_percent",
    ),
    BadInput(
        "deploy-linear-bake",
        lambda: _service(deployment=Deployment(strategy="LINEAR", step_bake_time=1441)),
        f"{D}.step_bake_time",
    ),
    BadInput(
        "deploy-hook-stage",
        lambda: _service(
            deployment=Deployment(strategy="BLUE_GREEN", lifecycle_hooks=[_hook(stages=["LATER"])])
        ),
        f"{D}.lifecycle_hooks[0].stages",
    ),
    BadInput(
        "deploy-hook-arn",
        lambda: _service(
            deployment=Deployment(
                strategy="BLUE_GREEN", lifecycle_hooks=[_hook(function_arn="smoke")]
            )
        ),
        f"{D}.lifecycle_hooks[0].function_arn",
    ),
    BadInput(
        "deploy-hooks-on-rolling",
        lambda: _service(deployment=Deployment(lifecycle_hooks=[_hook()])),
        f"{D}.lifecycle_hooks",
    ),
    # A user's Deployment(canary_percent=10) without strategy="CANARY" was a rolling
    # deployment whose 10 % never reached ECS.
    BadInput(
        "deploy-canary-percent-on-rolling",
        lambda: _service(deployment=Deployment(canary_percent=10)),
        f"{D}.canary_percent",
    ),
    BadInput(
        "deploy-bake-time-on-rolling",
        lambda: _service(deployment=Deployment(bake_time=30)),
        f"{D}.bake_time",
    ),
    BadInput(
        "deploy-linear-step-on-canary",
        lambda: _service(deployment=Deployment(strategy="CANARY", step_percent=25)),
        f"{D}.step_percent",
    ),
    # Set on a service without a load balancer, these reached no AWS resource.
    BadInput(
        "service-protocol-without-lb", lambda: _service(lb=False, protocol="HTTPS"), f"{A}.protocol"
    ),
    BadInput(
        "service-deregistration-without-lb",
        lambda: _service(lb=False, deregistration_delay=5),
        f"{A}.deregistration_delay",
    ),
    BadInput("alarms-not-alarms", lambda: _service(alarms=["a"]), f"{A}.alarms"),
    BadInput(
        "alarms-names-a-string",
        lambda: _service(alarms=DeploymentAlarms(alarm_names="a")),
        f"{A}.alarms.alarm_names",
    ),
    BadInput(
        "alarms-5xx-threshold",
        lambda: _service(alarms=DeploymentAlarms(target_5xx_threshold=0)),
        f"{A}.alarms.target_5xx_threshold",
    ),
    BadInput(
        "alarms-unhealthy-threshold",
        lambda: _service(alarms=DeploymentAlarms(unhealthy_hosts_threshold=0)),
        f"{A}.alarms.unhealthy_hosts_threshold",
    ),
    BadInput(
        "alarms-periods",
        lambda: _service(alarms=DeploymentAlarms(evaluation_periods=61)),
        f"{A}.alarms.evaluation_periods",
    ),
    BadInput(
        "alarms-topic",
        lambda: _service(alarms=DeploymentAlarms(sns_topic_arn="deploys")),
        f"{A}.alarms.sns_topic_arn",
    ),
    BadInput(
        "alarms-defaults-without-lb",
        lambda: _service(lb=False, alarms=DeploymentAlarms()),
        f"{A}.alarms",
    ),
]
