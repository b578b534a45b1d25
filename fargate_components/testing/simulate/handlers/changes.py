"""In-place updates and deletes: what a second ``pulumi up`` calls after the first.

An **updater** has a create handler's signature (``(inputs, ctx) -> outputs``): ``inputs``
are the new inputs (rewritten to moto's values) and ``ctx.outputs`` the resource's outputs
from the deploy before; it returns the outputs that changed. Types whose create call is an
idempotent "put" (a role policy, an alarm, a scaling policy...) update through it and are
listed in ``handlers.PUT_UPDATES``.

A **deleter** is ``(inputs, ctx) -> None`` with the *old* inputs and ``ctx.outputs`` the old
outputs; it makes the API call the provider's delete makes, so AWS's (moto's) refusals show,
e.g. deleting a target group a listener still forwards to.

A type with neither is reported "not simulated" for that step, never skipped.
"""

from __future__ import annotations

import json
from typing import Any

from ..context import Ctx, Out
from .common import _as_int, _clean, _json_doc, refuse_while_a_load_balancer_holds
from .ecs_checks import check_deployment, deployment_configuration, service_connect
from .messaging import _QUEUE_ATTRIBUTES, _attribute

__all__ = [
    "ecs_service_update",
    "iam_role_update",
    "log_group_update",
    "sqs_queue_update",
]

#: SQS attributes a queue cannot change after creation (a new queue is needed): "the
#: FIFO attribute cannot be changed", CreateQueue/SetQueueAttributes, Amazon SQS API
#: reference (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html).
SQS_CREATE_ONLY = ("FifoQueue",)


# --- ECS ---------------------------------------------------------------------------------
def ecs_service_update(inputs: dict[str, Any], ctx: Ctx) -> Out:
    """UpdateService with what the provider sends in place: task definition (a new image is
    a new revision), count, strategy, deployment settings, network, grace period, exec,
    load balancers and registries, tag propagation."""
    from .ecs import (
        _awsvpc,
        _check_service_strategy,
        _service_load_balancers_with_advanced,
        _service_registries,
        _strategy,
    )

    cluster = inputs.get("cluster", "default")
    name = ctx.outputs.get("name") or ctx.name()
    deployment = deployment_configuration(inputs)
    check_deployment(ctx, inputs, deployment)
    strategy = _strategy(inputs.get("capacityProviderStrategies"))
    ecs = ctx.client("ecs")
    _check_service_strategy(ecs, cluster, strategy, None)
    network = inputs.get("networkConfiguration")
    connect = service_connect(ctx, inputs, cluster) if _connect_changed(ctx, inputs) else None
    service = ecs.update_service(
        cluster=cluster,
        service=name,
        **_clean(
            {
                "taskDefinition": inputs.get("taskDefinition"),
                "desiredCount": _as_int(inputs.get("desiredCount")),
                "capacityProviderStrategy": strategy or None,
                "deploymentConfiguration": deployment or None,
                "networkConfiguration": {"awsvpcConfiguration": _awsvpc(network)}
                if network
                else None,
                "platformVersion": inputs.get("platformVersion"),
                "healthCheckGracePeriodSeconds": _as_int(
                    inputs.get("healthCheckGracePeriodSeconds")
                ),
                "enableExecuteCommand": inputs.get("enableExecuteCommand"),
                "serviceConnectConfiguration": connect,
                "loadBalancers": _service_load_balancers_with_advanced(inputs) or None,
                "serviceRegistries": _service_registries(inputs) or None,
                "propagateTags": inputs.get("propagateTags"),
                "enableECSManagedTags": inputs.get("enableEcsManagedTags"),
                "availabilityZoneRebalancing": inputs.get("availabilityZoneRebalancing"),
                "forceNewDeployment": inputs.get("forceNewDeployment") or None,
            }
        ),
    )["service"]
    return {"taskDefinition": service.get("taskDefinition")}


def _connect_changed(ctx: Ctx, inputs: dict[str, Any]) -> bool:
    """Service Connect's Cloud Map services exist from the first deploy; only a changed
    configuration is checked (and its new discovery names created) again."""
    old = ctx.old_inputs.get("serviceConnectConfiguration")
    new = inputs.get("serviceConnectConfiguration")
    return bool(new) and old != new


def ecs_service_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ecs").delete_service(
        cluster=inputs.get("cluster", "default"), service=ctx.outputs["name"], force=True
    )


def ecs_task_definition_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ecs").deregister_task_definition(taskDefinition=ctx.outputs["arn"])


def ecs_cluster_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ecs").delete_cluster(cluster=ctx.outputs["arn"])


# --- SQS ---------------------------------------------------------------------------------
def sqs_queue_update(inputs: dict[str, Any], ctx: Ctx) -> Out:
    attributes = {
        attribute: _attribute(inputs[key])
        for key, attribute in _QUEUE_ATTRIBUTES.items()
        if attribute not in SQS_CREATE_ONLY and inputs.get(key) not in (None, "")
    }
    if attributes:
        ctx.client("sqs").set_queue_attributes(QueueUrl=ctx.outputs["url"], Attributes=attributes)
    return {}


def sqs_queue_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("sqs").delete_queue(QueueUrl=ctx.outputs["url"])


