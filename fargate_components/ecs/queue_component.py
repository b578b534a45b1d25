"""``WorkQueue``: an SQS queue for workers, with its dead-letter queue, encryption at rest and
the exact IAM statements a consumer (and a producer) needs.

SQS limits encoded below ("Amazon SQS quotas" and ``CreateQueue`` in the SQS API reference,
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html):

- ``VisibilityTimeout`` 0-43200 s (12 h); ``MessageRetentionPeriod`` 60-1209600 s (14 days);
  ``ReceiveMessageWaitTimeSeconds`` 0-20 s; ``DelaySeconds`` 0-900 s;
- the redrive policy's ``maxReceiveCount`` 1-1000;
- a standard queue keeps a message's original enqueue time when it moves to the dead-letter
  queue, so the DLQ's retention should be longer than the source queue's ("Using
  dead-letter queues in Amazon SQS",
  https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).

Consumer permissions: ``sqs:ReceiveMessage``, ``sqs:DeleteMessage``,
``sqs:ChangeMessageVisibility`` (extend a lease while working) and
``sqs:GetQueueAttributes``, on the queue's ARN only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from .._component import TYPE_PREFIX, child_opts, merge_tags, queue_arn_and_url
from ..data_protection import check_data_protection, data_protection_enabled, protection_options
from ..errors import ValidationError, argument_path, check_int_range
from ..iam import Statement, statement, to_json
from ..kms import check_key_region
from ..model.tokens import SQS_QUEUE
from ..tags import check_name_tag, check_tags

__all__ = [
    "CONSUMER_ACTIONS",
    "PRODUCER_ACTIONS",
    "WorkQueue",
    "WorkQueueArgs",
    "validate_work_queue_args",
]

QUEUE = "queue"
DEAD_LETTER_QUEUE = "dlq"
_ARG = "WorkQueueArgs"
MAX_RETENTION = 1_209_600  # 14 days
CONSUMER_ACTIONS = (
    "sqs:ChangeMessageVisibility",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
    "sqs:ReceiveMessage",
)
PRODUCER_ACTIONS = ("sqs:GetQueueAttributes", "sqs:SendMessage")


@dataclass(frozen=True, kw_only=True)
class WorkQueueArgs:
    """Arguments of :class:`WorkQueue`."""

    visibility_timeout_seconds: int = 300
    """How long a received message stays hidden from other workers; make it longer than
    the longest job (0-43200). Default 300."""
    message_retention_seconds: int = 345_600
    """How long an unprocessed message is kept (60-1209600). Default 345600 (4 days, the
    SQS default)."""
    receive_wait_time_seconds: int = 20
    """Long polling: how long a receive waits for messages (0-20). Default 20 (fewer empty
    receives, lower cost)."""
    delay_seconds: int = 0
    """Delay before a new message becomes visible (0-900). Default 0."""
    max_receive_count: int = 5
    """Receives before a message moves to the dead-letter queue (1-1000). Default 5."""
    dead_letter_retention_seconds: int = MAX_RETENTION
    """How long the dead-letter queue keeps messages (60-1209600; longer than
    ``message_retention_seconds``, see the module docstring). Default 1209600 (14 days)."""
    kms_key_arn: pulumi.Input[str] | None = None
    """A KMS key to encrypt both queues with (consumers then need ``kms:Decrypt`` on it).
    Default none: SQS-managed encryption (SSE-SQS)."""
    data_protection: bool | None = None
    """Protect the stateful children (both queues) from losing their data: ``retain_on_delete``, so a rename, a replacement or a removal from the program leaves the queue and its messages in AWS. ``False`` turns
    it off (e.g. a dev stack). Default: on, unless the stack config ``fargate:dataProtection``
    is ``"false"`` (see ``fargate_components.data_protection``)."""
    tags: Mapping[str, str] | None = None
    """Tags for both queues. Default none."""


@argument_path(_ARG)
def validate_work_queue_args(args: WorkQueueArgs) -> None:
    """Every construction-time check of a :class:`WorkQueueArgs`."""
    check_tags("tags", args.tags)
    check_data_protection("data_protection", args.data_protection)
    check_int_range("visibility_timeout_seconds", args.visibility_timeout_seconds, 0, 43_200)
    check_int_range("message_retention_seconds", args.message_retention_seconds, 60, MAX_RETENTION)
    check_int_range("receive_wait_time_seconds", args.receive_wait_time_seconds, 0, 20)
    check_int_range("delay_seconds", args.delay_seconds, 0, 900)
    check_int_range("max_receive_count", args.max_receive_count, 1, 1000)
    check_int_range(
        "dead_letter_retention_seconds",
        args.dead_letter_retention_seconds,
        60,
        MAX_RETENTION,
    )
    if args.dead_letter_retention_seconds < args.message_retention_seconds:
        raise ValidationError(
            "dead_letter_retention_seconds",
            args.dead_letter_retention_seconds,
            f"at least message_retention_seconds ({args.message_retention_seconds}): a "
            "message keeps its enqueue time in the dead-letter queue and would expire there "
            "at once",
        )
    key = args.kms_key_arn
    if isinstance(key, str) and (not key.startswith("arn:") or ":kms:" not in key):
        raise ValidationError("kms_key_arn", key, "a KMS key ARN (arn:<partition>:kms:...)")
    check_key_region("kms_key_arn", key)


def consumer_statement(queue_arn: pulumi.Input[str], *, sid: str = "ConsumeQueue") -> Statement:
    """The statement a worker's task role needs to consume ``queue_arn`` (nothing else)."""
    return statement(CONSUMER_ACTIONS, [queue_arn], sid=sid)  # type: ignore[list-item]


