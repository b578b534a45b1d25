"""FC-NET-101: what the internet can reach opens only web ports to the whole internet;
FC-NET-103: a service's target groups are in its tasks' VPC.

An internet-facing NLB built with the default ``ingress_cidrs`` opens each listener port to
``0.0.0.0/0``: right for 443, wrong for 5432 (a user's Postgres NLB planned without a word).
The rule looks at every ingress rule open to ``0.0.0.0/0`` or ``::/0`` on a port other than
80 and 443 (or on all ports), and reports it when its security group is one the internet
reaches: an internet-facing load balancer's, or that of an ECS service whose tasks get public
IPs. A group nothing internet-facing uses is not judged here (tasks in private subnets are
reached only from inside the VPC).

The equivalent checks: AWS Config's ``vpc-sg-open-only-to-authorized-ports`` ("Checks if
security groups allowing unrestricted incoming traffic ('0.0.0.0/0' or '::/0') only allow
inbound TCP or UDP connections on authorized ports",
https://docs.aws.amazon.com/config/latest/developerguide/vpc-sg-open-only-to-authorized-ports.html)
with 80 and 443 authorized; Trivy's AVD-AWS-0107 ("An ingress security group rule allows
traffic from /0", any port). Checkov has no any-port check, only per port: a finding on a
rule that includes port 22 carries CKV_AWS_24, 3389 CKV_AWS_25, and all ports (protocol
``-1``) CKV_AWS_277, so ``plan --scan checkov`` reports it once (a range covering several
of those ports is reported under the first; Checkov's other ids on it remain).

A warning, not an error: some services are public by design on another port (MQTT on 8883,
a game server on UDP). Waive it with that reason (``fargate:waive:FC-NET-101``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Graph, ResourceRecord, is_known, truthy
from ..model.tokens import (
    ECS_SERVICE,
    LOAD_BALANCERS,
    SECURITY_GROUP,
    SECURITY_GROUP_INGRESS_RULE,
    SECURITY_GROUP_RULE,
    VPC,
)
from .model import Matched, Unverified, unseen
from .rules import _rule

__all__ = ["WEB_PORTS", "vpc_label", "vpc_of", "world_open_ports"]

#: The ports an internet-facing endpoint may open to everyone (HTTP, HTTPS).
WEB_PORTS = frozenset({80, 443})
_WORLD = ("0.0.0.0/0", "::/0")
_ALL_PROTOCOLS = ("-1", "all", -1)
#: Checkov's per-port unrestricted-ingress checks (Checkov AbsSecurityGroupUnrestrictedIngress
#: subclasses: CKV_AWS_24 port 22, CKV_AWS_25 port 3389, CKV_AWS_277 port -1, i.e. all).
_CHECKOV_PORTS = ((22, "CKV_AWS_24"), (3389, "CKV_AWS_25"))


def world_open_ports(protocol: Any, from_port: Any, to_port: Any) -> str | None:
    """``"tcp 5432"``, ``"tcp 1000-2000"`` or ``"all ports"`` when the rule opens anything but
    the web ports, else ``None`` (unknown ports: ``"[unknown]"``)."""
    if protocol in _ALL_PROTOCOLS:
        return "all ports"
    if not (is_known(from_port) and is_known(to_port)):
        return "[unknown]"
    if not isinstance(from_port, int) or not isinstance(to_port, int):
        return None
    if from_port == to_port:
        return None if from_port in WEB_PORTS else f"{protocol} {from_port}"
    return f"{protocol} {from_port}-{to_port}"


def _checkov(protocol: Any, from_port: Any, to_port: Any) -> str | None:
    if protocol in _ALL_PROTOCOLS:
        return "CKV_AWS_277"
    if isinstance(from_port, int) and isinstance(to_port, int):
        for port, check in _CHECKOV_PORTS:
            if from_port <= port <= to_port:
                return check
    return None


def _openings(record: ResourceRecord) -> Iterator[tuple[str, Any, Any, Any]]:
    """``(cidr, protocol, from_port, to_port)`` of each world-open ingress the record holds:
    a ``vpc.SecurityGroupIngressRule``, an ``ec2.SecurityGroupRule`` of type ingress, or an
    ``ec2.SecurityGroup``'s inline ``ingress`` blocks."""
    inputs = record.inputs
    if record.type == SECURITY_GROUP_INGRESS_RULE:
        for key in ("cidrIpv4", "cidrIpv6"):
            if inputs.get(key) in _WORLD:
                yield (
                    inputs[key],
                    inputs.get("ipProtocol"),
                    inputs.get("fromPort"),
                    inputs.get("toPort"),
                )
        return
    blocks = [inputs] if record.type == SECURITY_GROUP_RULE else inputs.get("ingress") or []
    if record.type == SECURITY_GROUP_RULE and inputs.get("type") != "ingress":
        return
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, dict):
            continue
        cidrs = [*(block.get("cidrBlocks") or []), *(block.get("ipv6CidrBlocks") or [])]
        for cidr in (c for c in cidrs if c in _WORLD):
            yield cidr, block.get("protocol"), block.get("fromPort"), block.get("toPort")


