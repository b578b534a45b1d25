"""The simulator pre-creates an existing network given by ids (and nothing else)."""

from __future__ import annotations

import pulumi_aws as aws
import pytest

from fargate_components.testing import run_in_mocks
from fargate_components.testing.simulate import render_simulation_text, simulate, simulated

VPC = "vpc-0123456789abcdef0"
SUBNETS = ["subnet-0123456789abcdef1", "subnet-0123456789abcdef2"]


def _existing_network() -> None:
    sg = aws.ec2.SecurityGroup("sg", vpc_id=VPC)
    aws.lb.LoadBalancer("alb", internal=True, subnets=SUBNETS, security_groups=[sg.id])


def test_existing_vpc_and_subnets_are_fixtures() -> None:
    with simulated(run_in_mocks(_existing_network)) as sim:
        assert sim.result.ok, sim.result.failed
        ids = sim.result.external_ids
        assert list(ids) == [VPC, *SUBNETS]
        ec2 = sim.client("ec2")
        subnets = ec2.describe_subnets(SubnetIds=[ids[s] for s in SUBNETS])["Subnets"]
        assert {s["VpcId"] for s in subnets} == {ids[VPC]}
        assert len({s["AvailabilityZone"] for s in subnets}) == 2  # an ALB needs two AZs
        group = ec2.describe_security_groups(GroupIds=[sim.physical_id("sg")])
        assert group["SecurityGroups"][0]["VpcId"] == ids[VPC]
        text = render_simulation_text(sim.result)
        assert "Existing resources given by id, pre-created as fixtures:" in text
        assert f"= {VPC} (moto {ids[VPC]})" in text


@pytest.mark.filterwarnings("ignore::UserWarning")  # moto: an ELBv2 error shape it lacks
def test_created_ids_and_lone_unknown_ids_are_not_fixtures() -> None:
    def own_vpc_with_unknown_subnet() -> None:
        vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
        aws.ec2.SecurityGroup("sg", vpc_id=vpc.id)
        aws.lb.LoadBalancer("alb", internal=True, subnets=SUBNETS)

    result = simulate(run_in_mocks(own_vpc_with_unknown_subnet))
    # A made-up subnet next to a VPC the program builds is a mistake, reported as AWS would.
    assert result.external_ids == {}
    assert result.error_of("alb") is not None
    assert result.error_of("sg") is None