class WorkQueue(pulumi.ComponentResource):
    """An SQS standard queue for background jobs with a dead-letter queue.

    Example::

        # fragment: the worker's containers are yours
        jobs = WorkQueue("jobs", WorkQueueArgs(visibility_timeout_seconds=600))
        worker = FargateTaskDefinition("worker", FargateTaskDefinitionArgs(
            containers=[...],
            task_policy_statements=jobs.consumer_statements(),
        ))

    Both queues are encrypted at rest (SSE-SQS, or your KMS key); a message received
    ``max_receive_count`` times without being deleted moves to the dead-letter queue, which
    only this queue may use as its DLQ.

    Attributes:
        queue, dead_letter_queue: the ``aws.sqs.Queue`` resources.
        arn, url, name: the work queue's ARN, URL and name.
        dead_letter_arn, dead_letter_url, dead_letter_name: the same for the DLQ.
    """

    def __init__(
        self,
        name: str,
        args: WorkQueueArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        args = args or WorkQueueArgs()
        check_name_tag(name)
        validate_work_queue_args(args)
        super().__init__(f"{TYPE_PREFIX}:ecs:WorkQueue", name, None, opts)
        tags = merge_tags(args.tags)
        keep = protection_options(SQS_QUEUE, data_protection_enabled(args.data_protection))
        encryption: dict[str, Any] = (
            {"kms_master_key_id": args.kms_key_arn}
            if args.kms_key_arn is not None
            else {"sqs_managed_sse_enabled": True}
        )

        self.dead_letter_queue: aws.sqs.Queue = aws.sqs.Queue(
            f"{name}-{DEAD_LETTER_QUEUE}",
            message_retention_seconds=args.dead_letter_retention_seconds,
            tags=merge_tags(tags, {"Name": f"{name}-{DEAD_LETTER_QUEUE}"}),
            opts=child_opts(self, **keep),
            **encryption,
        )
        # ARNs and URLs from the auto-names (known at preview), not the computed attributes:
        # the redrive policies and the workers' environment and policies stay readable.
        dlq_arn, dlq_url = queue_arn_and_url(self, self.dead_letter_queue.name)
        redrive = dlq_arn.apply(
            lambda arn: to_json(
                {"deadLetterTargetArn": arn, "maxReceiveCount": args.max_receive_count}
            )
        )
        self.queue: aws.sqs.Queue = aws.sqs.Queue(
            f"{name}-{QUEUE}",
            visibility_timeout_seconds=args.visibility_timeout_seconds,
            message_retention_seconds=args.message_retention_seconds,
            receive_wait_time_seconds=args.receive_wait_time_seconds,
            delay_seconds=args.delay_seconds,
            redrive_policy=redrive,
            tags=merge_tags(tags, {"Name": f"{name}-{QUEUE}"}),
            opts=child_opts(self, **keep),
            **encryption,
        )
        queue_arn, queue_url = queue_arn_and_url(self, self.queue.name)
        # Only this queue may send its failures to the DLQ (set on the DLQ after the source
        # queue exists, as a separate resource, to avoid a cycle).
        aws.sqs.RedriveAllowPolicy(
            f"{name}-{DEAD_LETTER_QUEUE}-allow",
            queue_url=dlq_url,
            redrive_allow_policy=queue_arn.apply(
                lambda arn: to_json({"redrivePermission": "byQueue", "sourceQueueArns": [arn]})
            ),
            opts=child_opts(self),
        )
        self.arn: pulumi.Output[str] = queue_arn
        self.url: pulumi.Output[str] = queue_url
        self.name: pulumi.Output[str] = self.queue.name
        self.dead_letter_arn: pulumi.Output[str] = dlq_arn
        self.dead_letter_url: pulumi.Output[str] = dlq_url
        self.dead_letter_name: pulumi.Output[str] = self.dead_letter_queue.name
        self._kms_key_arn = args.kms_key_arn
        self.register_outputs(
            {
                "arn": self.arn,
                "url": self.url,
                "name": self.name,
                "deadLetterArn": self.dead_letter_arn,
                "deadLetterUrl": self.dead_letter_url,
            }
        )

    def consumer_statement(self, sid: str = "ConsumeQueue") -> Statement:
        """The task-role statement to consume this queue: receive, delete, change
        visibility and read attributes, on this queue's ARN only."""
        return consumer_statement(self.arn, sid=sid)

    def consumer_statements(self, sid: str = "ConsumeQueue") -> list[Statement]:
        """Everything a worker's task role needs to consume this queue: the
        :meth:`consumer_statement` and, when the queue is encrypted with your KMS key
        (``kms_key_arn``), ``kms:Decrypt`` on that key (sid ``<sid>Key``): "For a customer
        managed KMS key ... you can specify the required permissions in an IAM policy
        assigned to the principals that produce and consume encrypted messages" ("Amazon
        SQS Key management",
        https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html).
        Policy rule FC-WRK-001 reports a worker scaling on a queue it may not consume."""
        found = [self.consumer_statement(sid)]
        if self._kms_key_arn is not None:
            found.append(statement(["kms:Decrypt"], [self._kms_key_arn], sid=f"{sid}Key"))  # type: ignore[list-item]
        return found

    def producer_statement(self, sid: str = "SendToQueue") -> Statement:
        """A statement to send messages to this queue (for the producers' roles)."""
        return statement(PRODUCER_ACTIONS, [self.arn], sid=sid)  # type: ignore[list-item]
