"""Bad inputs of EKS on Fargate (plus ``FakeNetwork``, a minimal NetworkLike the EKS tests share)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pulumi

from fargate_components.eks import (
    EksFargateCluster,
    EksFargateClusterArgs,
    FargateLogging,
    FargateMetrics,
    FargateProfile,
    FargateProfileArgs,
    FargateProfileSpec,
    LoadBalancerController,
    ProfileSelector,
    fargate_pod_size,
)
from fargate_components.eks.pod_sizing import check_pod_placement

from . import BadInput


@dataclass
class FakeNetwork:
    """Satisfies ``NetworkLike`` with plain values: two public and two private subnets."""

    nat_strategy: str = "single"
    has_vpc_endpoints: bool = False
    public: list[str] = field(default_factory=lambda: ["subnet-pub-a", "subnet-pub-b"])
    private: list[str] = field(default_factory=lambda: ["subnet-priv-a", "subnet-priv-b"])

    def __post_init__(self) -> None:
        self.vpc_id = pulumi.Output.from_input("vpc-0123456789abcdef0")
        self.public_subnet_id_list: list[Any] = list(self.public)
        self.private_subnet_id_list: list[Any] = list(self.private)
        self.public_subnet_ids = pulumi.Output.from_input(list(self.public))
        self.private_subnet_ids = pulumi.Output.from_input(list(self.private))
        self.availability_zones = pulumi.Output.from_input(["us-east-1a", "us-east-1b"])


def _cluster(**kwargs: Any) -> EksFargateCluster:
    kwargs.setdefault("network", FakeNetwork())
    return EksFargateCluster("k8s", EksFargateClusterArgs(**kwargs))


def _profile(**kwargs: Any) -> FargateProfile:
    kwargs.setdefault("cluster", "prod")
    kwargs.setdefault("selectors", ["apps"])
    kwargs.setdefault("subnet_ids", ["subnet-priv-a"])
    return FargateProfile("apps", FargateProfileArgs(**kwargs))


def _spec(name: str, *selectors: Any) -> FargateProfileSpec:
    return FargateProfileSpec(name=name, selectors=list(selectors) or ["apps"])


CASES = [
    BadInput(
        "eks-profile-no-selector", lambda: _profile(selectors=[]), "FargateProfileArgs.selectors"
    ),
    BadInput(
        "eks-profile-six-selectors",
        lambda: _profile(selectors=[f"ns{i}" for i in range(6)]),
        "FargateProfileArgs.selectors",
    ),
    BadInput(
        "eks-selector-without-namespace",
        lambda: _profile(selectors=[ProfileSelector("")]),
        "ProfileSelector(namespace='').namespace",
    ),
    BadInput(
        "eks-selector-six-labels",
        lambda: ProfileSelector("apps", {f"k{i}": "v" for i in range(6)}),
        "ProfileSelector(namespace='apps').labels",
    ),
    BadInput(
        "eks-cluster-eleven-profiles",
        lambda: _cluster(profiles=[_spec(f"p{i}") for i in range(10)]),
        "EksFargateClusterArgs.profiles",
    ),
    BadInput(
        "eks-profile-name-eks-prefix",
        lambda: _cluster(profiles=[_spec("eks-apps")]),
        "EksFargateClusterArgs.profiles[1].name",
    ),
    BadInput(
        "eks-profile-name-duplicated",
        lambda: _cluster(profiles=[_spec("apps"), _spec("apps", "other")]),
        "EksFargateClusterArgs.profiles[2].name",
    ),
    BadInput(
        "eks-profile-name-duplicates-kube-system",
        lambda: _cluster(profiles=[_spec("kube-system", "kube-system")]),
        "EksFargateClusterArgs.profiles[1].name",
    ),
    BadInput(
        "eks-standalone-profile-eks-prefix",
        lambda: _profile(profile_name="eks-apps"),
        "FargateProfileArgs.profile_name",
    ),
    BadInput(
        "eks-profile-public-subnet-of-network",
        lambda: _profile(network=FakeNetwork(), subnet_ids=["subnet-priv-a", "subnet-pub-b"]),
        "FargateProfileArgs.subnet_ids[1]",
    ),
    BadInput(
        "eks-profile-subnet-routed-to-igw",
        lambda: _profile(
            subnet_ids=["subnet-x"], subnet_route_tables={"subnet-x": [{"gateway_id": "igw-1"}]}
        ),
        "FargateProfileArgs.subnet_ids[0]",
    ),
    BadInput(
        "eks-profile-no-subnets", lambda: _profile(subnet_ids=None), "FargateProfileArgs.subnet_ids"
    ),
    BadInput(
        "eks-network-without-egress",
        lambda: _cluster(network=FakeNetwork(nat_strategy="none")),
        "EksFargateClusterArgs.network",
    ),
    BadInput(
        "eks-selector-asks-for-spot",
        lambda: _profile(
            selectors=[ProfileSelector("apps", {"eks.amazonaws.com/capacityType": "SPOT"})]
        ),
        "ProfileSelector(namespace='apps').labels['eks.amazonaws.com/capacityType']",
    ),
    BadInput(
        "eks-selector-asks-for-arm",
        lambda: _profile(selectors=[ProfileSelector("apps", {"kubernetes.io/arch": "arm64"})]),
        "ProfileSelector(namespace='apps').labels['kubernetes.io/arch']",
    ),
    BadInput(
        "eks-pod-node-selector-arm",
        lambda: check_pod_placement("nodeSelector", {"kubernetes.io/arch": "arm64"}),
        "nodeSelector['kubernetes.io/arch']",
    ),
    BadInput(
        "eks-version-format", lambda: _cluster(version="v1.33"), "EksFargateClusterArgs.version"
    ),
    BadInput(
        "eks-version-too-old", lambda: _cluster(version="1.21"), "EksFargateClusterArgs.version"
    ),
    BadInput(
        "eks-public-cidr-invalid",
        lambda: _cluster(public_access_cidrs=["10.0.0.1/8"]),
        "EksFargateClusterArgs.public_access_cidrs[0]",
    ),
    BadInput(
        "eks-log-type-unknown",
        lambda: _cluster(log_types=["api", "kubelet"]),
        "EksFargateClusterArgs.log_types",
    ),
    BadInput(
        "eks-metrics-namespace",
        lambda: _cluster(metrics=FargateMetrics(namespace="Metrics")),
        "EksFargateClusterArgs.metrics.namespace",
    ),
    BadInput(
        "eks-metrics-latest-image",
        lambda: _cluster(metrics=FargateMetrics(image="amazon/aws-otel-collector:latest")),
        "EksFargateClusterArgs.metrics.image",
    ),
    BadInput(
        "eks-metrics-resources-not-guaranteed",
        lambda: _cluster(
            metrics=FargateMetrics(
                resources={"requests": {"cpu": "200m", "memory": "400Mi"}, "limits": {"cpu": "2"}}
            )
        ),
        "EksFargateClusterArgs.metrics.resources",
    ),
    BadInput(
        "eks-metrics-scrape-interval",
        lambda: _cluster(metrics=FargateMetrics(scrape_interval_seconds=5)),
        "EksFargateClusterArgs.metrics.scrape_interval_seconds",
    ),
    BadInput(
        "eks-metrics-retention",
        lambda: _cluster(metrics=FargateMetrics(retention_days=0)),
        "EksFargateClusterArgs.metrics.retention_days",
    ),
    BadInput(
        "eks-metrics-profile-quota",
        lambda: _cluster(
            metrics=FargateMetrics(), profiles=[_spec(f"p{i}", f"ns{i}") for i in range(9)]
        ),
        "EksFargateClusterArgs.profiles",
    ),
    BadInput(
        "eks-control-plane-log-retention",
        lambda: _cluster(log_retention_days=366),
        "EksFargateClusterArgs.log_retention_days",
    ),
    BadInput(
        "eks-log-key-alias-name",
        lambda: _cluster(log_kms_key_arn="alias/eks-logs"),
        "EksFargateClusterArgs.log_kms_key_arn",
    ),
    BadInput(
        "eks-secrets-key-none",
        lambda: _cluster(kms_key_arn=None),
        "EksFargateClusterArgs.kms_key_arn",
    ),
    BadInput(
        "eks-secrets-key-not-kms",
        lambda: _cluster(kms_key_arn="arn:aws:s3:::bucket"),
        "EksFargateClusterArgs.kms_key_arn",
    ),
    BadInput(
        "eks-logging-retention",
        lambda: _cluster(logging=FargateLogging(retention_days=10)),
        "EksFargateClusterArgs.logging.retention_days",
    ),
    BadInput(
        "eks-lb-controller-without-kube-system-profile",
        lambda: _cluster(
            kube_system_profile=False,
            profiles=[_spec("apps")],
            load_balancer_controller=LoadBalancerController(),
        ),
        "EksFargateClusterArgs.load_balancer_controller.namespace",
    ),
    BadInput(
        "eks-pod-size-memory-unreadable",
        lambda: fargate_pod_size([{"name": "web", "cpu": "1", "memory": "1 lots"}]),
        "ContainerRequests(name='web').memory",
    ),
    BadInput(
        "eks-lbc-empty-service-account",
        lambda: _cluster(load_balancer_controller=LoadBalancerController(service_account="")),
        "EksFargateClusterArgs.load_balancer_controller.service_account",
    ),
    BadInput(
        "eks-upgrade-policy-unknown",
        lambda: _cluster(upgrade_policy="LTS"),
        "EksFargateClusterArgs.upgrade_policy",
    ),
    BadInput(
        "eks-coredns-replicas-zero",
        lambda: _cluster(coredns_replicas=0),
        "EksFargateClusterArgs.coredns_replicas",
    ),
    BadInput(
        "eks-lb-controller-requests-below-limits",
        lambda: _cluster(
            load_balancer_controller=LoadBalancerController(
                resources={
                    "requests": {"cpu": "250m", "memory": "256Mi"},
                    "limits": {"memory": "1Gi"},
                }
            )
        ),
        "EksFargateClusterArgs.load_balancer_controller.resources",
    ),
]
