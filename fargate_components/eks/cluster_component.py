"""``EksFargateCluster``: a Fargate-only EKS cluster built from plain pulumi-aws resources.

Every resource is native (``aws.eks``, ``aws.iam``, ``aws.kms``, ``pulumi_kubernetes``),
so mocks, the offline plan, cost and policy checks all see it.

Creation order (what AWS needs):
    cluster role -> KMS key -> log group -> cluster -> OIDC provider, access entries
    pod execution role -> profile 1 -> profile 2 -> ... (one at a time: EKS rejects
    concurrent profile creates, aws-cdk #6084, terraform-provider-aws #13372)
    vpc-cni, kube-proxy; coredns (computeType Fargate) after *every* profile
    aws-observability namespace + aws-logging ConfigMap (Kubernetes provider)
    Load Balancer Controller IRSA role + Helm release after CoreDNS
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import pulumi
import pulumi_aws as aws
import pulumi_kubernetes as k8s

from .._component import (
    TYPE_PREFIX,
    child_kms_key_or_given,
    child_opts,
    log_group_arn,
    merge_tags,
    role_arn,
    stack_caller_identity,
    stack_partition,
    stack_region,
)
from ..data_protection import check_data_protection, data_protection_enabled, protection_options
from ..errors import ValidationError, argument_path
from ..iam import policy_document, statement, to_json
from ..kms import CREATE_KEY, check_kms_key
from ..logs import AUDIT_RETENTION_DAYS, check_retention_days
from ..model.tokens import EKS_CLUSTER, LOG_GROUP
from ..network.types import NetworkLike
from ..tags import WAIVER_TAG_PREFIX, check_combined_tags, check_name_tag, check_tags
from .iam_documents import (
    CLUSTER_ADMIN_ACCESS_POLICY_ARN,
    CLUSTER_POLICY_ARN,
    cluster_trust_policy,
    fargate_logging_policy,
    load_balancer_controller_policy,
)
from .irsa_component import irsa_role
from .kubeconfig import kubeconfig_json
from .logging_config import (
    CONFIG_MAP_NAME,
    NAMESPACE,
    NAMESPACE_LABELS,
    FargateLogging,
    logging_config_data,
)
from .metrics import (
    COLLECTOR_LABELS,
    CONTAINER_INSIGHTS_POLICY_ARN,
    FargateMetrics,
    check_metrics,
    collector_cluster_role_rules,
    collector_config,
    collector_pod_spec,
    performance_log_group,
)
from .profile_component import create_pod_execution_role
from .support_calendar import DEFAULT_UPGRADE_POLICY, UPGRADE_POLICIES
from .system_pods import COREDNS_RESOURCES, LB_CONTROLLER_RESOURCES, check_resources
from .validation import (
    CONTROL_PLANE_LOG_TYPES,
    ProfileSelector,
    check_addon_versions,
    check_cluster_name,
    check_endpoint_cidrs,
    check_kubernetes_version,
    check_log_types,
    check_network_egress,
    check_profile_names,
    check_selectors,
    check_service_account,
)

__all__ = [
    "COREDNS_FARGATE_CONFIGURATION",
    "EksFargateCluster",
    "EksFargateClusterArgs",
    "FargateProfileSpec",
    "LoadBalancerController",
]

#: CoreDNS add-on configuration that schedules it on Fargate (EKS add-on advanced
#: configuration; terraform-aws-modules/terraform-aws-eks #2345; cloudposse
#: terraform-aws-eks-fargate-profile #8).
COREDNS_FARGATE_CONFIGURATION = {"computeType": "Fargate"}
KUBE_SYSTEM_PROFILE = "kube-system"
METRICS_PROFILE = "container-insights"
METRICS_SUFFIX = "metrics"

CLUSTER_ROLE_SUFFIX = "cluster-role"
KMS_SUFFIX = "secrets-key"
LOGS_KEY_SUFFIX = "logs-key"
LOG_GROUP_SUFFIX = "control-plane-logs"
OIDC_SUFFIX = "oidc"
K8S_PROVIDER_SUFFIX = "k8s"
LB_CONTROLLER_SUFFIX = "lb-controller"


@dataclass(frozen=True, kw_only=True)
class FargateProfileSpec:
    """One Fargate profile of an :class:`EksFargateCluster` (its subnets are always the
    network's private subnets)."""

    name: str
    """The profile name (1-63 chars, not starting with ``eks-``). Default: required."""
    selectors: Sequence[ProfileSelector | str]
    """1-5 selectors; a plain string is a namespace. Default: required."""
    tags: Mapping[str, str] | None = None
    """Extra tags for this profile. Default: none."""


@dataclass(frozen=True, kw_only=True)
class LoadBalancerController:
    """The AWS Load Balancer Controller (Helm chart ``eks/aws-load-balancer-controller``)."""

    chart_version: str | None = None
    """Helm chart version; pin it in production. Default: the repository's latest."""
    namespace: str = "kube-system"
    """Namespace of the controller (must be covered by a profile). Default: ``"kube-system"``."""
    service_account: str = "aws-load-balancer-controller"
    """Service account the chart creates, bound to the IRSA role. Default: ``"aws-load-balancer-controller"``."""
    replicas: int = 2
    """Controller replicas (each is a Fargate pod). Default: 2."""
    resources: Mapping[str, Any] = field(default_factory=lambda: dict(LB_CONTROLLER_RESOURCES))
    """Requests (= limits) of each controller pod. Default: 250m / 768Mi, billed as 0.25 vCPU / 1 GB."""
    pod_disruption_budget: bool = True
    """A PodDisruptionBudget (``maxUnavailable: 1``) so Fargate patching never evicts every replica at once. Default: True."""
    values: Mapping[str, Any] = field(default_factory=dict)
    """Extra Helm values merged over ours. Default: none."""


@dataclass(frozen=True, kw_only=True)
class EksFargateClusterArgs:
    """Arguments of :class:`EksFargateCluster`."""

    network: NetworkLike
    """The network (a ``Network`` or ``Network.existing(...)``). Default: required."""
    cluster_name: str | None = None
    """The EKS cluster name (1-100 chars). Default: the component name."""
    version: str | None = None
    """Kubernetes version ``"1.NN"``; pin it. Default: EKS's default at creation."""
    upgrade_policy: str = DEFAULT_UPGRADE_POLICY
    """What EKS does when ``version`` leaves standard support: ``"STANDARD"`` (auto-upgrade, no extended charges) or ``"EXTENDED"`` (stay, billed extended support). Default: ``"STANDARD"`` (AWS's own default is EXTENDED)."""
    profiles: Sequence[FargateProfileSpec] = ()
    """Fargate profiles besides the ``kube-system`` one; at most 10 in all. Default: none."""
    kube_system_profile: bool = True
    """Create a ``kube-system`` profile so CoreDNS (and the LB controller) run. Default: True."""
    public_access_cidrs: Sequence[str] | None = None
    """CIDRs allowed to reach the public API endpoint, at most 40 (EKS's quota). Default: none
    (public endpoint off)."""
    admin_principal_arns: Sequence[pulumi.Input[str]] = ()
    """IAM roles/users given cluster-admin access entries, besides the creator. Default: none."""
    creator_admin: bool = True
    """Give the identity running Pulumi a cluster-admin access entry. Default: True."""
    kms_key_arn: pulumi.Input[str] = CREATE_KEY
    """KMS key for envelope encryption of Kubernetes secrets: ``"create"`` creates a customer
    managed key (child ``<name>-secrets-key``, rotation on, an explicit key policy, kept on
    delete, $1/month); a key ARN uses yours. Secrets encryption can't be turned off on an EKS
    cluster once on, so ``None`` is refused. Default: ``"create"``."""
    log_types: Sequence[str] = CONTROL_PLANE_LOG_TYPES
    """Control-plane log types. Default: all five."""
    log_retention_days: int = AUDIT_RETENTION_DAYS
    """Retention of the control-plane log group (audit data: the API server's audit log,
    authenticator, ...), one of CloudWatch's allowed values; a dev stack may lower it (e.g. 30).
    Default: 365."""
    log_kms_key_arn: pulumi.Input[str] | None = CREATE_KEY
    """The KMS key encrypting the control-plane and Fargate pod log groups: ``"create"``
    creates a customer managed key (child ``<name>-logs-key``, $1/month, kept on delete) whose
    key policy lets CloudWatch Logs of this region use it; a key ARN uses yours (its policy
    must allow ``logs.<region>.amazonaws.com``); ``None`` keeps CloudWatch's own encryption
    (dev). Default: ``"create"``."""
    logging: FargateLogging = field(default_factory=FargateLogging)
    """Fargate's built-in pod logging to CloudWatch. Default: on, 30 days."""
    load_balancer_controller: LoadBalancerController | None = None
    """Install the AWS Load Balancer Controller. Default: none (not installed)."""
    metrics: FargateMetrics | None = None
    """CPU/memory metrics of every Fargate pod in CloudWatch Container Insights: an ADOT
    collector (a Fargate pod in its own namespace and profile, with an IRSA role) scraping
    each pod's kubelet through the API server, and the performance log group it writes to
    (``eks.metrics``). Default: none (Fargate pods have no CPU/memory metrics)."""
    coredns_replicas: int = 2
    """CoreDNS pods (each a Fargate pod sized 0.25 vCPU / 0.5 GB: requests = limits 250m / 256Mi). Default: 2."""
    addon_versions: Mapping[str, str] = field(default_factory=dict)
    """Versions of ``vpc-cni`` / ``kube-proxy`` / ``coredns``. Default: EKS's default for the Kubernetes version."""
    data_protection: bool | None = None
    """Protect the stateful children (the cluster, its secrets KMS key and its log groups) from losing their data: ``protect`` on the cluster (the engine refuses to delete or replace it: every Kubernetes object would go), ``retain_on_delete`` on the key and the log groups (they stay in AWS). ``False`` turns
    it off (e.g. a dev stack). Default: on, unless the stack config ``fargate:dataProtection``
    is ``"false"`` (see ``fargate_components.data_protection``)."""
    tags: Mapping[str, str] | None = None
    """Tags for every taggable child. Default: none."""


ADDONS = ("vpc-cni", "kube-proxy", "coredns")


@dataclass(frozen=True)
class _ClusterPlan:
    """Everything :class:`EksFargateCluster` decided before registering anything."""

    cluster_name: str
    profiles: list[tuple[FargateProfileSpec, list[ProfileSelector]]]
    """Every profile in creation order (``kube-system`` first), with its parsed selectors."""
    open_to_world: bool


def _keep(type_: str, args: EksFargateClusterArgs) -> dict[str, Any]:
    """The data-protection options of a stateful child (``data_protection`` module)."""
    return protection_options(type_, data_protection_enabled(args.data_protection))


def _check_keys(args: EksFargateClusterArgs) -> None:
    """The logs key and the secrets key (which can't be None: EKS keeps encryption on)."""
    check_kms_key("log_kms_key_arn", args.log_kms_key_arn)
    if args.kms_key_arn is None:
        raise ValidationError(
            "kms_key_arn",
            None,
            f"{CREATE_KEY!r} (create a customer managed key) or a KMS key ARN: EKS can't turn "
            "secrets encryption off once a cluster has it",
        )
    check_kms_key("kms_key_arn", args.kms_key_arn)


def _metrics_profile(
    metrics: FargateMetrics | None,
) -> list[tuple[FargateProfileSpec, list[ProfileSelector]]]:
    """The Fargate profile of the metrics collector's namespace (none without metrics)."""
    if metrics is None:
        return []
    check_metrics("metrics", metrics)
    spec = FargateProfileSpec(name=METRICS_PROFILE, selectors=[metrics.namespace])
    with argument_path("metrics", "selectors"):
        return [(spec, check_selectors(spec.selectors))]


@argument_path("EksFargateClusterArgs")
def _validate(name: str, args: EksFargateClusterArgs) -> _ClusterPlan:
    check_tags("tags", args.tags)
    check_data_protection("data_protection", args.data_protection)
    if not isinstance(args.network, NetworkLike):
        raise ValidationError(
            "network", type(args.network).__name__, "a Network or Network.existing(...)"
        )
    cluster_name = args.cluster_name or name
    check_cluster_name("cluster_name", cluster_name)
    check_kubernetes_version("version", args.version)
    if args.upgrade_policy not in UPGRADE_POLICIES:
        raise ValidationError("upgrade_policy", args.upgrade_policy, "'STANDARD' or 'EXTENDED'")
    if (
        not isinstance(args.coredns_replicas, int)
        or isinstance(args.coredns_replicas, bool)
        or args.coredns_replicas < 1
    ):
        raise ValidationError("coredns_replicas", args.coredns_replicas, "an integer >= 1")
    check_network_egress("network", args.network.nat_strategy, args.network.has_vpc_endpoints)
    profiles: list[tuple[FargateProfileSpec, list[ProfileSelector]]] = []
    if args.kube_system_profile:
        kube_system = FargateProfileSpec(name=KUBE_SYSTEM_PROFILE, selectors=["kube-system"])
        with argument_path("kube_system_profile", "selectors"):
            profiles.append((kube_system, check_selectors(["kube-system"])))
    for i, spec in enumerate(args.profiles):
        if not isinstance(spec, FargateProfileSpec):
            raise ValidationError(
                f"profiles[{i}]", spec, "a FargateProfileSpec(name=..., selectors=[...])"
            )
        with argument_path(f"profiles[{i}].selectors", "selectors"):
            profiles.append((spec, check_selectors(spec.selectors)))
        # The profile is tagged with the cluster's tags, its own and Name.
        check_tags(f"profiles[{i}].tags", spec.tags)
        check_combined_tags(f"profiles[{i}].tags", args.tags, spec.tags)
    profiles += _metrics_profile(args.metrics)
    check_profile_names("profiles", [spec.name for spec, _ in profiles])
    if not profiles:
        raise ValidationError(
            "profiles",
            [],
            "at least one profile (a Fargate-only cluster runs no pod otherwise)",
        )
    open_to_world = check_endpoint_cidrs("public_access_cidrs", args.public_access_cidrs)
    check_log_types("log_types", args.log_types)
    check_retention_days("log_retention_days", args.log_retention_days)
    _check_keys(args)
    check_retention_days("logging.retention_days", args.logging.retention_days)
    check_addon_versions("addon_versions", args.addon_versions, ADDONS)
    lbc = args.load_balancer_controller
    if lbc is not None:
        with argument_path("load_balancer_controller"):
            check_service_account(lbc.namespace, lbc.service_account)
        check_resources("load_balancer_controller.resources", lbc.resources)
        if not isinstance(lbc.replicas, int) or isinstance(lbc.replicas, bool) or lbc.replicas < 1:
            raise ValidationError(
                "load_balancer_controller.replicas", lbc.replicas, "an integer >= 1"
            )
        if (
            lbc.namespace == "kube-system"
            and not args.kube_system_profile
            and not any(
                "kube-system" in [s if isinstance(s, str) else s.namespace for s in p.selectors]
                for p in args.profiles
            )
        ):
            raise ValidationError(
                "load_balancer_controller.namespace",
                lbc.namespace,
                "a namespace some Fargate profile selects (keep kube_system_profile=True)",
            )
    return _ClusterPlan(cluster_name, profiles, open_to_world)


class EksFargateCluster(pulumi.ComponentResource):
    """A Fargate-only EKS cluster in a network's private subnets.

    Example::

        import pulumi
        from fargate_components import (
            EksFargateCluster, EksFargateClusterArgs, FargateProfileSpec, LoadBalancerController,
            Network, NetworkArgs, ProfileSelector,
        )

        net = Network("net", NetworkArgs(nat_gateways="single", eks_cluster_names=["k8s"]))
        k8s = EksFargateCluster("k8s", EksFargateClusterArgs(
            network=net,
            version="1.33",
            public_access_cidrs=["203.0.113.0/24"],
            profiles=[FargateProfileSpec(name="apps",
                                         selectors=[ProfileSelector("apps", {"run": "on-fargate"})])],
            load_balancer_controller=LoadBalancerController(),
        ))
        pulumi.export("kubeconfig", k8s.kubeconfig)

    Attributes (escape hatches): ``cluster``, ``cluster_role``, ``kms_key``, ``logs_key``, ``oidc_provider``,
    ``pod_execution_role``, ``profiles`` (in creation order), ``addons`` (by name),
    ``provider`` (``pulumi_kubernetes.Provider``), ``logging_config_map``,
    ``load_balancer_controller_role`` and ``load_balancer_controller_release``.
    """

    def __init__(
        self,
        name: str,
        args: EksFargateClusterArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        check_name_tag(name)
        plan = _validate(name, args)
        cluster_name = plan.cluster_name
        super().__init__(f"{TYPE_PREFIX}:eks:EksFargateCluster", name, None, opts)
        self._component_name = name
        self._tags = args.tags
        if plan.open_to_world:
            pulumi.log.warn(
                f"EksFargateCluster {name!r}: the public API endpoint is open to 0.0.0.0/0 "
                "(CKV_AWS_38); restrict public_access_cidrs to your networks",
                resource=self,
            )
        self._warn_subnet_tags(name, args.network, cluster_name)

        invoke = pulumi.InvokeOptions(parent=self)
        partition = stack_partition(self)
        region = stack_region(self)
        identity = stack_caller_identity(self)

        cluster_policy = self._build_cluster_role(name, args, cluster_name, partition)
        key_arn, key_policy = self._build_secrets_key(name, args, cluster_name)
        log_group = self._build_control_plane_log_group(name, args, cluster_name)
        self._build_cluster(
            name, args, cluster_name, key_arn, depends_on=[cluster_policy, key_policy, log_group]
        )
        self._build_oidc_provider(name, args, cluster_name)
        self._build_access_entries(name, args, partition, identity, invoke)
        pod_role_ready = self._build_pod_execution(name, args, cluster_name)
        self._build_profiles(name, args, plan, pod_role_ready)
        self._build_addons(name, args)
        self._build_kubernetes_provider(name, region)
        self._build_fargate_logging(name, args, region)
        self._build_load_balancer_controller(name, args, cluster_name, partition, region)
        self._build_metrics(name, args, cluster_name, partition, region)

        self.register_outputs(
            {
                "cluster_name": self.cluster_name,
                "endpoint": self.endpoint,
                "certificate_authority": self.certificate_authority,
                "oidc_provider_arn": self.oidc_provider_arn,
                "pod_execution_role_arn": self.pod_execution_role_arn,
                "profile_names": self.profile_names,
                "kubeconfig": self.kubeconfig,
            }
        )

    def _build_cluster_role(
        self,
        name: str,
        args: EksFargateClusterArgs,
        cluster_name: str,
        partition: pulumi.Output[str],
    ) -> aws.iam.RolePolicyAttachment:
        """The cluster's IAM role and its managed policy (the cluster waits for the policy)."""
        self.cluster_role = aws.iam.Role(
            f"{name}-{CLUSTER_ROLE_SUFFIX}",
            assume_role_policy=to_json(cluster_trust_policy()),
            description=f"EKS cluster role of {cluster_name}",
            tags=merge_tags(args.tags, {"Name": f"{cluster_name}-cluster"}),
            opts=child_opts(self),
        )
        cluster_policy = aws.iam.RolePolicyAttachment(
            f"{name}-{CLUSTER_ROLE_SUFFIX}-policy",
            role=self.cluster_role.name,
            policy_arn=partition.apply(lambda p: CLUSTER_POLICY_ARN.format(partition=p)),
            opts=child_opts(self),
        )
        return cluster_policy

    def _build_secrets_key(
        self, name: str, args: EksFargateClusterArgs, cluster_name: str
    ) -> tuple[pulumi.Output[str], aws.iam.RolePolicy]:
        """The secrets encryption key (``kms_key_arn="create"``) and the cluster role's permission to use it."""
        self.kms_key: aws.kms.Key | None
        self.kms_key, given_arn = child_kms_key_or_given(
            self,
            f"{name}-{KMS_SUFFIX}",
            args.kms_key_arn,
            purposes=[f"EKS secrets of {cluster_name}"],
            logs=False,
            tags=args.tags,
            protect=data_protection_enabled(args.data_protection),
        )
        if self.kms_key is not None:
            aws.kms.Alias(
                f"{name}-{KMS_SUFFIX}-alias",
                name=f"alias/eks/{cluster_name}",
                target_key_id=self.kms_key.key_id,
                opts=child_opts(self),
            )
        key_arn: pulumi.Output[str] = pulumi.Output.from_input(given_arn)
        key_policy = aws.iam.RolePolicy(
            f"{name}-{CLUSTER_ROLE_SUFFIX}-kms",
            role=self.cluster_role.name,
            policy=key_arn.apply(
                lambda arn: to_json(
                    policy_document(
                        [
                            statement(
                                ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ListGrants"],
                                [arn],
                                sid="SecretsEncryption",
                            )
                        ]
                    )
                )
            ),
            opts=child_opts(self),
        )
        return key_arn, key_policy

    def _build_control_plane_log_group(
        self, name: str, args: EksFargateClusterArgs, cluster_name: str
    ) -> aws.cloudwatch.LogGroup:
        """The logs key (``log_kms_key_arn="create"``) and the control-plane log group,
        created before the cluster so it has a retention and a key."""
        self.logs_key: aws.kms.Key | None
        self._logs_key_arn: pulumi.Input[str] | None
        self.logs_key, self._logs_key_arn = child_kms_key_or_given(
            self,
            f"{name}-{LOGS_KEY_SUFFIX}",
            args.log_kms_key_arn,
            purposes=[f"EKS control-plane and Fargate pod logs of {cluster_name}"],
            logs=True,
            tags=args.tags,
            protect=data_protection_enabled(args.data_protection),
        )
        log_group = aws.cloudwatch.LogGroup(
            f"{name}-{LOG_GROUP_SUFFIX}",
            name=f"/aws/eks/{cluster_name}/cluster",
            retention_in_days=args.log_retention_days,
            kms_key_id=self._logs_key_arn,
            tags=merge_tags(args.tags, {"Name": f"{cluster_name}-control-plane"}),
            opts=child_opts(self, **_keep(LOG_GROUP, args)),
        )
        return log_group

    def _build_cluster(
        self,
        name: str,
        args: EksFargateClusterArgs,
        cluster_name: str,
        key_arn: pulumi.Output[str],
        depends_on: list[pulumi.Resource],
    ) -> None:
        """The EKS cluster (API authentication, secrets encryption, both endpoints' access) and the outputs read from it."""
        public = bool(args.public_access_cidrs)
        vpc_config: Any = {
            "subnet_ids": None,
            "endpoint_private_access": True,
            "endpoint_public_access": public,
            "public_access_cidrs": list(args.public_access_cidrs or []) if public else None,
        }
        subnet_ids = pulumi.Output.all(
            args.network.private_subnet_ids, args.network.public_subnet_ids
        ).apply(lambda v: list(v[0]) + list(v[1]))
        self.cluster = aws.eks.Cluster(
            f"{name}-cluster",
            name=cluster_name,
            version=args.version,
            role_arn=self.cluster_role.arn,
            vpc_config={**vpc_config, "subnet_ids": subnet_ids},
            access_config={
                "authentication_mode": "API",
                "bootstrap_cluster_creator_admin_permissions": False,
            },
            bootstrap_self_managed_addons=False,
            encryption_config={"resources": ["secrets"], "provider": {"key_arn": key_arn}},
            enabled_cluster_log_types=list(args.log_types),
            upgrade_policy={"support_type": args.upgrade_policy},
            tags=merge_tags(args.tags, {"Name": cluster_name}),
            opts=child_opts(self, depends_on=depends_on, **_keep(EKS_CLUSTER, args)),
        )
        self.cluster_name: pulumi.Output[str] = self.cluster.name
        self.endpoint: pulumi.Output[str] = self.cluster.endpoint
        self.certificate_authority: pulumi.Output[str] = self.cluster.certificate_authority.apply(
            lambda ca: ca["data"] if isinstance(ca, dict) else ca.data
        )
        self.cluster_security_group_id: pulumi.Output[str] = self.cluster.vpc_config.apply(
            lambda v: (
                v["cluster_security_group_id"]
                if isinstance(v, dict)
                else v.cluster_security_group_id
            )
        )
        self.oidc_issuer_url: pulumi.Output[str] = self.cluster.identities.apply(
            lambda ids: (
                ids[0]["oidcs"][0]["issuer"] if isinstance(ids[0], dict) else ids[0].oidcs[0].issuer
            )
        )

    def _build_oidc_provider(
        self, name: str, args: EksFargateClusterArgs, cluster_name: str
    ) -> None:
        """The IAM OIDC provider that IRSA roles trust."""
        self.oidc_provider = aws.iam.OpenIdConnectProvider(
            f"{name}-{OIDC_SUFFIX}",
            url=self.oidc_issuer_url,
            client_id_lists=["sts.amazonaws.com"],
            tags=merge_tags(args.tags, {"Name": f"{cluster_name}-irsa"}),
            opts=child_opts(self),
        )
        self.oidc_provider_arn: pulumi.Output[str] = self.oidc_provider.arn

    def _build_access_entries(
        self,
        name: str,
        args: EksFargateClusterArgs,
        partition: pulumi.Output[str],
        identity: Any,
        invoke: pulumi.InvokeOptions,
    ) -> None:
        """Cluster-admin access entries: the deployer (``creator_admin``) and ``admin_principal_arns``."""
        admins: list[pulumi.Input[str]] = []
        if args.creator_admin:
            session = aws.iam.get_session_context_output(arn=identity.arn, opts=invoke)
            admins.append(
                pulumi.Output.all(session.issuer_arn, identity.arn).apply(lambda v: v[0] or v[1])
            )
        admins.extend(args.admin_principal_arns)
        admin_policy = partition.apply(
            lambda p: CLUSTER_ADMIN_ACCESS_POLICY_ARN.format(partition=p)
        )
        self.access_entries: list[aws.eks.AccessEntry] = []
        for i, principal in enumerate(admins):
            suffix = "creator" if args.creator_admin and i == 0 else f"admin-{i}"
            entry = aws.eks.AccessEntry(
                f"{name}-access-{suffix}",
                cluster_name=self.cluster.name,
                principal_arn=principal,
                type="STANDARD",
                tags=merge_tags(args.tags),
                # keyed by cluster and principal: the old one goes first (plan.replacement.KEYED)
                opts=child_opts(self, delete_before_replace=True),
            )
            aws.eks.AccessPolicyAssociation(
                f"{name}-access-{suffix}-admin",
                cluster_name=self.cluster.name,
                principal_arn=entry.principal_arn,
                policy_arn=admin_policy,
                access_scope={"type": "cluster"},
                # keyed by cluster, principal and policy: the old one goes first (the
                # principal is without this policy for the seconds in between)
                opts=child_opts(self, delete_before_replace=True),
            )
            self.access_entries.append(entry)

    def _build_pod_execution(
        self, name: str, args: EksFargateClusterArgs, cluster_name: str
    ) -> list[pulumi.Resource]:
        """The pod execution role and, with Fargate logging, its log group and permission; returns what profiles must wait for."""
        self.pod_execution_role, pod_policy = create_pod_execution_role(
            name, parent=self, cluster_name=self.cluster.name, tags=args.tags
        )
        self.pod_execution_role_arn: pulumi.Output[str] = self.pod_execution_role.arn
        pod_role_ready: list[pulumi.Resource] = [pod_policy]
        self.fargate_log_group: aws.cloudwatch.LogGroup | None = None
        if args.logging.enabled:
            self.fargate_log_group = aws.cloudwatch.LogGroup(
                f"{name}-fargate-logs",
                name=f"/aws/eks/{cluster_name}/fargate",
                retention_in_days=args.logging.retention_days,
                kms_key_id=self._logs_key_arn,
                tags=merge_tags(args.tags, {"Name": f"{cluster_name}-fargate"}),
                opts=child_opts(self, **_keep(LOG_GROUP, args)),
            )
            pod_role_ready.append(
                aws.iam.RolePolicy(
                    f"{name}-pod-execution-logging",
                    role=self.pod_execution_role.name,
                    policy=log_group_arn(self, self.fargate_log_group.name).apply(
                        lambda arn: to_json(fargate_logging_policy(arn))
                    ),
                    opts=child_opts(self),
                )
            )
        return pod_role_ready

    def _build_profiles(
        self,
        name: str,
        args: EksFargateClusterArgs,
        plan: _ClusterPlan,
        pod_role_ready: list[pulumi.Resource],
    ) -> None:
        """The Fargate profiles, one after another (EKS creates one at a time per cluster)."""
        self.profiles: list[aws.eks.FargateProfile] = []
        previous: list[pulumi.Resource] = list(pod_role_ready)
        for spec, selectors in plan.profiles:
            profile = aws.eks.FargateProfile(
                f"{name}-profile-{spec.name}",
                cluster_name=self.cluster.name,
                fargate_profile_name=spec.name,
                pod_execution_role_arn=self.pod_execution_role.arn,
                subnet_ids=args.network.private_subnet_ids,
                selectors=[s.to_args() for s in selectors],
                tags=merge_tags(args.tags, spec.tags, {"Name": spec.name}),
                opts=child_opts(self, depends_on=previous),
            )
            self.profiles.append(profile)
            previous = [profile]
        self.profile_names: pulumi.Output[list[str]] = pulumi.Output.all(
            *[p.fargate_profile_name for p in self.profiles]
        )

    def _build_addons(self, name: str, args: EksFargateClusterArgs) -> None:
        """The vpc-cni, kube-proxy and coredns add-ons (coredns configured for Fargate, after the profiles)."""
        self.addons: dict[str, aws.eks.Addon] = {}
        for addon in ADDONS:
            extra: dict[str, Any] = {}
            depends: list[pulumi.Resource] = []
            if addon == "coredns":
                extra["configuration_values"] = json.dumps(
                    {
                        **COREDNS_FARGATE_CONFIGURATION,
                        "replicaCount": args.coredns_replicas,
                        "resources": COREDNS_RESOURCES,
                    },
                    sort_keys=True,
                )
                depends = list(self.profiles)
            self.addons[addon] = aws.eks.Addon(
                f"{name}-addon-{addon}",
                cluster_name=self.cluster.name,
                addon_name=addon,
                addon_version=args.addon_versions.get(addon),
                resolve_conflicts_on_create="OVERWRITE",
                resolve_conflicts_on_update="PRESERVE",
                tags=merge_tags(args.tags),
                opts=child_opts(self, depends_on=depends),
                **extra,
            )

    def _build_kubernetes_provider(self, name: str, region: pulumi.Output[str]) -> None:
        """The kubeconfig (a secret) and the Kubernetes provider built from it."""
        kubeconfig = pulumi.Output.all(
            self.cluster.name, self.endpoint, self.certificate_authority, region
        ).apply(lambda v: kubeconfig_json(v[0], v[1], v[2], v[3]))
        self.kubeconfig: pulumi.Output[str] = pulumi.Output.secret(kubeconfig)
        self.provider = k8s.Provider(
            f"{name}-{K8S_PROVIDER_SUFFIX}",
            kubeconfig=self.kubeconfig,
            enable_server_side_apply=True,
            opts=child_opts(self, depends_on=self.access_entries[:1]),
        )

    def _build_fargate_logging(
        self, name: str, args: EksFargateClusterArgs, region: pulumi.Output[str]
    ) -> None:
        """The ``aws-observability`` namespace and ``aws-logging`` ConfigMap Fargate's log router reads."""
        k8s_opts = {"provider": self.provider}
        self.logging_namespace: k8s.core.v1.Namespace | None = None
        self.logging_config_map: k8s.core.v1.ConfigMap | None = None
        if args.logging.enabled and self.fargate_log_group is not None:
            self.logging_namespace = k8s.core.v1.Namespace(
                f"{name}-aws-observability",
                metadata={"name": NAMESPACE, "labels": dict(NAMESPACE_LABELS)},
                opts=child_opts(self, **k8s_opts),
            )
            settings = args.logging
            self.logging_config_map = k8s.core.v1.ConfigMap(
                f"{name}-aws-logging",
                metadata={
                    "name": CONFIG_MAP_NAME,
                    "namespace": self.logging_namespace.metadata.name,
                },
                data=pulumi.Output.all(region, self.fargate_log_group.name).apply(
                    lambda v: logging_config_data(v[0], v[1], settings)
                ),
                opts=child_opts(self, **k8s_opts),
            )

    def _build_load_balancer_controller(
        self,
        name: str,
        args: EksFargateClusterArgs,
        cluster_name: str,
        partition: pulumi.Output[str],
        region: pulumi.Output[str],
    ) -> None:
        """The AWS Load Balancer Controller: its IAM policy, IRSA role and Helm release."""
        self.load_balancer_controller_role: aws.iam.Role | None = None
        self.load_balancer_controller_release: k8s.helm.v3.Release | None = None
        lbc = args.load_balancer_controller
        if lbc is not None:
            lbc_policy = aws.iam.Policy(
                f"{name}-{LB_CONTROLLER_SUFFIX}-policy",
                description=f"AWS Load Balancer Controller of {cluster_name}",
                policy=partition.apply(lambda p: to_json(load_balancer_controller_policy(p))),
                # The controller's upstream policy: the unconditioned '*' statements act on
                # load balancers and security groups it creates at run time, or are reads
                # without resource-level permissions. Narrowing them breaks the controller.
                tags=merge_tags(
                    args.tags,
                    {
                        WAIVER_TAG_PREFIX + "FC-IAM-001": "upstream AWS Load Balancer "
                        "Controller policy - kubernetes-sigs/aws-load-balancer-controller "
                        "docs/install/iam_policy.json"
                    },
                ),
                opts=child_opts(self),
            )
            self.load_balancer_controller_role = self.irsa_role(
                f"{LB_CONTROLLER_SUFFIX}-irsa",
                namespace=lbc.namespace,
                service_account=lbc.service_account,
                policy_arns=[lbc_policy.arn],
            )
            # Outputs only at the leaves: the values a reviewer reads (replicas, resources,
            # service account) stay known at preview even where an id is not yet.
            values = {
                "clusterName": self.cluster.name,
                "vpcId": args.network.vpc_id,
                "region": region,
                "replicaCount": lbc.replicas,
                "resources": dict(lbc.resources),
                **(
                    {"podDisruptionBudget": {"maxUnavailable": 1}}
                    if lbc.pod_disruption_budget
                    else {}
                ),
                "serviceAccount": {
                    "create": True,
                    "name": lbc.service_account,
                    "annotations": {
                        "eks.amazonaws.com/role-arn": role_arn(
                            self, self.load_balancer_controller_role.name
                        )
                    },
                },
                **dict(lbc.values),
            }
            self.load_balancer_controller_release = k8s.helm.v3.Release(
                f"{name}-{LB_CONTROLLER_SUFFIX}",
                name="aws-load-balancer-controller",
                chart="aws-load-balancer-controller",
                version=lbc.chart_version,
                repository_opts={"repo": "https://aws.github.io/eks-charts"},
                namespace=lbc.namespace,
                values=values,
                opts=child_opts(self, provider=self.provider, depends_on=[self.addons["coredns"]]),
            )

    def _build_metrics(
        self,
        name: str,
        args: EksFargateClusterArgs,
        cluster_name: str,
        partition: pulumi.Output[str],
        region: pulumi.Output[str],
    ) -> None:
        """The Container Insights collector: log group, IRSA role, RBAC, config, StatefulSet."""
        self.metrics_collector: k8s.apps.v1.StatefulSet | None = None
        settings = args.metrics
        if settings is None:
            return
        log_group = aws.cloudwatch.LogGroup(
            f"{name}-{METRICS_SUFFIX}-logs",
            name=performance_log_group(cluster_name),
            retention_in_days=settings.retention_days,
            kms_key_id=self._logs_key_arn,
            tags=merge_tags(args.tags, {"Name": f"{cluster_name}-container-insights"}),
            opts=child_opts(self, **_keep(LOG_GROUP, args)),
        )
        role = self.irsa_role(
            f"{METRICS_SUFFIX}-irsa",
            namespace=settings.namespace,
            service_account=settings.service_account,
            policy_arns=[
                partition.apply(lambda p: CONTAINER_INSIGHTS_POLICY_ARN.format(partition=p))
            ],
        )
        ready = self._build_metrics_access(name, settings, role)
        self._build_metrics_collector(name, cluster_name, settings, region, [log_group, *ready])

    def _build_metrics_access(
        self, name: str, settings: FargateMetrics, role: aws.iam.Role
    ) -> list[pulumi.Resource]:
        """The collector's namespace, service account (IRSA) and read access to the nodes."""
        k8s_opts: dict[str, Any] = {"provider": self.provider}
        namespace = k8s.core.v1.Namespace(
            f"{name}-{METRICS_SUFFIX}-ns",
            metadata={"name": settings.namespace},
            opts=child_opts(self, **k8s_opts),
        )
        meta: Any = {"namespace": namespace.metadata.name, "labels": dict(COLLECTOR_LABELS)}
        labels: Any = dict(COLLECTOR_LABELS)
        account = k8s.core.v1.ServiceAccount(
            f"{name}-{METRICS_SUFFIX}-sa",
            metadata={
                **meta,
                "name": settings.service_account,
                "annotations": {"eks.amazonaws.com/role-arn": role.arn},
            },
            opts=child_opts(self, **k8s_opts),
        )
        cluster_role = k8s.rbac.v1.ClusterRole(
            f"{name}-{METRICS_SUFFIX}-reader",
            metadata={"name": "adotcol-admin-role", "labels": labels},
            rules=cast(Any, collector_cluster_role_rules()),
            opts=child_opts(self, **k8s_opts),
        )
        binding = k8s.rbac.v1.ClusterRoleBinding(
            f"{name}-{METRICS_SUFFIX}-reader-binding",
            metadata={"name": "adotcol-admin-role-binding", "labels": labels},
            subjects=[
                {
                    "kind": "ServiceAccount",
                    "name": settings.service_account,
                    "namespace": settings.namespace,
                }
            ],
            role_ref=cast(
                Any,
                {
                    "kind": "ClusterRole",
                    "name": cluster_role.metadata.name,
                    "apiGroup": "rbac.authorization.k8s.io",
                },
            ),
            opts=child_opts(self, **k8s_opts),
        )
        return [account, binding]

    def _build_metrics_collector(
        self,
        name: str,
        cluster_name: str,
        settings: FargateMetrics,
        region: pulumi.Output[str],
        ready: list[pulumi.Resource],
    ) -> None:
        """The collector's configuration and its single-replica StatefulSet."""
        k8s_opts: dict[str, Any] = {"provider": self.provider}
        meta: Any = {"namespace": settings.namespace, "labels": dict(COLLECTOR_LABELS)}
        config = k8s.core.v1.ConfigMap(
            f"{name}-{METRICS_SUFFIX}-config",
            metadata={**meta, "name": "adot-collector-config"},
            data=region.apply(
                lambda r: {"adot-collector-config.yaml": collector_config(r, settings)}
            ),
            opts=child_opts(self, **k8s_opts, depends_on=ready),
        )
        self.metrics_collector = k8s.apps.v1.StatefulSet(
            f"{name}-{METRICS_SUFFIX}-collector",
            metadata={**meta, "name": "adot-collector"},
            spec=cast(
                Any,
                {
                    "replicas": 1,
                    "serviceName": "adot-collector",
                    "selector": {"matchLabels": dict(COLLECTOR_LABELS)},
                    "template": {
                        "metadata": {"labels": dict(COLLECTOR_LABELS)},
                        "spec": collector_pod_spec(cluster_name, settings, "adot-collector-config"),
                    },
                },
            ),
            opts=child_opts(
                self,
                **k8s_opts,
                depends_on=[*ready, config, self.addons["coredns"]],
            ),
        )

    def irsa_role(
        self,
        name: str,
        *,
        namespace: str,
        service_account: str,
        policy_arns: Sequence[pulumi.Input[str]] = (),
        policy_document: Mapping[str, Any] | None = None,
    ) -> aws.iam.Role:
        """An IAM role for the service account ``namespace/service_account`` of this cluster
        (IRSA). The child is named ``f"{cluster component name}-{name}"``. Annotate the
        service account with ``eks.amazonaws.com/role-arn: <role.arn>``."""
        return irsa_role(
            f"{self._component_name}-{name}",
            parent=self,
            oidc_provider_arn=self.oidc_provider_arn,
            oidc_issuer_url=self.oidc_issuer_url,
            namespace=namespace,
            service_account=service_account,
            policy_arns=policy_arns,
            policy_document=policy_document,
            tags=self._tags,
        )

    @staticmethod
    def _warn_subnet_tags(name: str, network: NetworkLike, cluster_name: str) -> None:
        """The LB controller finds subnets by ``kubernetes.io/role/elb`` /
        ``kubernetes.io/role/internal-elb`` tags, which the ``Network`` sets for the clusters
        named in ``NetworkArgs.eks_cluster_names``."""
        names = getattr(network, "eks_cluster_names", None)
        if names is None:
            names = getattr(getattr(network, "args", None), "eks_cluster_names", None)
        if network.nat_strategy == "existing":
            pulumi.log.warn(
                f"EksFargateCluster {name!r}: an existing VPC; make sure its public subnets "
                "carry kubernetes.io/role/elb=1 and its private subnets "
                "kubernetes.io/role/internal-elb=1, or the load balancer controller finds none"
            )
        elif names is not None and cluster_name not in names:
            pulumi.log.warn(
                f"EksFargateCluster {name!r}: add {cluster_name!r} to NetworkArgs.eks_cluster_names "
                "so the subnets get the Kubernetes load balancer tags"
            )
