"""Checks shared by everything that runs tasks of a task definition on a cluster (services,
scheduled tasks): pure functions, called first in ``__init__``.

The components check that ``cluster`` and ``task_definition`` are the components they expect
(``errors.check_instance``) before calling these; this module decides from plain values and
imports no component."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..errors import ValidationError
from ..network.types import (
    NetworkLike,
    check_private_egress,
    check_same_vpc,
    subnet_lists_known,
    vpc_identity,
)
from .capacity import CapacityStrategy

__all__ = ["check_egress", "check_file_system_networks", "check_placement", "check_public_ip"]


def check_placement(
    default_strategy: CapacityStrategy,
    task_definition: Any,
    network: Any,
    capacity_strategy: Any,
) -> CapacityStrategy:
    """Require a network and an optional :class:`CapacityStrategy` (errors name ``network``
    and ``capacity_strategy``, relative to the caller's path); return the effective strategy (the given one, else the
    cluster's ``default_strategy``) once ``task_definition`` (a ``FargateTaskDefinition``)
    is known to run with it."""
    if not isinstance(network, NetworkLike):
        raise ValidationError("network", network, "a Network or Network.existing(...)")
    if capacity_strategy is not None and not isinstance(capacity_strategy, CapacityStrategy):
        raise ValidationError("capacity_strategy", capacity_strategy, "a CapacityStrategy or None")
    strategy = capacity_strategy or default_strategy
    task_definition.check_strategy(strategy, "capacity_strategy")
    check_file_system_networks(network, task_definition)
    return strategy


def check_file_system_networks(network: NetworkLike, task_definition: Any) -> None:
    """Each EFS volume of ``task_definition`` whose network is known (``FileSystem.volume``
    sets it) is in ``network``'s VPC: the tasks mount it by DNS name and are admitted by
    their security group (network/types.py: check_same_vpc). The error names
    ``task_definition`` (relative to the caller's path)."""
    for volume_name, grant in getattr(task_definition, "efs_volumes", {}).items():
        efs = grant.volume.efs
        if efs is None or efs.network is None:
            continue
        on = vpc_identity(efs.network)
        check_same_vpc(
            "task_definition",
            network,
            replace(on, label=f"volume {volume_name!r}: an EFS file system on {on.label}"),
            f"the EFS file system of volume {volume_name!r}",
            "ECS mounts it by DNS name, which resolves only in its mount targets' VPC, and "
            "the mount targets' security group admits the tasks' group",
        )


def check_public_ip(assign_public_ip: Any, network: NetworkLike) -> None:
    """Public IPs only where the network has public subnets to run in (the error names
    ``assign_public_ip``, relative to the caller's path)."""
    # With Output lists (a StackReference) the count is unknown here: AWS checks it.
    if assign_public_ip and subnet_lists_known(network) and not network.public_subnet_id_list:
        raise ValidationError("assign_public_ip", True, "only on a network that has public subnets")


def check_egress(assign_public_ip: Any, network: NetworkLike) -> None:
    """Tasks without a public IP run in the private subnets: they need the network's NAT or
    VPC endpoints to pull their images (the error names ``network``, relative to the
    caller's path). A user's service on ``NetworkArgs(nat_gateways="none")`` planned
    without a word and would never have started a task."""
    if not assign_public_ip:
        check_private_egress("network", network, "Fargate tasks")
