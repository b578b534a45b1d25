"""Bad ``data_protection`` arguments (True, False or None only)."""

from __future__ import annotations

from fargate_components import Network, NetworkArgs, WorkQueue, WorkQueueArgs
from tests.bad_input import BadInput
from tests.bad_input.eks import _cluster

CASES = [
    BadInput(
        "queue-data-protection-string",
        lambda: WorkQueue("q", WorkQueueArgs(data_protection="no")),  # type: ignore[arg-type]
        "WorkQueueArgs.data_protection",
    ),
    BadInput(
        "network-data-protection-int",
        lambda: Network("n", NetworkArgs(data_protection=0)),  # type: ignore[arg-type]
        "NetworkArgs.data_protection",
    ),
    BadInput(
        "eks-data-protection-string",
        lambda: _cluster(data_protection="off"),
        "EksFargateClusterArgs.data_protection",
    ),
]
