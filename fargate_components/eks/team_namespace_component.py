"""``TeamNamespace``: a team's namespace on an :class:`EksFargateCluster`, in one call.

A Kubernetes namespace, a Fargate profile selecting it (optionally only pods with given
labels), access entries for the team's IAM principals with a namespace-scoped EKS access
policy, and IRSA roles (plus annotated ServiceAccounts) for the team's service accounts.
Every argument is checked (:mod:`.team_namespace`) before anything is registered.

The profile is created after every profile of the cluster and of the cluster's earlier team
namespaces: EKS rejects a profile create while another profile of the cluster is being
created (aws-cdk #6084, terraform-provider-aws #13372), so they are chained.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws
import pulumi_kubernetes as k8s

from .._component import TYPE_PREFIX, child_opts, merge_tags, stack_partition
from ..errors import ValidationError, argument_path
from ..tags import check_name_tag, check_tags
from .cluster_component import EksFargateCluster
from .irsa_component import irsa_role
from .kubernetes_names import check_labels
from .team_namespace import ServiceAccountRole, TeamPlan, access_policy_arn, plan_team
from .validation import MAX_PROFILES

__all__ = ["TeamNamespace", "TeamNamespaceArgs"]

IRSA_ANNOTATION = "eks.amazonaws.com/role-arn"

#: The last Fargate profile created on each cluster by a TeamNamespace (the chain's tail).
_TAILS: weakref.WeakKeyDictionary[EksFargateCluster, list[aws.eks.FargateProfile]] = (
    weakref.WeakKeyDictionary()
)


@dataclass(frozen=True, kw_only=True)
class TeamNamespaceArgs:
    """Arguments of :class:`TeamNamespace`."""

    cluster: EksFargateCluster
    """The cluster the team works on. Default: required."""
    namespace: str | None = None
    """The namespace (a DNS label, not ``default`` or ``kube-*``). Default: the component name."""
    labels: Mapping[str, str] = field(default_factory=dict)
    """Labels a pod must carry to run on the team's profile (at most 5). Default: none (every pod of the namespace)."""
    members: Sequence[pulumi.Input[str]] = ()
    """IAM role/user ARNs of the team, each given an access entry. Default: none."""
    access: str = "edit"
    """The namespace-scoped EKS access policy of the members: ``"admin"``, ``"edit"`` or ``"view"``. Default: ``"edit"``."""
    service_accounts: Mapping[str, ServiceAccountRole] = field(default_factory=dict)
    """Service accounts that get an IRSA role (and a ServiceAccount annotated with it). Default: none."""
    namespace_labels: Mapping[str, str] = field(default_factory=dict)
    """Labels of the Namespace object itself. Default: none."""
    tags: Mapping[str, str] | None = None
    """Tags for every taggable child. Default: none."""


@argument_path("TeamNamespaceArgs")
def _validate(name: str, args: TeamNamespaceArgs) -> TeamPlan:
    check_tags("tags", args.tags)
    plan = plan_team(args.namespace or name, args.labels, args.access, args.service_accounts)
    # The Namespace object's own labels: Kubernetes' label syntax, no wildcards.
    check_labels("namespace_labels", args.namespace_labels)
    if not isinstance(args.cluster, EksFargateCluster):
        raise ValidationError("cluster", type(args.cluster).__name__, "an EksFargateCluster")
    taken = [p for p in args.cluster.profiles] + _TAILS.get(args.cluster, [])
    if len(taken) + 1 > MAX_PROFILES:
        raise ValidationError(
            "cluster",
            f"{len(taken)} Fargate profiles already",
            f"at most {MAX_PROFILES} Fargate profiles per cluster (the default, adjustable EKS "
            "quota; if yours is raised, set fargate_components.eks.validation.MAX_PROFILES)",
        )
    return plan


