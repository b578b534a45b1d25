"""SQS queues, EventBridge rules and targets, EventBridge Scheduler."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..context import Ctx, Handler, Out
from .common import (
    _as_int,
    _clean,
    _pascal,
    _tags,
)
from .ecs import _awsvpc, _strategy

# --- SQS, EventBridge, EventBridge Scheduler ---------------------------------------------
#: Pulumi's queue inputs and the SQS attribute each one sets (SQS names differ for several).
_QUEUE_ATTRIBUTES = {
    "delaySeconds": "DelaySeconds",
    "maxMessageSize": "MaximumMessageSize",
    "messageRetentionSeconds": "MessageRetentionPeriod",
    "receiveWaitTimeSeconds": "ReceiveMessageWaitTimeSeconds",
    "visibilityTimeoutSeconds": "VisibilityTimeout",
    "redrivePolicy": "RedrivePolicy",
    "redriveAllowPolicy": "RedriveAllowPolicy",
    "policy": "Policy",
    "fifoQueue": "FifoQueue",
    "contentBasedDeduplication": "ContentBasedDeduplication",
    "kmsMasterKeyId": "KmsMasterKeyId",
    "kmsDataKeyReusePeriodSeconds": "KmsDataKeyReusePeriodSeconds",
    "sqsManagedSseEnabled": "SqsManagedSseEnabled",
    "deduplicationScope": "DeduplicationScope",
    "fifoThroughputLimit": "FifoThroughputLimit",
}


def _attribute(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value)


def sqs_queue(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    if inputs.get("fifoQueue") and not name.endswith(".fifo"):
        name += ".fifo"
    attributes = {
        attribute: _attribute(inputs[key])
        for key, attribute in _QUEUE_ATTRIBUTES.items()
        if inputs.get(key) is not None and inputs.get(key) != ""
    }
    sqs = ctx.client("sqs")
    url = sqs.create_queue(
        QueueName=name,
        **_clean(
            {"Attributes": attributes or None, "tags": dict(inputs.get("tags") or {}) or None}
        ),
    )["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    return {"id": url, "url": url, "arn": arn, "name": name}


def _queue_attribute(key: str, attribute: str) -> Handler:
    def handler(inputs: dict[str, Any], ctx: Ctx) -> Out:
        url = inputs["queueUrl"]
        ctx.client("sqs").set_queue_attributes(
            QueueUrl=url, Attributes={attribute: _attribute(inputs[key])}
        )
        return {"id": url}

    return handler


def event_rule(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    state = inputs.get("state")
    if state is None and inputs.get("isEnabled") is not None:
        state = "ENABLED" if inputs["isEnabled"] else "DISABLED"
    answer = ctx.client("events").put_rule(
        Name=name,
        **_clean(
            {
                "ScheduleExpression": inputs.get("scheduleExpression"),
                "EventPattern": inputs.get("eventPattern"),
                "Description": inputs.get("description"),
                "RoleArn": inputs.get("roleArn"),
                "State": state,
                "EventBusName": inputs.get("eventBusName"),
                "Tags": _tags(inputs) or None,
            }
        ),
    )
    bus = inputs.get("eventBusName")
    rid = f"{bus}/{name}" if bus and bus != "default" else name
    return {"id": rid, "name": name, "arn": answer["RuleArn"]}


def _ecs_parameters(ecs: Mapping[str, Any], *, map_tags: bool) -> dict[str, Any]:
    network = ecs.get("networkConfiguration")
    tags = ecs.get("tags") or {}
    return _clean(
        {
            "TaskDefinitionArn": ecs["taskDefinitionArn"],
            "TaskCount": _as_int(ecs.get("taskCount")),
            "LaunchType": ecs.get("launchType"),
            "PlatformVersion": ecs.get("platformVersion"),
            "Group": ecs.get("group"),
            "NetworkConfiguration": {"awsvpcConfiguration": _awsvpc(network, upper=True)}
            if network
            else None,
            # The strategy items keep ECS's camelCase keys in both APIs' EcsParameters.
            "CapacityProviderStrategy": _strategy(ecs.get("capacityProviderStrategies")) or None,
            "EnableECSManagedTags": ecs.get("enableEcsManagedTags"),
            "EnableExecuteCommand": ecs.get("enableExecuteCommand"),
            "PropagateTags": ecs.get("propagateTags"),
            "Tags": ([{"Key": k, "Value": v} for k, v in tags.items()] if map_tags else None)
            or None,
        }
    )


def event_target(inputs: dict[str, Any], ctx: Ctx) -> Out:
    rule = inputs["rule"]
    target_id = inputs.get("targetId") or ctx.record.outputs.get("targetId") or ctx.record.name
    target: dict[str, Any] = _clean(
        {
            "Id": target_id,
            "Arn": inputs["arn"],
            "RoleArn": inputs.get("roleArn"),
            "Input": inputs.get("input"),
            "InputPath": inputs.get("inputPath"),
        }
    )
    if inputs.get("ecsTarget"):
        target["EcsParameters"] = _ecs_parameters(inputs["ecsTarget"], map_tags=True)
    if inputs.get("deadLetterConfig"):
        target["DeadLetterConfig"] = _pascal(inputs["deadLetterConfig"])
    if inputs.get("retryPolicy"):
        target["RetryPolicy"] = _pascal(inputs["retryPolicy"])
    if inputs.get("sqsTarget"):
        target["SqsParameters"] = _pascal(inputs["sqsTarget"])
    answer = ctx.client("events").put_targets(
        Rule=rule, Targets=[target], **_clean({"EventBusName": inputs.get("eventBusName")})
    )
    if answer.get("FailedEntryCount"):
        entry = answer["FailedEntries"][0]
        raise ValueError(f"{entry.get('ErrorCode')}: {entry.get('ErrorMessage')}")
    return {"id": f"{rule}-{target_id}"}


def schedule_group(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    arn = ctx.client("scheduler").create_schedule_group(
        Name=name, **_clean({"Tags": _tags(inputs) or None})
    )["ScheduleGroupArn"]
    return {"id": name, "name": name, "arn": arn}


def schedule(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name, group = ctx.name(), inputs.get("groupName") or "default"
    arn = ctx.client("scheduler").create_schedule(**schedule_args(inputs, name, group))[
        "ScheduleArn"
    ]
    return {"id": f"{group}/{name}", "name": name, "arn": arn}


def schedule_args(inputs: Mapping[str, Any], name: str, group: str) -> dict[str, Any]:
    """A schedule as CreateSchedule and UpdateSchedule take it (an update sends it whole)."""
    target_in = inputs["target"]
    target = _clean(
        {
            "Arn": target_in["arn"],
            "RoleArn": target_in["roleArn"],
            "Input": target_in.get("input"),
            "RetryPolicy": _pascal(target_in["retryPolicy"])
            if target_in.get("retryPolicy")
            else None,
            "DeadLetterConfig": _pascal(target_in["deadLetterConfig"])
            if target_in.get("deadLetterConfig")
            else None,
            "EcsParameters": _ecs_parameters(target_in["ecsParameters"], map_tags=False)
            if target_in.get("ecsParameters")
            else None,
        }
    )
    window = inputs.get("flexibleTimeWindow") or {"mode": "OFF"}
    return {
        "Name": name,
        "GroupName": group,
        "ScheduleExpression": inputs["scheduleExpression"],
        "FlexibleTimeWindow": _pascal(dict(window)),
        "Target": target,
        **_clean(
            {
                "ScheduleExpressionTimezone": inputs.get("scheduleExpressionTimezone"),
                "Description": inputs.get("description"),
                "State": inputs.get("state"),
                "StartDate": inputs.get("startDate"),
                "EndDate": inputs.get("endDate"),
                "KmsKeyArn": inputs.get("kmsKeyArn"),
            }
        ),
    }
