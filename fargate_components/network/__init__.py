"""The network both ECS and EKS on Fargate stand on."""

from .component import Network, NetworkArgs, NetworkRef, nat_assignment
from .layout import SubnetSpec, subnet_layout
from .types import NAT_STRATEGIES, NetworkLike

__all__ = [
    "NAT_STRATEGIES",
    "Network",
    "NetworkArgs",
    "NetworkLike",
    "NetworkRef",
    "SubnetSpec",
    "nat_assignment",
    "subnet_layout",
]
