"""The cost advisor: each check is re-priced from the same prices as the estimate, suggested
only at 10 % of the total or more, with a change and a risk; every other check says why."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

from fargate_components.errors import ValidationError
from fargate_components.model import Plan
from fargate_components.pricing import (
    THRESHOLD,
    Advice,
    Considered,
    Saving,
    advise,
    estimate_cost,
    render_advice_markdown,
    render_advice_text,
)
from fargate_components.testing import run_in_mocks

#: Two containers that declare 512 cpu units and 1536 MiB in all: a 0.5 vCPU / 2 GB fit.
CONTAINERS = json.dumps(
    [
        {"name": "app", "image": "nginx", "cpu": 384, "memory": 1024, "essential": True},
        {"name": "log", "image": "fluent", "cpu": 128, "memoryReservation": 512},
    ]
)


class _App(pulumi.ComponentResource):
    def __init__(self) -> None:
        super().__init__("fargate:test:App", "app")
        opts = pulumi.ResourceOptions(parent=self)
        for zone in ("a", "b", "c"):
            aws.ec2.Subnet(
                f"public-{zone}",
                vpc_id="vpc-1",
                cidr_block="10.0.0.0/24",
                availability_zone=f"us-east-1{zone}",
                opts=opts,
            )
            eip = aws.ec2.Eip(f"nat-eip-{zone}", domain="vpc", opts=opts)
            aws.ec2.NatGateway(f"nat-{zone}", allocation_id=eip.id, subnet_id="subnet-1", opts=opts)
        cluster = aws.ecs.Cluster("cluster", opts=opts)
        td = aws.ecs.TaskDefinition(
            "task",
            family="api",
            cpu="4096",
            memory="8192",
            network_mode="awsvpc",
            requires_compatibilities=["FARGATE"],
            container_definitions=CONTAINERS,
            opts=opts,
        )
        aws.ecs.Service(
            "api",
            cluster=cluster.arn,
            task_definition=td.arn,
            desired_count=4,
            capacity_provider_strategies=[{"capacity_provider": "FARGATE", "weight": 1}],
            opts=opts,
        )
        self.register_outputs({})


@pytest.fixture(scope="module")
def advised() -> tuple[Plan, Advice]:
    plan = run_in_mocks(_App)
    return plan, advise(plan, estimate_cost(plan))


def _by(advice: Advice, check: str) -> Saving:
    (saving,) = [s for s in advice.suggestions if s.check == check]
    return saving


def test_every_check_of_an_oversized_on_demand_service_behind_three_nats(
    advised: tuple[Plan, Advice],
) -> None:
    plan, advice = advised
    report = estimate_cost(plan)
    assert advice.total_monthly == report.total_monthly
    checks = {s.check for s in advice.suggestions}
    assert checks == {"single_nat", "nat_instances", "arm64", "spot_share", "right_size"}
    assert [s.monthly_saving for s in advice.suggestions] == sorted(
        (s.monthly_saving for s in advice.suggestions), reverse=True
    )
    for saving in advice.suggestions:
        assert saving.fraction >= THRESHOLD and saving.risk and saving.change
        assert abs(saving.fraction - saving.monthly_saving / report.total_monthly) < Decimal(
            "0.001"
        )
    # one NAT instead of three: two gateways' hours and two Elastic IPs, the same GB
    single = _by(advice, "single_nat")
    assert single.monthly_saving == 2 * Decimal("32.85") + 2 * Decimal("3.65")
    assert single.change == 'NetworkArgs(nat_gateways="single")'
    # 4096/8192 -> 512/2048 (512 cpu units and 1536 MiB declared)
    sized = _by(advice, "right_size")
    assert "0.5 vCPU / 2 GB" in sized.title and 'cpu="512"' in sized.change
    assert _by(advice, "spot_share").change == "capacity_strategy=CapacityStrategy.spot_from(2)"
    assert "arm64" in _by(advice, "arm64").risk
    (endpoints,) = [c for c in advice.considered if c.check == "vpc_endpoints"]
    assert "costs" in endpoints.result and "pay off above" in endpoints.result


def test_arm64_is_re_priced_not_a_fixed_percentage(advised: tuple[Plan, Advice]) -> None:
    plan, advice = advised
    x86 = (4 * Decimal("0.04048") + 8 * Decimal("0.004445")) * 730 * 4
    arm = (4 * Decimal("0.03238") + 8 * Decimal("0.00356")) * 730 * 4
    assert _by(advice, "arm64").monthly_saving == (x86 - arm).quantize(Decimal("0.01"))
    less = {"fargate_spot_discount": 0.2}
    cheaper = advise(plan, estimate_cost(plan, assumptions=less), assumptions=less)
    assert _by(cheaper, "spot_share").monthly_saving < _by(advice, "spot_share").monthly_saving


def test_a_report_of_other_assumptions_is_refused(advised: tuple[Plan, Advice]) -> None:
    plan, _ = advised
    other = estimate_cost(plan, assumptions={"nat_gateway_gb_processed_per_month": 0})
    with pytest.raises(ValidationError, match="with these prices and assumptions"):
        advise(plan, other)


def test_nothing_to_suggest_still_lists_every_check() -> None:
    snapshot = Path(__file__).parent / "snapshots" / "example-ecs-microservices.json"
    plan = Plan.from_json(json.loads(snapshot.read_text()))
    advice = advise(plan, estimate_cost(plan))
    assert advice.suggestions == ()
    assert {c.check for c in advice.considered} == {
        "single_nat",
        "nat_instances",
        "vpc_endpoints",
        "arm64",
        "spot_share",
        "right_size",
    }
    assert all(isinstance(c, Considered) and c.result for c in advice.considered)
    assert "No single setting change saves that much." in render_advice_markdown(advice)
    assert "none: no single setting change" in render_advice_text(advice)
    doc: dict[str, Any] = advice.to_json()
    assert doc["suggestions"] == [] and doc["threshold_fraction"] == 0.1


def test_the_nat_instance_saving_shows_in_the_example_plan_json() -> None:
    snapshot = json.loads(
        (Path(__file__).parent / "snapshots" / "example-network.json").read_text()
    )
    (saving,) = snapshot["cost"]["advice"]["suggestions"]
    assert saving["check"] == "nat_instances" and saving["fraction_of_total"] >= 0.1
    assert saving["change"] == 'NetworkArgs(nat_gateways="single_instance")'
