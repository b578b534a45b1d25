"""``FargateTaskDefinition``: a validated Fargate task definition with its own log group and
separate, least-privilege execution and task roles."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import pulumi
import pulumi_aws as aws

from .._component import (
    TYPE_PREFIX,
    child_log_group,
    child_opts,
    merge_tags,
    stack_account_id,
    stack_partition,
    stack_region,
)
from .._component import log_group_arn as log_group_arn_of
from ..efs.file_system import access_point_arn, client_statements, file_system_arn
from ..errors import (
    ValidationError,
    argument_path,
    check_choice,
    check_instance,
    check_int_range,
    check_unique,
    is_known,
)
from ..iam import to_json
from ..logs import DEFAULT_RETENTION_DAYS, check_retention_days
from ..outputs import apply_tree
from ..sizing import (
    ARCHITECTURES,
    LINUX,
    OPERATING_SYSTEMS,
    TaskSize,
    check_task_size,
    is_windows,
    parse_cpu,
    parse_memory,
)
from ..tags import check_name_tag, check_tags
from .capacity import CapacityStrategy, check_spot_platform, coerce_strategy
from .cluster_component import FargateCluster
from .cluster_types import ClusterLike
from .containers import (
    MAX_CONTAINERS,
    Container,
    LogConfiguration,
    LogSettings,
    check_task_ports,
    container_definition,
    render_container_definitions,
)
from .image_component import ContainerImage, build_container_images
from .images import check_container_builds
from .sidecars import (
    LogRouter,
    TraceCollector,
    check_sidecars,
    collector_container,
    collector_statements,
    is_routed,
    log_router_statements,
    route_to_cloudwatch,
    router_container,
)
from .task_policies import (
    check_policy_statements,
    execution_role_policy,
    parse_secret_reference,
    task_role_policy,
    task_trust_policy,
)
from .volumes import (
    EfsGrant,
    Volume,
    check_task_volumes,
    check_volume_list,
    task_volume_list,
    unused_volumes,
    volume_json,
)

__all__ = ["FargateTaskDefinition", "FargateTaskDefinitionArgs", "sanitize_family"]

LOGS = "logs"
EXECUTION_ROLE = "execution-role"
EXECUTION_POLICY = "execution-policy"
TASK_ROLE = "task-role"
TASK_POLICY = "task-policy"
TASK_DEFINITION = "task-definition"
APP_LOGS = "app-logs"

_ARGS = "FargateTaskDefinitionArgs"
_FAMILY = re.compile(r"^[A-Za-z0-9_-]{1,255}$")
_SECRET_LIKE = re.compile(r"(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|ACCESS_KEY)", re.I)
#: A policy document that allows nothing, for the rare execution role with nothing to do
#: (IAM rejects a document without statements).
_NOTHING = {
    "Version": "2012-10-17",
    "Statement": [{"Sid": "NothingToAllow", "Effect": "Deny", "Action": "*", "Resource": "*"}],
}


@dataclass(frozen=True, kw_only=True)
class FargateTaskDefinitionArgs:
    """Arguments of :class:`FargateTaskDefinition`."""

    containers: Sequence[Container]
    """One to ten containers, at least one essential. Required."""
    cpu: int | str = 256
    """Task CPU units or a string such as ``"0.5 vCPU"``. Default: 256."""
    memory: int | str = 512
    """Task memory MiB or a string such as ``"1 GB"``. Default: 512."""
    architecture: str = "X86_64"
    """``"X86_64"`` or ``"ARM64"`` (Graviton; no Fargate Spot). Default: "X86_64"."""
    operating_system: str = LINUX
    """``runtimePlatform.operatingSystemFamily``. Default: "LINUX"."""
    ephemeral_storage_gib: int | None = None
    """Ephemeral storage, 21-200 GiB (Linux). Default: None (20 GiB)."""
    family: str | None = None
    """Task definition family. Default: None (the component name, sanitised)."""
    log_group_name: pulumi.Input[str] | None = None
    """Use this existing log group instead of creating one. Default: None (create one)."""
    log_retention_days: int = DEFAULT_RETENTION_DAYS
    """Retention of the created log group. Default: 30."""
    log_kms_key_arn: pulumi.Input[str] | None = None
    """KMS key for the created log group. Default: None."""
    log_stream_prefix: str = "ecs"
    """awslogs stream prefix (streams are ``<prefix>/<container>/<task id>``). Default: "ecs"."""
    execution_role_arn: pulumi.Input[str] | None = None
    """Use this execution role as is. Default: None (create a least-privilege one)."""
    task_role_arn: pulumi.Input[str] | None = None
    """Use this task role as is. Default: None (create one from ``task_policy_statements``)."""
    task_policy_statements: Sequence[Mapping[str, Any]] = ()
    """IAM statements for the application (task role). Default: ()."""
    task_managed_policy_arns: Sequence[pulumi.Input[str]] = ()
    """Managed policies to attach to the task role. Default: ()."""
    secrets_kms_key_arns: Sequence[pulumi.Input[str]] = ()
    """Customer managed KMS keys of the referenced secrets (execution role ``kms:Decrypt``). Default: ()."""
    volumes: Sequence[Volume] = ()
    """Task volumes (``Volume.bind(...)``, ``Volume.efs_volume(...)``, ``FileSystem.volume(...)``)
    that containers mount with ``Container.mount_points``. Default: () (plus one bind volume
    per ``Container.writable_paths`` entry, added for you)."""
    exec_cluster: FargateCluster | None = None
    """ECS Exec, one switch: the cluster the task runs on. Gives every container
    ``initProcessEnabled``, the task role the ``ssmmessages`` channel and session logging to
    that cluster's Exec log group (and ``kms:Decrypt`` on its Exec key); services running the
    task turn ``enableExecuteCommand`` on. The cluster must log Exec sessions. Default: None
    (Exec off)."""
    enable_exec: bool = False
    """ECS Exec with explicit ARNs instead of ``exec_cluster`` (then ``exec_log_group_arn`` is
    required). Default: False."""
    exec_log_group_arn: pulumi.Input[str] | None = None
    """The cluster's Exec log group ARN, with ``enable_exec``. Default: None."""
    exec_kms_key_arn: pulumi.Input[str] | None = None
    """The cluster's Exec KMS key, with ``enable_exec``. Default: None."""
    log_router: LogRouter | None = None
    """A FireLens (Fluent Bit) log router: containers without their own ``log_configuration``
    ship through it to a CloudWatch log group created for them (``<name>-app-logs``), and the
    task role may write exactly there. Default: None (awslogs to the task's log group)."""
    trace_collector: TraceCollector | None = None
    """An X-Ray daemon or ADOT collector sidecar, with the X-Ray write actions on the task
    role. Default: None."""
    intended_strategy: CapacityStrategy | Sequence[Any] | None = None
    """The strategy it will run with, checked against the platform (Spot: Linux X86_64 only). Default: None."""
    tags: Mapping[str, str] | None = None
    """Tags for every taggable child. Default: None."""


