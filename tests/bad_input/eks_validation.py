"""Issue 15's EKS classes of bad input, one case per documented rule (docs/validation.md):
Kubernetes names (namespaces, service accounts, selector namespaces with wildcards), Kubernetes
labels (keys, values, on selectors, team profiles and namespaces) and EKS versions (the
cluster's Kubernetes version, add-on versions)."""

from __future__ import annotations

from typing import Any

from fargate_components import Network, NetworkArgs
from fargate_components.eks import FargateMetrics, LoadBalancerController
from fargate_components.eks.validation import ProfileSelector, check_service_account

from . import BadInput
from .eks import _cluster, _profile
from .eks_team import _team

_SEL = "ProfileSelector(namespace="
_V = "EksFargateClusterArgs.version"
_ADDONS = "EksFargateClusterArgs.addon_versions"


def _labels(labels: dict[str, Any]) -> object:
    return _profile(selectors=[ProfileSelector("apps", labels)])


def _lbc(**kwargs: Any) -> object:
    return _cluster(load_balancer_controller=LoadBalancerController(**kwargs))


CASES = [
    # -- EKS version strings (eks/validation.py: check_kubernetes_version) --------------------
    BadInput("eks-version-leading-zero", lambda: _cluster(version="1.029"), _V),
    BadInput("eks-version-zero-minor", lambda: _cluster(version="1.0"), _V),
    BadInput("eks-version-patch", lambda: _cluster(version="1.31.2"), _V),
    BadInput("eks-version-v-prefix", lambda: _cluster(version="v1.31"), _V),
    BadInput("eks-version-number", lambda: _cluster(version=1.31), _V),
    BadInput("eks-version-major-2", lambda: _cluster(version="2.1"), _V),
    BadInput("eks-version-implausible-minor", lambda: _cluster(version="1.300"), _V),
    # -- EKS add-on versions (eks/validation.py: check_addon_versions) ------------------------
    BadInput(
        "eks-addon-unknown-name",
        lambda: _cluster(addon_versions={"aws-ebs-csi-driver": "v1.30.0-eksbuild.1"}),
        _ADDONS,
    ),
    BadInput(
        "eks-addon-version-no-v",
        lambda: _cluster(addon_versions={"coredns": "1.11.1-eksbuild.9"}),
        f"{_ADDONS}['coredns']",
    ),
    BadInput(
        "eks-addon-version-no-eksbuild",
        lambda: _cluster(addon_versions={"kube-proxy": "v1.31.0"}),
        f"{_ADDONS}['kube-proxy']",
    ),
    BadInput(
        "eks-addon-version-short",
        lambda: _cluster(addon_versions={"vpc-cni": "v1.19-eksbuild.1"}),
        f"{_ADDONS}['vpc-cni']",
    ),
    BadInput(
        "eks-addon-version-latest",
        lambda: _cluster(addon_versions={"coredns": "latest"}),
        f"{_ADDONS}['coredns']",
    ),
    BadInput(
        "eks-addon-versions-not-mapping",
        lambda: _cluster(addon_versions=["coredns"]),
        _ADDONS,
    ),
    # -- EKS cluster names (eks/validation.py: check_cluster_name) ---------------------------
    BadInput(
        "eks-cluster-name-dot",
        lambda: _cluster(cluster_name="prod.k8s"),
        "EksFargateClusterArgs.cluster_name",
    ),
    BadInput(
        "eks-cluster-name-dash-start",
        lambda: _cluster(cluster_name="-prod"),
        "EksFargateClusterArgs.cluster_name",
    ),
    BadInput(
        "eks-cluster-name-too-long",
        lambda: _cluster(cluster_name="k" * 101),
        "EksFargateClusterArgs.cluster_name",
    ),
    BadInput(
        "eks-standalone-profile-cluster-name",
        lambda: _profile(cluster="prod.k8s"),
        "FargateProfileArgs.cluster",
    ),
    BadInput(
        "eks-network-cluster-name-invalid",
        lambda: Network(
            "net", NetworkArgs(az_count=2, flow_logs=False, eks_cluster_names=["k8s;prod"])
        ),
        "NetworkArgs.eks_cluster_names[0]",
    ),
    # -- Kubernetes names: selector namespaces (DNS label, EKS wildcards) ---------------------
    BadInput(
        "k8s-selector-namespace-uppercase",
        lambda: _profile(selectors=[ProfileSelector(namespace="Apps")]),
        _SEL,
    ),
    BadInput(
        "k8s-selector-namespace-too-long",
        lambda: _profile(selectors=[ProfileSelector(namespace="a" * 64)]),
        _SEL,
    ),
    BadInput(
        "k8s-selector-namespace-wildcards-too-long",
        lambda: _profile(selectors=[ProfileSelector(namespace="a*" * 32)]),
        _SEL,
    ),
    BadInput(
        "k8s-selector-namespace-dot",
        lambda: _profile(selectors=[ProfileSelector(namespace="team.apps")]),
        _SEL,
    ),
    BadInput(
        "k8s-selector-namespace-dash-end",
        lambda: _profile(selectors=[ProfileSelector(namespace="apps-")]),
        _SEL,
    ),
    BadInput(
        "k8s-selector-namespace-underscore",
        lambda: _profile(selectors=[ProfileSelector(namespace="team_apps")]),
        _SEL,
    ),
    # -- Kubernetes names: IRSA / LB controller / metrics service accounts and namespaces -----
    BadInput("k8s-irsa-namespace-dot", lambda: check_service_account("a.b", "sa"), "namespace"),
    BadInput("k8s-irsa-namespace-upper", lambda: check_service_account("Apps", "sa"), "namespace"),
    BadInput(
        "k8s-irsa-namespace-too-long",
        lambda: check_service_account("a" * 64, "sa"),
        "namespace",
    ),
    BadInput(
        "k8s-irsa-sa-upper", lambda: check_service_account("apps", "Worker"), "service_account"
    ),
    BadInput(
        "k8s-irsa-sa-underscore", lambda: check_service_account("apps", "my_sa"), "service_account"
    ),
    BadInput(
        "k8s-irsa-sa-too-long", lambda: check_service_account("apps", "a" * 254), "service_account"
    ),
    BadInput(
        "k8s-irsa-sa-dot-end", lambda: check_service_account("apps", "worker."), "service_account"
    ),
    BadInput(
        "k8s-lbc-namespace-upper",
        lambda: _lbc(namespace="Kube-System"),
        "EksFargateClusterArgs.load_balancer_controller.namespace",
    ),
    BadInput(
        "k8s-lbc-service-account-underscore",
        lambda: _lbc(service_account="aws_lb_controller"),
        "EksFargateClusterArgs.load_balancer_controller.service_account",
    ),
    BadInput(
        "k8s-metrics-service-account-upper",
        lambda: _cluster(metrics=FargateMetrics(service_account="ADOT")),
        "EksFargateClusterArgs.metrics.service_account",
    ),
    # -- Kubernetes labels: keys ([prefix/]name) and values, on selectors ---------------------
    BadInput("k8s-label-key-space", lambda: _labels({"team name": "x"}), "labels['team name']"),
    BadInput("k8s-label-key-name-too-long", lambda: _labels({"k" * 64: "x"}), "labels['kkkk"),
    BadInput("k8s-label-key-name-dash-start", lambda: _labels({"-team": "x"}), "labels['-team']"),
    BadInput(
        "k8s-label-key-empty-name",
        lambda: _labels({"example.com/": "x"}),
        "labels['example.com/']",
    ),
    BadInput(
        "k8s-label-key-prefix-upper",
        lambda: _labels({"Example.com/team": "x"}),
        "labels['Example.com/team']",
    ),
    BadInput(
        "k8s-label-key-prefix-too-long",
        lambda: _labels({".".join(["a" * 63] * 4) + "/team": "x"}),
        "labels['aaaa",
    ),
    BadInput(
        "k8s-label-key-two-slashes",
        lambda: _labels({"example.com/a/team": "x"}),
        "labels['example.com/a/team']",
    ),
    BadInput("k8s-label-key-empty", lambda: _labels({"": "x"}), "labels['']"),
    BadInput("k8s-label-value-too-long", lambda: _labels({"team": "v" * 64}), "labels['team']"),
    BadInput("k8s-label-value-slash", lambda: _labels({"team": "a/b"}), "labels['team']"),
    BadInput("k8s-label-value-dash-end", lambda: _labels({"team": "payments-"}), "labels['team']"),
    BadInput("k8s-label-value-not-string", lambda: _labels({"replicas": 3}), "labels['replicas']"),
    # -- ... on a team's profile selector and on its Namespace object -------------------------
    BadInput(
        "k8s-team-label-value-space",
        lambda: _team(labels={"team": "pay ments"}),
        "TeamNamespaceArgs.labels['team']",
    ),
    BadInput(
        "k8s-team-namespace-label-value-dash",
        lambda: _team(namespace_labels={"team": "-payments"}),
        "TeamNamespaceArgs.namespace_labels['team']",
    ),
    BadInput(
        "k8s-team-namespace-label-wildcard",
        lambda: _team(namespace_labels={"team": "pay*"}),
        "TeamNamespaceArgs.namespace_labels['team']",
    ),
    BadInput(
        "k8s-team-namespace-label-key-prefix",
        lambda: _team(namespace_labels={"pod_security/enforce": "restricted"}),
        "TeamNamespaceArgs.namespace_labels['pod_security/enforce']",
    ),
    BadInput(
        "k8s-team-namespace-labels-not-mapping",
        lambda: _team(namespace_labels=["team=payments"]),
        "TeamNamespaceArgs.namespace_labels",
    ),
]
