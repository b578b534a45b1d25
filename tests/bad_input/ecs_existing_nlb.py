"""Bad inputs of NetworkLoadBalancer.existing and services on it."""

from __future__ import annotations

from typing import Any

from fargate_components import (
    Container,
    ExistingNetworkListener,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    Network,
    NetworkHealthCheck,
    NetworkListener,
    NetworkLoadBalancer,
)
from tests.bad_input import BadInput

ELB = "arn:aws:elasticloadbalancing:us-east-1:123456789012"
NLB_ARN = f"{ELB}:loadbalancer/net/edge/50dc6c495c0c9188"
TG = f"{ELB}:targetgroup/mqtt/73e2d6bc24d8a067"
E = "NetworkLoadBalancer.existing"


def _existing(**kwargs: Any) -> Any:
    given: dict[str, Any] = {
        "vpc_id": "vpc-1",
        "load_balancer_arn": NLB_ARN,
        "listeners": [ExistingNetworkListener(port=8883, target_group_arn=TG)],
        **kwargs,
    }
    return NetworkLoadBalancer.existing(given.pop("security_group_id", "sg-1"), **given)


def _service(**kwargs: Any) -> FargateService:
    task = FargateTaskDefinition(
        "mqtt",
        FargateTaskDefinitionArgs(
            containers=[Container(name="mqtt", image="nginx", port_mappings=[1883])]
        ),
    )
    return FargateService(
        "mqtt",
        FargateServiceArgs(
            cluster=FargateCluster("apps"),
            task_definition=task,
            network=Network.existing("vpc-1", ["subnet-a"], ["subnet-c"]),
            load_balancer=_existing(),
            **kwargs,
        ),
    )


CASES = [
    BadInput(
        "existing-nlb-sg-not-an-id",
        lambda: _existing(security_group_id="nlb"),
        f"{E}(security_group_id)",
    ),
    BadInput(
        "existing-nlb-alb-arn",
        lambda: _existing(load_balancer_arn=f"{ELB}:loadbalancer/app/web/50dc6c495c0c9188"),
        f"{E}(load_balancer_arn)",
    ),
    BadInput(
        "existing-nlb-new-listener-without-nlb-arn",
        lambda: _existing(load_balancer_arn=None, listeners=[NetworkListener(port=5432)]),
        f"{E}(load_balancer_arn)",
    ),
    BadInput("existing-nlb-no-listeners", lambda: _existing(listeners=[]), f"{E}(listeners)"),
    BadInput(
        "existing-nlb-target-group-not-an-arn",
        lambda: _existing(listeners=[ExistingNetworkListener(port=80, target_group_arn="mqtt")]),
        f"{E}(listeners)[0].target_group_arn",
    ),
    BadInput(
        "existing-nlb-listener-protocol",
        lambda: _existing(
            listeners=[ExistingNetworkListener(port=80, target_group_arn=TG, protocol="HTTP")]
        ),
        f"{E}(listeners)[0].protocol",
    ),
    BadInput(
        "existing-nlb-duplicate-port",
        lambda: _existing(
            listeners=[
                ExistingNetworkListener(port=80, target_group_arn=TG),
                NetworkListener(port=80),
            ]
        ),
        f"{E}(listeners)[1].port",
    ),
    BadInput(
        "existing-nlb-health-check-on-existing-listener",
        lambda: _service(health_check=NetworkHealthCheck()),
        "FargateServiceArgs.health_check",
    ),
    BadInput(
        "existing-nlb-deregistration-delay-on-existing-listener",
        lambda: _service(deregistration_delay=0),
        "FargateServiceArgs.deregistration_delay",
    ),
]
