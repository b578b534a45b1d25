"""CloudWatch Logs: the retention rule every log group we create follows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi
import pulumi_aws as aws

from ._component import child_opts, merge_tags
from .errors import ValidationError, is_known

__all__ = ["DEFAULT_RETENTION_DAYS", "RETENTION_DAYS", "check_retention_days", "child_log_group"]

#: The values PutRetentionPolicy accepts (CloudWatch Logs API reference, retentionInDays).
RETENTION_DAYS = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
    1096, 1827, 2192, 2557, 2922, 3288, 3653,
)  # fmt: skip

#: Default retention of every log group this library creates.
DEFAULT_RETENTION_DAYS = 30


def check_retention_days(argument: str, value: Any) -> None:
    """Require one of :data:`RETENTION_DAYS`. "Never expire" is not offered on purpose:
    unbounded retention is a cost and compliance finding (CKV_AWS_66 asks for one set)."""
    if not is_known(value):
        return
    if isinstance(value, bool) or value not in RETENTION_DAYS:
        raise ValidationError(argument, value, f"one of {', '.join(map(str, RETENTION_DAYS))}")


def child_log_group(
    parent: pulumi.Resource,
    resource_name: str,
    *,
    name_prefix: str,
    retention_in_days: pulumi.Input[int],
    kms_key_id: pulumi.Input[str] | None,
    tags: Mapping[str, str] | None,
    **opts: object,
) -> aws.cloudwatch.LogGroup:
    """A log group child of ``parent``, named ``resource_name`` (also its ``Name`` tag), with
    an AWS name starting with ``name_prefix``; ``opts`` go to :func:`child_opts`."""
    return aws.cloudwatch.LogGroup(
        resource_name,
        name_prefix=name_prefix,
        retention_in_days=retention_in_days,
        kms_key_id=kms_key_id,
        tags=merge_tags(tags, {"Name": resource_name}),
        opts=child_opts(parent, **opts),
    )
