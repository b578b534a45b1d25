"""fargate-components: Pulumi components for AWS Fargate on ECS and EKS.

Everything users need is importable from here::

    from fargate_components import Network, NetworkArgs
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Names load on first use (PEP 562): `import fargate_components` stays cheap, and a program
# that uses only ECS never imports the EKS modules (pulumi_kubernetes, the policy engine).
# To export a new name: add it to the import block below AND to __all__; the lazy loader
# finds its module from this block (tests/test_bench.py checks every name resolves,
# tests/test_layout.py that the block and __all__ list exactly the same names).
if TYPE_CHECKING:
    from .ecs import (
        FARGATE,
        FARGATE_SPOT,
        Autoscaling,
        CapacityStrategy,
        Container,
        ContainerImage,
        ContainerImageArgs,
        Deployment,
        DeploymentAlarms,
        Domain,
        DomainCertificate,
        DomainCertificateArgs,
        EbsVolume,
        EfsVolume,
        ExistingNetworkListener,
        FargateCluster,
        FargateClusterArgs,
        FargateService,
        FargateServiceArgs,
        FargateTaskDefinition,
        FargateTaskDefinitionArgs,
        FireLensConfig,
        HealthCheck,
        ImageBuild,
        LifecycleHook,
        LoadBalancer,
        LoadBalancerArgs,
        LogConfiguration,
        LogRouter,
        MountPoint,
        NetworkHealthCheck,
        NetworkListener,
        NetworkLoadBalancer,
        NetworkLoadBalancerArgs,
        PortMapping,
        RestartPolicy,
        Routing,
        ScheduledScaling,
        ScheduledTask,
        ScheduledTaskArgs,
        ServiceAutoscaling,
        ServiceAutoscalingArgs,
        ServiceConnect,
        ServiceConnectServer,
        ServiceDiscovery,
        StrategyItem,
        TargetHealthCheck,
        TraceCollector,
        Volume,
        VolumesFrom,
        WebAcl,
        WorkQueue,
        WorkQueueArgs,
        check_spot_platform,
    )
    from .ecs.access_logs import CREATE_BUCKET
    from .efs import AccessPointSpec, FileSystem, FileSystemArgs
    from .eks import (
        EksFargateCluster,
        EksFargateClusterArgs,
        FargateLogging,
        FargateMetrics,
        FargateProfile,
        FargateProfileArgs,
        FargateProfileSpec,
        LoadBalancerController,
        ProfileSelector,
        ServiceAccountRole,
        TeamNamespace,
        TeamNamespaceArgs,
        fargate_pod_size,
    )
    from .errors import ValidationError
    from .kms import CREATE_KEY
    from .network import Network, NetworkArgs, NetworkLike, NetworkRef

__version__ = "0.1.0"

__all__ = [
    "CREATE_BUCKET",
    "CREATE_KEY",
    "FARGATE",
    "FARGATE_SPOT",
    "AccessPointSpec",
    "Autoscaling",
    "CapacityStrategy",
    "Container",
    "ContainerImage",
    "ContainerImageArgs",
    "Deployment",
    "DeploymentAlarms",
    "Domain",
    "DomainCertificate",
    "DomainCertificateArgs",
    "EbsVolume",
    "EfsVolume",
    "EksFargateCluster",
    "EksFargateClusterArgs",
    "ExistingNetworkListener",
    "FargateCluster",
    "FargateClusterArgs",
    "FargateLogging",
    "FargateMetrics",
    "FargateProfile",
    "FargateProfileArgs",
    "FargateProfileSpec",
    "FargateService",
    "FargateServiceArgs",
    "FargateTaskDefinition",
    "FargateTaskDefinitionArgs",
    "FileSystem",
    "FileSystemArgs",
    "FireLensConfig",
    "HealthCheck",
    "ImageBuild",
    "LifecycleHook",
    "LoadBalancer",
    "LoadBalancerArgs",
    "LoadBalancerController",
    "LogConfiguration",
    "LogRouter",
    "MountPoint",
    "Network",
    "NetworkArgs",
    "NetworkHealthCheck",
    "NetworkLike",
    "NetworkListener",
    "NetworkLoadBalancer",
    "NetworkLoadBalancerArgs",
    "NetworkRef",
    "PortMapping",
    "ProfileSelector",
    "RestartPolicy",
    "Routing",
    "ScheduledScaling",
    "ScheduledTask",
    "ScheduledTaskArgs",
    "ServiceAccountRole",
    "ServiceAutoscaling",
    "ServiceAutoscalingArgs",
    "ServiceConnect",
    "ServiceConnectServer",
    "ServiceDiscovery",
    "StrategyItem",
    "TargetHealthCheck",
    "TeamNamespace",
    "TeamNamespaceArgs",
    "TraceCollector",
    "ValidationError",
    "Volume",
    "VolumesFrom",
    "WebAcl",
    "WorkQueue",
    "WorkQueueArgs",
    "check_spot_platform",
    "fargate_pod_size",
]


def _lazy_table() -> dict[str, str]:
    """Exported name -> the submodule that defines it, read from the TYPE_CHECKING block
    above (so the block stays the single list to edit)."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(__file__).read_text())
    table: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom) and stmt.level == 1 and stmt.module:
                    for alias in stmt.names:
                        table[alias.asname or alias.name] = "." + stmt.module
    return table


_LAZY: dict[str, str] | None = None


def __getattr__(name: str) -> Any:
    global _LAZY
    if _LAZY is None:
        _LAZY = _lazy_table()
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
