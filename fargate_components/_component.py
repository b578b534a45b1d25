"""Small wiring helpers every component uses the same way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pulumi

if TYPE_CHECKING:
    import pulumi_aws as aws

__all__ = [
    "TYPE_PREFIX",
    "WAIVER_TAG",
    "child_kms_key",
    "child_log_group",
    "child_opts",
    "merge_tags",
]

#: Every component's type token starts with this package name, e.g. ``fargate:network:Network``.
TYPE_PREFIX = "fargate"

#: The tag that waives policy findings on a resource (see ``fargate_components.policy``).
#: Here, not in the policy package, so components can set it without loading the rules.
WAIVER_TAG = "fargate:waive"


def child_opts(parent: pulumi.Resource, **kwargs: object) -> pulumi.ResourceOptions:
    """Options for a child resource: parented to its component (never a copy of the
    component's own options: the provider and other inherited settings flow through
    ``parent``)."""
    return pulumi.ResourceOptions(parent=parent, **kwargs)  # type: ignore[arg-type]


def merge_tags(*tag_sets: Mapping[str, str] | None) -> dict[str, str]:
    """Merge tag maps left to right (later ones win); ``None`` entries are skipped. The
    result is checked against AWS's tag rules (``fargate_components.tags``), so a tag the
    library adds itself can never be one AWS refuses."""
    from .tags import check_merged_tags

    merged: dict[str, str] = {}
    for tags in tag_sets:
        if tags:
            merged.update(tags)
    check_merged_tags(merged)
    return merged


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
    import pulumi_aws as aws  # here, so the policy package can read WAIVER_TAG cheaply

    return aws.cloudwatch.LogGroup(
        resource_name,
        name_prefix=name_prefix,
        retention_in_days=retention_in_days,
        kms_key_id=kms_key_id,
        tags=merge_tags(tags, {"Name": resource_name}),
        opts=child_opts(parent, **opts),
    )


def child_kms_key(
    parent: pulumi.Resource,
    resource_name: str,
    *,
    purposes: list[str],
    logs: bool,
    tags: Mapping[str, str] | None,
    protect: bool,
) -> aws.kms.Key:
    """A customer managed key child of ``parent`` named ``resource_name``: rotation on, the
    longest deletion window, an explicit key policy (``kms.key_policy``; ``logs`` lets
    CloudWatch Logs of the stack's region use it) and, with ``protect``, kept when the stack
    stops declaring it (``data_protection``)."""
    import pulumi_aws as aws

    from . import iam
    from .data_protection import protection_options
    from .kms import KEY_DELETION_WINDOW_DAYS, describe, key_policy
    from .model.tokens import KMS_KEY

    invoke = pulumi.InvokeOutputOptions(parent=parent)
    policy = pulumi.Output.all(
        aws.get_caller_identity_output(opts=invoke).account_id,
        aws.get_partition_output(opts=invoke).partition,
        aws.get_region_output(opts=invoke).region,
    ).apply(lambda v: iam.to_json(key_policy(str(v[0]), str(v[1]), str(v[2]), logs=logs)))
    return aws.kms.Key(
        resource_name,
        description=describe(purposes),
        enable_key_rotation=True,
        deletion_window_in_days=KEY_DELETION_WINDOW_DAYS,
        policy=policy,
        tags=merge_tags(tags, {"Name": resource_name}),
        opts=child_opts(parent, **protection_options(KMS_KEY, protect)),
    )
