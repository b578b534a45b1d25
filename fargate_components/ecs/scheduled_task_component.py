"""``ScheduledTask``: run a Fargate task on a schedule with EventBridge Scheduler (ECS
``RunTask`` target), with its own least-privilege role, retries and a dead-letter queue.

AWS facts encoded below:

- Schedule expressions are ``at(yyyy-mm-ddThh:mm:ss)``, ``rate(N minute|minutes|hour|hours|
  day|days)`` or a six-field ``cron(minutes hours day-of-month month day-of-week year)``
  with an IANA time zone ("Schedule types on EventBridge Scheduler",
  https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html): the same
  forms as Application Auto Scaling's, so :func:`scaling.check_schedule` validates them.
- Retry policy: ``MaximumRetryAttempts`` 0-185, ``MaximumEventAgeInSeconds`` 60-86400
  (EventBridge Scheduler API reference, ``RetryPolicy``:
  https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html).
  Flexible time window: 1-1440 minutes (``FlexibleTimeWindow``). ECS ``TaskCount`` 1-10.
- The dead-letter queue must be a *standard* SQS queue, and the schedule's execution role
  (not a queue policy) needs ``sqs:SendMessage`` on it ("Configuring a schedule's
  dead-letter queue", https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html).
- Running an ECS task needs ``ecs:RunTask`` on the task definition, ``iam:PassRole`` on the
  task's execution and task roles (passed to ``ecs-tasks.amazonaws.com``) and
  ``ecs:TagResource`` for tags applied at launch (condition ``ecs:CreateAction`` =
  ``RunTask``) ("Amazon ECS EventBridge IAM Role",
  https://docs.aws.amazon.com/AmazonECS/latest/developerguide/CWE_IAM_role.html). We scope
  ``RunTask`` to the task definition family (``family:*``) on the one cluster
  (``ArnEquals ecs:cluster``), and ``PassRole`` to exactly the two roles.
- Encryption at rest: a schedule's payload is encrypted with an AWS owned key unless
  ``KmsKeyArn`` names a symmetric customer managed key ("EventBridge Scheduler only supports
  using symmetric encryption KMS keys"; ``CreateSchedule`` ``KmsKeyArn``: a ``key/`` or
  ``alias/`` ARN, https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html).
  Scheduler decrypts it with the schedule's execution role when it runs the target, under the
  encryption context ``aws:scheduler:schedule-arn`` ("Encryption at rest in EventBridge
  Scheduler", https://docs.aws.amazon.com/scheduler/latest/UserGuide/encryption-rest.html): the
  role gets ``kms:Decrypt`` on the key for its own schedule, in its IAM policy and, for the
  key the component creates, in the key policy (``kms.key_policy(scheduler=...)``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from .._component import (
    TYPE_PREFIX,
    child_kms_key_or_given,
    child_opts,
    merge_tags,
    stack_account_id,
    stack_partition,
    stack_region,
)
from ..data_protection import check_data_protection, data_protection_enabled
from ..efs.file_system import NFS_PORT
from ..errors import ValidationError, argument_path, check_int_range, is_known
from ..iam import Statement, assume_role_policy, policy_document, statement, to_json
from ..kms import CREATE_KEY, check_kms_key, scheduler_decrypt_condition
from ..network.security_component import allow_tcp_ingress_between, egress_only_security_group
from ..network.types import NetworkLike
from ..tags import check_name_tag, check_tags
from .capacity import CapacityStrategy
from .cluster_types import ClusterLike
from .platform_versions import check_task_platform_version
from .scaling import check_schedule, check_timezone
from .service_args import check_egress, check_placement, check_public_ip
from .task_definition_component import FargateTaskDefinition, check_references
from .task_policies import ECS_TASKS_PRINCIPAL

__all__ = [
    "SCHEDULER_PRINCIPAL",
    "ScheduledTask",
    "ScheduledTaskArgs",
    "scheduler_role_policy",
    "scheduler_trust_policy",
    "validate_scheduled_task_args",
]

SCHEDULE = "schedule"
KEY = "key"
ROLE = "role"
ROLE_POLICY = "role-policy"
DEAD_LETTER_QUEUE = "dlq"
SECURITY_GROUP = "sg"
SCHEDULER_PRINCIPAL = "scheduler.amazonaws.com"
_ARG = "ScheduledTaskArgs"
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
DLQ_RETENTION_SECONDS = 1_209_600  # 14 days, the SQS maximum


@dataclass(frozen=True, kw_only=True)
class ScheduledTaskArgs:
    """Arguments of :class:`ScheduledTask`."""

    cluster: ClusterLike
    """The cluster to run on. Required."""
    task_definition: FargateTaskDefinition
    """What to run. Required."""
    network: NetworkLike
    """Where to run: a ``Network`` or ``Network.existing(...)``. Required."""
    schedule: str
    """``cron(m h dom mon dow year)``, ``rate(N unit)`` or ``at(yyyy-mm-ddThh:mm:ss)``,
    e.g. ``"cron(0 2 * * ? *)"`` for 02:00 every night. Required."""
    timezone: str = "UTC"
    """IANA time zone of ``schedule``. Default ``"UTC"``."""
    capacity_strategy: CapacityStrategy | None = None
    """Where tasks run (FARGATE / FARGATE_SPOT). Default: the cluster's default strategy."""
    task_count: int = 1
    """Tasks started per run (1-10). Default 1."""
    assign_public_ip: bool = False
    """Run in the public subnets with public IPs (only for networks without NAT).
    Default ``False``: private subnets, no public IP."""
    security_group_ids: Sequence[pulumi.Input[str]] = ()
    """Security groups for the tasks, used as is. Default: create one that allows all
    egress and no ingress."""
    retry_attempts: int = 2
    """Retries when the run cannot be started (0-185; e.g. no Spot capacity). Default 2."""
    maximum_event_age_seconds: int = 3600
    """Stop retrying a run this long after it was due (60-86400). Default 3600."""
    dead_letter_queue: bool = True
    """Send runs that could not be started (after retries) to a new SQS dead-letter queue.
    Default ``True``."""
    flexible_time_window_minutes: int | None = None
    """Let the run start anywhere within this many minutes after the due time (1-1440),
    spreading load. Default none (start on time)."""
    enabled: bool = True
    """Whether the schedule is enabled. Default ``True``."""
    description: str | None = None
    """The schedule's description (at most 512 characters). Default none."""
    platform_version: str = "LATEST"
    """Fargate platform version. Default ``"LATEST"``."""
    propagate_tags: bool = True
    """Copy the task definition's tags to the tasks. Default ``True``."""
    schedule_name: str | None = None
    """The schedule's name (1-64 letters, digits, ``-``, ``_``, ``.``). Default: auto-named
    from the component name."""
    kms_key_arn: pulumi.Input[str] | None = CREATE_KEY
    """The key EventBridge Scheduler encrypts the schedule's payload with (CKV_AWS_297):
    ``"create"`` creates ``<name>-key`` (rotation on, kept on delete, a key policy letting the
    account's IAM policies and, for this schedule's data only, the schedule's role decrypt);
    a KMS key ARN uses yours (its key policy must let the role ``kms:Decrypt``, or enable IAM
    policies; the role's policy grants it); ``None``: an AWS owned key (dev). Default:
    "create"."""
    data_protection: bool | None = None
    """Keep the created key when the component stops declaring it (``retain_on_delete``).
    Default: on, unless the stack config ``fargate:dataProtection`` is ``"false"``."""
    tags: Mapping[str, str] | None = None
    """Tags for the role, the key, the security group and the dead-letter queue (schedules
    take no tags). Default none."""


