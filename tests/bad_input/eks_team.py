"""Bad inputs of TeamNamespace (checked before the cluster is even looked at)."""

from __future__ import annotations

from typing import Any

from fargate_components.eks.team_namespace import ServiceAccountRole
from fargate_components.eks.team_namespace_component import TeamNamespace, TeamNamespaceArgs

from . import BadInput


def _team(name: str = "payments", **kwargs: Any) -> TeamNamespace:
    kwargs.setdefault("cluster", None)
    return TeamNamespace(name, TeamNamespaceArgs(**kwargs))


CASES = [
    BadInput(
        "eks-team-namespace-not-dns-label",
        lambda: _team(namespace="Payments"),
        "TeamNamespaceArgs.namespace",
    ),
    BadInput(
        "eks-team-namespace-too-long",
        lambda: _team(namespace="a" * 64),
        "TeamNamespaceArgs.namespace",
    ),
    BadInput(
        "eks-team-namespace-kube",
        lambda: _team(namespace="kube-tools"),
        "TeamNamespaceArgs.namespace",
    ),
    BadInput("eks-team-namespace-default", lambda: _team("default"), "TeamNamespaceArgs.namespace"),
    BadInput(
        "eks-team-namespace-eks-prefix",
        lambda: _team(namespace="eks-team"),
        "TeamNamespaceArgs.namespace",
    ),
    BadInput(
        "eks-team-access-cluster-admin",
        lambda: _team(access="cluster-admin"),
        "TeamNamespaceArgs.access",
    ),
    BadInput(
        "eks-team-six-labels",
        lambda: _team(labels={f"k{i}": "v" for i in range(6)}),
        "TeamNamespaceArgs.labels",
    ),
    BadInput(
        "eks-team-labels-ask-for-arm",
        lambda: _team(labels={"kubernetes.io/arch": "arm64"}),
        "TeamNamespaceArgs.labels['kubernetes.io/arch']",
    ),
    BadInput(
        "eks-team-service-account-name",
        lambda: _team(service_accounts={"API_Worker": ServiceAccountRole()}),
        "TeamNamespaceArgs.service_accounts['API_Worker']",
    ),
    BadInput(
        "eks-team-service-account-role-type",
        lambda: _team(service_accounts={"api": "arn:aws:iam::1:policy/x"}),
        "TeamNamespaceArgs.service_accounts['api']",
    ),
    BadInput("eks-team-cluster-type", lambda: _team(cluster="prod"), "TeamNamespaceArgs.cluster"),
]
