"""Bad inputs of FargateService itself."""

from __future__ import annotations

from typing import Any

from fargate_components import (
    Autoscaling,
    CapacityStrategy,
    Container,
    FargateCluster,
    FargateClusterArgs,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    LoadBalancer,
    LoadBalancerArgs,
    Network,
    Routing,
    ScheduledScaling,
    TargetHealthCheck,
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


def _no_egress() -> Any:
    from tests.bad_input.eks import FakeNetwork

    return FakeNetwork(nat_strategy="none")


A = "FargateServiceArgs"
CASES = [
    # A user's service on NetworkArgs(nat_gateways="none") planned silently; its tasks
    # (private subnets, no public IP) could never pull their image.
    BadInput(
        "service-allowed-cidrs-without-port",
        lambda: _service(
            task_kwargs={"containers": [Container(name="web", image="nginx")]},
            allowed_cidrs=["10.0.0.0/8"],
        ),
        f"{A}.allowed_cidrs",
    ),
    # A user's queue worker on a cluster with Container Insights disabled planned with a
    # generic warning: its backlog-per-task metric divides by a metric never published.
    BadInput(
        "service-backlog-without-container-insights",
        lambda: _service(
            task_kwargs={"containers": [Container(name="web", image="nginx")]},
            cluster=FargateCluster("c", FargateClusterArgs(container_insights="disabled")),
            autoscaling=Autoscaling(max_capacity=3, queue_backlog_target=10, queue_name="jobs"),
        ),
        f"{A}.autoscaling.queue_backlog_target",
    ),
    BadInput(
        "service-private-without-egress",
        lambda: _service(network=_no_egress()),
        f"{A}.network",
    ),
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
    # --- nested value objects, validated before the service registers anything ---
    BadInput(
        "service-routing-priority-zero",
        lambda: _service(lb=True, routing=Routing(path_patterns=["/a"], priority=0)),
        f"{A}.routing.priority",
    ),
    BadInput(
        "service-health-check-timeout-not-below-interval",
        lambda: _service(lb=True, health_check=TargetHealthCheck(interval=5, timeout=5)),
        f"{A}.health_check.timeout",
    ),
    BadInput(
        "service-deregistration-delay",
        lambda: _service(lb=True, deregistration_delay=3601),
        f"{A}.deregistration_delay",
    ),
    BadInput("service-target-protocol", lambda: _service(lb=True, protocol="TCP"), f"{A}.protocol"),
    BadInput("service-second-catch-all", lambda: _two_catch_alls(), f"{A}.routing"),
    BadInput(
        "service-autoscaling-bad-schedule",
        lambda: _service(
            autoscaling=Autoscaling(
                max_capacity=4,
                schedules=[ScheduledScaling(name="x", schedule="rate(1 hours)", min_capacity=1)],
            )
        ),
        f"{A}.autoscaling.schedules[0].schedule",
    ),
    BadInput(
        "service-autoscaling-cooldown",
        lambda: _service(autoscaling=Autoscaling(max_capacity=4, scale_out_cooldown=-1)),
        f"{A}.autoscaling.scale_out_cooldown",
    ),
]


def _two_catch_alls() -> object:
    net = Network.existing(_NET["vpc_id"], _NET["public"], _NET["private"])
    lb = LoadBalancer("lb", LoadBalancerArgs(network=net))
    task = FargateTaskDefinition(
        "web",
        FargateTaskDefinitionArgs(
            cpu=256,
            memory=512,
            containers=[Container(name="web", image="nginx", port_mappings=[8080])],
        ),
    )
    cluster = FargateCluster("c")
    for name in ("a", "b"):
        FargateService(
            name,
            FargateServiceArgs(
                cluster=cluster, task_definition=task, network=net, load_balancer=lb
            ),
        )
    return lb
