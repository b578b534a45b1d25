"""The Network component under mocks."""

from __future__ import annotations

import json

import pytest

from fargate_components import Network, NetworkArgs
from fargate_components.network import nat_assignment
from fargate_components.testing import Plan, run_in_mocks

SUBNET = "aws:ec2/subnet:Subnet"
ROUTE = "aws:ec2/route:Route"
NAT = "aws:ec2/natGateway:NatGateway"


def _plan(**kwargs: object) -> Plan:
    return run_in_mocks(lambda: Network("net", NetworkArgs(**kwargs)))  # type: ignore[arg-type]


def _default_routes(plan: Plan) -> dict[str, str | None]:
    """private subnet name -> the NAT gateway name its default route uses (None: no route)."""
    routes: dict[str, str | None] = {}
    for assoc in plan.of_type("aws:ec2/routeTableAssociation:RouteTableAssociation"):
        subnet = plan.by_id(assoc.inputs["subnetId"])
        if subnet.inputs["tags"]["fargate:tier"] != "private":
            continue
        defaults = [
            r
            for r in plan.of_type(ROUTE)
            if r.inputs["routeTableId"] == assoc.inputs["routeTableId"]
        ]
        routes[subnet.name] = (
            plan.by_id(defaults[0].inputs["natGatewayId"]).name if defaults else None
        )
    return routes


def test_default_network_has_public_and_private_subnet_per_az() -> None:
    plan = _plan()
    subnets = plan.of_type(SUBNET)
    assert len(subnets) == 6
    zones = sorted(s.inputs["availabilityZone"] for s in subnets)
    assert zones == sorted(["us-east-1a", "us-east-1b", "us-east-1c"] * 2)
    vpc = plan.named("net-vpc")
    assert vpc.inputs["enableDnsSupport"] is True and vpc.inputs["enableDnsHostnames"] is True
    assert all(s.inputs["mapPublicIpOnLaunch"] is False for s in subnets)
    network = plan.named("net")
    assert all(r.parent == network.urn for r in plan.resources if r.custom)


def test_one_nat_per_az_each_private_subnet_uses_its_own() -> None:
    plan = _plan()
    assert len(plan.of_type(NAT)) == 3
    assert _default_routes(plan) == {f"net-private-{x}": f"net-nat-{x}" for x in "abc"}
    for nat in plan.of_type(NAT):
        subnet = plan.by_id(nat.inputs["subnetId"])
        assert subnet.inputs["tags"]["fargate:tier"] == "public"
        assert subnet.inputs["availabilityZone"].endswith(nat.name[-1])
        assert nat.inputs["allocationId"].startswith("eipalloc-")


def test_single_nat_serves_every_private_subnet() -> None:
    plan = _plan(nat_gateways="single")
    assert [n.name for n in plan.of_type(NAT)] == ["net-nat-a"]
    assert _default_routes(plan) == {f"net-private-{x}": "net-nat-a" for x in "abc"}


def test_no_nat_means_no_default_route_in_private_tables() -> None:
    plan = _plan(nat_gateways="none")
    assert plan.of_type(NAT) == [] and plan.of_type("aws:ec2/eip:Eip") == []
    assert _default_routes(plan) == {f"net-private-{x}": None for x in "abc"}
    public_default = plan.named("net-public-rt-default")
    assert public_default.inputs["gatewayId"].startswith("igw-")


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        ("one_per_az", {"a": "a", "b": "b"}),
        ("single", {"a": "a", "b": "a"}),
        ("none", {"a": None, "b": None}),
    ],
)
def test_nat_assignment(strategy: str, expected: dict[str, str | None]) -> None:
    assert nat_assignment(strategy, ["a", "b"]) == expected


def test_load_balancer_and_cluster_tags() -> None:
    plan = _plan(eks_cluster_names=["apps"], tags={"team": "platform"})
    for subnet in plan.of_type(SUBNET):
        tags = subnet.inputs["tags"]
        assert tags["kubernetes.io/cluster/apps"] == "shared"
        assert tags["team"] == "platform"
        role = (
            "kubernetes.io/role/elb"
            if tags["fargate:tier"] == "public"
            else "kubernetes.io/role/internal-elb"
        )
        assert tags[role] == "1"


