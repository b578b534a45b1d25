"""fargate-components: Pulumi components for AWS Fargate on ECS and EKS.

Everything users need is importable from here::

    from fargate_components import Network, NetworkArgs
"""

from .errors import ValidationError
from .network import Network, NetworkArgs, NetworkLike, NetworkRef

__version__ = "0.1.0"

__all__ = [
    "Network",
    "NetworkArgs",
    "NetworkLike",
    "NetworkRef",
    "ValidationError",
]
