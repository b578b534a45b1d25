"""``FargateCluster``: an ECS cluster with the Fargate capacity providers, a default
strategy, Container Insights and audited ECS Exec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_aws as aws

from .._component import (
    TYPE_PREFIX,
    child_kms_key,
    child_kms_key_or_given,
    child_log_group,
    child_opts,
    log_group_arn,
    merge_tags,
    stack_account_id,
    stack_partition,
)
from ..data_protection import check_data_protection, data_protection_enabled
from ..errors import ValidationError, argument_path, check_choice, check_name, is_known
from ..iam import to_json
from ..kms import CREATE_KEY, check_kms_key, creates_key, ephemeral_storage_key_policy
from ..logs import AUDIT_RETENTION_DAYS, check_retention_days
from ..tags import check_name_tag, check_tags
from .capacity import PROVIDERS, CapacityStrategy, coerce_strategy
from .cluster_types import check_cluster_arn
from .service_connect import check_namespace
from .service_connect_component import build_namespace

__all__ = [
    "CONTAINER_INSIGHTS",
    "ClusterRef",
    "FargateCluster",
    "FargateClusterArgs",
]

CLUSTER = "cluster"
CAPACITY_PROVIDERS = "capacity-providers"
EXEC_LOGS = "exec-logs"
EXEC_KEY = "exec-key"
STORAGE_KEY = "storage-key"
STORAGE_KEY_POLICY = "storage-key-policy"

#: ``containerInsights`` setting values; "enhanced" adds task- and container-level metrics.
CONTAINER_INSIGHTS = ("enabled", "enhanced", "disabled")
#: ECS Exec sessions are an audit trail: keep them a year unless told otherwise.
DEFAULT_EXEC_LOG_RETENTION_DAYS = AUDIT_RETENTION_DAYS


@dataclass(frozen=True, kw_only=True)
class FargateClusterArgs:
    """Arguments of :class:`FargateCluster`."""

    cluster_name: str | None = None
    """The ECS cluster name. Default: None (auto-named from the component name)."""
    default_strategy: CapacityStrategy | Sequence[Any] = field(
        default_factory=CapacityStrategy.default
    )
    """Strategy for services that don't set one. Default: FARGATE base 1 weight 1, FARGATE_SPOT weight 4."""
    container_insights: str = "enabled"
    """``"enabled"``, ``"enhanced"`` or ``"disabled"`` (CKV_AWS_65). Default: "enabled"."""
    exec_logging: bool = True
    """Log ECS Exec sessions to a dedicated, retained log group (CKV_AWS_223). Default: True."""
    exec_log_retention_days: int = DEFAULT_EXEC_LOG_RETENTION_DAYS
    """Retention of the ECS Exec log group (an audit trail). Default: 365."""
    exec_kms_key_arn: pulumi.Input[str] | None = CREATE_KEY
    """The KMS key encrypting ECS Exec sessions and their log group (CKV_AWS_224), with
    ``exec_logging``: ``"create"`` creates a customer managed key (child
    ``<name>-exec-key``, $1/month, kept on delete) whose key policy lets CloudWatch Logs use
    it, and tasks of the cluster get ``kms:Decrypt`` on it; a key ARN uses yours (its policy
    must allow CloudWatch Logs); ``None`` keeps AWS-managed encryption (dev). Default:
    "create"."""
    ephemeral_storage_kms_key_arn: pulumi.Input[str] | None = None
    """A customer managed KMS key that encrypts the Fargate ephemeral storage of every task of
    the cluster (cluster configuration
    ``managedStorageConfiguration.fargateEphemeralStorageKmsKeyId``): ``"create"`` creates one
    (child ``<name>-storage-key``, $1/month, kept on delete) whose key policy
    (``<name>-storage-key-policy``) lets Fargate use it for this cluster only; a key ARN
    (``arn:...:kms:<region>:<account>:key/<id>``) uses yours, and its policy must allow
    ``fargate.amazonaws.com`` ``kms:GenerateDataKeyWithoutPlaintext`` and ``kms:CreateGrant``
    (policy rule FC-ECS-021 checks it when the key is in the program). AWS refuses aliases and
    multi-Region keys; Linux tasks only (services and scheduled tasks refuse Windows task
    definitions on such a cluster). Default: None (AWS-owned key, AES-256)."""
    data_protection: bool | None = None
    """Keep the stateful children (the Exec key) when the cluster stops declaring them
    (``retain_on_delete``); the Exec log group is always kept. Default: on, unless the
    stack config ``fargate:dataProtection`` is ``"false"``."""
    service_connect_namespace: pulumi.Input[str] | None = None
    """The Service Connect namespace services of this cluster join by default: a name
    creates a Cloud Map HTTP namespace (child ``<name>-namespace``); an ARN
    (``arn:aws:servicediscovery:...:namespace/ns-...``, or an Output of one) uses an existing
    namespace. Default: None (services need their own ``ServiceConnect(namespace=...)``)."""
    tags: Mapping[str, str] | None = None
    """Tags for every taggable child. Default: None."""