def test_flow_logs_with_retention_and_scoped_role() -> None:
    plan = _plan(flow_logs_retention_days=90)
    assert plan.of_type("aws:cloudwatch/logGroup:LogGroup")[0].inputs["retentionInDays"] == 90
    flow = plan.of_type("aws:ec2/flowLog:FlowLog")[0]
    assert flow.inputs["trafficType"] == "ALL"
    assert flow.inputs["vpcId"] == plan.named("net-vpc").id
    trust = json.loads(plan.named("net-flow-logs-role").inputs["assumeRolePolicy"])
    stmt = trust["Statement"][0]
    assert stmt["Principal"] == {"Service": "vpc-flow-logs.amazonaws.com"}
    assert stmt["Condition"]["StringEquals"]["aws:SourceAccount"] == "123456789012"
    policy = json.loads(plan.named("net-flow-logs-policy").inputs["policy"])
    resources = policy["Statement"][0]["Resource"]
    assert resources == [plan.of_type("aws:cloudwatch/logGroup:LogGroup")[0].outputs["arn"] + ":*"]


def test_flow_logs_can_be_turned_off() -> None:
    plan = _plan(flow_logs=False)
    assert plan.of_type("aws:ec2/flowLog:FlowLog") == []


def test_default_security_group_is_stripped() -> None:
    plan = _plan()
    sg = plan.named("net-default-sg")
    assert sg.inputs.get("ingress", []) == [] and sg.inputs.get("egress", []) == []


def test_explicit_azs_and_endpoints() -> None:
    plan = _plan(availability_zones=["us-east-1b", "us-east-1d"], vpc_endpoints=True)
    cidrs = {s.name: s.inputs["cidrBlock"] for s in plan.of_type(SUBNET)}
    assert cidrs == {
        "net-public-b": "10.0.196.0/22",
        "net-private-b": "10.0.32.0/19",
        "net-public-d": "10.0.204.0/22",
        "net-private-d": "10.0.96.0/19",
    }
    services = sorted(
        e.inputs["serviceName"] for e in plan.of_type("aws:ec2/vpcEndpoint:VpcEndpoint")
    )
    assert services == [
        f"com.amazonaws.us-east-1.{s}" for s in ("ecr.api", "ecr.dkr", "logs", "s3", "sts")
    ]


def test_outputs_and_existing_network() -> None:
    def program() -> None:
        import pulumi

        net = Network("net", NetworkArgs(az_count=2))
        ref = Network.existing("vpc-0123", ["subnet-p1", "subnet-p2"], ["subnet-q1", "subnet-q2"])
        pulumi.export("private", net.private_subnet_ids)
        pulumi.export("ref_private", ref.private_subnet_ids)
        pulumi.export("ref_vpc", ref.vpc_id)
        pulumi.export("zones", net.availability_zones)

    plan = run_in_mocks(program)
    private_ids = [
        str(s.id) for s in plan.of_type(SUBNET) if s.inputs["tags"]["fargate:tier"] == "private"
    ]
    assert sorted(plan.outputs["private"].value) == sorted(private_ids)
    assert plan.outputs["private"].known is False  # ids exist only after a deploy
    assert plan.outputs["ref_private"].value == ["subnet-q1", "subnet-q2"]
    assert plan.outputs["ref_private"].known is True
    assert plan.outputs["zones"].value == ["us-east-1a", "us-east-1b"]


def test_too_many_azs_for_the_region_is_rejected() -> None:
    from fargate_components.errors import ValidationError
    from fargate_components.testing import FargateMocks

    with pytest.raises(ValidationError, match="available AZs"):
        run_in_mocks(
            lambda: Network("net", NetworkArgs(az_count=4)), mocks=FargateMocks(az_count=3)
        )


def test_flow_logs_are_audit_logs_kept_a_year_under_a_customer_managed_key() -> None:
    from fargate_components import Network
    from fargate_components.testing import run_in_mocks

    plan = run_in_mocks(lambda: Network("net"))
    group = plan.named("net-flow-logs", "aws:cloudwatch/logGroup:LogGroup")
    key = plan.named("net-flow-logs-key")
    assert group.inputs["retentionInDays"] == 365
    assert group.inputs["kmsKeyId"] == key.outputs["arn"]
    assert key.inputs["enableKeyRotation"] is True and key.inputs["deletionWindowInDays"] == 30
    assert key.options["retain_on_delete"] is True


def test_flow_logs_relaxed_for_dev() -> None:
    from fargate_components import Network, NetworkArgs
    from fargate_components.testing import run_in_mocks

    plan = run_in_mocks(
        lambda: Network("net", NetworkArgs(flow_logs_retention_days=7, flow_logs_kms_key_arn=None))
    )
    group = plan.named("net-flow-logs", "aws:cloudwatch/logGroup:LogGroup")
    assert group.inputs["retentionInDays"] == 7 and "kmsKeyId" not in group.inputs
    assert not plan.of_type("aws:kms/key:Key")