def sanitize_family(name: str) -> str:
    """A valid family from any name: letters, digits, '-' and '_', at most 255."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "task"
    return cleaned[:255]


@dataclass(frozen=True)
class _Resolved:
    size: TaskSize
    family: str
    strategy: CapacityStrategy | None
    efs: dict[str, EfsGrant]
    exec_on: bool
    args: FargateTaskDefinitionArgs
    """The arguments with the sidecars (log router, trace collector) added as containers."""
    routed: tuple[str, ...]
    """Containers whose logs the log router ships."""


def _check_arn(argument: str, value: Any, service: str) -> None:
    if is_known(value) and (
        not isinstance(value, str) or f":{service}:" not in value or not value.startswith("arn:")
    ):
        raise ValidationError(argument, value, f"an {service} ARN (arn:<partition>:{service}:...)")


def _with_sidecars(args: FargateTaskDefinitionArgs) -> FargateTaskDefinitionArgs:
    """The arguments with the log router and trace collector as containers of their own, and
    the routed containers on the ``awsfirelens`` driver (options filled in when wiring)."""
    if isinstance(args.containers, Container) or not isinstance(args.containers, Sequence):
        return args
    with argument_path(_ARGS):
        check_sidecars(args.log_router, args.trace_collector, args.containers)
    router = args.log_router
    containers = [
        dataclasses.replace(c, log_configuration=LogConfiguration(log_driver="awsfirelens"))
        if isinstance(c, Container) and is_routed(c, router)
        else c
        for c in args.containers
    ]
    if router is not None:
        containers.append(router_container(router))
    if args.trace_collector is not None:
        containers.append(collector_container(args.trace_collector))
    return dataclasses.replace(args, containers=containers)


def validate_task_definition_args(name: str, args: FargateTaskDefinitionArgs) -> _Resolved:
    """Every construction-time check of a task definition; returns the resolved values."""
    with argument_path(_ARGS):
        check_tags("tags", args.tags)
    routed = tuple(
        c.name
        for c in (args.containers if isinstance(args.containers, Sequence) else ())
        if isinstance(c, Container) and is_routed(c, args.log_router)
    )
    args = _with_sidecars(args)
    size, family = _check_task_level(name, args)

    _check_containers(args, size)
    check_container_builds(name, args.containers, args.architecture, args.operating_system)

    _check_logs(args)
    _check_roles(args)
    _check_exec(args)
    windows = is_windows(args.operating_system)
    with argument_path(_ARGS):
        volumes = check_volume_list(args.volumes, windows=windows)
    # Container errors name the container (``Container(name='web')...``): the path the user
    # typed it under, so they are not re-raised under FargateTaskDefinitionArgs.
    efs = check_task_volumes(volumes, args.containers, windows=windows)
    with argument_path(_ARGS):
        strategy = coerce_strategy("intended_strategy", args.intended_strategy)
        check_spot_platform(strategy, args.architecture, args.operating_system, "intended_strategy")
    return _Resolved(
        size, family, strategy, efs, args.enable_exec or args.exec_cluster is not None, args, routed
    )


@argument_path(_ARGS)
def _check_task_level(name: str, args: FargateTaskDefinitionArgs) -> tuple[TaskSize, str]:
    """Platform, size, ephemeral storage and family; returns the size and the family."""
    check_choice("architecture", args.architecture, ARCHITECTURES)
    check_choice("operating_system", args.operating_system, OPERATING_SYSTEMS)
    cpu = parse_cpu("cpu", args.cpu)
    memory = parse_memory("memory", args.memory)
    size = check_task_size(
        cpu,
        memory,
        operating_system=args.operating_system,
        architecture=args.architecture,
        argument="cpu/memory",
    )
    if args.ephemeral_storage_gib is not None:
        if is_windows(args.operating_system):
            raise ValidationError(
                "ephemeral_storage_gib",
                args.ephemeral_storage_gib,
                "unset for Windows tasks (configurable ephemeral storage is Linux only)",
            )
        check_int_range("ephemeral_storage_gib", args.ephemeral_storage_gib, 21, 200)
    family = args.family if args.family is not None else sanitize_family(name)
    if not isinstance(family, str) or not _FAMILY.match(family):
        raise ValidationError("family", family, "1-255 letters, digits, '-' and '_'")
    return size, family


@argument_path(_ARGS)
def _check_logs(args: FargateTaskDefinitionArgs) -> None:
    """Retention (for a created group), its key, the stream prefix."""
    if args.log_group_name is None:
        check_retention_days("log_retention_days", args.log_retention_days)
    elif args.log_kms_key_arn is not None:
        raise ValidationError(
            "log_kms_key_arn", args.log_kms_key_arn, "unset when log_group_name is given"
        )
    if args.log_kms_key_arn is not None:
        _check_arn("log_kms_key_arn", args.log_kms_key_arn, "kms")
    if not isinstance(args.log_stream_prefix, str) or not re.match(
        r"^[A-Za-z0-9_./-]{1,128}$", args.log_stream_prefix
    ):
        raise ValidationError(
            "log_stream_prefix",
            args.log_stream_prefix,
            "1-128 letters, digits, '-', '_', '.', '/'",
        )


@argument_path(_ARGS)
def _check_roles(args: FargateTaskDefinitionArgs) -> None:
    """Given role ARNs, and what only a created role can carry (KMS grants, policies)."""
    for i, key in enumerate(args.secrets_kms_key_arns):
        _check_arn(f"secrets_kms_key_arns[{i}]", key, "kms")
    if args.execution_role_arn is not None:
        _check_arn("execution_role_arn", args.execution_role_arn, "iam")
        if args.secrets_kms_key_arns:
            raise ValidationError(
                "secrets_kms_key_arns",
                list(args.secrets_kms_key_arns),
                "empty when execution_role_arn is given (grant kms:Decrypt on your own role)",
            )
    check_policy_statements("task_policy_statements", args.task_policy_statements)
    if args.task_role_arn is not None:
        _check_arn("task_role_arn", args.task_role_arn, "iam")
        for attr in ("task_policy_statements", "task_managed_policy_arns"):
            if getattr(args, attr):
                raise ValidationError(
                    f"{attr}",
                    list(getattr(args, attr)),
                    "empty when task_role_arn is given (the role is used as is)",
                )


@argument_path(_ARGS)
def _check_exec(args: FargateTaskDefinitionArgs) -> None:
    """ECS Exec is on only with its session logging wired: a cluster that logs Exec, or an
    explicit log group ARN. Exec needs platform 1.4.0+ on Linux, 1.0.0 on Windows (services
    check that: platform_versions.check_task_platform_version)."""
    for attr in ("exec_log_group_arn", "exec_kms_key_arn"):
        value = getattr(args, attr)
        if value is not None:
            if not args.enable_exec:
                raise ValidationError(f"{attr}", value, "set only with enable_exec=True")
            _check_arn(f"{attr}", value, "logs" if attr == "exec_log_group_arn" else "kms")
    cluster = args.exec_cluster
    if cluster is not None:
        if not isinstance(cluster, FargateCluster):
            raise ValidationError("exec_cluster", cluster, "a FargateCluster")
        if args.enable_exec:
            raise ValidationError(
                "enable_exec",
                True,
                "False with exec_cluster (the cluster gives the log group and key)",
            )
        if cluster.exec_log_group is None:
            raise ValidationError(
                "exec_cluster",
                "FargateCluster(exec_logging=False)",
                "a cluster that logs ECS Exec sessions (FargateClusterArgs.exec_logging=True): "
                "Exec without session logs is not wired",
            )
    elif args.enable_exec and args.exec_log_group_arn is None:
        raise ValidationError(
            "enable_exec",
            True,
            "on only with exec_cluster=<FargateCluster> (or exec_log_group_arn): without the "
            "cluster's Exec log group the task role can't write session logs",
        )
    # Windows tasks run Exec too ("If you're using AWS Fargate, you must use platform version
    # 1.4.0 or higher (Linux) or 1.0.0 (Windows)", ECS guide "Running commands using ECS
    # Exec", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html);
    # they get no initProcessEnabled (a linuxParameters field), see container_definition().


def _check_containers(args: FargateTaskDefinitionArgs, size: TaskSize) -> None:
    containers = list(args.containers) if not isinstance(args.containers, Container) else None
    if containers is None or not all(isinstance(c, Container) for c in containers):
        raise ValidationError(f"{_ARGS}.containers", args.containers, "a list of Container objects")
    if not 1 <= len(containers) <= MAX_CONTAINERS:
        raise ValidationError(
            f"{_ARGS}.containers",
            [c.name for c in containers],
            f"from 1 to {MAX_CONTAINERS} containers (ECS quota, not adjustable)",
        )
    check_unique(f"{_ARGS}.containers[].name", (c.name for c in containers))
    if not any(c.essential for c in containers):
        raise ValidationError(
            f"{_ARGS}.containers[].essential",
            [c.name for c in containers],
            "at least one essential container",
        )
    _check_dependencies(containers)
    check_task_ports(containers)
    _check_container_sizes(containers, size)
    routers = [c.name for c in containers if c.firelens is not None]
    if len(routers) > 1:
        raise ValidationError(
            f"{_ARGS}.containers[].firelens", routers, "one FireLens log router per task"
        )
    for c in containers:
        if (
            c.log_configuration is not None
            and c.log_configuration.log_driver == "awsfirelens"
            and not routers
        ):
            raise ValidationError(
                f"Container(name={c.name!r}).log_configuration.log_driver",
                "awsfirelens",
                "awsfirelens only with a log router container (Container(firelens=FireLensConfig(...)))",
            )

    if is_windows(args.operating_system):
        for c in containers:
            if c.writable_paths:
                raise ValidationError(
                    f"Container(name={c.name!r}).writable_paths",
                    list(c.writable_paths),
                    "empty on Windows (a read-only root filesystem is Linux only; mount a volume)",
                )
            if c.readonly_root_filesystem:
                raise ValidationError(
                    f"Container(name={c.name!r}).readonly_root_filesystem",
                    True,
                    "False on Windows (ECS does not support it for Windows containers)",
                )
            if c.user is not None:
                raise ValidationError(
                    f"Container(name={c.name!r}).user", c.user, "unset on Windows (Linux only)"
                )


def _check_dependencies(containers: list[Container]) -> None:
    """``depends_on`` names another container of the task (HEALTHY only one with a health
    check), without cycles."""
    by_name = {c.name: c for c in containers}
    for c in containers:
        for other, condition in c.depends_on.items():
            target = by_name.get(other)
            if target is None:
                raise ValidationError(
                    f"Container(name={c.name!r}).depends_on",
                    other,
                    f"the name of another container in the task ({', '.join(sorted(by_name))})",
                )
            # "COMPLETE ... This condition can't be set on an essential container"; the same
            # for SUCCESS (ECS API reference, ContainerDependency.condition).
            if condition in ("COMPLETE", "SUCCESS") and target.essential:
                raise ValidationError(
                    f"Container(name={c.name!r}).depends_on[{other!r}]",
                    condition,
                    f"START or HEALTHY on an essential container: {condition} waits for "
                    f"{other!r} to exit, so {other!r} must set essential=False",
                )
            if condition == "HEALTHY" and target.health_check is None:
                raise ValidationError(
                    f"Container(name={c.name!r}).depends_on[{other!r}]",
                    condition,
                    f"HEALTHY only on a container with a health_check ({other!r} has none)",
                )
    depended_on = {other for c in containers for other in c.depends_on}
    for c in containers:
        # startTimeout is how long the containers depending on this one wait for it
        # (ContainerDefinition.startTimeout): on a container nothing depends on, it would
        # be silently ignored.
        if c.start_timeout is not None and c.name not in depended_on:
            raise ValidationError(
                f"Container(name={c.name!r}).start_timeout",
                c.start_timeout,
                f"set only on a container another container depends on (no depends_on "
                f"names {c.name!r}; startTimeout bounds how long they wait for it)",
            )
    _check_no_cycle(by_name)


def _check_container_sizes(containers: list[Container], size: TaskSize) -> None:
    """Container memory and cpu fit in the task's."""
    memory = sum((c.memory or c.memory_reservation or 0) for c in containers)
    if memory > size.memory:
        raise ValidationError(
            f"{_ARGS}.containers[].memory",
            {c.name: c.memory or c.memory_reservation for c in containers},
            f"container memory (hard limit, else reservation) summing to at most the task's {size.memory} MiB",
        )
    cpu = sum(c.cpu or 0 for c in containers)
    if cpu > size.cpu:
        raise ValidationError(
            f"{_ARGS}.containers[].cpu",
            {c.name: c.cpu for c in containers},
            f"container cpu summing to at most the task's {size.cpu} units",
        )


