"""What services and scheduled tasks need from a cluster, whether we created it or not."""

from __future__ import annotations

import re
from typing import Any, Protocol, runtime_checkable

from ..errors import ValidationError, is_known
from .capacity import CapacityStrategy

__all__ = ["ClusterLike", "check_cluster_arn"]

# "arn:<partition>:ecs:<region>:<account>:cluster/<name>" (ECS ARN formats, "Amazon Resource
# Names for Amazon ECS resources"); a cluster name is 1-255 letters, digits, '-' and '_'.
_CLUSTER_ARN = re.compile(r"^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster/[A-Za-z0-9_-]{1,255}$")


@runtime_checkable
class ClusterLike(Protocol):
    """The contract ``FargateCluster`` and ``FargateCluster.existing(...)`` both satisfy.

    Attributes:
        arn: the cluster ARN (services and schedules target it; IAM conditions name it).
        name: the cluster name.
        default_strategy: the capacity strategy services inherit (always sent explicitly).
        service_connect_namespace: the default Service Connect namespace (ARN or name), or
            None.
    """

    arn: Any
    name: Any
    default_strategy: CapacityStrategy
    service_connect_namespace: Any


def check_cluster_arn(argument: str, value: Any) -> None:
    """An ECS cluster ARN (an Output is checked by AWS)."""
    if not is_known(value):
        return
    if not isinstance(value, str) or not _CLUSTER_ARN.match(value):
        raise ValidationError(
            argument, value, "an ECS cluster ARN: arn:aws:ecs:<region>:<account>:cluster/<name>"
        )
