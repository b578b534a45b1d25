"""fargate-components: Pulumi components for AWS Fargate on ECS and EKS.

Everything users need is importable from here::

    from fargate_components import Network, NetworkArgs
"""

from .ecs import (
    FARGATE,
    FARGATE_SPOT,
    Autoscaling,
    CapacityStrategy,
    Container,
    FargateCluster,
    FargateClusterArgs,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    FireLensConfig,
    HealthCheck,
    LoadBalancer,
    LoadBalancerArgs,
    LogConfiguration,
    PortMapping,
    Routing,
    ScheduledScaling,
    ServiceAutoscaling,
    ServiceAutoscalingArgs,
    StrategyItem,
    TargetHealthCheck,
    check_spot_platform,
)
from .eks import (
    EksFargateCluster,
    EksFargateClusterArgs,
    FargateLogging,
    FargateProfile,
    FargateProfileArgs,
    FargateProfileSpec,
    LoadBalancerController,
    ProfileSelector,
    fargate_pod_size,
)
from .errors import ValidationError
from .network import Network, NetworkArgs, NetworkLike, NetworkRef

__version__ = "0.1.0"

__all__ = [
    "FARGATE",
    "FARGATE_SPOT",
    "Autoscaling",
    "CapacityStrategy",
    "Container",
    "EksFargateCluster",
    "EksFargateClusterArgs",
    "FargateCluster",
    "FargateClusterArgs",
    "FargateLogging",
    "FargateProfile",
    "FargateProfileArgs",
    "FargateProfileSpec",
    "FargateService",
    "FargateServiceArgs",
    "FargateTaskDefinition",
    "FargateTaskDefinitionArgs",
    "FireLensConfig",
    "HealthCheck",
    "LoadBalancer",
    "LoadBalancerArgs",
    "LoadBalancerController",
    "LogConfiguration",
    "Network",
    "NetworkArgs",
    "NetworkLike",
    "NetworkRef",
    "PortMapping",
    "ProfileSelector",
    "Routing",
    "ScheduledScaling",
    "ServiceAutoscaling",
    "ServiceAutoscalingArgs",
    "StrategyItem",
    "TargetHealthCheck",
    "ValidationError",
    "check_spot_platform",
    "fargate_pod_size",
]