@argument_path(_ARG)
def validate_scheduled_task_args(args: ScheduledTaskArgs) -> CapacityStrategy:
    """Every construction-time check; returns the effective capacity strategy."""
    check_tags("tags", args.tags)
    check_kms_key("kms_key_arn", args.kms_key_arn)
    check_data_protection("data_protection", args.data_protection)
    check_references(args.cluster, args.task_definition)
    check_task_platform_version("platform_version", args.platform_version, args.task_definition)
    if args.task_definition.ebs_volume is not None:
        # EventBridge Scheduler's EcsParameters carry no volume configuration
        # (ecs/ebs_volumes.py): the configured-at-launch volume could never be created.
        raise ValidationError(
            "task_definition",
            f"FargateTaskDefinition with Volume.ebs({args.task_definition.ebs_volume!r})",
            "a task definition without Volume.ebs(...): a schedule can't configure an EBS "
            "volume at launch (use EFS or a bind volume for a scheduled task)",
        )
    strategy = check_placement(
        args.cluster.default_strategy,
        args.task_definition,
        args.network,
        args.capacity_strategy,
    )
    check_schedule("schedule", args.schedule)
    check_timezone("timezone", args.timezone)
    check_int_range("task_count", args.task_count, 1, 10)
    check_int_range("retry_attempts", args.retry_attempts, 0, 185)
    check_int_range("maximum_event_age_seconds", args.maximum_event_age_seconds, 60, 86400)
    if args.flexible_time_window_minutes is not None:
        check_int_range("flexible_time_window_minutes", args.flexible_time_window_minutes, 1, 1440)
    for field_name in ("assign_public_ip", "dead_letter_queue", "enabled", "propagate_tags"):
        if not isinstance(getattr(args, field_name), bool):
            raise ValidationError(f"{field_name}", getattr(args, field_name), "True or False")
    check_public_ip(args.assign_public_ip, args.network)
    check_egress(args.assign_public_ip, args.network)
    if isinstance(args.security_group_ids, str) or not isinstance(
        args.security_group_ids, Sequence
    ):
        raise ValidationError(
            "security_group_ids", args.security_group_ids, "a list of security group ids"
        )
    for i, group in enumerate(args.security_group_ids):
        if is_known(group) and (not isinstance(group, str) or not group.startswith("sg-")):
            raise ValidationError(f"security_group_ids[{i}]", group, "an id 'sg-...'")
    if args.description is not None and (
        not isinstance(args.description, str) or len(args.description) > 512
    ):
        raise ValidationError("description", args.description, "at most 512 characters")
    if args.schedule_name is not None and (
        not isinstance(args.schedule_name, str)
        or not 1 <= len(args.schedule_name) <= 64
        or not set(args.schedule_name) <= _NAME_CHARS
    ):
        raise ValidationError(
            "schedule_name",
            args.schedule_name,
            "1-64 letters, digits, '-', '_' and '.'",
        )
    return strategy


