"""What downstream components need from a network, whether we created it or not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import pulumi

from ..errors import ValidationError

__all__ = [
    "NAT_STRATEGIES",
    "UNKNOWN_VPC",
    "NetworkLike",
    "VpcIdentity",
    "check_private_egress",
    "check_same_vpc",
    "subnet_lists_known",
    "vpc_identity",
]

#: ``NetworkArgs.nat_gateways`` values. ``"existing"`` marks a wrapped VPC whose egress we
#: did not build (and so cannot check).
NAT_STRATEGIES = ("one_per_az", "single", "instance_per_az", "single_instance", "none")


@runtime_checkable
class NetworkLike(Protocol):
    """The contract ``Network`` and ``Network.existing(...)`` both satisfy.

    Attributes:
        vpc_id: the VPC id.
        public_subnet_ids: ids of the public subnets (route to an internet gateway), one per AZ.
        private_subnet_ids: ids of the private subnets (no internet-gateway route), one per AZ.
        public_subnet_id_list: the same public ids as a list of single Outputs (or plain
            strings for an existing VPC), so callers can test membership without waiting.
        private_subnet_id_list: likewise for the private subnets.
        nat_strategy: ``"one_per_az"``, ``"single"``, ``"instance_per_az"``,
            ``"single_instance"``, ``"none"``, or ``"existing"``.
        has_vpc_endpoints: True when the network provides the interface/gateway endpoints
            private workloads need without NAT (ECR, S3, STS, CloudWatch Logs).
        availability_zones: the AZ names, in subnet order.
    """

    vpc_id: pulumi.Output[str]
    public_subnet_ids: pulumi.Output[list[str]]
    private_subnet_ids: pulumi.Output[list[str]]
    public_subnet_id_list: list[pulumi.Input[str]]
    private_subnet_id_list: list[pulumi.Input[str]]
    nat_strategy: str
    has_vpc_endpoints: bool
    availability_zones: pulumi.Output[list[str]]


def subnet_lists_known(network: NetworkLike) -> bool:
    """False for ``Network.existing(...)`` given Output lists (e.g. from a StackReference):
    the number of subnets is unknown at construction and the ``*_subnet_id_list`` views are
    empty; count-dependent checks then run inside ``apply``."""
    return bool(getattr(network, "subnet_lists_known", True))


def check_private_egress(argument: str, network: Any, workloads: str) -> None:
    """Fargate tasks and pods in private subnets pull their images (ECR, and S3 for ECR's
    layers), send logs and read secrets through a NAT or VPC endpoints: "If your Fargate tasks
    are running in a private subnet with no NAT instance or gateway configured, then you must
    set the proper Amazon VPC endpoints" (AWS re:Post knowledge center,
    https://repost.aws/knowledge-center/ecs-fargate-docker-timeout-error). A network this
    library built with ``nat_gateways="none"`` and no ``vpc_endpoints`` has neither; a wrapped
    VPC (``"existing"``) is not checked. The error names ``argument``."""
    nat_strategy = getattr(network, "nat_strategy", "existing")
    has_endpoints = bool(getattr(network, "has_vpc_endpoints", False))
    if nat_strategy == "none" and not has_endpoints:
        raise ValidationError(
            argument,
            {"nat_strategy": nat_strategy, "has_vpc_endpoints": has_endpoints},
            "a network with NAT (nat_gateways 'single', 'one_per_az', 'single_instance' or "
            "'instance_per_az') or VPC endpoints (NetworkArgs.vpc_endpoints: ECR, S3, STS, "
            f"CloudWatch Logs): {workloads} in private subnets could not pull images otherwise",
        )


@dataclass(frozen=True)
class VpcIdentity:
    """Which VPC something is in, as far as construction can tell: the ``Network`` component
    it was built on (whose VPC id AWS computes), and/or a VPC id given as a plain string
    (``Network.existing("vpc-...")``, ``LoadBalancer.existing(vpc_id="vpc-...")``). A
    ``Network.existing`` given an Output (a StackReference) is known by neither."""

    network: object | None = None
    """The ``Network`` component (compared by identity). Default: None."""
    vpc_id: str | None = None
    """A VPC id known at construction. Default: None."""
    label: str = "an unknown VPC"
    """How an error names it, e.g. ``"Network('shared')"``. Default: "an unknown VPC"."""

    def differs_from(self, other: VpcIdentity) -> bool:
        """True only when the two are provably different VPCs: two plain VPC ids that differ,
        or two ``Network`` components of this program (each creates its own VPC). A
        ``Network`` against a plain id, or anything against an unknown id, is not judged."""
        if self.vpc_id is not None and other.vpc_id is not None:
            return self.vpc_id != other.vpc_id
        if self.network is not None and other.network is not None:
            return self.network is not other.network
        return False


UNKNOWN_VPC = VpcIdentity()


def vpc_identity(value: Any) -> VpcIdentity:
    """The ``VpcIdentity`` a network, load balancer, file system or service carries (its
    ``vpc_identity`` attribute) or ``value`` itself when it is one, else an unknown one (a
    hand-made ``NetworkLike``)."""
    identity = value if isinstance(value, VpcIdentity) else getattr(value, "vpc_identity", None)
    return identity if isinstance(identity, VpcIdentity) else UNKNOWN_VPC


def plain_vpc_id(vpc_id: Any, label: str) -> VpcIdentity:
    """The identity of a VPC given by id: known when the id is a plain string."""
    return VpcIdentity(vpc_id=vpc_id if isinstance(vpc_id, str) else None, label=label)


def check_same_vpc(argument: str, network: Any, other: Any, what: str, why: str) -> None:
    """Raise when ``other`` (a load balancer, a file system, a service called over Service
    Connect) is provably in another VPC than ``network``, the tasks' network. The library
    wires security-group rules between the two (the load balancer's group into the tasks',
    the tasks' group into the mount targets' or the callee's), and "You can't reference the
    security group of a peer VPC that's in a different Region" while a VPC that is not
    peered can't be referenced at all (Amazon VPC Peering Guide, "Update your security
    groups to reference peer security groups",
    https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html). The
    target group of a load balancer registers the tasks' IPs from "the subnets of the
    virtual private cloud (VPC) for the target group" (ELBv2 CreateTargetGroup, TargetType
    ``ip``), and ECS mounts EFS by the file system's DNS name, which "You can't use ... for
    EFS mount points in another VPC" (Amazon EFS User Guide, "Mounting EFS file systems
    from another VPC", https://docs.aws.amazon.com/efs/latest/ug/mount-fs-different-vpc.html).
    The error names ``argument``, shows ``other``'s VPC and says ``why``."""
    mine, theirs = vpc_identity(network), vpc_identity(other)
    if theirs.differs_from(mine):
        raise ValidationError(
            argument,
            theirs.label,
            f"{what} in the tasks' VPC (network: {mine.label}): {why}",
        )
