"""Benchmark 5: the monthly estimate of the default web workload (examples/ecs-web-service)
in our default configuration against an all-on-demand, one-NAT-per-AZ one.

Both are built here from the same components as the example (same network, cluster, task
size, ALB and autoscaling 2-10 tasks); only the capacity strategy and the NAT layout differ.
The "ours" figure is checked against the example's own plan (project defaults)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
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
    NetworkArgs,
    TargetHealthCheck,
)
from fargate_components.plan import load_project, run_project
from fargate_components.pricing import estimate_cost
from fargate_components.testing import run_in_mocks

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ecs-web-service"

CONFIGS: dict[str, tuple[str, str]] = {
    # label: (NAT layout, capacity)
    "ours (default: Spot mix, one NAT per AZ)": ("one_per_az", "mixed"),
    "ours, dev stack (Spot mix, single NAT)": ("single", "mixed"),
    "all on-demand, one NAT per AZ": ("one_per_az", "on_demand"),
}


def web_workload(nat: str, capacity: str) -> Callable[[], None]:
    def program() -> None:
        network = Network("net", NetworkArgs(nat_gateways=nat))
        strategy = (
            CapacityStrategy.mixed(base=1, on_demand_weight=1, spot_weight=4)
            if capacity == "mixed"
            else CapacityStrategy.on_demand()
        )
        cluster = FargateCluster("apps", FargateClusterArgs(default_strategy=strategy))
        task = FargateTaskDefinition(
            "web",
            FargateTaskDefinitionArgs(
                cpu="0.5 vCPU",
                memory="1 GB",
                containers=[
                    Container(
                        name="web",
                        image="public.ecr.aws/nginx/nginx:1.27",
                        port_mappings=[80],
                        stop_timeout=30,
                    )
                ],
            ),
        )
        alb = LoadBalancer("web", LoadBalancerArgs(network=network))
        FargateService(
            "web",
            FargateServiceArgs(
                cluster=cluster,
                task_definition=task,
                network=network,
                load_balancer=alb,
                health_check=TargetHealthCheck(path="/"),
                autoscaling=Autoscaling(
                    min_capacity=2, max_capacity=10, cpu_target=50, requests_per_target=1000
                ),
            ),
        )

    return program


def _items(report: Any) -> dict[str, Decimal]:
    groups: dict[str, Decimal] = {}
    for item in report.items:
        groups[item.type] = groups.get(item.type, Decimal(0)) + item.monthly
    return groups


def measure() -> dict[str, Any]:
    reports = {
        label: estimate_cost(run_in_mocks(web_workload(nat, cap), project="ecs-web-service"))
        for label, (nat, cap) in CONFIGS.items()
    }
    # the example's dev stack (it needs a domain or a certificate: project defaults alone no
    # longer plan), compared with the dev-stack column
    example = estimate_cost(run_project(load_project(EXAMPLE, "dev"), "dev"))
    first = next(iter(reports))
    dev = list(reports)[1]
    rows = {label: {k: float(v) for k, v in _items(r).items()} for label, r in reports.items()}
    return {
        "currency": reports[first].currency,
        "region": reports[first].region,
        "prices_as_of": reports[first].prices_as_of,
        "totals": {label: float(r.total_monthly) for label, r in reports.items()},
        "ranges": {
            label: (float(r.total_min_monthly), float(r.total_max_monthly))
            for label, r in reports.items()
        },
        "by_type": rows,
        "example_total": float(example.total_monthly),
        "matches_example": example.total_monthly == reports[dev].total_monthly,
    }
