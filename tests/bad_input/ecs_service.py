"""Bad inputs of the shared load balancer, service routing and autoscaling."""

from __future__ import annotations

from typing import Any

import pulumi

from fargate_components import Network, NetworkArgs
from fargate_components.ecs.autoscaling_component import ServiceAutoscaling, ServiceAutoscalingArgs
from fargate_components.ecs.load_balancer_component import (
    LoadBalancer,
    LoadBalancerArgs,
    attach_target,
)
from fargate_components.ecs.load_balancing import Routing, TargetHealthCheck
from fargate_components.ecs.scaling import ScheduledScaling, check_scaling_range
from tests.bad_input import BadInput


class _Parent(pulumi.ComponentResource):
    def __init__(self, name: str) -> None:
        super().__init__("test:index:Service", name)


def _net(**kwargs: Any) -> Network:
    return Network("net", NetworkArgs(az_count=2, nat_gateways="single", flow_logs=False, **kwargs))


def _existing() -> Any:
    return Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])


def _lb(**kwargs: Any) -> LoadBalancer:
    # An existing VPC by ids: cheap to build, and enough for checks not about subnets.
    return LoadBalancer("lb", LoadBalancerArgs(network=_existing(), **kwargs))


def _lb_on(net_kwargs: dict[str, Any], pick: str, **kwargs: Any) -> LoadBalancer:
    net = _net(**net_kwargs)
    subnets = net.public_subnet_id_list if pick == "public" else net.private_subnet_id_list
    return LoadBalancer("lb", LoadBalancerArgs(network=net, subnet_ids=subnets, **kwargs))


def _attach(**kwargs: Any) -> object:
    lb = _lb()
    return attach_target(_Parent("svc"), "svc", lb, **{"port": 8080, **kwargs})


def _hc(**kwargs: Any) -> object:
    return _attach(health_check=TargetHealthCheck(**kwargs))


def _twice(first: Routing, second: Routing) -> object:
    lb = _lb()
    attach_target(_Parent("a"), "a", lb, port=80, routing=first)
    return attach_target(_Parent("b"), "b", lb, port=80, routing=second)


def _scaling(**kwargs: Any) -> ServiceAutoscaling:
    values: dict[str, Any] = {"cluster_name": "c", "service_name": "s", "max_capacity": 4}
    values.update(kwargs)
    return ServiceAutoscaling("s", ServiceAutoscalingArgs(**values))


def _schedule(**kwargs: Any) -> ServiceAutoscaling:
    values: dict[str, Any] = {"name": "peak", "schedule": "cron(0 8 ? * MON-FRI *)"}
    values.update(kwargs)
    values.setdefault("min_capacity", 2)
    return _scaling(schedules=[ScheduledScaling(**values)])


HC = "FargateServiceArgs.health_check"
SA = "ServiceAutoscalingArgs"

