"""The subnet layout of a VPC: pure, deterministic and stable.

Stability is the point. A subnet's CIDR depends only on the VPC CIDR, the subnet's tier
and its availability zone's *letter* (``us-east-1c`` -> slot 2), never on how many AZs
are used or in which order they are listed. Going from 2 to 3 AZs, dropping an AZ, or
upgrading this library never renumbers an existing subnet (awsx users lost subnets to
exactly that: pulumi-awsx #1204, #1152, #910). The expected values are frozen in
``tests/test_network_layout.py``; changing them is a breaking change.

For a VPC of prefix ``/p`` (16 <= p <= 22)::

    private: /(p+3) slots 0-5   one per AZ letter a-f (8190 addresses each in a /16)
    public:  /(p+6) slots 0-5   inside the /(p+3) block number 6 (1022 addresses each in a /16)
    spare:   the rest of block 6 and all of block 7, kept free for later tiers

Private subnets are large because every Fargate task and every EKS pod takes one of their
addresses; public subnets only hold load balancers and NAT gateways.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import ValidationError, check_unique

__all__ = [
    "MAX_AZS",
    "MAX_VPC_PREFIX",
    "MIN_VPC_PREFIX",
    "SubnetSpec",
    "az_slot",
    "check_availability_zones",
    "check_vpc_cidr",
    "subnet_layout",
]

MAX_AZS = 6
MIN_VPC_PREFIX = 16  # AWS: a VPC CIDR is /16 to /28
MAX_VPC_PREFIX = 22  # ours: public subnets are /(p+6) and AWS subnets must be /28 or larger
PRIVATE_EXTRA_BITS = 3
PUBLIC_BLOCK = 6
PUBLIC_EXTRA_BITS = 3  # within the /(p+3) block: /(p+6)

#: Private ranges a VPC may use: RFC 1918, and RFC 6598 (100.64.0.0/10) which AWS
#: documents for VPCs (e.g. EKS custom networking).
ALLOWED_RANGES = tuple(
    ipaddress.ip_network(c)
    for c in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")
)

_AZ = re.compile(r"^[a-z]{2}(?:-gov)?-[a-z]+-\d+([a-f])$")


@dataclass(frozen=True)
class SubnetSpec:
    """One planned subnet."""

    availability_zone: str
    tier: str  # "public" or "private"
    cidr_block: str
    slot: int

    @property
    def suffix(self) -> str:
        """The AZ letter, used in child resource names: ``private-a``."""
        return "abcdef"[self.slot]


def check_vpc_cidr(argument: str, cidr_block: str) -> ipaddress.IPv4Network:
    """A VPC CIDR: valid IPv4 network address (no host bits), inside a private range,
    prefix from /16 to /22 (room for six AZs of public and private subnets)."""
    try:
        network = ipaddress.IPv4Network(cidr_block, strict=True)
    except (ValueError, TypeError) as err:
        raise ValidationError(
            argument,
            cidr_block,
            f"an IPv4 network address in CIDR form, e.g. '10.0.0.0/16' ({err})",
        ) from None
    if not any(network.subnet_of(r) for r in ALLOWED_RANGES):  # type: ignore[arg-type]
        raise ValidationError(
            argument,
            cidr_block,
            "a private range: inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10",
        )
    if not MIN_VPC_PREFIX <= network.prefixlen <= MAX_VPC_PREFIX:
        raise ValidationError(
            argument,
            cidr_block,
            f"a prefix from /{MIN_VPC_PREFIX} to /{MAX_VPC_PREFIX} "
            f"(smaller VPCs cannot hold a public and a private subnet in each of {MAX_AZS} AZs)",
        )
    return network


def az_slot(argument: str, availability_zone: str) -> int:
    """The layout slot of an AZ: its letter (``a`` -> 0 ... ``f`` -> 5)."""
    match = _AZ.match(availability_zone) if isinstance(availability_zone, str) else None
    if not match:
        raise ValidationError(
            argument,
            availability_zone,
            "an availability zone name such as 'us-east-1a' (letters a-f; no Local Zones)",
        )
    return "abcdef".index(match.group(1))


def check_availability_zones(argument: str, zones: Sequence[str]) -> list[int]:
    """1 to 6 distinct AZs of one region; returns their slots."""
    if isinstance(zones, str) or not 1 <= len(zones) <= MAX_AZS:
        raise ValidationError(argument, zones, f"a list of 1 to {MAX_AZS} availability zone names")
    check_unique(argument, zones)
    slots = [az_slot(argument, z) for z in zones]
    regions = {z[:-1] for z in zones}
    if len(regions) > 1:
        raise ValidationError(argument, list(zones), "availability zones of a single region")
    return slots


def subnet_layout(cidr_block: str, availability_zones: Sequence[str]) -> list[SubnetSpec]:
    """Public and private subnets for each AZ, in the order the AZs are given
    (public first for each AZ)."""
    vpc = check_vpc_cidr("cidr_block", cidr_block)
    slots = check_availability_zones("availability_zones", availability_zones)
    blocks = list(vpc.subnets(prefixlen_diff=PRIVATE_EXTRA_BITS))
    public_slots = list(blocks[PUBLIC_BLOCK].subnets(prefixlen_diff=PUBLIC_EXTRA_BITS))
    specs = []
    for zone, slot in zip(availability_zones, slots, strict=True):
        specs.append(SubnetSpec(zone, "public", str(public_slots[slot]), slot))
        specs.append(SubnetSpec(zone, "private", str(blocks[slot]), slot))
    return specs
