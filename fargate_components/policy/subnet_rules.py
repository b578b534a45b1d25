"""FC-NET-104: a load balancer's subnets are in one VPC, that of its security groups, one per
Availability Zone, an ALB's in at least two.

"You can specify only one subnet per Availability Zone ... [Application Load Balancers] You
must specify subnets from at least two Availability Zones" (ELB API reference,
``CreateLoadBalancer``, ``Subnets`` and ``SubnetMappings``,
https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html),
and a load balancer lives in one VPC (its nodes' interfaces are in its subnets; its target
groups name that VPC). ``LoadBalancerArgs`` / ``NetworkLoadBalancerArgs`` refuse a plain
subnet id that is not one of their network's (``ecs.load_balancing.check_subnet_membership``);
this rule judges what construction can't: subnets of another ``Network`` component, and
resources made without the components. A subnet the plan does not create (an id of an
existing VPC, or one unknown at preview from a StackReference) is *unverified*: its VPC and
zone can't be read offline.

Its security groups are of its subnets' VPC: a security group is created for one VPC
(EC2 ``CreateSecurityGroup`` ``VpcId``) and serves another only once associated with it (EC2
``AssociateSecurityGroupVpc``, "This enables you to use the same security group with network
interfaces and instances in the specified VPC",
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateSecurityGroupVpc.html),
which pulumi-aws 7 can't declare: a plan never shows one, so a group of another VPC is an
error (waive it with that reason if the group was associated outside the stack).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..model import Graph, ResourceRecord, is_known
from ..model.tokens import LOAD_BALANCERS, SECURITY_GROUP, SUBNET
from .exposure_rules import vpc_of
from .model import Unverified
from .rules import _as_list, _rule

__all__: list[str] = []


def _subnet_values(record: ResourceRecord) -> list[Any] | None:
    """The subnet ids a load balancer names (``subnets`` or ``subnetMappings``), ``None``
    when the list itself is unknown at preview."""
    subnets = record.inputs.get("subnets")
    if subnets is not None and not is_known(subnets):
        return None
    values = list(_as_list(subnets))
    for mapping in _as_list(record.inputs.get("subnetMappings")):
        values.append(mapping.get("subnetId") if isinstance(mapping, dict) else mapping)
    return values


def _subnets_in_plan(record: ResourceRecord, graph: Graph) -> list[ResourceRecord]:
    found = {s.urn: s for s in graph.refs(record, "subnets", SUBNET)}
    for subnet in graph.refs(record, "subnetMappings", SUBNET):
        found.setdefault(subnet.urn, subnet)
    return list(found.values())


def _zones(subnets: list[ResourceRecord]) -> list[str] | None:
    zones = [
        s.inputs.get("availabilityZone") or s.inputs.get("availabilityZoneId") for s in subnets
    ]
    return (
        [str(z) for z in zones] if all(isinstance(z, str) and is_known(z) for z in zones) else None
    )


def _groups_of_vpc(
    record: ResourceRecord, graph: Graph, vpc: Any, subnets: list[ResourceRecord]
) -> Iterator[str]:
    for group in graph.refs(record, "securityGroups", SECURITY_GROUP):
        theirs = vpc_of(group, graph)
        if theirs is not None and theirs != vpc:
            yield (
                f"its security group {group.name!r} is of another VPC than its subnets "
                f"{sorted(s.name for s in subnets)}"
            )


@_rule(
    "FC-NET-104",
    "error",
    LOAD_BALANCERS,
    "A load balancer's subnets are in one VPC, its security groups', one per AZ (ALB: 2+ AZs)",
    "give the load balancer one subnet per Availability Zone of its network's VPC "
    "(LoadBalancerArgs / NetworkLoadBalancerArgs `subnet_ids`, or leave it unset for the "
    "network's own), at least two AZs for an ALB",
    needs_graph=True,
)
def _load_balancer_subnets(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    values = _subnet_values(record)
    if values is None:
        yield Unverified("its subnet list is unknown at preview and not of the plan")
        return
    if not values:
        return  # no subnets named: not this rule's to judge
    subnets = _subnets_in_plan(record, graph)
    outside = [
        v for v in values if isinstance(v, str) and is_known(v) and not graph.lookup(v, SUBNET)
    ]
    if outside or len(subnets) < len(values) - len(outside):
        shown = ", ".join(repr(v) for v in outside) or "unknown at preview"
        yield Unverified(
            f"subnet(s) {shown} are not in the plan: their VPC and Availability Zone can't "
            "be checked offline"
        )
    vpcs = {vpc_of(s, graph) for s in subnets}
    if None not in vpcs and len(vpcs) > 1:
        yield f"its subnets {sorted(s.name for s in subnets)} are in {len(vpcs)} VPCs"
    elif len(vpcs) == 1 and None not in vpcs:
        yield from _groups_of_vpc(record, graph, vpcs.pop(), subnets)
    zones = _zones(subnets)
    if zones is None or outside:
        return
    twice = sorted(z for z, n in Counter(zones).items() if n > 1)
    if twice:
        yield f"it names two subnets in Availability Zone(s) {', '.join(twice)}"
    application = record.inputs.get("loadBalancerType", "application") == "application"
    if application and len(set(zones)) < 2 and len(subnets) == len(values):
        yield f"an Application Load Balancer's subnets span {len(set(zones))} Availability Zone(s)"
