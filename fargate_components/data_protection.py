"""Stateful resources: what deleting one loses, and how the library protects those it creates.

One table (:data:`STATEFUL`) serves both sides:

- the components: every stateful child they create gets the protection its row names
  (:func:`protection_options`), on by default and turned off in one place — the stack config
  ``fargate:dataProtection: "false"`` (for a dev stack), or a component's own
  ``data_protection`` argument;
- the plan diff: a replace or delete of a resource of a type in the table is *data loss*,
  named with what is lost (:mod:`fargate_components.plan.data_loss`).

Protection per type (Pulumi resource options, https://www.pulumi.com/docs/iac/concepts/options/):

- ``retain_on_delete``: when the program stops declaring the resource (or replaces it), Pulumi
  removes it from the stack but leaves it in AWS — the data stays, nothing is deleted.
  Used for queues, KMS keys and log groups: losing them is silent and final.
- ``protect``: Pulumi refuses any delete or replace until the option is turned off. Used for
  EFS file systems (``FileSystem(protect=...)``) and the EKS cluster: a replacement would
  delete every Kubernetes object, and a retained cluster would keep running (and billing)
  outside the stack, so the engine must stop instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model.tokens import (
    DYNAMODB_TABLE,
    ECR_REPOSITORY,
    ECS_CLUSTER,
    ECS_SERVICE,
    EFS_FILE_SYSTEM,
    EIP,
    EKS_CLUSTER,
    FARGATE_PROFILE,
    KMS_KEY,
    LISTENER,
    LOAD_BALANCER,
    LOG_GROUP,
    NAT_GATEWAY,
    RDS_CLUSTER,
    RDS_INSTANCE,
    S3_BUCKET,
    S3_BUCKET_V2,
    SECRET,
    SQS_QUEUE,
)

__all__ = [
    "CONFIG_KEY",
    "DOWNTIME",
    "STATEFUL",
    "Stateful",
    "check_data_protection",
    "data_protection_enabled",
    "protection_options",
]

#: The stack config key that turns protection off for every component (``"false"``).
CONFIG_KEY = "fargate:dataProtection"


@dataclass(frozen=True)
class Stateful:
    """A resource type that holds data."""

    lost: str
    """What a delete or replacement loses, in words."""
    protection: str
    """``"retain_on_delete"`` or ``"protect"``: what the library sets on the ones it creates."""
    note: str = ""
    """What still helps after a delete (e.g. a KMS key's deletion window)."""


#: Type token -> what it holds. Types we create first, then common ones programs add.
STATEFUL: dict[str, Stateful] = {
    SQS_QUEUE: Stateful("every message waiting in the queue", "retain_on_delete"),
    KMS_KEY: Stateful(
        "the key: everything encrypted under it (EKS secrets, logs) becomes unreadable",
        "retain_on_delete",
        # AWS KMS "Deleting AWS KMS keys": deletion is scheduled with a 7-30 day waiting period
        # and can be cancelled in it (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html).
        "AWS waits 7-30 days (deletionWindowInDays) before deleting a key; cancel the "
        "deletion in that window to keep it",
    ),
    EKS_CLUSTER: Stateful(
        "every Kubernetes object in the cluster (workloads, Secrets, ConfigMaps, RBAC, CRDs) "
        "and everything installed into it",
        "protect",
    ),
    LOG_GROUP: Stateful("every log event in the group", "retain_on_delete"),
    EFS_FILE_SYSTEM: Stateful("every file on the file system", "protect"),  # FileSystem(protect=)
    S3_BUCKET: Stateful("every object in the bucket", "retain_on_delete"),
    S3_BUCKET_V2: Stateful("every object in the bucket", "retain_on_delete"),
    ECR_REPOSITORY: Stateful("every image in the repository", "retain_on_delete"),
    SECRET: Stateful("the secret's value and its versions", "retain_on_delete"),
    DYNAMODB_TABLE: Stateful("every item in the table", "retain_on_delete"),
    RDS_INSTANCE: Stateful("the database", "protect"),
    RDS_CLUSTER: Stateful("the database", "protect"),
}

#: Type token -> what a replacement (or delete) interrupts, for resources that hold no data
#: but whose re-creation is an outage.
DOWNTIME: dict[str, str] = {
    ECS_SERVICE: (
        "the ECS service is re-created: its running tasks are stopped and new ones started "
        "from zero, and load-balancer targets register again"
    ),
    LOAD_BALANCER: (
        "a new load balancer with a new DNS name: clients and DNS records pointing at the old "
        "one fail until they are updated"
    ),
    LISTENER: "the listener is re-created: its port stops answering meanwhile",
    FARGATE_PROFILE: (
        "the Fargate profile is re-created: pods it scheduled are stopped and rescheduled"
    ),
    ECS_CLUSTER: "the ECS cluster is re-created, and every service in it",
    NAT_GATEWAY: (
        "the NAT gateway is re-created: outbound traffic from private subnets stops meanwhile "
        "and leaves from a new address"
    ),
    EIP: "the Elastic IP is released: its public address is gone for good",
}


def check_data_protection(argument: str, value: Any) -> None:
    """Require ``True``, ``False`` or ``None`` (the stack config decides)."""
    if value is not None and not isinstance(value, bool):
        from .errors import ValidationError

        raise ValidationError(argument, value, "True, False, or None (the stack config decides)")


def data_protection_enabled(argument: bool | None = None) -> bool:
    """Whether components protect their stateful children: ``argument`` when given, else
    the stack config ``fargate:dataProtection`` (``"false"`` turns it off), else True."""
    if argument is not None:
        return bool(argument)
    try:
        import pulumi

        value = pulumi.Config("fargate").get("dataProtection")
    except Exception:  # outside a Pulumi program there is no config
        value = None
    return value is None or str(value).strip().lower() not in ("false", "0", "no", "off")


def protection_options(type_: str, enabled: bool) -> dict[str, Any]:
    """The resource options for a child of ``type_``: ``{"retain_on_delete": True}`` or
    ``{"protect": True}`` per :data:`STATEFUL`, ``{}`` when off or not stateful."""
    row = STATEFUL.get(type_)
    if not enabled or row is None:
        return {}
    return {row.protection: True}
