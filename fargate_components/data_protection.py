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
  Used for queues, KMS keys, log groups and file systems: losing them is silent and final.
- ``protect``: Pulumi refuses any delete or replace until the option is turned off. Used for
  the EKS cluster: a replacement would delete every Kubernetes object, and a retained cluster
  would keep running (and billing) outside the stack, so the engine must stop instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "CONFIG_KEY",
    "DOWNTIME",
    "STATEFUL",
    "Stateful",
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
    "aws:sqs/queue:Queue": Stateful("every message waiting in the queue", "retain_on_delete"),
    "aws:kms/key:Key": Stateful(
        "the key: everything encrypted under it (EKS secrets, logs) becomes unreadable",
        "retain_on_delete",
        # AWS KMS "Deleting AWS KMS keys": deletion is scheduled with a 7-30 day waiting period
        # and can be cancelled in it (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html).
        "AWS waits 7-30 days (deletionWindowInDays) before deleting a key; cancel the "
        "deletion in that window to keep it",
    ),
    "aws:eks/cluster:Cluster": Stateful(
        "every Kubernetes object in the cluster (workloads, Secrets, ConfigMaps, RBAC, CRDs) "
        "and everything installed into it",
        "protect",
    ),
    "aws:cloudwatch/logGroup:LogGroup": Stateful(
        "every log event in the group", "retain_on_delete"
    ),
    "aws:efs/fileSystem:FileSystem": Stateful("every file on the file system", "retain_on_delete"),
    "aws:s3/bucket:Bucket": Stateful("every object in the bucket", "retain_on_delete"),
    "aws:s3/bucketV2:BucketV2": Stateful("every object in the bucket", "retain_on_delete"),
    "aws:ecr/repository:Repository": Stateful("every image in the repository", "retain_on_delete"),
    "aws:secretsmanager/secret:Secret": Stateful(
        "the secret's value and its versions", "retain_on_delete"
    ),
    "aws:dynamodb/table:Table": Stateful("every item in the table", "retain_on_delete"),
    "aws:rds/instance:Instance": Stateful("the database", "protect"),
    "aws:rds/cluster:Cluster": Stateful("the database", "protect"),
}

#: Type token -> what a replacement (or delete) interrupts, for resources that hold no data
#: but whose re-creation is an outage.
DOWNTIME: dict[str, str] = {
    "aws:ecs/service:Service": (
        "the ECS service is re-created: its running tasks are stopped and new ones started "
        "from zero, and load-balancer targets register again"
    ),
    "aws:lb/loadBalancer:LoadBalancer": (
        "a new load balancer with a new DNS name: clients and DNS records pointing at the old "
        "one fail until they are updated"
    ),
    "aws:lb/listener:Listener": "the listener is re-created: its port stops answering meanwhile",
    "aws:eks/fargateProfile:FargateProfile": (
        "the Fargate profile is re-created: pods it scheduled are stopped and rescheduled"
    ),
    "aws:ecs/cluster:Cluster": "the ECS cluster is re-created, and every service in it",
    "aws:ec2/natGateway:NatGateway": (
        "the NAT gateway is re-created: outbound traffic from private subnets stops meanwhile "
        "and leaves from a new address"
    ),
    "aws:ec2/eip:Eip": "the Elastic IP is released: its public address is gone for good",
}


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