def _check_no_cycle(by_name: Mapping[str, Container]) -> None:
    state: dict[str, int] = {}

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = [*path[path.index(name) :], name]
            raise ValidationError(
                f"Container(name={name!r}).depends_on", " -> ".join(cycle), "no dependency cycles"
            )
        state[name] = 1
        for other in sorted(by_name[name].depends_on):
            visit(other, [*path, name])
        state[name] = 2

    for name in sorted(by_name):
        visit(name, [])


def _warn_risky(name: str, args: FargateTaskDefinitionArgs, resource: pulumi.Resource) -> None:
    for c in args.containers:
        suspicious = sorted(k for k in c.environment if _SECRET_LIKE.search(k))
        if suspicious:
            pulumi.log.warn(
                f"FargateTaskDefinition {name!r}: container {c.name!r} sets {', '.join(suspicious)} "
                "in plain environment; pass secrets via Container.secrets (AVD-AWS-0036).",
                resource=resource,
            )
    if (args.enable_exec or args.exec_cluster is not None) and args.task_role_arn is not None:
        pulumi.log.warn(
            f"FargateTaskDefinition {name!r}: ECS Exec with your own task_role_arn: that role "
            "must allow the ssmmessages channel actions for ECS Exec to work.",
            resource=resource,
        )
    if args.task_role_arn is not None and any(
        v.efs is not None and v.efs.iam_authorization for v in args.volumes
    ):
        pulumi.log.warn(
            f"FargateTaskDefinition {name!r}: EFS volumes with IAM authorization and your own "
            "task_role_arn: that role must allow elasticfilesystem:ClientMount (and ClientWrite "
            "for read-write mounts) on the file systems.",
            resource=resource,
        )
    unused = unused_volumes(args.volumes, args.containers)
    if unused:
        pulumi.log.warn(
            f"FargateTaskDefinition {name!r}: volumes {', '.join(unused)} are declared but no "
            "container mounts them.",
            resource=resource,
        )
    for c in args.containers:
        if c.writable_paths and c.user is not None and c.user.split(":")[0] not in ("0", "root"):
            pulumi.log.warn(
                f"FargateTaskDefinition {name!r}: container {c.name!r} runs as user {c.user!r}; "
                "bind volumes (writable_paths) are created owned by root with mode 0755, so it "
                "can write there only if the image declares a VOLUME at that path owned by it.",
                resource=resource,
            )