def check_ephemeral_storage_key(argument: str, value: Any) -> None:
    """The Fargate ephemeral-storage key: a KMS key ARN, not an alias ("KMS key aliases are
    not supported for Fargate ephemeral storage") nor a multi-Region key ("Multi-Region keys
    are not supported"; their ids start with ``mrk-``), ECS guide "Create an encryption key
    for Fargate ephemeral storage for Amazon ECS",
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-create-storage-key.html."""
    if value is None or not is_known(value) or creates_key(value):
        return
    if (
        not isinstance(value, str)
        or not value.startswith("arn:")
        or value.split(":")[2:3] != ["kms"]
        or ":key/" not in value
        or value.split(":key/", 1)[1].startswith("mrk-")
        or not value.split(":key/", 1)[1]
    ):
        raise ValidationError(
            argument,
            value,
            f"{CREATE_KEY!r} (create a key whose policy lets Fargate use it) or a single-Region "
            "KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>); Fargate ephemeral storage "
            "refuses aliases and multi-Region (mrk-) keys",
        )


@argument_path("FargateClusterArgs")
def validate_cluster_args(args: FargateClusterArgs) -> CapacityStrategy:
    """Check the arguments; return the default strategy as a ``CapacityStrategy``."""
    check_tags("tags", args.tags)
    if args.cluster_name is not None:
        check_name("cluster_name", args.cluster_name, 255)
    check_choice("container_insights", args.container_insights, CONTAINER_INSIGHTS)
    check_retention_days("exec_log_retention_days", args.exec_log_retention_days)
    check_data_protection("data_protection", args.data_protection)
    check_kms_key("exec_kms_key_arn", args.exec_kms_key_arn)
    check_ephemeral_storage_key("ephemeral_storage_kms_key_arn", args.ephemeral_storage_kms_key_arn)
    if (
        args.exec_kms_key_arn is not None
        and not creates_key(args.exec_kms_key_arn)
        and not args.exec_logging
    ):
        raise ValidationError(
            "exec_kms_key_arn",
            args.exec_kms_key_arn,
            "set only together with exec_logging=True",
        )
    if args.service_connect_namespace is not None:
        check_namespace("service_connect_namespace", args.service_connect_namespace)
    strategy = coerce_strategy("default_strategy", args.default_strategy)
    if strategy is None:
        raise ValidationError(
            "default_strategy",
            None,
            "a CapacityStrategy (e.g. CapacityStrategy.on_demand())",
        )
    return strategy


