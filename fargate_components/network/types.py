"""What downstream components need from a network, whether we created it or not."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

import pulumi

from ..errors import ValidationError

__all__ = ["NAT_STRATEGIES", "NetworkLike", "check_private_egress", "subnet_lists_known"]

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
