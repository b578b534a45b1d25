"""Bad inputs of FargateService itself."""

from __future__ import annotations

from typing import Any

from fargate_components import (
    Autoscaling,
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
    Routing,
)
from tests.bad_input import BadInput

_NET = {"vpc_id": "vpc-1", "public": ["subnet-a", "subnet-b"], "private": ["subnet-c", "subnet-d"]}


def _service(task_kwargs: dict[str, Any] | None = None, lb: bool = False, **kwargs: Any) -> object:
    net = Network.existing(_NET["vpc_id"], _NET["public"], _NET["private"])
    task = FargateTaskDefinition(
        "web",
        FargateTaskDefinitionArgs(
            **{
                "cpu": 1024,
                "memory": 2048,
                "containers": [Container(name="web", image="nginx", port_mappings=[8080])],
                **(task_kwargs or {}),
            }
        ),
    )
    values: dict[str, Any] = {
        "cluster": FargateCluster("c"),
        "task_definition": task,
        "network": net,
    }
    if lb:
        values["load_balancer"] = LoadBalancer("lb", LoadBalancerArgs(network=net))
    values.update(kwargs)
    return FargateService("web", FargateServiceArgs(**values))


A = "FargateServiceArgs"
CASES = [
    BadInput(
        "service-port-not-exposed",
        lambda: _service(lb=True, container_port=9090),
        f"{A}.container_port",
    ),
    BadInput(
        "service-unknown-container",
        lambda: _service(lb=True, container_name="api"),
        f"{A}.container_name",
    ),
    BadInput(
        "service-spot-with-arm64",
        lambda: _service({"architecture": "ARM64"}, capacity_strategy=CapacityStrategy.spot()),
        f"{A}.capacity_strategy",
    ),
    BadInput(
        "service-strategy-not-a-strategy",
        lambda: _service(capacity_strategy=[("FARGATE", 0, 1)]),
        f"{A}.capacity_strategy",
    ),
    BadInput(
        "service-arm64-inherits-spot-default",
        lambda: _service({"architecture": "ARM64"}),
        f"{A}.capacity_strategy",
    ),
    BadInput(
        "service-desired-below-min",
        lambda: _service(autoscaling=Autoscaling(min_capacity=2, max_capacity=4), desired_count=1),
        f"{A}.desired_count",
    ),
    BadInput(
        "service-desired-above-max",
        lambda: _service(autoscaling=Autoscaling(min_capacity=2, max_capacity=4), desired_count=5),
        f"{A}.desired_count",
    ),
    BadInput(
        "service-min-above-max",
        lambda: _service(autoscaling=Autoscaling(min_capacity=5, max_capacity=4)),
        f"{A}.autoscaling.min_capacity",
    ),
    BadInput(
        "service-requests-policy-without-lb",
        lambda: _service(autoscaling=Autoscaling(max_capacity=4, requests_per_target=100)),
        f"{A}.autoscaling",
    ),
    BadInput(
        "service-cpu-target-over-100",
        lambda: _service(autoscaling=Autoscaling(max_capacity=4, cpu_target=120)),
        f"{A}.autoscaling",
    ),
    BadInput(
        "service-routing-without-lb",
        lambda: _service(routing=Routing(path_patterns=["/a"])),
        f"{A}.routing",
    ),
    BadInput(
        "service-min-healthy-over-100",
        lambda: _service(minimum_healthy_percent=150),
        f"{A}.minimum_healthy_percent",
    ),
    BadInput(
        "service-max-percent-below-100",
        lambda: _service(maximum_percent=50),
        f"{A}.maximum_percent",
    ),
    BadInput(
        "service-propagate-tags", lambda: _service(propagate_tags="TASK"), f"{A}.propagate_tags"
    ),
    BadInput(
        "service-exec-without-task-exec",
        lambda: _service(enable_execute_command=True),
        f"{A}.enable_execute_command",
    ),
    BadInput("service-negative-desired", lambda: _service(desired_count=-1), f"{A}.desired_count"),
    BadInput("service-bad-name", lambda: _service(service_name="web service"), f"{A}.service_name"),
    BadInput(
        "service-grace-negative",
        lambda: _service(health_check_grace_period=-5),
        f"{A}.health_check_grace_period",
    ),
]
