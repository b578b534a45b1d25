"""S3 bucket configuration (the access-log bucket a LoadBalancer creates): each resource is
the matching moto ``PutBucket*`` call on the bucket, so a malformed policy or lifecycle rule
fails the simulated deploy the way S3 would."""

from __future__ import annotations

from typing import Any

from ..context import Ctx, Out
from .common import _pascal


def _bucket(inputs: dict[str, Any]) -> str:
    return str(inputs["bucket"])


def bucket_policy(inputs: dict[str, Any], ctx: Ctx) -> Out:
    ctx.client("s3").put_bucket_policy(Bucket=_bucket(inputs), Policy=inputs["policy"])
    return {"id": _bucket(inputs)}


def public_access_block(inputs: dict[str, Any], ctx: Ctx) -> Out:
    ctx.client("s3").put_public_access_block(
        Bucket=_bucket(inputs),
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": bool(inputs.get("blockPublicAcls")),
            "IgnorePublicAcls": bool(inputs.get("ignorePublicAcls")),
            "BlockPublicPolicy": bool(inputs.get("blockPublicPolicy")),
            "RestrictPublicBuckets": bool(inputs.get("restrictPublicBuckets")),
        },
    )
    return {"id": _bucket(inputs)}


def ownership_controls(inputs: dict[str, Any], ctx: Ctx) -> Out:
    rule = inputs.get("rule") or {}
    ctx.client("s3").put_bucket_ownership_controls(
        Bucket=_bucket(inputs),
        OwnershipControls={"Rules": [{"ObjectOwnership": rule.get("objectOwnership")}]},
    )
    return {"id": _bucket(inputs)}


def encryption(inputs: dict[str, Any], ctx: Ctx) -> Out:
    rules = [
        {"ApplyServerSideEncryptionByDefault": _pascal(r["applyServerSideEncryptionByDefault"])}
        for r in inputs.get("rules") or []
    ]
    # SSE's key is "SSEAlgorithm" (not PascalCase of sseAlgorithm).
    for rule in rules:
        default = rule["ApplyServerSideEncryptionByDefault"]
        default["SSEAlgorithm"] = default.pop("SseAlgorithm")
    ctx.client("s3").put_bucket_encryption(
        Bucket=_bucket(inputs), ServerSideEncryptionConfiguration={"Rules": rules}
    )
    return {"id": _bucket(inputs)}


def versioning(inputs: dict[str, Any], ctx: Ctx) -> Out:
    status = (inputs.get("versioningConfiguration") or {}).get("status", "Enabled")
    ctx.client("s3").put_bucket_versioning(
        Bucket=_bucket(inputs), VersioningConfiguration={"Status": status}
    )
    return {"id": _bucket(inputs)}


def lifecycle(inputs: dict[str, Any], ctx: Ctx) -> Out:
    rules = []
    for rule in inputs.get("rules") or []:
        out: dict[str, Any] = {"ID": rule.get("id"), "Status": rule.get("status"), "Filter": {}}
        if rule.get("expiration"):
            out["Expiration"] = {"Days": int(rule["expiration"]["days"])}
        if rule.get("noncurrentVersionExpiration"):
            days = rule["noncurrentVersionExpiration"]["noncurrentDays"]
            out["NoncurrentVersionExpiration"] = {"NoncurrentDays": int(days)}
        if rule.get("abortIncompleteMultipartUpload"):
            days = rule["abortIncompleteMultipartUpload"]["daysAfterInitiation"]
            out["AbortIncompleteMultipartUpload"] = {"DaysAfterInitiation": int(days)}
        rules.append(out)
    ctx.client("s3").put_bucket_lifecycle_configuration(
        Bucket=_bucket(inputs), LifecycleConfiguration={"Rules": rules}
    )
    return {"id": _bucket(inputs)}
