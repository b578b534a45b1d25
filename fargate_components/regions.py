"""The region a stack deploys to, as construction can know it (pure: config and environment,
no invoke; the components' ``_component.stack_region`` is the provider's, an Output)."""

from __future__ import annotations

import os

import pulumi

__all__ = ["stack_region"]


def stack_region() -> str | None:
    """The region the AWS provider deploys to: ``aws:region`` config, else the
    ``AWS_REGION`` / ``AWS_DEFAULT_REGION`` environment variables; ``None`` when unknown."""
    try:
        region = pulumi.Config("aws").get("region")
    except Exception:  # outside a Pulumi program there is no config
        region = None
    return region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None
