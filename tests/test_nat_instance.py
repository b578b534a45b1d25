"""NAT instances (``nat_gateways="instance_per_az"`` / ``"single_instance"``): the wiring,
the trade-off the plan states, the cost against managed NAT, and the replay into moto."""

from __future__ import annotations

import runpy
from decimal import Decimal
from pathlib import Path

import pytest

from fargate_components import Network, NetworkArgs
from fargate_components.model.tokens import EC2_INSTANCE, NAT_GATEWAY, ROUTE
from fargate_components.network.nat_instance import nat_user_data, trade_off
from fargate_components.pricing import estimate_cost
from fargate_components.testing import Plan, run_in_mocks
from fargate_components.testing.simulate import simulate

EXAMPLE = Path(__file__).parent.parent / "examples" / "ecs-web-service" / "__main__.py"
DOMAIN = {"domain": "app.example.com", "zoneName": "example.com"}


def _web(nat: str) -> Plan:
    return run_in_mocks(
        lambda: runpy.run_path(str(EXAMPLE)),
        project="ecs-web-service",
        config={"natGateways": nat, **DOMAIN},
    )


@pytest.fixture(scope="module")
def plan() -> Plan:
    return run_in_mocks(
        lambda: Network("net", NetworkArgs(az_count=2, nat_gateways="instance_per_az"))
    )


def test_script_and_trade_off_are_plain() -> None:
    script = nat_user_data("10.0.0.0/16")
    assert "net.ipv4.ip_forward = 1" in script and "-s 10.0.0.0/16 -j MASQUERADE" in script
    text = trade_off("single_instance", "t4g.nano", 3)
    assert "0.032 Gbps" in text and "patching" in text and "one instance serves every AZ" in text


def test_one_instance_per_az_no_nat_gateway(plan: Plan) -> None:
    assert plan.of_type(NAT_GATEWAY) == []
    instances = plan.of_type(EC2_INSTANCE)
    assert [i.name for i in instances] == ["net-nat-instance-a", "net-nat-instance-b"]
    for instance in instances:
        i = instance.inputs
        assert i["sourceDestCheck"] is False and i["instanceType"] == "t4g.nano"
        assert i["metadataOptions"]["httpTokens"] == "required"
        assert i["rootBlockDevice"]["encrypted"] is True
        assert i["maintenanceOptions"]["autoRecovery"] == "default"
        assert "keyName" not in i  # no SSH key: SSM only
        assert "MASQUERADE" in i["userData"]
        assert instance.options["ignore_changes"] == ["ami"]
    routes = [r for r in plan.of_type(ROUTE) if r.name.startswith("net-private")]
    enis = {i.outputs["primaryNetworkInterfaceId"] for i in instances}
    assert {r.inputs["networkInterfaceId"] for r in routes} == enis


def test_security_group_admits_only_the_private_subnets_and_no_ssh(plan: Plan) -> None:
    ingress = [r.inputs for r in plan.resources if r.name.startswith("net-nat-sg-from-private")]
    private = {
        s.inputs["cidrBlock"]
        for s in plan.resources
        if s.name.startswith("net-private-") and "cidrBlock" in s.inputs
    }
    assert {r["cidrIpv4"] for r in ingress} == private
    assert all(r["ipProtocol"] == "-1" for r in ingress)
    attachment = plan.named("net-nat-ssm").inputs
    assert attachment["policyArn"].endswith("AmazonSSMManagedInstanceCore")


def test_the_plan_states_the_trade_off(plan: Plan) -> None:
    messages = [d.message for d in plan.diagnostics]
    assert any("NAT instance" in m and "patching the OS is yours" in m for m in messages)


def test_web_example_with_nat_instances_costs_at_least_40_percent_less() -> None:
    managed = estimate_cost(_web("one_per_az")).total_monthly
    instances_plan = _web("instance_per_az")
    cheap = estimate_cost(instances_plan).total_monthly
    assert cheap <= managed * Decimal("0.6"), (cheap, managed)
    result = simulate(instances_plan)
    assert result.failed == [] and result.not_simulated == []
