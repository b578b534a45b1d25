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
from .access_logs import bucket_prefix

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
    protect = data_protection_enabled(data_protection)
    bucket = aws.s3.Bucket(
        role,
        bucket_prefix=bucket_prefix(name),
        tags=tags,
        opts=child_opts(parent, **protection_options(S3_BUCKET, protect)),
    )
    block = aws.s3.BucketPublicAccessBlock(
        role,
        bucket=bucket.id,
        block_public_acls=True,
        block_public_policy=True,
        ignore_public_acls=True,
        restrict_public_buckets=True,
        opts=child_opts(parent),
    )
    aws.s3.BucketOwnershipControls(
        role,
        bucket=bucket.id,
        rule={"object_ownership": "BucketOwnerEnforced"},
        opts=child_opts(parent),
    )
    aws.s3.BucketServerSideEncryptionConfiguration(
        role,
        bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}],
        opts=child_opts(parent),
    )
    aws.s3.BucketVersioning(
        role,
        bucket=bucket.id,
        versioning_configuration={"status": "Enabled"},
        opts=child_opts(parent),
    )
    aws.s3.BucketLifecycleConfiguration(
        role,
        bucket=bucket.id,
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
        bucket=bucket.id,
        policy=document,
        # S3 answers OperationAborted to concurrent configuration calls on one bucket.
        opts=child_opts(parent, depends_on=[block]),
    )
    return AccessLogBucket(bucket, bucket_policy)
