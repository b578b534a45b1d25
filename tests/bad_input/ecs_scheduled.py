"""Bad inputs of ScheduledTask, WorkQueue and queue-backlog autoscaling."""

from __future__ import annotations

from typing import Any

from fargate_components import (
    CapacityStrategy,
    Container,
    FargateCluster,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    Network,
)
from fargate_components.ecs.queue_component import WorkQueue, WorkQueueArgs
from fargate_components.ecs.scaling import Autoscaling, check_autoscaling
from fargate_components.ecs.scheduled_task_component import ScheduledTask, ScheduledTaskArgs
from tests.bad_input import BadInput
from tests.bad_input.eks import FakeNetwork


def _scheduled(**kwargs: Any) -> ScheduledTask:
    net = kwargs.pop("network", None) or Network.existing(
        "vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"]
    )
    task_args: dict[str, Any] = kwargs.pop("task_args", {})
    args: dict[str, Any] = {
        "cluster": FargateCluster("c"),
        "task_definition": FargateTaskDefinition(
            "job",
            FargateTaskDefinitionArgs(
                containers=[Container(name="job", image="busybox:1.36")], **task_args
            ),
        ),
        "network": net,
        "schedule": "cron(0 2 * * ? *)",
    }
    args.update(kwargs)
    return ScheduledTask("nightly", ScheduledTaskArgs(**args))


def _backlog(**kwargs: Any) -> None:
    check_autoscaling(Autoscaling(max_capacity=5, **kwargs))


