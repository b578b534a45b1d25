"""A team's slice of an EKS Fargate cluster, decided before anything is wired (pure).

What :class:`~fargate_components.eks.team_namespace_component.TeamNamespace` creates and the
limits it checks first:

- The namespace name is a DNS label (RFC 1123: 1-63 lowercase letters, digits or ``-``,
  starting and ending with a letter or digit; Kubernetes docs, "Namespaces" / "Object Names
  and IDs"), and not ``kube-*`` or ``default`` (``kube-`` is reserved for Kubernetes system
  namespaces, same page).
- Its Fargate profile has one selector: the namespace plus at most 5 labels (EKS quota
  "Label pairs per Fargate profile selector", default 5; see :mod:`.validation`).
- Team members get access entries with a namespace-scoped EKS access policy: one of
  :data:`ACCESS_POLICIES` (``AmazonEKSAdminPolicy``, ``AmazonEKSEditPolicy``,
  ``AmazonEKSViewPolicy``, the policies that accept a ``namespace`` access scope; EKS user
  guide, "Review access policy permissions", https://docs.aws.amazon.com/eks/latest/userguide/
  access-policy-permissions.html). ``AmazonEKSClusterAdminPolicy`` is cluster-scoped only and
  is never given to a team.
- Service accounts named here get an IRSA role (Pod Identity does not work on Fargate) and a
  ``ServiceAccount`` annotated with the role's ARN; their names are DNS subdomains.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi

from ..errors import ValidationError
from .kubernetes_names import check_dns_label, check_dns_subdomain, check_labels
from .pod_sizing import check_pod_placement
from .validation import MAX_LABELS_PER_SELECTOR, ProfileSelector, check_profile_name

__all__ = [
    "ACCESS_POLICIES",
    "ServiceAccountRole",
    "TeamPlan",
    "access_policy_arn",
    "check_dns_label",
    "check_service_accounts",
    "check_team_namespace",
    "plan_team",
]

#: Namespace-scopable EKS access policies, by the short name a team asks for.
ACCESS_POLICIES = {
    "admin": "AmazonEKSAdminPolicy",
    "edit": "AmazonEKSEditPolicy",
    "view": "AmazonEKSViewPolicy",
}
_ACCESS_POLICY_ARN = "arn:{partition}:eks::aws:cluster-access-policy/{name}"
_RESERVED = ("default", "kube-system", "kube-public", "kube-node-lease")


def access_policy_arn(partition: str, access: str) -> str:
    """The ARN of the EKS access policy behind ``"admin"`` / ``"edit"`` / ``"view"``."""
    return _ACCESS_POLICY_ARN.format(partition=partition, name=ACCESS_POLICIES[access])


@dataclass(frozen=True, kw_only=True)
class ServiceAccountRole:
    """An IRSA role for one service account of the team's namespace."""

    policy_arns: Sequence[pulumi.Input[str]] = ()
    """Managed policies attached to the role. Default: none."""
    policy_document: Mapping[str, Any] | None = None
    """An inline policy document (``iam.policy_document(...)``). Default: none."""
    create_service_account: bool = True
    """Create the Kubernetes ServiceAccount, annotated with the role ARN. Default: True."""


def check_team_namespace(argument: str, namespace: Any) -> None:
    """A namespace a team may own: a DNS label, not a system or ``default`` namespace."""
    check_dns_label(argument, namespace)
    if namespace in _RESERVED or namespace.startswith("kube-"):
        raise ValidationError(
            argument,
            namespace,
            "a namespace of the team's own (not 'default' and not 'kube-*', which Kubernetes "
            "reserves for system namespaces)",
        )


def check_access(argument: str, access: Any) -> None:
    if access not in ACCESS_POLICIES:
        raise ValidationError(
            argument,
            access,
            "one of 'admin', 'edit', 'view' (the EKS access policies that can be scoped to a "
            "namespace)",
        )


def check_service_accounts(argument: str, accounts: Any) -> None:
    """``{name: ServiceAccountRole}`` with DNS-subdomain names (at most 253 characters)."""
    if not isinstance(accounts, Mapping):
        raise ValidationError(
            argument, accounts, "a mapping of service account name to ServiceAccountRole"
        )
    for name, role in accounts.items():
        check_dns_subdomain(f"{argument}[{name!r}]", name)
        if not isinstance(role, ServiceAccountRole):
            raise ValidationError(
                f"{argument}[{name!r}]", role, "a ServiceAccountRole(policy_arns=..., ...)"
            )


@dataclass(frozen=True)
class TeamPlan:
    """What a team namespace will contain, once validated."""

    namespace: str
    selector: ProfileSelector
    access: str
    profile_name: str
    service_accounts: Mapping[str, ServiceAccountRole] = field(default_factory=dict)


def plan_team(
    namespace: str,
    labels: Mapping[str, str],
    access: str,
    service_accounts: Mapping[str, ServiceAccountRole],
) -> TeamPlan:
    """Validate a team's arguments and decide its profile, which is named after the namespace.
    Raises under the argument (``namespace``, ``labels``, ...); the component re-raises under
    its own path (``errors.argument_path``)."""
    check_team_namespace("namespace", namespace)
    check_profile_name("namespace", namespace)
    check_access("access", access)
    check_service_accounts("service_accounts", service_accounts)
    # The labels become the profile selector's: Kubernetes' label syntax, EKS's wildcards.
    check_labels("labels", labels, wildcards=True)
    if len(labels) > MAX_LABELS_PER_SELECTOR:
        raise ValidationError(
            "labels",
            dict(labels),
            f"at most {MAX_LABELS_PER_SELECTOR} label pairs (the EKS quota of label pairs per "
            "Fargate profile selector)",
        )
    check_pod_placement("labels", labels)
    return TeamPlan(
        namespace=namespace,
        selector=ProfileSelector(namespace, dict(labels)),
        access=access,
        profile_name=namespace,
        service_accounts=dict(service_accounts),
    )