def sqs_attribute_delete(attribute: str) -> Any:
    """A queue policy / redrive policy resource: its delete clears the attribute."""

    def delete(inputs: dict[str, Any], ctx: Ctx) -> None:
        ctx.client("sqs").set_queue_attributes(
            QueueUrl=inputs["queueUrl"], Attributes={attribute: ""}
        )

    return delete


# --- IAM ---------------------------------------------------------------------------------
def iam_role_update(inputs: dict[str, Any], ctx: Ctx) -> Out:
    iam = ctx.client("iam")
    name = ctx.outputs["name"]
    iam.update_assume_role_policy(
        RoleName=name, PolicyDocument=_json_doc(inputs["assumeRolePolicy"])
    )
    if inputs.get("description") is not None or inputs.get("maxSessionDuration") is not None:
        iam.update_role(
            RoleName=name,
            **_clean(
                {
                    "Description": inputs.get("description"),
                    "MaxSessionDuration": _as_int(inputs.get("maxSessionDuration")),
                }
            ),
        )
    return {}


def iam_role_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    """DeleteRole: AWS refuses (DeleteConflict) while policies are attached or inline; the
    provider removes those itself first, as the attachment resources are deleted first."""
    iam = ctx.client("iam")
    name = ctx.outputs["name"]
    for policy in iam.list_role_policies(RoleName=name)["PolicyNames"]:
        iam.delete_role_policy(RoleName=name, PolicyName=policy)
    for attached in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]:
        iam.detach_role_policy(RoleName=name, PolicyArn=attached["PolicyArn"])
    iam.delete_role(RoleName=name)


def iam_role_policy_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("iam").delete_role_policy(RoleName=inputs["role"], PolicyName=ctx.outputs["name"])


def iam_attachment_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("iam").detach_role_policy(RoleName=inputs["role"], PolicyArn=inputs["policyArn"])


def iam_policy_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("iam").delete_policy(PolicyArn=ctx.outputs["arn"])


# --- CloudWatch, KMS, Application Auto Scaling, EventBridge, ELBv2, EC2 ------------------
def log_group_update(inputs: dict[str, Any], ctx: Ctx) -> Out:
    logs = ctx.client("logs")
    name = ctx.outputs["name"]
    if inputs.get("retentionInDays"):
        logs.put_retention_policy(logGroupName=name, retentionInDays=int(inputs["retentionInDays"]))
    else:
        logs.delete_retention_policy(logGroupName=name)
    return {}


def log_group_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("logs").delete_log_group(logGroupName=ctx.outputs["name"])


def alarm_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("cloudwatch").delete_alarms(AlarmNames=[ctx.outputs["id"]])


def kms_key_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    """A key is never deleted at once: ScheduleKeyDeletion with the window given (7-30 days,
    default 30: "ScheduleKeyDeletion", AWS KMS API reference)."""
    ctx.client("kms").schedule_key_deletion(
        KeyId=ctx.outputs["id"],
        PendingWindowInDays=_as_int(inputs.get("deletionWindowInDays")) or 30,
    )


def kms_key_policy_delete(inputs: dict[str, Any], ctx: Ctx) -> str:
    """KMS has no DeleteKeyPolicy: removing the resource puts AWS's default key policy back
    (the account may use the key through IAM; the Terraform provider's ``aws_kms_key_policy``
    does so on destroy, **unconfirmed** against its source here)."""
    account = ctx.sim.account_id
    default = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Enable IAM User Permissions",
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                "Action": "kms:*",
                "Resource": "*",
            }
        ],
    }
    ctx.client("kms").put_key_policy(
        KeyId=inputs["keyId"], PolicyName="default", Policy=json.dumps(default)
    )
    return "PutKeyPolicy with the default key policy (KMS has no DeleteKeyPolicy)"


def scaling_target_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("application-autoscaling").deregister_scalable_target(
        ServiceNamespace=inputs["serviceNamespace"],
        ResourceId=inputs["resourceId"],
        ScalableDimension=inputs["scalableDimension"],
    )


def scaling_policy_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("application-autoscaling").delete_scaling_policy(
        PolicyName=ctx.outputs["name"],
        ServiceNamespace=inputs["serviceNamespace"],
        ResourceId=inputs["resourceId"],
        ScalableDimension=inputs["scalableDimension"],
    )


def event_rule_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("events").delete_rule(
        Name=ctx.outputs["name"], **_clean({"EventBusName": inputs.get("eventBusName")})
    )


def event_target_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("events").remove_targets(
        Rule=inputs["rule"],
        Ids=[inputs.get("targetId") or ctx.record.name],
        **_clean({"EventBusName": inputs.get("eventBusName")}),
    )


def elb_delete(kind: str) -> Any:
    """Delete a load balancer, target group, listener or listener rule by its ARN."""
    calls = {
        "load_balancer": ("delete_load_balancer", "LoadBalancerArn"),
        "target_group": ("delete_target_group", "TargetGroupArn"),
        "listener": ("delete_listener", "ListenerArn"),
        "rule": ("delete_rule", "RuleArn"),
    }
    method, key = calls[kind]

    def delete(inputs: dict[str, Any], ctx: Ctx) -> None:
        getattr(ctx.client("elbv2"), method)(**{key: ctx.outputs["arn"]})

    return delete


def security_group_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    gid = ctx.outputs["id"]
    refuse_while_a_load_balancer_holds(ctx, gid, "DeleteSecurityGroup")
    ctx.client("ec2").delete_security_group(GroupId=gid)