A = "ScheduledTaskArgs"
CASES = [
    BadInput(
        "sched-schedule-5-fields", lambda: _scheduled(schedule="cron(0 2 * * ?)"), f"{A}.schedule"
    ),
    BadInput(
        "sched-schedule-both-days",
        lambda: _scheduled(schedule="cron(0 2 * * MON *)"),
        f"{A}.schedule",
    ),
    BadInput(
        "sched-schedule-rate-unit", lambda: _scheduled(schedule="rate(5 weeks)"), f"{A}.schedule"
    ),
    BadInput("sched-schedule-not-str", lambda: _scheduled(schedule=3600), f"{A}.schedule"),
    BadInput("sched-timezone", lambda: _scheduled(timezone="CET+1"), f"{A}.timezone"),
    BadInput("sched-task-count-zero", lambda: _scheduled(task_count=0), f"{A}.task_count"),
    BadInput("sched-task-count-11", lambda: _scheduled(task_count=11), f"{A}.task_count"),
    BadInput("sched-retry-186", lambda: _scheduled(retry_attempts=186), f"{A}.retry_attempts"),
    BadInput("sched-retry-negative", lambda: _scheduled(retry_attempts=-1), f"{A}.retry_attempts"),
    BadInput(
        "sched-event-age-59",
        lambda: _scheduled(maximum_event_age_seconds=59),
        f"{A}.maximum_event_age_seconds",
    ),
    BadInput(
        "sched-event-age-day-plus",
        lambda: _scheduled(maximum_event_age_seconds=86401),
        f"{A}.maximum_event_age_seconds",
    ),
    BadInput(
        "sched-window-zero",
        lambda: _scheduled(flexible_time_window_minutes=0),
        f"{A}.flexible_time_window_minutes",
    ),
    BadInput(
        "sched-window-1441",
        lambda: _scheduled(flexible_time_window_minutes=1441),
        f"{A}.flexible_time_window_minutes",
    ),
    BadInput(
        "sched-spot-on-arm",
        lambda: _scheduled(
            task_args={"architecture": "ARM64"}, capacity_strategy=CapacityStrategy.spot()
        ),
        f"{A}.capacity_strategy",
    ),
    BadInput(
        "sched-strategy-not-a-strategy",
        lambda: _scheduled(capacity_strategy=[("FARGATE", 0, 1)]),
        f"{A}.capacity_strategy",
    ),
    BadInput(
        "sched-public-ip-without-public-subnets",
        lambda: _scheduled(
            network=Network.existing("vpc-1", [], ["subnet-c"]), assign_public_ip=True
        ),
        f"{A}.assign_public_ip",
    ),
    BadInput(
        "sched-private-without-egress",
        lambda: _scheduled(network=FakeNetwork(nat_strategy="none")),
        f"{A}.network",
    ),
    BadInput("sched-cluster-not-cluster", lambda: _scheduled(cluster="c"), f"{A}.cluster"),
    BadInput(
        "sched-task-definition-arn",
        lambda: _scheduled(task_definition="arn:aws:ecs:x"),
        f"{A}.task_definition",
    ),
    BadInput("sched-network-not-network", lambda: _scheduled(network=object()), f"{A}.network"),
    BadInput(
        "sched-security-group-not-id",
        lambda: _scheduled(security_group_ids=["default"]),
        f"{A}.security_group_ids[0]",
    ),
    BadInput(
        "sched-security-groups-str",
        lambda: _scheduled(security_group_ids="sg-1"),
        f"{A}.security_group_ids",
    ),
    BadInput(
        "sched-name-too-long", lambda: _scheduled(schedule_name="x" * 65), f"{A}.schedule_name"
    ),
    BadInput(
        "sched-name-chars", lambda: _scheduled(schedule_name="nightly job"), f"{A}.schedule_name"
    ),
    BadInput(
        "sched-description-long", lambda: _scheduled(description="d" * 513), f"{A}.description"
    ),
    BadInput("sched-enabled-str", lambda: _scheduled(enabled="yes"), f"{A}.enabled"),
    # WorkQueue
    BadInput(
        "queue-visibility-too-long",
        lambda: WorkQueue("q", WorkQueueArgs(visibility_timeout_seconds=43_201)),
        "WorkQueueArgs.visibility_timeout_seconds",
    ),
    BadInput(
        "queue-retention-too-short",
        lambda: WorkQueue("q", WorkQueueArgs(message_retention_seconds=59)),
        "WorkQueueArgs.message_retention_seconds",
    ),
    BadInput(
        "queue-wait-21",
        lambda: WorkQueue("q", WorkQueueArgs(receive_wait_time_seconds=21)),
        "WorkQueueArgs.receive_wait_time_seconds",
    ),
    BadInput(
        "queue-delay-901",
        lambda: WorkQueue("q", WorkQueueArgs(delay_seconds=901)),
        "WorkQueueArgs.delay_seconds",
    ),
    BadInput(
        "queue-max-receive-zero",
        lambda: WorkQueue("q", WorkQueueArgs(max_receive_count=0)),
        "WorkQueueArgs.max_receive_count",
    ),
    BadInput(
        "queue-dlq-retention-shorter",
        lambda: WorkQueue(
            "q",
            WorkQueueArgs(
                message_retention_seconds=86_400 * 7, dead_letter_retention_seconds=86_400
            ),
        ),
        "WorkQueueArgs.dead_letter_retention_seconds",
    ),
    BadInput(
        "queue-kms-not-arn",
        lambda: WorkQueue("q", WorkQueueArgs(kms_key_arn="alias/sqs")),
        "WorkQueueArgs.kms_key_arn",
    ),
    # Backlog-per-task autoscaling
    BadInput(
        "backlog-without-queue", lambda: _backlog(queue_backlog_target=10), "Autoscaling.queue_name"
    ),
    BadInput(
        "backlog-queue-without-target",
        lambda: _backlog(queue_name="jobs"),
        "Autoscaling.queue_backlog_target",
    ),
    BadInput(
        "backlog-target-zero",
        lambda: _backlog(queue_backlog_target=0, queue_name="jobs"),
        "Autoscaling.queue_backlog_target",
    ),
    BadInput(
        "backlog-queue-url",
        lambda: _backlog(
            queue_backlog_target=5, queue_name="https://sqs.us-east-1.amazonaws.com/1/jobs"
        ),
        "Autoscaling.queue_name",
    ),
]


def _ebs_scheduled() -> ScheduledTask:
    from fargate_components.ecs.volumes import MountPoint, Volume

    task = FargateTaskDefinition(
        "job",
        FargateTaskDefinitionArgs(
            containers=[
                Container(
                    name="job",
                    image="busybox:1.36",
                    mount_points=[MountPoint(volume="data", path="/data")],
                )
            ],
            volumes=[Volume.ebs("data")],
        ),
    )
    return _scheduled(task_definition=task)


CASES += [
    # EventBridge Scheduler can't configure a task-attached EBS volume at launch.
    BadInput("scheduled-ebs-volume", _ebs_scheduled, "ScheduledTaskArgs.task_definition"),
]

CASES += [
    # The schedule's key: "create", a KMS key/alias ARN (CreateSchedule KmsKeyArn), or None.
    BadInput(
        "scheduled-kms-key-not-an-arn",
        lambda: _scheduled(kms_key_arn="alias/mine"),
        f"{A}.kms_key_arn",
    ),
    BadInput(
        "scheduled-kms-key-other-service",
        lambda: _scheduled(kms_key_arn="arn:aws:iam::123456789012:role/key"),
        f"{A}.kms_key_arn",
    ),
    BadInput(
        "scheduled-data-protection-word",
        lambda: _scheduled(data_protection="yes"),
        f"{A}.data_protection",
    ),
]