def scheduler_trust_policy(account_id: str) -> dict[str, Any]:
    """Trust for the schedule's role: only ``scheduler.amazonaws.com``, only on behalf of
    this account (``aws:SourceAccount``, confused-deputy protection)."""
    return assume_role_policy(SCHEDULER_PRINCIPAL, source_account=account_id)


def scheduler_role_policy(
    *,
    partition: str,
    region: str,
    account_id: str,
    family: str,
    cluster_arn: str,
    cluster_name: str,
    pass_role_arns: Sequence[str],
    dead_letter_arn: str | None = None,
    kms_key_arn: str | None = None,
    schedules: str = "default/*",
) -> dict[str, Any]:
    """What the schedule's role may do: run this task definition family on this cluster,
    pass exactly the task's roles to ECS tasks, tag the tasks it launches, (with a DLQ) send
    failed runs to that queue, and (with a key) decrypt its own schedules' payload
    (``schedules``: ``<group>/<name or pattern>``). Nothing else."""
    prefix = f"arn:{partition}:ecs:{region}:{account_id}"
    statements: list[Statement] = [
        statement(
            ["ecs:RunTask"],
            [f"{prefix}:task-definition/{family}:*"],
            sid="RunTask",
            condition={"ArnEquals": {"ecs:cluster": cluster_arn}},
        ),
        statement(
            ["iam:PassRole"],
            sorted(set(pass_role_arns)),
            sid="PassTaskRoles",
            condition={"StringEquals": {"iam:PassedToService": ECS_TASKS_PRINCIPAL}},
        ),
        statement(
            ["ecs:TagResource"],
            [f"{prefix}:task/{cluster_name}/*"],
            sid="TagLaunchedTasks",
            condition={"StringEquals": {"ecs:CreateAction": "RunTask"}},
        ),
    ]
    if dead_letter_arn:
        statements.append(statement(["sqs:SendMessage"], [dead_letter_arn], sid="DeadLetter"))
    if kms_key_arn:
        schedule_arns = f"arn:{partition}:scheduler:{region}:{account_id}:schedule/{schedules}"
        statements.append(_decrypt_statement(kms_key_arn, schedule_arns))
    return policy_document(statements)


