"""CloudWatch (log groups, alarms), KMS, S3 and Secrets Manager."""

from __future__ import annotations

from typing import Any

from ..context import Ctx, Out
from .common import (
    _as_float,
    _as_int,
    _clean,
    _pascal,
    _tags,
)


# --- CloudWatch Logs, KMS, S3, Secrets Manager ------------------------------------------
def log_group(inputs: dict[str, Any], ctx: Ctx) -> Out:
    logs = ctx.client("logs")
    name = ctx.name()
    logs.create_log_group(
        logGroupName=name,
        **_clean(
            {
                "kmsKeyId": inputs.get("kmsKeyId"),
                "logGroupClass": inputs.get("logGroupClass"),
                "tags": dict(inputs.get("tags") or {}) or None,
            }
        ),
    )
    if inputs.get("retentionInDays"):
        logs.put_retention_policy(logGroupName=name, retentionInDays=int(inputs["retentionInDays"]))
    return {"id": name, "name": name, "arn": ctx.arn("logs", f"log-group:{name}")}


def kms_key(inputs: dict[str, Any], ctx: Ctx) -> Out:
    kms = ctx.client("kms")
    meta = kms.create_key(
        **_clean(
            {
                "Description": inputs.get("description"),
                "KeyUsage": inputs.get("keyUsage"),
                "KeySpec": inputs.get("customerMasterKeySpec"),
                "Policy": inputs.get("policy"),
                "MultiRegion": inputs.get("multiRegion"),
                "Tags": _tags(inputs, "TagKey", "TagValue") or None,
            }
        )
    )["KeyMetadata"]
    if inputs.get("enableKeyRotation"):
        kms.enable_key_rotation(KeyId=meta["KeyId"])
    return {"id": meta["KeyId"], "keyId": meta["KeyId"], "arn": meta["Arn"]}


def kms_key_policy(inputs: dict[str, Any], ctx: Ctx) -> Out:
    """PutKeyPolicy (the only policy name KMS has is ``default``): the key must exist and
    the document parse, as in AWS."""
    key = inputs["keyId"]
    ctx.client("kms").put_key_policy(KeyId=key, PolicyName="default", Policy=inputs["policy"])
    return {"id": key, "keyId": key}


def kms_alias(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    ctx.client("kms").create_alias(AliasName=name, TargetKeyId=inputs["targetKeyId"])
    return {"id": name, "arn": ctx.arn("kms", name)}


def s3_bucket(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name("bucket")
    config = (
        {}
        if ctx.region == "us-east-1"
        else {"CreateBucketConfiguration": {"LocationConstraint": ctx.region}}
    )
    s3 = ctx.client("s3")
    s3.create_bucket(Bucket=name, **config)
    if inputs.get("tags"):  # pulumi-aws tags a bucket after CreateBucket (PutBucketTagging)
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": _tags(inputs)})
    return {"id": name, "bucket": name, "arn": f"arn:aws:s3:::{name}"}


def secret(inputs: dict[str, Any], ctx: Ctx) -> Out:
    answer = ctx.client("secretsmanager").create_secret(
        Name=ctx.name(),
        **_clean(
            {
                "Description": inputs.get("description"),
                "KmsKeyId": inputs.get("kmsKeyId"),
                "Tags": _tags(inputs) or None,
            }
        ),
    )
    return {"id": answer["ARN"], "arn": answer["ARN"]}


def metric_alarm(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    dims = inputs.get("dimensions") or {}
    metrics = [_pascal(m) for m in inputs.get("metricQueries") or []]
    ctx.client("cloudwatch").put_metric_alarm(
        AlarmName=name,
        ComparisonOperator=inputs["comparisonOperator"],
        EvaluationPeriods=int(inputs["evaluationPeriods"]),
        **_clean(
            {
                "AlarmDescription": inputs.get("alarmDescription"),
                "ActionsEnabled": inputs.get("actionsEnabled"),
                "AlarmActions": inputs.get("alarmActions"),
                "OKActions": inputs.get("okActions"),
                "InsufficientDataActions": inputs.get("insufficientDataActions"),
                "MetricName": inputs.get("metricName"),
                "Namespace": inputs.get("namespace"),
                "Statistic": inputs.get("statistic"),
                "ExtendedStatistic": inputs.get("extendedStatistic"),
                "Period": _as_int(inputs.get("period")),
                "Unit": inputs.get("unit"),
                "Threshold": _as_float(inputs.get("threshold")),
                "DatapointsToAlarm": _as_int(inputs.get("datapointsToAlarm")),
                "TreatMissingData": inputs.get("treatMissingData"),
                "Dimensions": [{"Name": k, "Value": str(v)} for k, v in dims.items()] or None,
                "Metrics": metrics or None,
                "Tags": _tags(inputs) or None,
            }
        ),
    )
    return {"id": name, "arn": ctx.arn("cloudwatch", f"alarm:{name}")}