class TeamNamespace(pulumi.ComponentResource):
    """A team's namespace, Fargate profile, access entries and IRSA roles.

    Example::

        # fragment: `eks` (an EksFargateCluster) and `queue_policy` are yours
        TeamNamespace("payments", TeamNamespaceArgs(
            cluster=eks,
            members=["arn:aws:iam::123456789012:role/payments-developers"],
            service_accounts={"api": ServiceAccountRole(policy_arns=[queue_policy.arn])},
        ))

    Attributes: ``namespace`` (``k8s.core.v1.Namespace``), ``profile``
    (``aws.eks.FargateProfile``), ``access_entries``, ``roles`` and ``service_accounts``
    (by service account name).
    """

    def __init__(
        self,
        name: str,
        args: TeamNamespaceArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        check_name_tag(name)
        plan = _validate(name, args)
        super().__init__(f"{TYPE_PREFIX}:eks:TeamNamespace", name, None, opts)
        cluster = args.cluster
        k8s_opts = {"provider": cluster.provider}
        self.namespace = k8s.core.v1.Namespace(
            f"{name}-namespace",
            metadata={"name": plan.namespace, "labels": dict(args.namespace_labels) or None},
            opts=child_opts(self, **k8s_opts),
        )
        self.namespace_name: pulumi.Output[str] = self.namespace.metadata.apply(
            lambda m: m["name"] if isinstance(m, dict) else m.name
        )
        self.profile = self._build_profile(name, cluster, plan, args)
        self.access_entries = self._build_access(name, cluster, plan, args)
        self.roles: dict[str, aws.iam.Role] = {}
        self.service_accounts: dict[str, k8s.core.v1.ServiceAccount] = {}
        for account, role in plan.service_accounts.items():
            self._build_service_account(name, cluster, plan, account, role, args)
        self.register_outputs({"namespace": self.namespace_name, "profile": self.profile.arn})

    def _build_profile(
        self, name: str, cluster: EksFargateCluster, plan: TeamPlan, args: TeamNamespaceArgs
    ) -> aws.eks.FargateProfile:
        chain = _TAILS.setdefault(cluster, [])
        previous = chain[-1] if chain else cluster.profiles[-1]
        profile = aws.eks.FargateProfile(
            f"{name}-profile",
            cluster_name=cluster.cluster_name,
            fargate_profile_name=plan.profile_name,
            pod_execution_role_arn=cluster.pod_execution_role_arn,
            subnet_ids=cluster.profiles[-1].subnet_ids,
            selectors=[plan.selector.to_args()],
            tags=merge_tags(args.tags, {"Name": plan.profile_name}),
            opts=child_opts(self, depends_on=[previous]),
        )
        chain.append(profile)
        return profile

    def _build_access(
        self, name: str, cluster: EksFargateCluster, plan: TeamPlan, args: TeamNamespaceArgs
    ) -> list[aws.eks.AccessEntry]:
        partition = stack_partition(self)
        policy = partition.apply(lambda p: access_policy_arn(p, plan.access))
        entries = []
        for i, principal in enumerate(args.members):
            entry = aws.eks.AccessEntry(
                f"{name}-access-{i}",
                cluster_name=cluster.cluster_name,
                principal_arn=principal,
                type="STANDARD",
                tags=merge_tags(args.tags),
                # keyed by cluster and principal: the old one goes first (plan.replacement.KEYED)
                opts=child_opts(self, delete_before_replace=True),
            )
            aws.eks.AccessPolicyAssociation(
                f"{name}-access-{i}-{plan.access}",
                cluster_name=cluster.cluster_name,
                principal_arn=entry.principal_arn,
                policy_arn=policy,
                access_scope={"type": "namespace", "namespaces": [plan.namespace]},
                # keyed by cluster, principal and policy: the old one goes first (the
                # principal is without this policy for the seconds in between)
                opts=child_opts(self, delete_before_replace=True),
            )
            entries.append(entry)
        return entries

    def _build_service_account(
        self,
        name: str,
        cluster: EksFargateCluster,
        plan: TeamPlan,
        account: str,
        role_args: ServiceAccountRole,
        args: TeamNamespaceArgs,
    ) -> None:
        role = irsa_role(
            f"{name}-irsa-{account}",
            parent=self,
            oidc_provider_arn=cluster.oidc_provider_arn,
            oidc_issuer_url=cluster.oidc_issuer_url,
            namespace=plan.namespace,
            service_account=account,
            policy_arns=role_args.policy_arns,
            policy_document=role_args.policy_document,
            tags=args.tags,
        )
        self.roles[account] = role
        if role_args.create_service_account:
            self.service_accounts[account] = k8s.core.v1.ServiceAccount(
                f"{name}-sa-{account}",
                metadata={
                    "name": account,
                    "namespace": self.namespace.metadata.apply(
                        lambda m: m["name"] if isinstance(m, dict) else m.name
                    ),
                    "annotations": {IRSA_ANNOTATION: role.arn},
                },
                opts=child_opts(self, provider=cluster.provider),
            )
