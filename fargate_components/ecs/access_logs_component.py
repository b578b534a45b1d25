"""The S3 bucket a load balancer (ALB or NLB) creates for its access logs: encrypted
(SSE-S3), private, ACLs disabled, versioned, TLS-only, with the log-delivery bucket policy of
its load balancer type and a lifecycle. The decisions (names, policies, rules) are in
:mod:`fargate_components.ecs.access_logs`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from .._component import child_opts, stack_account_id, stack_partition
from .._component import stack_region as deployed_region
from ..data_protection import data_protection_enabled, protection_options
from ..iam import to_json
from ..model.tokens import S3_BUCKET
from .access_logs import BUCKET_NAME_INPUTS, bucket_resource_name

__all__ = ["ACCESS_LOGS", "AccessLogBucket", "build_access_log_bucket"]

#: The role suffix of the bucket and its configuration children: ``<name>-access-logs``.
ACCESS_LOGS = "access-logs"

#: ``(bucket, prefix, account, partition, region) -> bucket policy document``.
BucketPolicy = Callable[[str, "str | None", str, str, str], dict[str, Any]]


@dataclass(frozen=True)
class AccessLogBucket:
    """What :func:`build_access_log_bucket` created."""

    bucket: aws.s3.Bucket
    policy: aws.s3.BucketPolicy
    """The bucket policy: the load balancer waits for it (ELB checks the policy when access
    logging is turned on)."""


def _bucket(
    parent: pulumi.Resource, role: str, tags: dict[str, str], protect: bool
) -> aws.s3.Bucket:
    """The bucket, auto-named: its name (and so the policy and every child keyed by it) is
    known at the first preview. A bucket an earlier version named from a prefix is kept
    (ignore_changes), one registered under a name that was not bucket-safe is found by its
    alias."""
    logical = bucket_resource_name(role)
    return aws.s3.Bucket(
        logical,
        tags=tags,
        opts=child_opts(
            parent,
            ignore_changes=list(BUCKET_NAME_INPUTS),
            aliases=[pulumi.Alias(name=role)] if logical != role else None,
            **protection_options(S3_BUCKET, protect),
        ),
    )


def build_access_log_bucket(
    parent: pulumi.Resource,
    name: str,
    *,
    tags: dict[str, str],
    prefix: str | None,
    retention_days: int,
    data_protection: bool | None,
    policy: BucketPolicy,
) -> AccessLogBucket:
    """The access-log bucket of load balancer ``name`` (children ``<name>-access-logs``),
    with the delivery policy ``policy`` builds for the stack's account and region."""
    role = f"{name}-{ACCESS_LOGS}"
    bucket = _bucket(parent, role, tags, data_protection_enabled(data_protection))
    name_of_bucket = bucket.bucket  # known at preview (auto-named), unlike bucket.id
    block = aws.s3.BucketPublicAccessBlock(
        role,
        bucket=name_of_bucket,
        block_public_acls=True,
        block_public_policy=True,
        ignore_public_acls=True,
        restrict_public_buckets=True,
        opts=child_opts(parent),
    )
    aws.s3.BucketOwnershipControls(
        role,
        bucket=name_of_bucket,
        rule={"object_ownership": "BucketOwnerEnforced"},
        opts=child_opts(parent),
    )
    aws.s3.BucketServerSideEncryptionConfiguration(
        role,
        bucket=name_of_bucket,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}],
        opts=child_opts(parent),
    )
    aws.s3.BucketVersioning(
        role,
        bucket=name_of_bucket,
        versioning_configuration={"status": "Enabled"},
        opts=child_opts(parent),
    )
    aws.s3.BucketLifecycleConfiguration(
        role,
        bucket=name_of_bucket,
        rules=[
            {
                "id": "expire-access-logs",
                "status": "Enabled",
                "filter": {},
                "expiration": {"days": retention_days},
                "noncurrent_version_expiration": {"noncurrent_days": 1},
                "abort_incomplete_multipart_upload": {"days_after_initiation": 7},
            }
        ],
        opts=child_opts(parent),
    )
    document = pulumi.Output.all(
        bucket.bucket, stack_account_id(parent), stack_partition(parent), deployed_region(parent)
    ).apply(lambda v: to_json(policy(str(v[0]), prefix, str(v[1]), str(v[2]), str(v[3]))))
    bucket_policy = aws.s3.BucketPolicy(
        role,
        bucket=name_of_bucket,
        policy=document,
        # S3 answers OperationAborted to concurrent configuration calls on one bucket.
        opts=child_opts(parent, depends_on=[block]),
    )
    return AccessLogBucket(bucket, bucket_policy)