def _decrypt_statement(kms_key_arn: str, schedule_arns: str) -> Statement:
    """``kms:Decrypt`` on the schedule's key for its own data. An alias ARN authorises
    nothing as a Resource, so a key given by alias is matched by ``kms:ResourceAliases``
    among this account's keys ("Using aliases to control access to KMS keys", KMS developer
    guide)."""
    condition = scheduler_decrypt_condition(schedule_arns)
    resource = kms_key_arn
    if ":alias/" in kms_key_arn:
        head, alias = kms_key_arn.split(":alias/", 1)
        resource = f"{head}:key/*"
        condition["ForAnyValue:StringEquals"] = {"kms:ResourceAliases": f"alias/{alias}"}
    return statement(["kms:Decrypt"], [resource], sid="DecryptSchedule", condition=condition)


def _schedules(name: str, args: ScheduledTaskArgs) -> str:
    """The end of the schedule's ARN (``<group>/<name>``): the name given, else the pattern
    of Pulumi's auto-name (``<name>-schedule-<7 random characters>``), in the default group."""
    if args.schedule_name is not None:
        return f"default/{args.schedule_name}"
    return f"default/{name}-{SCHEDULE}-*"


class ScheduledTask(pulumi.ComponentResource):
    """Run a Fargate task on a schedule (EventBridge Scheduler → ECS ``RunTask``).

    Example::

        # fragment: `cluster`, `batch` (a task definition) and `net` are yours
        ScheduledTask("nightly", ScheduledTaskArgs(
            cluster=cluster, task_definition=batch, network=net,
            schedule="cron(0 2 * * ? *)", timezone="Europe/Paris",
            capacity_strategy=CapacityStrategy.spot()))

    Creates an IAM role trusted only by EventBridge Scheduler in this account, allowed to
    run exactly this task definition family on this cluster and to pass exactly its two
    roles; a customer managed key for the schedule (``kms_key_arn``); a security group
    (egress only) unless you give one; an encrypted SQS
    dead-letter queue for runs that could not be started after ``retry_attempts``; and
    the ``aws.scheduler.Schedule``. Tasks run in the private subnets without public IPs.

    Attributes:
        schedule: the ``aws.scheduler.Schedule``; ``arn``, ``name``: its ARN and name.
        role: the schedule's role; ``role_arn``: its ARN.
        key: the created key (None when ``kms_key_arn`` is an ARN or None);
        ``kms_key_arn``: the key the schedule is encrypted with (None: AWS owned).
        dead_letter_queue: the DLQ (None when off); ``dead_letter_arn``: its ARN.
        security_group: the created security group (None when ids were given);
        ``security_group_ids``: the groups the tasks use.
        capacity_strategy: the effective :class:`CapacityStrategy`.
    """

    def __init__(
        self,
        name: str,
        args: ScheduledTaskArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        check_name_tag(name)
        strategy = validate_scheduled_task_args(args)
        super().__init__(f"{TYPE_PREFIX}:ecs:ScheduledTask", name, None, opts)
        self.capacity_strategy = strategy
        tags = merge_tags(args.tags)

        account = stack_account_id(self)
        region = stack_region(self)
        partition = stack_partition(self)

        self._build_security_group(name, args, tags)
        dead_letter_arn = self._build_dead_letter_queue(name, args, tags)
        role_policy = self._build_role(
            name, args, tags, dead_letter_arn, partition=partition, region=region, account=account
        )
        self._build_schedule(name, args, strategy, dead_letter_arn, role_policy)
        self.kms_key_arn: pulumi.Input[str] | None = self._kms_key_arn
        self.arn: pulumi.Output[str] = self.schedule.arn
        self.name: pulumi.Output[str] = self.schedule.name
        self.role_arn: pulumi.Output[str] = self.role.arn
        self.dead_letter_arn: pulumi.Output[str] | None = dead_letter_arn
        outputs: dict[str, object] = {"arn": self.arn, "name": self.name, "roleArn": self.role_arn}
        if dead_letter_arn is not None:
            outputs["deadLetterArn"] = dead_letter_arn
        self.register_outputs(outputs)

    def _build_security_group(
        self, name: str, args: ScheduledTaskArgs, tags: dict[str, str]
    ) -> None:
        """An egress-only security group for the tasks, unless ``security_group_ids``;
        the tasks' way into the file systems they mount."""
        task = args.task_definition
        self.security_group: aws.ec2.SecurityGroup | None = None
        groups: list[pulumi.Input[str]] = list(args.security_group_ids)
        if not groups:
            self.security_group = egress_only_security_group(
                self,
                f"{name}-{SECURITY_GROUP}",
                vpc_id=args.network.vpc_id,
                description=f"Tasks of the {name} scheduled task",
                tags=tags,
            )
            groups = [self.security_group.id]
        self.security_group_ids: list[pulumi.Input[str]] = groups
        # Each mounted file system admits only its clients.
        allow_tcp_ingress_between(
            self,
            f"{name}-{SECURITY_GROUP}-nfs",
            target_group_ids=task.efs_security_group_ids,
            source_group_ids=groups,
            port=NFS_PORT,
            description=f"NFS from the tasks of the {name} scheduled task",
        )

    def _build_dead_letter_queue(
        self, name: str, args: ScheduledTaskArgs, tags: dict[str, str]
    ) -> pulumi.Output[str] | None:
        """The encrypted dead-letter queue (``dead_letter_queue=True``); returns its ARN."""
        self.dead_letter_queue: aws.sqs.Queue | None = None
        dead_letter_arn: pulumi.Output[str] | None = None
        if args.dead_letter_queue:
            self.dead_letter_queue = aws.sqs.Queue(
                f"{name}-{DEAD_LETTER_QUEUE}",
                message_retention_seconds=DLQ_RETENTION_SECONDS,
                sqs_managed_sse_enabled=True,
                tags=merge_tags(tags, {"Name": f"{name}-{DEAD_LETTER_QUEUE}"}),
                opts=child_opts(self),
            )
            dead_letter_arn = self.dead_letter_queue.arn
        return dead_letter_arn

    def _build_role(
        self,
        name: str,
        args: ScheduledTaskArgs,
        tags: dict[str, str],
        dead_letter_arn: pulumi.Output[str] | None,
        *,
        partition: pulumi.Output[str],
        region: pulumi.Output[str],
        account: pulumi.Output[str],
    ) -> aws.iam.RolePolicy:
        """The schedule's role: trusted by EventBridge Scheduler in this account, allowed to
        run this family on this cluster and pass its two roles (and decrypt its schedule with
        the key, created here after the role its key policy names); returns its policy."""
        task = args.task_definition
        self.role: aws.iam.Role = aws.iam.Role(
            f"{name}-{ROLE}",
            description=f"EventBridge Scheduler role of {name} (runs {task.family})",
            assume_role_policy=account.apply(lambda a: to_json(scheduler_trust_policy(a))),
            tags=merge_tags(tags, {"Name": f"{name}-{ROLE}"}),
            opts=child_opts(self),
        )
        schedules = _schedules(name, args)
        self.key: aws.kms.Key | None
        self.key, self._kms_key_arn = child_kms_key_or_given(
            self,
            f"{name}-{KEY}",
            args.kms_key_arn,
            purposes=[f"the EventBridge Scheduler schedule of {name}"],
            logs=False,
            tags=tags,
            protect=data_protection_enabled(args.data_protection),
            scheduler=(self.role.arn, schedules),
        )
        family = task.family
        document = pulumi.Output.all(
            partition,
            region,
            account,
            args.cluster.arn,
            args.cluster.name,
            task.execution_role_arn,
            task.task_role_arn,
            dead_letter_arn,
            self._kms_key_arn,
        ).apply(
            lambda v: to_json(
                scheduler_role_policy(
                    partition=v[0],
                    region=v[1],
                    account_id=v[2],
                    family=family,
                    cluster_arn=v[3],
                    cluster_name=v[4],
                    pass_role_arns=[v[5], v[6]],
                    dead_letter_arn=v[7],
                    kms_key_arn=v[8],
                    schedules=schedules,
                )
            )
        )
        role_policy = aws.iam.RolePolicy(
            f"{name}-{ROLE_POLICY}",
            role=self.role.name,
            policy=document,
            opts=child_opts(self),
        )
        return role_policy

    def _build_schedule(
        self,
        name: str,
        args: ScheduledTaskArgs,
        strategy: CapacityStrategy,
        dead_letter_arn: pulumi.Output[str] | None,
        role_policy: aws.iam.RolePolicy,
    ) -> None:
        task = args.task_definition
        groups = self.security_group_ids
        subnets = (
            args.network.public_subnet_ids
            if args.assign_public_ip
            else args.network.private_subnet_ids
        )
        sched = aws.scheduler
        window = (
            sched.ScheduleFlexibleTimeWindowArgs(
                mode="FLEXIBLE", maximum_window_in_minutes=args.flexible_time_window_minutes
            )
            if args.flexible_time_window_minutes is not None
            else sched.ScheduleFlexibleTimeWindowArgs(mode="OFF")
        )
        self.schedule: aws.scheduler.Schedule = sched.Schedule(
            f"{name}-{SCHEDULE}",
            name=args.schedule_name,
            description=args.description,
            schedule_expression=args.schedule,
            schedule_expression_timezone=args.timezone,
            kms_key_arn=self._kms_key_arn,
            state="ENABLED" if args.enabled else "DISABLED",
            flexible_time_window=window,
            target=sched.ScheduleTargetArgs(
                arn=args.cluster.arn,
                role_arn=self.role.arn,
                ecs_parameters=sched.ScheduleTargetEcsParametersArgs(
                    task_definition_arn=task.arn,
                    task_count=args.task_count,
                    capacity_provider_strategies=[
                        sched.ScheduleTargetEcsParametersCapacityProviderStrategyArgs(
                            capacity_provider=item.provider, base=item.base, weight=item.weight
                        )
                        for item in strategy.items
                    ],
                    network_configuration=sched.ScheduleTargetEcsParametersNetworkConfigurationArgs(
                        subnets=subnets,
                        security_groups=groups,
                        assign_public_ip=args.assign_public_ip,
                    ),
                    platform_version=args.platform_version,
                    propagate_tags="TASK_DEFINITION" if args.propagate_tags else None,
                    enable_ecs_managed_tags=True,
                ),
                retry_policy=sched.ScheduleTargetRetryPolicyArgs(
                    maximum_retry_attempts=args.retry_attempts,
                    maximum_event_age_in_seconds=args.maximum_event_age_seconds,
                ),
                dead_letter_config=sched.ScheduleTargetDeadLetterConfigArgs(arn=dead_letter_arn)
                if dead_letter_arn is not None
                else None,
            ),
            # The role must be allowed to run the task before the first run is due.
            opts=child_opts(self, depends_on=[role_policy]),
        )
