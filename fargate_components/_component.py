"""Small helpers every component uses the same way."""

from __future__ import annotations

from collections.abc import Mapping

import pulumi

__all__ = ["TYPE_PREFIX", "WAIVER_TAG", "child_opts", "merge_tags"]

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
    """Merge tag maps left to right (later ones win); ``None`` entries are skipped."""
    merged: dict[str, str] = {}
    for tags in tag_sets:
        if tags:
            merged.update(tags)
    return merged
