"""EKS on Fargate: a Fargate-only cluster, Fargate profiles for any cluster, pod sizing."""

from .cluster_component import (
    COREDNS_FARGATE_CONFIGURATION,
    EksFargateCluster,
    EksFargateClusterArgs,
    FargateProfileSpec,
    LoadBalancerController,
)
from .irsa_component import irsa_role
from .kubeconfig import kubeconfig, kubeconfig_json
from .logging_config import FargateLogging, logging_config_data
from .metrics import FargateMetrics
from .pod_sizing import ContainerRequests, check_pod_placement, fargate_pod_size
from .profile_component import FargateProfile, FargateProfileArgs
from .team_namespace import ServiceAccountRole
from .team_namespace_component import TeamNamespace, TeamNamespaceArgs
from .validation import ProfileSelector

__all__ = [
    "COREDNS_FARGATE_CONFIGURATION",
    "ContainerRequests",
    "EksFargateCluster",
    "EksFargateClusterArgs",
    "FargateLogging",
    "FargateMetrics",
    "FargateProfile",
    "FargateProfileArgs",
    "FargateProfileSpec",
    "LoadBalancerController",
    "ProfileSelector",
    "ServiceAccountRole",
    "TeamNamespace",
    "TeamNamespaceArgs",
    "check_pod_placement",
    "fargate_pod_size",
    "irsa_role",
    "kubeconfig",
    "kubeconfig_json",
    "logging_config_data",
]