CASES = [
    # --- autoscaling range and targets ---
    BadInput("scaling-min-above-max", lambda: _scaling(min_capacity=5), f"{SA}.min_capacity"),
    BadInput(
        "scaling-max-zero", lambda: _scaling(min_capacity=0, max_capacity=0), f"{SA}.max_capacity"
    ),
    BadInput(
        "scaling-desired-outside-range",
        lambda: check_scaling_range(1, 4, 9),
        "FargateServiceArgs.desired_count",
    ),
    BadInput("scaling-cpu-zero", lambda: _scaling(cpu_target=0), f"{SA}.cpu_target"),
    BadInput("scaling-cpu-above-100", lambda: _scaling(cpu_target=120), f"{SA}.cpu_target"),
    BadInput(
        "scaling-memory-above-100", lambda: _scaling(memory_target=101), f"{SA}.memory_target"
    ),
    BadInput(
        "scaling-requests-without-lb",
        lambda: _scaling(requests_per_target=500),
        f"{SA}.requests_per_target",
    ),
    BadInput(
        "scaling-negative-cooldown",
        lambda: _scaling(scale_in_cooldown=-1),
        f"{SA}.scale_in_cooldown",
    ),
    # --- schedules ---
    BadInput(
        "schedule-five-field-cron", lambda: _schedule(schedule="cron(0 8 * * 1-5)"), "schedule"
    ),
    BadInput(
        "schedule-cron-no-question-mark",
        lambda: _schedule(schedule="cron(0 8 * * MON *)"),
        "schedule",
    ),
    BadInput("schedule-rate-plural", lambda: _schedule(schedule="rate(1 hours)"), "schedule"),
    BadInput(
        "schedule-at-bad-date", lambda: _schedule(schedule="at(2030-02-30T08:00:00)"), "schedule"
    ),
    BadInput(
        "schedule-unknown-timezone", lambda: _schedule(timezone="Europe/Atlantis"), "timezone"
    ),
    BadInput("schedule-no-capacity", lambda: _schedule(min_capacity=None), "min_capacity"),
    BadInput(
        "schedule-duplicate-name",
        lambda: _scaling(
            schedules=[
                ScheduledScaling(name="x", schedule="rate(1 day)", min_capacity=1),
                ScheduledScaling(name="x", schedule="rate(2 days)", min_capacity=1),
            ]
        ),
        "schedules.name",
    ),
    # A user's peak schedule of min 6 on a 1..4 range planned silently (AWS refuses a
    # minimum above the maximum when the action runs).
    BadInput(
        "schedule-min-above-every-max",
        lambda: _schedule(min_capacity=6),
        "schedules[0].min_capacity",
    ),
    BadInput(
        "schedule-max-below-every-min",
        lambda: _schedule(min_capacity=None, max_capacity=0),
        "schedules[0].max_capacity",
    ),
    # --- target-group health check ---
    BadInput("hc-interval-not-above-timeout", lambda: _hc(interval=5, timeout=5), f"{HC}.timeout"),
    BadInput("hc-interval-too-long", lambda: _hc(interval=301), f"{HC}.interval"),
    BadInput("hc-timeout-too-short", lambda: _hc(timeout=1), f"{HC}.timeout"),
    BadInput("hc-healthy-threshold-1", lambda: _hc(healthy_threshold=1), f"{HC}.healthy_threshold"),
    BadInput(
        "hc-unhealthy-threshold-11",
        lambda: _hc(unhealthy_threshold=11),
        f"{HC}.unhealthy_threshold",
    ),
    BadInput("hc-matcher-500", lambda: _hc(matcher="500"), f"{HC}.matcher"),
    BadInput("hc-matcher-garbage", lambda: _hc(matcher="ok"), f"{HC}.matcher"),
    BadInput("hc-path-relative", lambda: _hc(path="health"), f"{HC}.path"),
    BadInput(
        "tg-deregistration-delay",
        lambda: _attach(deregistration_delay=3601),
        "FargateServiceArgs.deregistration_delay",
    ),
    BadInput("tg-protocol", lambda: _attach(protocol="TCP"), "FargateServiceArgs.protocol"),
    # --- routing ---
    BadInput(
        "rule-priority-zero",
        lambda: _attach(routing=Routing(path_patterns=["/a"], priority=0)),
        "FargateServiceArgs.routing.priority",
    ),
    BadInput(
        "rule-priority-too-high",
        lambda: _attach(routing=Routing(path_patterns=["/a"], priority=50001)),
        "FargateServiceArgs.routing.priority",
    ),
    BadInput(
        "rule-priority-duplicate",
        lambda: _twice(
            Routing(path_patterns=["/a"], priority=10), Routing(path_patterns=["/b"], priority=10)
        ),
        "FargateServiceArgs.routing.priority",
    ),
    BadInput(
        "rule-two-catch-alls", lambda: _twice(Routing(), Routing()), "FargateServiceArgs.routing"
    ),
    BadInput(
        "rule-too-many-values",
        lambda: _attach(routing=Routing(path_patterns=["/a", "/b", "/c", "/d", "/e", "/f"])),
        "FargateServiceArgs.routing.path_patterns",
    ),
    BadInput(
        "rule-bad-host",
        lambda: _attach(routing=Routing(host_headers=["api example.com"])),
        "FargateServiceArgs.routing.host_headers",
    ),
    # --- load balancer ---
    BadInput(
        "alb-internal-given-public-subnets",
        lambda: _lb_on({}, "public", internal=True),
        "LoadBalancerArgs.subnet_ids",
    ),
    BadInput(
        "alb-public-given-private-subnets",
        lambda: _lb_on({}, "private"),
        "LoadBalancerArgs.subnet_ids",
    ),
    BadInput(
        "alb-existing-internal-given-public-subnets",
        lambda: _lb(
            internal=True, subnet_ids=["subnet-a", "subnet-b"], ingress_cidrs=["10.0.0.0/8"]
        ),
        "LoadBalancerArgs.subnet_ids",
    ),
    BadInput(
        "alb-one-az",
        lambda: LoadBalancer(
            "lb",
            LoadBalancerArgs(network=Network("net", NetworkArgs(az_count=1, flow_logs=False))),
        ),
        "LoadBalancerArgs.network",
    ),
    BadInput(
        "alb-internal-existing-network-no-cidrs",
        lambda: _lb(internal=True),
        "LoadBalancerArgs.ingress_cidrs",
    ),
    BadInput(
        "alb-bad-cidr", lambda: _lb(ingress_cidrs=["10.0.0.1/8"]), "LoadBalancerArgs.ingress_cidrs"
    ),
    BadInput(
        "alb-cidr-string", lambda: _lb(ingress_cidrs="0.0.0.0/0"), "LoadBalancerArgs.ingress_cidrs"
    ),
    BadInput("alb-idle-timeout", lambda: _lb(idle_timeout=0), "LoadBalancerArgs.idle_timeout"),
    BadInput("alb-ssl-policy", lambda: _lb(ssl_policy="TLS1.2"), "LoadBalancerArgs.ssl_policy"),
]