def _exposure(group: ResourceRecord, graph: Graph) -> Iterator[str]:
    """What makes ``group`` reachable from the internet (or an Unverified)."""
    for lb in graph.referrers(group, LOAD_BALANCERS, "securityGroups"):
        internal = lb.inputs.get("internal")
        if not is_known(internal):
            yield unseen(f"whether load balancer {lb.name!r} is internal", internal)
        elif not truthy(internal):
            yield f"the internet-facing load balancer {lb.name!r}"
    for service in graph.referrers(group, ECS_SERVICE, "networkConfiguration"):
        config = service.inputs.get("networkConfiguration")
        public = config.get("assignPublicIp") if isinstance(config, dict) else None
        if not is_known(public):
            yield unseen(f"whether service {service.name!r} assigns public IPs", public)
        elif truthy(public):
            yield f"the tasks of service {service.name!r} (public IPs)"


@_rule(
    "FC-NET-101",
    "warning",
    (SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_RULE, SECURITY_GROUP),
    "What the internet reaches opens only ports 80 and 443 to 0.0.0.0/0",
    "open the port to the clients' CIDRs only (LoadBalancerArgs / NetworkLoadBalancerArgs "
    "`ingress_cidrs`, FargateServiceArgs `allowed_cidrs`), make the load balancer internal, "
    "or, for a service public by design on that port, waive it with that reason",
    trivy="AVD-AWS-0107",
    needs_graph=True,
)
def _world_open(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    openings = [
        (cidr, ports, _checkov(protocol, low, high))
        for cidr, protocol, low, high in _openings(record)
        if (ports := world_open_ports(protocol, low, high)) is not None
    ]
    if not openings:
        return
    groups = (
        [record]
        if record.type == SECURITY_GROUP
        else graph.refs(record, "securityGroupId", SECURITY_GROUP)
    )
    for group in groups:
        for what in _exposure(group, graph):
            if isinstance(what, Unverified):
                yield what
                continue
            for cidr, ports, checkov in openings:
                if ports == "[unknown]":
                    yield unseen("the rule's ports", ports)
                else:
                    yield Matched(f"opens {ports} to {cidr} on {what}", checkov=checkov)


def vpc_of(record: ResourceRecord, graph: Graph, prop: str = "vpcId") -> tuple[str, str] | None:
    """Which VPC ``record``'s ``vpcId`` input (or ``prop``) names: ``("vpc", <urn>)`` for a
    VPC of the plan (by property dependency, or by its id), ``("id", <vpc id>)`` for a known
    id of no VPC in the plan (an existing one), ``None`` when the plan can't tell (an
    unknown id from a StackReference, say)."""
    vpcs = graph.refs(record, prop, VPC)
    if len(vpcs) == 1:
        return ("vpc", vpcs[0].urn)
    value = record.inputs.get(prop)
    if not vpcs and isinstance(value, str) and is_known(value) and value:
        return ("id", value)
    return None


@_rule(
    "FC-NET-103",
    "error",
    ECS_SERVICE,
    "A service's target groups are in the VPC of its tasks' security groups",
    "build the load balancer on the service's network (LoadBalancerArgs / "
    "NetworkLoadBalancerArgs `network`, the same `Network` or `Network.existing` id as "
    "FargateServiceArgs `network`)",
    needs_graph=True,
)
def _target_group_vpc(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    """An ``ip`` target group registers IPs "from the subnets of the virtual private cloud
    (VPC) for the target group" (ELBv2 CreateTargetGroup, TargetType), and the tasks'
    security group can't reference a load balancer's group across VPCs that aren't peered
    (network/types.py: check_same_vpc, which refuses the pairs construction can compare).
    This rule sees the rest in the plan: a ``Network`` against a ``Network.existing`` id,
    and resources made without the components. A pair whose VPC the plan can't tell (an id
    unknown at preview, from a StackReference, say) is *unverified*, not passed."""
    groups = [
        (group, vpc_of(group, graph))
        for group in graph.refs(record, "networkConfiguration", SECURITY_GROUP)
    ]
    for target_group in graph.target_groups_of(record):
        theirs = vpc_of(target_group, graph)
        for group, mine in groups:
            if theirs is None or mine is None:
                unknown = target_group if theirs is None else group
                yield Unverified(
                    f"the VPC of {unknown.name!r} is not in the plan (vpcId unknown or not a "
                    f"VPC id): target group {target_group.name!r} against security group "
                    f"{group.name!r}"
                )
            elif theirs != mine:
                yield (
                    f"registers its tasks (security group {group.name!r}, {vpc_label(mine, graph)}) "
                    f"in target group {target_group.name!r} of {vpc_label(theirs, graph)}"
                )


def vpc_label(vpc: tuple[str, str], graph: Graph) -> str:
    if vpc[0] == "id":
        return f"VPC {vpc[1]}"
    found = graph.by_urn(vpc[1])
    return f"VPC {found.name!r}" if found is not None else "a VPC of the plan"
