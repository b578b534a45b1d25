"""Application Auto Scaling: scalable targets, policies, scheduled actions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..context import Ctx, Out
from .common import (
    _as_float,
    _as_int,
    _clean,
    _pascal,
)


# --- Application Auto Scaling ------------------------------------------------------------
def scaling_target(inputs: dict[str, Any], ctx: Ctx) -> Out:
    answer = ctx.client("application-autoscaling").register_scalable_target(
        ServiceNamespace=inputs["serviceNamespace"],
        ResourceId=inputs["resourceId"],
        ScalableDimension=inputs["scalableDimension"],
        **_clean(
            {
                "MinCapacity": _as_int(inputs.get("minCapacity")),
                "MaxCapacity": _as_int(inputs.get("maxCapacity")),
                "RoleARN": inputs.get("roleArn"),
                "SuspendedState": _pascal(inputs["suspendedState"])
                if inputs.get("suspendedState")
                else None,
            }
        ),
    )
    out: Out = {"id": inputs["resourceId"]}
    if answer.get("ScalableTargetARN"):
        out["arn"] = answer["ScalableTargetARN"]
    return out


def _step_config(config: Mapping[str, Any]) -> dict[str, Any]:
    steps = [
        _clean(
            {
                "MetricIntervalLowerBound": _as_float(s.get("metricIntervalLowerBound")),
                "MetricIntervalUpperBound": _as_float(s.get("metricIntervalUpperBound")),
                "ScalingAdjustment": int(s["scalingAdjustment"]),
            }
        )
        for s in config.get("stepAdjustments") or []
    ]
    return _clean(
        {
            "AdjustmentType": config.get("adjustmentType"),
            "Cooldown": _as_int(config.get("cooldown")),
            "MetricAggregationType": config.get("metricAggregationType"),
            "MinAdjustmentMagnitude": _as_int(config.get("minAdjustmentMagnitude")),
            "StepAdjustments": steps or None,
        }
    )


def _tracking_config(config: Mapping[str, Any]) -> dict[str, Any]:
    out = _pascal(dict(config))
    custom = out.get("CustomizedMetricSpecification")
    if custom and isinstance(custom.get("Dimensions"), list):
        custom["Dimensions"] = [_pascal(d) for d in custom["Dimensions"]]
    return out


def scaling_policy(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    args = {
        "PolicyName": name,
        "ServiceNamespace": inputs["serviceNamespace"],
        "ResourceId": inputs["resourceId"],
        "ScalableDimension": inputs["scalableDimension"],
        "PolicyType": inputs.get("policyType", "StepScaling"),
    }
    if inputs.get("targetTrackingScalingPolicyConfiguration"):
        args["TargetTrackingScalingPolicyConfiguration"] = _tracking_config(
            inputs["targetTrackingScalingPolicyConfiguration"]
        )
    if inputs.get("stepScalingPolicyConfiguration"):
        args["StepScalingPolicyConfiguration"] = _step_config(
            inputs["stepScalingPolicyConfiguration"]
        )
    answer = ctx.client("application-autoscaling").put_scaling_policy(**args)
    return {"id": name, "name": name, "arn": answer["PolicyARN"]}


def scheduled_action(inputs: dict[str, Any], ctx: Ctx) -> Out:
    client = ctx.client("application-autoscaling")
    name = ctx.name()
    action = inputs.get("scalableTargetAction") or {}
    client.put_scheduled_action(
        ServiceNamespace=inputs["serviceNamespace"],
        ScheduledActionName=name,
        ResourceId=inputs["resourceId"],
        ScalableDimension=inputs["scalableDimension"],
        Schedule=inputs["schedule"],
        **_clean(
            {
                "Timezone": inputs.get("timezone"),
                "StartTime": inputs.get("startTime"),
                "EndTime": inputs.get("endTime"),
                "ScalableTargetAction": _clean(
                    {
                        "MinCapacity": _as_int(action.get("minCapacity")),
                        "MaxCapacity": _as_int(action.get("maxCapacity")),
                    }
                ),
            }
        ),
    )
    found = client.describe_scheduled_actions(
        ServiceNamespace=inputs["serviceNamespace"], ScheduledActionNames=[name]
    )["ScheduledActions"]
    out: Out = {"id": name}
    if found and found[0].get("ScheduledActionARN"):
        out["arn"] = found[0]["ScheduledActionARN"]
    return out
