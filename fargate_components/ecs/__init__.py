"""ECS on Fargate: capacity strategies, containers, clusters and task definitions."""

from .capacity import (
    FARGATE,
    FARGATE_SPOT,
    CapacityStrategy,
    StrategyItem,
    check_spot_platform,
)
from .cluster import FargateCluster, FargateClusterArgs
from .containers import (
    Container,
    FireLensConfig,
    HealthCheck,
    LogConfiguration,
    PortMapping,
)
from .task_definition import FargateTaskDefinition, FargateTaskDefinitionArgs

__all__ = [
    "FARGATE",
    "FARGATE_SPOT",
    "CapacityStrategy",
    "Container",
    "FargateCluster",
    "FargateClusterArgs",
    "FargateTaskDefinition",
    "FargateTaskDefinitionArgs",
    "FireLensConfig",
    "HealthCheck",
    "LogConfiguration",
    "PortMapping",
    "StrategyItem",
    "check_spot_platform",
]
