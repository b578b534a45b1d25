"""ECS on Fargate: capacity strategies, containers, clusters and task definitions."""

from .autoscaling_component import ServiceAutoscaling, ServiceAutoscalingArgs
from .capacity import (
    FARGATE,
    FARGATE_SPOT,
    CapacityStrategy,
    StrategyItem,
    check_spot_platform,
)
from .cluster_component import FargateCluster, FargateClusterArgs
from .containers import (
    Container,
    FireLensConfig,
    HealthCheck,
    LogConfiguration,
    PortMapping,
)
from .deployment import Deployment, DeploymentAlarms, LifecycleHook
from .domain import Domain
from .domain_component import AliasTarget, DomainCertificate, DomainCertificateArgs
from .ebs_volumes import EbsVolume
from .image_component import ContainerImage, ContainerImageArgs
from .images import ImageBuild
from .load_balancer_component import AttachedTarget, LoadBalancer, LoadBalancerArgs, attach_target
from .load_balancing import DEFAULT_SSL_POLICY, Routing, TargetHealthCheck, short_name
from .network_load_balancer_component import NetworkLoadBalancer, NetworkLoadBalancerArgs
from .network_load_balancing import ExistingNetworkListener, NetworkHealthCheck, NetworkListener
from .queue_component import WorkQueue, WorkQueueArgs
from .restart_policy import RestartPolicy
from .scaling import (
    Autoscaling,
    ScheduledScaling,
    at,
    check_autoscaling,
    check_scaling_range,
    cron,
    rate,
)
from .scheduled_task_component import ScheduledTask, ScheduledTaskArgs
from .service_component import FargateService, FargateServiceArgs
from .service_connect import ServiceConnect, ServiceConnectServer, ServiceDiscovery
from .sidecars import LogRouter, TraceCollector
from .task_definition_component import FargateTaskDefinition, FargateTaskDefinitionArgs
from .volumes import EfsVolume, MountPoint, Volume, VolumesFrom
from .waf import WebAcl

__all__ = [
    "DEFAULT_SSL_POLICY",
    "FARGATE",
    "FARGATE_SPOT",
    "AliasTarget",
    "AttachedTarget",
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
    "ExistingNetworkListener",
    "FargateCluster",
    "FargateClusterArgs",
    "FargateService",
    "FargateServiceArgs",
    "FargateTaskDefinition",
    "FargateTaskDefinitionArgs",
    "FireLensConfig",
    "HealthCheck",
    "ImageBuild",
    "LifecycleHook",
    "LoadBalancer",
    "LoadBalancerArgs",
    "LogConfiguration",
    "LogRouter",
    "MountPoint",
    "NetworkHealthCheck",
    "NetworkListener",
    "NetworkLoadBalancer",
    "NetworkLoadBalancerArgs",
    "PortMapping",
    "RestartPolicy",
    "Routing",
    "ScheduledScaling",
    "ScheduledTask",
    "ScheduledTaskArgs",
    "ServiceAutoscaling",
    "ServiceAutoscalingArgs",
    "ServiceConnect",
    "ServiceConnectServer",
    "ServiceDiscovery",
    "StrategyItem",
    "TargetHealthCheck",
    "TraceCollector",
    "Volume",
    "VolumesFrom",
    "WebAcl",
    "WorkQueue",
    "WorkQueueArgs",
    "at",
    "attach_target",
    "check_autoscaling",
    "check_scaling_range",
    "check_spot_platform",
    "cron",
    "rate",
    "short_name",
]