def check_references(cluster: Any, task_definition: Any) -> None:
    """What runs tasks (services, schedules) names a cluster (``FargateCluster`` or
    ``FargateCluster.existing(...)``) and a :class:`FargateTaskDefinition`: ``ValidationError``
    naming ``cluster`` / ``task_definition`` (relative to the caller's path) otherwise."""
    check_instance(
        "cluster",
        cluster,
        ClusterLike,  # type: ignore[type-abstract]
        "a FargateCluster or FargateCluster.existing(...)",
    )
    check_instance(
        "task_definition",
        task_definition,
        FargateTaskDefinition,
        "a FargateTaskDefinition",
    )
    if (
        getattr(cluster, "ephemeral_storage_kms_key_arn", None) is not None
        and is_known(task_definition.operating_system)
        and is_windows(str(task_definition.operating_system))
    ):
        # "Fargate ephemeral storage encryption with customer managed keys isn't available
        # for Windows task clusters" (ECS guide, "Create an encryption key for Fargate
        # ephemeral storage for Amazon ECS").
        raise ValidationError(
            "task_definition",
            f"FargateTaskDefinition(operating_system={task_definition.operating_system!r})",
            "a Linux task definition: this cluster encrypts ephemeral storage with a customer "
            "managed key (FargateClusterArgs.ephemeral_storage_kms_key_arn), which Fargate "
            "doesn't offer for Windows tasks",
        )


