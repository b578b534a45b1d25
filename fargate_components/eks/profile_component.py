"""``FargateProfile``: a Fargate profile on any EKS cluster, and the pod execution role."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from .._component import (
    TYPE_PREFIX,
    child_opts,
    merge_tags,
    stack_account_id,
    stack_partition,
    stack_region,
)
from ..errors import ValidationError, argument_path, is_known
from ..iam import to_json
from ..network.types import NetworkLike
from ..tags import check_name_tag, check_tags
from .iam_documents import FARGATE_POD_EXECUTION_POLICY_ARN, pod_execution_trust_policy
from .validation import (
    ProfileSelector,
    check_cluster_name,
    check_private_subnets,
    check_profile_name,
    check_selectors,
    subnets_routed_to_internet_gateway,
)

__all__ = [
    "FargateProfile",
    "FargateProfileArgs",
    "cluster_name_of",
    "create_pod_execution_role",
]

ROLE_SUFFIX = "pod-execution"
ROLE_ATTACHMENT_SUFFIX = "pod-execution-policy"


def cluster_name_of(cluster: Any) -> pulumi.Output[str]:
    """The EKS cluster name of an ``aws.eks.Cluster``, a ``pulumi_eks.Cluster``, an
    :class:`~fargate_components.EksFargateCluster`, or a name (string or Output)."""
    if isinstance(cluster, aws.eks.Cluster):
        return cluster.name
    cluster_name = getattr(cluster, "cluster_name", None)
    if isinstance(cluster_name, pulumi.Output):  # EksFargateCluster
        return cluster_name
    eks_cluster = getattr(cluster, "eks_cluster", None)
    if isinstance(eks_cluster, pulumi.Output):  # pulumi_eks.Cluster: Output[aws.eks.Cluster]
        return eks_cluster.apply(lambda c: c.name if isinstance(c, aws.eks.Cluster) else c["name"])
    if isinstance(cluster, (str, pulumi.Output)):
        return pulumi.Output.from_input(cluster)
    raise ValidationError(
        "FargateProfileArgs.cluster",
        type(cluster).__name__,
        "an aws.eks.Cluster, a pulumi_eks.Cluster, an EksFargateCluster or a cluster name",
    )


def create_pod_execution_role(
    name: str,
    *,
    parent: pulumi.Resource,
    cluster_name: pulumi.Input[str],
    tags: Mapping[str, str] | None = None,
) -> tuple[aws.iam.Role, aws.iam.RolePolicyAttachment]:
    """The Fargate pod execution role of one cluster: trusted by
    ``eks-fargate-pods.amazonaws.com`` only for that cluster's profiles (``aws:SourceArn``),
    with ``AmazonEKSFargatePodExecutionRolePolicy``. Named ``f"{name}-pod-execution"``."""
    partition = stack_partition(parent)
    trust = pulumi.Output.all(
        partition, stack_region(parent), stack_account_id(parent), cluster_name
    ).apply(lambda v: to_json(pod_execution_trust_policy(v[0], v[1], v[2], v[3])))
    role = aws.iam.Role(
        f"{name}-{ROLE_SUFFIX}",
        assume_role_policy=trust,
        description="Fargate pod execution role (EKS)",
        tags=merge_tags(tags, {"Name": f"{name}-{ROLE_SUFFIX}"}),
        opts=child_opts(parent),
    )
    attachment = aws.iam.RolePolicyAttachment(
        f"{name}-{ROLE_ATTACHMENT_SUFFIX}",
        role=role.name,
        policy_arn=partition.apply(lambda p: FARGATE_POD_EXECUTION_POLICY_ARN.format(partition=p)),
        opts=child_opts(parent),
    )
    return role, attachment


@dataclass(frozen=True, kw_only=True)
class FargateProfileArgs:
    """Arguments of :class:`FargateProfile`."""

    cluster: Any
    """The cluster: an ``aws.eks.Cluster``, a ``pulumi_eks.Cluster``, an ``EksFargateCluster`` or a cluster name. Default: required."""
    selectors: Sequence[ProfileSelector | str]
    """1-5 selectors (a plain string is a namespace). Default: required."""
    subnet_ids: Sequence[pulumi.Input[str]] | None = None
    """Private subnets for the pods. Default: ``network.private_subnet_id_list``."""
    network: NetworkLike | None = None
    """The network, to default the subnets and reject its public ones. Default: none."""
    profile_name: str | None = None
    """The AWS profile name (1-63 chars, not ``eks-...``). Default: the component name."""
    pod_execution_role_arn: pulumi.Input[str] | None = None
    """An existing pod execution role. Default: one is created, scoped to this cluster."""
    subnet_route_tables: Mapping[str, Sequence[Mapping[str, Any]]] | None = None
    """Known routes per subnet id (e.g. from ``aws.ec2.get_route_table``); subnets routed to an internet gateway are rejected. Default: none."""
    tags: Mapping[str, str] | None = None
    """Tags for the profile and the role. Default: none."""


@argument_path("FargateProfileArgs")
def _validate(name: str, args: FargateProfileArgs) -> list[ProfileSelector]:
    check_tags("tags", args.tags)
    if isinstance(args.cluster, str):
        check_cluster_name("cluster", args.cluster)
    selectors = check_selectors(args.selectors)
    check_profile_name("profile_name", args.profile_name or name)
    if args.subnet_ids is None and args.network is None:
        raise ValidationError(
            "subnet_ids", None, "private subnet ids, or a network to take them from"
        )
    if args.subnet_ids is not None:
        if not is_known(args.subnet_ids) or isinstance(args.subnet_ids, str):
            raise ValidationError(
                "subnet_ids",
                args.subnet_ids,
                "a list of subnet ids (each may be an Output), not one Output or string",
            )
        if len(args.subnet_ids) == 0:
            raise ValidationError("subnet_ids", [], "at least one private subnet")
        publics = args.network.public_subnet_id_list if args.network is not None else []
        routed = subnets_routed_to_internet_gateway(args.subnet_route_tables or {})
        check_private_subnets("subnet_ids", args.subnet_ids, publics, routed)
    return selectors


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


class FargateProfile(pulumi.ComponentResource):
    """A Fargate profile usable on any EKS cluster, with its pod execution role.

    Example (a cluster from pulumi-eks)::

        # fragment: the VPC and its private subnet ids are yours
        cluster = pulumi_eks.Cluster("k8s", vpc_id=..., private_subnet_ids=..., fargate=False)
        FargateProfile("apps", FargateProfileArgs(
            cluster=cluster,
            selectors=[ProfileSelector("apps", {"run": "on-fargate"})],
            subnet_ids=private_subnet_ids,
        ))

    Children: ``{name}-profile`` (``aws.eks.FargateProfile``) and, when no role is given,
    ``{name}-pod-execution`` (+ policy attachment). Profiles on one cluster must be created
    one at a time: give each ``ResourceOptions(depends_on=[previous])`` (passed on to the
    inner profile).
    """

    def __init__(
        self,
        name: str,
        args: FargateProfileArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        check_name_tag(name)
        selectors = _validate(name, args)
        cluster_name = cluster_name_of(args.cluster)
        super().__init__(f"{TYPE_PREFIX}:eks:FargateProfile", name, None, opts)

        # Children do not wait for the component's own depends_on; pass it on to the profile so
        # ``depends_on=[previous_profile]`` really serialises creates on one cluster.
        depends: list[Any] = list(_as_list(opts.depends_on) if opts is not None else [])
        self.pod_execution_role: aws.iam.Role | None = None
        if args.pod_execution_role_arn is not None:
            role_arn = pulumi.Output.from_input(args.pod_execution_role_arn)
        else:
            role, attachment = create_pod_execution_role(
                name, parent=self, cluster_name=cluster_name, tags=args.tags
            )
            self.pod_execution_role = role
            role_arn = role.arn
            depends.append(attachment)

        subnets: Any = args.subnet_ids
        if subnets is None and args.network is not None:
            subnets = args.network.private_subnet_ids
        profile_name = args.profile_name or name
        self.profile: aws.eks.FargateProfile = aws.eks.FargateProfile(
            f"{name}-profile",
            cluster_name=cluster_name,
            fargate_profile_name=profile_name,
            pod_execution_role_arn=role_arn,
            subnet_ids=subnets,
            selectors=[s.to_args() for s in selectors],
            tags=merge_tags(args.tags, {"Name": profile_name}),
            opts=child_opts(self, depends_on=depends),
        )
        self.pod_execution_role_arn: pulumi.Output[str] = role_arn
        self.profile_name: pulumi.Output[str] = self.profile.fargate_profile_name
        self.cluster_name: pulumi.Output[str] = cluster_name
        self.register_outputs(
            {
                "profile_name": self.profile_name,
                "pod_execution_role_arn": self.pod_execution_role_arn,
                "cluster_name": self.cluster_name,
            }
        )
