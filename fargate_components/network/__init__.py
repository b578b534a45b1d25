"""The network both ECS and EKS on Fargate stand on."""

from .layout import SubnetSpec, subnet_layout
from .network_component import Network, NetworkArgs, NetworkRef, nat_assignment
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
