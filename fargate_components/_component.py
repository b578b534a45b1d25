"""Small wiring helpers every component uses the same way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pulumi

if TYPE_CHECKING:
    import pulumi_aws as aws

__all__ = ["TYPE_PREFIX", "WAIVER_TAG", "child_log_group", "child_opts", "merge_tags"]

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