class FargateCluster(pulumi.ComponentResource):
    """An ECS cluster for Fargate.

    Creates ``aws.ecs.Cluster`` (Container Insights on, ECS Exec logged to a dedicated log
    group kept on delete) and ``aws.ecs.ClusterCapacityProviders`` associating ``FARGATE``
    and ``FARGATE_SPOT`` with the default strategy.

    Example::

        cluster = FargateCluster("apps")
        cluster = FargateCluster("apps", FargateClusterArgs(
            default_strategy=CapacityStrategy.on_demand(),
        ))

    Attributes:
        cluster: the ``aws.ecs.Cluster``.
        capacity_providers: the ``aws.ecs.ClusterCapacityProviders``.
        arn, name: the cluster's ARN and name; both resolve only once the capacity
            providers are associated, so a service using them waits for that.
        default_strategy: the :class:`CapacityStrategy` services inherit.
        exec_log_group: the ECS Exec log group (None when ``exec_logging`` is off).
        exec_log_group_arn: its ARN (None when off).
        exec_key: the created Exec KMS key (None when given or off).
        exec_kms_key_arn: the Exec KMS key's ARN, created or given (None when off).
        namespace: the Cloud Map HTTP namespace created for Service Connect (None when
            none was asked for, or an existing one was given).
        service_connect_namespace: the default Service Connect namespace's ARN (None
            without one).
    """

    def __init__(
        self,
        name: str,
        args: FargateClusterArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        args = args or FargateClusterArgs()
        check_name_tag(name)
        strategy = validate_cluster_args(args)
        super().__init__(f"{TYPE_PREFIX}:ecs:FargateCluster", name, None, opts)
        self.default_strategy: CapacityStrategy = strategy
        #: ``FargateClusterArgs.container_insights`` ("enabled", "enhanced" or "disabled").
        self.container_insights: str = args.container_insights
        tags = merge_tags(args.tags)

        if args.container_insights == "disabled":
            pulumi.log.warn(
                f"FargateCluster {name!r}: Container Insights is disabled; task- and service-"
                "level CPU/memory metrics won't be collected (CKV_AWS_65).",
                resource=self,
            )

        configuration = self._build_exec_logging(name, args, tags)
        storage_key_arn = self._build_storage_key(name, args, tags)
        if storage_key_arn is not None:
            configuration = aws.ecs.ClusterConfigurationArgs(
                execute_command_configuration=configuration.execute_command_configuration
                if configuration is not None
                else None,
                managed_storage_configuration=aws.ecs.ClusterConfigurationManagedStorageConfigurationArgs(
                    fargate_ephemeral_storage_kms_key_id=storage_key_arn
                ),
            )
        self._build_namespace(name, args, tags)
        self.cluster: aws.ecs.Cluster = aws.ecs.Cluster(
            f"{name}-{CLUSTER}",
            name=args.cluster_name,
            settings=[
                aws.ecs.ClusterSettingArgs(name="containerInsights", value=args.container_insights)
            ],
            configuration=configuration,
            service_connect_defaults=aws.ecs.ClusterServiceConnectDefaultsArgs(
                namespace=self.service_connect_namespace
            )
            if self.service_connect_namespace is not None
            else None,
            tags=merge_tags(tags, {"Name": args.cluster_name or name}),
            opts=child_opts(self),
        )
        self.capacity_providers: aws.ecs.ClusterCapacityProviders = (
            aws.ecs.ClusterCapacityProviders(
                f"{name}-{CAPACITY_PROVIDERS}",
                cluster_name=self.cluster.name,
                capacity_providers=list(PROVIDERS),
                default_capacity_provider_strategies=strategy.to_cluster_args(),
                opts=child_opts(self),
            )
        )
        ready = [self.capacity_providers.id, *self._build_storage_key_policy(name)]
        # Resolve arn/name only after the providers are associated (a service with a
        # capacity provider strategy fails to create before that) and a created storage
        # key's policy lets Fargate use it (tasks can't start before).
        self.arn: pulumi.Output[str] = pulumi.Output.all(self.cluster.arn, *ready).apply(
            lambda v: str(v[0])
        )
        self.name: pulumi.Output[str] = pulumi.Output.all(self.cluster.name, *ready).apply(
            lambda v: str(v[0])
        )
        self.register_outputs(
            {
                "arn": self.arn,
                "name": self.name,
                "defaultStrategy": str(strategy),
                "execLogGroupName": self.exec_log_group.name if self.exec_log_group else None,
            }
        )

    def _build_exec_logging(
        self, name: str, args: FargateClusterArgs, tags: dict[str, str]
    ) -> aws.ecs.ClusterConfigurationArgs | None:
        """The ECS Exec audit log group (kept when the stack is destroyed) and the
        cluster configuration that sends sessions to it; a warning without it."""
        self.exec_log_group: aws.cloudwatch.LogGroup | None = None
        self.exec_log_group_arn: pulumi.Output[str] | None = None
        self.exec_key: aws.kms.Key | None = None
        self.exec_kms_key_arn: pulumi.Input[str] | None = None
        configuration = None
        if args.exec_logging:
            self.exec_key, self.exec_kms_key_arn = child_kms_key_or_given(
                self,
                f"{name}-{EXEC_KEY}",
                args.exec_kms_key_arn,
                purposes=["ECS Exec sessions", "the ECS Exec log group"],
                logs=True,
                tags=tags,
                protect=data_protection_enabled(args.data_protection),
            )
            self.exec_log_group = child_log_group(
                self,
                f"{name}-{EXEC_LOGS}",
                retention_in_days=args.exec_log_retention_days,
                kms_key_id=self.exec_kms_key_arn,
                tags=tags,
                # An audit trail outlives the cluster: keep it when the stack is destroyed.
                retain_on_delete=True,
            )
            # From the name (known at preview), not the computed LogGroup.arn.
            self.exec_log_group_arn = log_group_arn(self, self.exec_log_group.name)
            encrypted = self.exec_kms_key_arn is not None
            configuration = aws.ecs.ClusterConfigurationArgs(
                execute_command_configuration=aws.ecs.ClusterConfigurationExecuteCommandConfigurationArgs(
                    kms_key_id=self.exec_kms_key_arn,
                    logging="OVERRIDE",
                    log_configuration=aws.ecs.ClusterConfigurationExecuteCommandConfigurationLogConfigurationArgs(
                        cloud_watch_log_group_name=self.exec_log_group.name,
                        cloud_watch_encryption_enabled=encrypted,
                    ),
                )
            )
        else:
            pulumi.log.warn(
                f"FargateCluster {name!r}: ECS Exec sessions are not logged (CKV_AWS_223).",
                resource=self,
            )
        return configuration

    def _build_storage_key(
        self, name: str, args: FargateClusterArgs, tags: dict[str, str]
    ) -> pulumi.Input[str] | None:
        """The ephemeral-storage key: created (its policy is written once the cluster's name
        is known, :meth:`_build_storage_key_policy`) or given; returns its ARN."""
        self.storage_key: aws.kms.Key | None = None
        self.storage_key_policy: aws.kms.KeyPolicy | None = None
        given = args.ephemeral_storage_kms_key_arn
        self.ephemeral_storage_kms_key_arn: pulumi.Input[str] | None = given
        if creates_key(given):
            self.storage_key = child_kms_key(
                self,
                f"{name}-{STORAGE_KEY}",
                purposes=["the Fargate ephemeral storage of the cluster's tasks"],
                logs=False,
                tags=tags,
                protect=data_protection_enabled(args.data_protection),
                policy_resource=True,
            )
            self.ephemeral_storage_kms_key_arn = self.storage_key.arn
        return self.ephemeral_storage_kms_key_arn

    def _build_storage_key_policy(self, name: str) -> list[pulumi.Output[str]]:
        """The created storage key's policy: the account's IAM policies and Fargate for this
        cluster (account and name in the encryption context, ``kms.fargate_storage_statements``).
        A separate ``aws.kms.KeyPolicy`` because the cluster needs the key's ARN first."""
        if self.storage_key is None:
            return []
        account, partition = stack_account_id(self), stack_partition(self)
        self.storage_key_policy = aws.kms.KeyPolicy(
            f"{name}-{STORAGE_KEY_POLICY}",
            key_id=self.storage_key.id,
            policy=pulumi.Output.all(account, partition, self.cluster.name).apply(
                lambda v: to_json(ephemeral_storage_key_policy(str(v[0]), str(v[1]), str(v[2])))
            ),
            opts=child_opts(self),
        )
        return [self.storage_key_policy.id]

    def _build_namespace(
        self, name: str, args: FargateClusterArgs, tags: Mapping[str, str] | None
    ) -> None:
        """The default Service Connect namespace: created from a name, or an existing ARN."""
        self.namespace: aws.servicediscovery.HttpNamespace | None = None
        self.service_connect_namespace: pulumi.Input[str] | None = None
        if args.service_connect_namespace is not None:
            self.namespace, self.service_connect_namespace = build_namespace(
                self, name, args.service_connect_namespace, tags
            )

    @staticmethod
    def existing(
        arn: pulumi.Input[str],
        *,
        default_strategy: CapacityStrategy,
        service_connect_namespace: pulumi.Input[str] | None = None,
    ) -> ClusterRef:
        """Wrap an existing cluster (by ARN, e.g. a StackReference output) so services and
        scheduled tasks accept it like a ``FargateCluster``.

        ``default_strategy`` is required: the strategy the existing cluster's capacity
        providers support can't be read at plan time, and every service sends its strategy
        explicitly. The cluster must have the providers it names (``FARGATE``,
        ``FARGATE_SPOT``) associated.

        Example::

            # The ARN may be an Output, e.g. StackReference(...).get_output("cluster_arn").
            cluster = FargateCluster.existing(
                "arn:aws:ecs:eu-west-1:123456789012:cluster/apps",
                default_strategy=CapacityStrategy.on_demand())
        """
        check_cluster_arn("FargateCluster.existing(arn)", arn)
        strategy = coerce_strategy("FargateCluster.existing(default_strategy)", default_strategy)
        if strategy is None:
            raise ValidationError(
                "FargateCluster.existing(default_strategy)",
                None,
                "a CapacityStrategy (e.g. CapacityStrategy.on_demand())",
            )
        if service_connect_namespace is not None:
            check_namespace(
                "FargateCluster.existing(service_connect_namespace)", service_connect_namespace
            )
        return ClusterRef(
            arn=pulumi.Output.from_input(arn),
            name=pulumi.Output.from_input(arn).apply(lambda a: str(a).rsplit("/", 1)[-1]),
            default_strategy=strategy,
            service_connect_namespace=service_connect_namespace,
        )


@dataclass(frozen=True)
class ClusterRef:
    """An existing ECS cluster, by ARN: satisfies the same ``ClusterLike`` contract as
    :class:`FargateCluster`. Create it with :meth:`FargateCluster.existing`."""

    arn: pulumi.Output[str]
    name: pulumi.Output[str]
    default_strategy: CapacityStrategy
    service_connect_namespace: pulumi.Input[str] | None = None