class _Where(NamedTuple):
    """The partition, region and account the task definition is deployed to."""

    partition: pulumi.Output[str]
    region: pulumi.Output[str]
    account_id: pulumi.Output[str]


class FargateTaskDefinition(pulumi.ComponentResource):
    """A Fargate task definition.

    Creates a CloudWatch log group (unless ``log_group_name`` is given), an execution role
    with exactly what the containers need (ECR pull on their repositories, the log group,
    the referenced secrets), a task role for the application (unless ARNs are given) and
    the ``aws.ecs.TaskDefinition`` (``awsvpc``, ``FARGATE``). The container-definition JSON
    is byte-stable: same inputs, same bytes, no replacement.

    Example::

        td = FargateTaskDefinition("web", FargateTaskDefinitionArgs(
            cpu="0.5 vCPU", memory="1 GB",
            containers=[Container(name="web", image="nginx:1.27", port_mappings=[80])],
        ))

    Attributes:
        task_definition: the ``aws.ecs.TaskDefinition``.
        arn, family: its ARN (with revision) and family.
        cpu, memory, size: the task size (ints, and a ``TaskSize``).
        architecture, operating_system: the runtime platform.
        containers: the ``Container`` objects; ``container_ports``: name -> ports.
        essential_container: the container a load balancer targets by default.
        execution_role, task_role: the created roles (None when ARNs were given).
        execution_role_arn, task_role_arn: the roles' ARNs either way.
        log_group: the created log group (None when ``log_group_name`` was given);
        log_group_name: its name either way.
        enable_exec: whether ECS Exec is on (``exec_cluster`` or ``enable_exec``).
        exec_cluster: the cluster given for ECS Exec (None otherwise).
        volumes: every task volume (declared ones, then the scratch volumes).
        efs_volumes: name -> ``EfsGrant`` of each mounted EFS volume (and whether written).
        efs_security_group_ids: the mount-target security groups services must admit on NFS.
    """

    def _build_log_router(
        self,
        name: str,
        args: FargateTaskDefinitionArgs,
        routed: tuple[str, ...],
        region: pulumi.Output[str],
        tags: dict[str, str],
    ) -> None:
        """The log router's CloudWatch destination: a log group of its own and the routed
        containers' ``awsfirelens`` options pointing at it."""
        self.app_log_group: aws.cloudwatch.LogGroup | None = None
        router = args.log_router
        if router is None:
            return
        self.app_log_group = child_log_group(
            self,
            f"{name}-{APP_LOGS}",
            retention_in_days=router.retention_days,
            kms_key_id=args.log_kms_key_arn if args.log_group_name is None else None,
            tags=tags,
        )
        group = self.app_log_group.name
        self.containers: tuple[Container, ...] = tuple(
            route_to_cloudwatch(
                c, region=region, log_group_name=group, stream_prefix=router.stream_prefix
            )
            if c.name in routed
            else c
            for c in self.containers
        )

    def __init__(
        self,
        name: str,
        args: FargateTaskDefinitionArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        check_name_tag(name)
        resolved = validate_task_definition_args(name, args)
        args = resolved.args
        super().__init__(f"{TYPE_PREFIX}:ecs:FargateTaskDefinition", name, None, opts)
        _warn_risky(name, args, self)

        self._record_facts(args, resolved)
        tags = merge_tags(args.tags)
        self._build_images(name, args)

        account_id = stack_account_id(self)
        region_name = stack_region(self)
        partition_name = stack_partition(self)
        where = _Where(partition_name, region_name, account_id)

        logs, log_group_arn = self._build_logs(name, args, tags, where)
        self._build_log_router(name, args, resolved.routed, region_name, tags)
        trust = account_id.apply(lambda account: to_json(task_trust_policy(account)))
        uses_awslogs = any(c.log_configuration is None for c in self.containers)
        execution_policy = self._build_execution_role(
            name, args, tags, trust, log_group_arn if uses_awslogs else None, where
        )
        self._build_task_role(name, args, tags, trust, where)
        self._build_task_definition(name, args, tags, logs, execution_policy)
        self.arn: pulumi.Output[str] = self.task_definition.arn
        self.register_outputs(
            {
                "arn": self.arn,
                "family": self.family,
                "executionRoleArn": self.execution_role_arn,
                "taskRoleArn": self.task_role_arn,
                "logGroupName": self.log_group_name,
            }
        )

    def _record_facts(self, args: FargateTaskDefinitionArgs, resolved: _Resolved) -> None:
        """The attributes services and schedules read (size, platform, containers, ports,
        Exec, volumes)."""
        self.family: str = resolved.family
        self.size: TaskSize = resolved.size
        self.cpu: int
        self.memory: int
        self.cpu, self.memory = resolved.size.cpu, resolved.size.memory
        self.architecture: str = args.architecture
        self.operating_system: str = args.operating_system
        self.containers = tuple(args.containers)
        self.container_ports: dict[str, list[int]] = {
            c.name: [p.container_port for p in c.ports] for c in self.containers
        }
        essentials = [c for c in self.containers if c.essential]
        self.essential_container: Container = next(
            (c for c in essentials if c.port_mappings), essentials[0]
        )
        self.enable_exec: bool = resolved.exec_on
        self.exec_cluster = args.exec_cluster
        self.volumes = tuple(task_volume_list(args.volumes, self.containers))
        #: The ``Volume.ebs(...)`` name services configure (``FargateServiceArgs.ebs_volume``).
        self.ebs_volume: str | None = next(
            (v.name for v in self.volumes if v.configured_at_launch), None
        )
        self.efs_volumes = dict(resolved.efs)
        self.efs_security_group_ids: list[pulumi.Input[str]] = [
            g.volume.efs.security_group_id
            for g in resolved.efs.values()
            if g.volume.efs is not None and g.volume.efs.security_group_id is not None
        ]

    def _build_images(self, name: str, args: FargateTaskDefinitionArgs) -> None:
        """A ``ContainerImage`` (ECR repository + build) per container built from a
        Dockerfile; those containers then run its ``image_uri`` (the immutable content tag,
        known at preview, or the digest in a given repository)."""
        #: The image built for each container given an ``ImageBuild``, by container name.
        self.images: dict[str, ContainerImage]
        containers, self.images = build_container_images(
            self, name, self.containers, args.architecture, args.tags
        )
        self.containers = tuple(containers)
        essential = self.essential_container.name
        self.essential_container = next(c for c in self.containers if c.name == essential)

    def _build_logs(
        self, name: str, args: FargateTaskDefinitionArgs, tags: dict[str, str], where: _Where
    ) -> tuple[LogSettings, pulumi.Output[str]]:
        """The log group (unless ``log_group_name`` is given); returns the awslogs settings
        and the group's ARN."""
        self.log_group: aws.cloudwatch.LogGroup | None = None
        log_group_arn: pulumi.Output[str]
        if args.log_group_name is None:
            self.log_group = child_log_group(
                self,
                f"{name}-{LOGS}",
                retention_in_days=args.log_retention_days,
                kms_key_id=args.log_kms_key_arn,
                tags=tags,
            )
            self.log_group_name: pulumi.Output[str] = self.log_group.name
        else:
            self.log_group_name = pulumi.Output.from_input(args.log_group_name)
        # From the name, not LogGroup.arn: known at preview, so the execution policy is too.
        log_group_arn = log_group_arn_of(self, self.log_group_name)
        logs = LogSettings(self.log_group_name, where.region, args.log_stream_prefix)
        return logs, log_group_arn

    def _role(
        self,
        name: str,
        suffix: str,
        description: str,
        trust: pulumi.Output[str],
        tags: dict[str, str],
    ) -> aws.iam.Role:
        return aws.iam.Role(
            f"{name}-{suffix}",
            description=description,
            assume_role_policy=trust,
            tags=merge_tags(tags, {"Name": f"{name}-{suffix}"}),
            opts=child_opts(self),
        )

    def _build_execution_role(
        self,
        name: str,
        args: FargateTaskDefinitionArgs,
        tags: dict[str, str],
        trust: pulumi.Output[str],
        log_group_arn: pulumi.Output[str] | None,
        where: _Where,
    ) -> aws.iam.RolePolicy | None:
        """The execution role and its policy (unless ``execution_role_arn`` is given);
        returns the policy, which the task definition waits for."""
        self.execution_role: aws.iam.Role | None = None
        execution_policy: aws.iam.RolePolicy | None = None
        if args.execution_role_arn is None:
            self.execution_role = self._role(
                name,
                EXECUTION_ROLE,
                f"ECS task execution role of {self.family} (image pull, logs, secrets)",
                trust,
                tags,
            )
            self.execution_role_arn: pulumi.Output[str] = self.execution_role.arn
            execution_policy = aws.iam.RolePolicy(
                f"{name}-{EXECUTION_POLICY}",
                role=self.execution_role.name,  # known at preview (the id is not)
                policy=self._execution_policy(
                    args,
                    log_group_arn,
                    where.partition,
                    where.region,
                    where.account_id,
                ),
                opts=child_opts(self),
            )
        else:
            self.execution_role_arn = pulumi.Output.from_input(args.execution_role_arn)
        return execution_policy

    def _build_task_role(
        self,
        name: str,
        args: FargateTaskDefinitionArgs,
        tags: dict[str, str],
        trust: pulumi.Output[str],
        where: _Where,
    ) -> None:
        """The application's task role, its inline and managed policies (unless
        ``task_role_arn`` is given)."""
        self.task_role: aws.iam.Role | None = None
        if args.task_role_arn is None:
            self.task_role = self._role(
                name,
                TASK_ROLE,
                f"ECS task role of {self.family} (the application's permissions)",
                trust,
                tags,
            )
            self.task_role_arn: pulumi.Output[str] = self.task_role.arn
            if (
                args.task_policy_statements
                or self.enable_exec
                or self.efs_volumes
                or args.log_router is not None
                or args.trace_collector is not None
            ):
                aws.iam.RolePolicy(
                    f"{name}-{TASK_POLICY}",
                    role=self.task_role.name,
                    policy=self._task_policy(args, where.partition, where.region, where.account_id),
                    opts=child_opts(self),
                )
            for i, policy_arn in enumerate(args.task_managed_policy_arns):
                aws.iam.RolePolicyAttachment(
                    f"{name}-{TASK_POLICY}-{i}",
                    role=self.task_role.name,
                    policy_arn=policy_arn,
                    opts=child_opts(self),
                )
        else:
            self.task_role_arn = pulumi.Output.from_input(args.task_role_arn)

    def _build_task_definition(
        self,
        name: str,
        args: FargateTaskDefinitionArgs,
        tags: dict[str, str],
        logs: LogSettings,
        execution_policy: aws.iam.RolePolicy | None,
    ) -> None:
        linux = not is_windows(self.operating_system)
        definitions = [
            container_definition(c, logs, linux=linux, init_process=self.enable_exec)
            for c in self.containers
        ]
        container_json = apply_tree(definitions, render_container_definitions)
        self.task_definition: aws.ecs.TaskDefinition = aws.ecs.TaskDefinition(
            f"{name}-{TASK_DEFINITION}",
            family=self.family,
            cpu=str(self.cpu),
            memory=str(self.memory),
            network_mode="awsvpc",
            requires_compatibilities=["FARGATE"],
            runtime_platform=aws.ecs.TaskDefinitionRuntimePlatformArgs(
                cpu_architecture=self.architecture,
                operating_system_family=self.operating_system,
            ),
            ephemeral_storage=(
                aws.ecs.TaskDefinitionEphemeralStorageArgs(size_in_gib=args.ephemeral_storage_gib)
                if args.ephemeral_storage_gib is not None
                else None
            ),
            execution_role_arn=self.execution_role_arn,
            task_role_arn=self.task_role_arn,
            container_definitions=container_json,
            volumes=[volume_json(v) for v in self.volumes] or None,  # type: ignore[misc]
            tags=merge_tags(tags, {"Name": self.family}),
            # Tasks must not start before their execution role may pull and log, nor before
            # the images built here are pushed (a tag reference carries no dependency).
            opts=child_opts(
                self,
                depends_on=[
                    *([execution_policy] if execution_policy else []),
                    *(image.image for image in self.images.values()),
                ]
                or None,
            ),
        )

    def _task_policy(
        self,
        args: FargateTaskDefinitionArgs,
        partition: pulumi.Output[str],
        region: pulumi.Output[str],
        account: pulumi.Output[str],
    ) -> pulumi.Output[str]:
        """The task role's policy: the application's statements, ECS Exec (session logs to
        the cluster's Exec log group) and exactly the EFS client actions its mounts need."""
        cluster = args.exec_cluster
        log_group = cluster.exec_log_group_arn if cluster is not None else args.exec_log_group_arn
        key = cluster.exec_kms_key_arn if cluster is not None else args.exec_kms_key_arn
        grants = list(self.efs_volumes.values())
        mounts = [
            (
                g.volume.efs.file_system_id,
                g.volume.efs.file_system_arn,
                g.volume.efs.access_point_id,
                g.volume.efs.access_point_arn,
            )
            for g in grants
            if g.volume.efs is not None and g.volume.efs.iam_authorization
        ]
        writes = [
            g.write for g in grants if g.volume.efs is not None and g.volume.efs.iam_authorization
        ]

        def build(values: list[Any]) -> str:
            statements, lg_arn, kms, part, reg, acct, resolved, app_logs = values
            sidecars: list[dict[str, Any]] = []
            if app_logs:
                sidecars += log_router_statements(app_logs)
            if args.trace_collector is not None:
                sidecars += collector_statements()
            efs: list[dict[str, Any]] = []
            for i, ((fs_id, fs_arn, ap_id, ap_arn), write) in enumerate(
                zip(resolved, writes, strict=True)
            ):
                fs = fs_arn or file_system_arn(part, reg, acct, fs_id)
                ap = ap_arn or (access_point_arn(part, reg, acct, ap_id) if ap_id else None)
                efs += client_statements(fs, ap, write=write, sid=f"Efs{i}")
            doc = task_role_policy(
                statements=[*statements, *sidecars, *efs],
                exec_enabled=self.enable_exec,
                exec_log_group_arn=lg_arn,
                exec_kms_key_arn=kms,
            )
            return to_json(doc or _NOTHING)

        return pulumi.Output.all(
            pulumi.Output.from_input([dict(s) for s in args.task_policy_statements]),
            log_group,
            key,
            partition,
            region,
            account,
            pulumi.Output.all(*[pulumi.Output.all(*m) for m in mounts]),
            log_group_arn_of(self, self.app_log_group.name) if self.app_log_group else None,
        ).apply(build)

    def _execution_policy(
        self,
        args: FargateTaskDefinitionArgs,
        log_group_arn: pulumi.Output[str] | None,
        partition: pulumi.Output[str],
        region: pulumi.Output[str],
        account: pulumi.Output[str],
    ) -> pulumi.Output[str]:
        # A built image by its repository (known at preview), not its digest (known after
        # the build): the pull permission is the repository's either way.
        images = [
            self.images[c.name].repository_url if c.name in self.images else c.image
            for c in self.containers
        ]
        secret_refs = [
            (f"Container(name={c.name!r}).secrets[{key!r}]", value)
            for c in self.containers
            for key, value in sorted(c.secret_references.items())
        ]

        kms_arns = list(args.secrets_kms_key_arns)
        kms_end = 4 + len(kms_arns)
        images_end = kms_end + len(images)

        def build(values: list[Any]) -> str:
            part, reg, acct, lg_arn = values[:4]
            kms, imgs, secrets = (
                values[4:kms_end],
                values[kms_end:images_end],
                values[images_end:],
            )
            refs = [
                parse_secret_reference(where, value)
                for (where, _), value in zip(secret_refs, secrets, strict=True)
            ]
            doc = execution_role_policy(
                images=imgs,
                log_group_arns=[lg_arn] if lg_arn else [],
                secrets=refs,
                kms_key_arns=list(kms),
                partition=part,
                region=reg,
                account=acct,
            )
            return to_json(doc or _NOTHING)

        # one flat Output.all (a nested one per list is more Outputs for the same values)
        return pulumi.Output.all(
            partition,
            region,
            account,
            log_group_arn,
            *kms_arns,
            *images,
            *[value for _, value in secret_refs],
        ).apply(build)

    # -- helpers for the service layer ---------------------------------------------------
    def check_strategy(self, strategy: CapacityStrategy | None, argument: str) -> None:
        """Raise ``ValidationError`` if ``strategy`` may place this task on Fargate Spot
        while it is ARM64 or Windows (Spot runs Linux X86_64 only)."""
        check_spot_platform(strategy, self.architecture, self.operating_system, argument)

    def load_balancer_target(
        self,
        container_name: str | None = None,
        container_port: int | None = None,
    ) -> tuple[str, int]:
        """The ``(container name, port)`` a load balancer should target: by default the
        first essential container with a port, and its first port. Raises
        ``ValidationError`` naming ``container_name`` or ``container_port`` (relative: the
        caller re-raises under its own path) when the container or port doesn't exist."""
        name = container_name or self.essential_container.name
        ports = self.container_ports.get(name)
        if ports is None:
            raise ValidationError(
                "container_name", name, f"one of {', '.join(self.container_ports)}"
            )
        if not ports:
            raise ValidationError(
                "container_name", name, "a container with at least one port mapping"
            )
        port = container_port if container_port is not None else ports[0]
        if port not in ports:
            raise ValidationError("container_port", port, f"a port of {name!r}: {ports}")
        return name, port
