"""Wiring for service deployments: the infrastructure role ECS uses to re-weight load
balancer rules (blue/green, linear, canary) and the deployment alarms. Decisions live in
``deployment.py``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pulumi
import pulumi_aws as aws

from .. import iam
from .._component import child_opts, merge_tags, stack_account_id, stack_partition
from .deployment import AlarmSpec, DeploymentAlarms

__all__ = ["DEPLOY_ROLE", "build_alarms", "build_infrastructure_role", "build_volume_role"]

DEPLOY_ROLE = "deploy-role"
#: AWS managed policy for ECS-managed load balancer traffic shifting ("Amazon ECS
#: infrastructure IAM role for load balancers", Amazon ECS developer guide).
LB_INFRASTRUCTURE_POLICY = "AmazonECSInfrastructureRolePolicyForLoadBalancers"
EBS_ROLE = "ebs-role"
#: AWS managed policy for task-attached EBS volumes: "We recommend using the Amazon
#: ECS-managed AmazonECSInfrastructureRolePolicyForVolumes IAM policy with this role" (ECS API,
#: ServiceManagedEBSVolumeConfiguration.roleArn; "Amazon ECS infrastructure IAM role",
#: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html).
VOLUMES_INFRASTRUCTURE_POLICY = "AmazonECSInfrastructureRolePolicyForVolumes"


def build_infrastructure_role(
    parent: pulumi.Resource, name: str, tags: Mapping[str, str] | None
) -> aws.iam.Role:
    """``<name>-deploy-role``: assumable by ``ecs.amazonaws.com`` in this account only, with
    the AWS managed load-balancer infrastructure policy attached."""
    account = stack_account_id(parent)
    partition = stack_partition(parent)
    role = aws.iam.Role(
        f"{name}-{DEPLOY_ROLE}",
        description=f"ECS shifts {name}'s load balancer traffic during deployments",
        assume_role_policy=account.apply(
            lambda a: iam.to_json(iam.assume_role_policy("ecs.amazonaws.com", source_account=a))
        ),
        tags=merge_tags(tags, {"Name": f"{name}-{DEPLOY_ROLE}"}),
        opts=child_opts(parent),
    )
    aws.iam.RolePolicyAttachment(
        f"{name}-{DEPLOY_ROLE}-lb",
        role=role.name,
        policy_arn=partition.apply(lambda p: f"arn:{p}:iam::aws:policy/{LB_INFRASTRUCTURE_POLICY}"),
        opts=child_opts(parent),
    )
    return role


def volume_role_trust_policy() -> dict[str, object]:
    """The infrastructure role's trust policy as the ECS guide writes it ("Amazon ECS
    infrastructure IAM role": ``ecs.amazonaws.com`` may ``sts:AssumeRole``; the guide's
    document has no ``aws:SourceAccount`` condition, and whether ECS sends one for volume
    management is not documented, so none is added)."""
    return iam.policy_document(
        [
            {
                "Sid": "AllowAccessToECSForInfrastructureManagement",
                "Effect": "Allow",
                "Principal": {"Service": "ecs.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ]
    )


def build_volume_role(
    parent: pulumi.Resource,
    name: str,
    tags: Mapping[str, str] | None,
    key_policy: pulumi.Input[str] | None,
) -> tuple[aws.iam.Role, list[pulumi.Resource]]:
    """``<name>-ebs-role``: the infrastructure role ECS uses to create, attach and delete the
    service's task volumes: the AWS managed volumes policy attached (moto's copy of it, v5,
    has EC2 volume actions only, no KMS), and (``key_policy``) an inline policy on the
    customer managed key that encrypts them. Returns the role and its policies (the service
    waits for them: a task must not launch before ECS may create its volume)."""
    partition = stack_partition(parent)
    role = aws.iam.Role(
        f"{name}-{EBS_ROLE}",
        description=f"ECS manages the EBS volumes of {name}'s tasks",
        assume_role_policy=iam.to_json(volume_role_trust_policy()),
        tags=merge_tags(tags, {"Name": f"{name}-{EBS_ROLE}"}),
        opts=child_opts(parent),
    )
    policies: list[pulumi.Resource] = []
    policies.append(
        aws.iam.RolePolicyAttachment(
            f"{name}-{EBS_ROLE}-volumes",
            role=role.name,
            policy_arn=partition.apply(
                lambda p: f"arn:{p}:iam::aws:policy/service-role/{VOLUMES_INFRASTRUCTURE_POLICY}"
            ),
            opts=child_opts(parent),
        )
    )
    if key_policy is not None:
        policies.append(
            aws.iam.RolePolicy(
                f"{name}-{EBS_ROLE}-key",
                role=role.name,
                policy=key_policy,
                opts=child_opts(parent),
            )
        )
    return role, policies


def build_alarms(
    parent: pulumi.Resource,
    name: str,
    specs: Sequence[AlarmSpec],
    alarms: DeploymentAlarms,
    *,
    dimensions: Mapping[str, Any],
    tags: Mapping[str, str] | None,
) -> list[aws.cloudwatch.MetricAlarm]:
    """One ``<name>-<role>`` metric alarm per spec on the target group's metric (per-minute
    periods, missing data is not breaching: no traffic isn't an outage)."""
    actions = [alarms.sns_topic_arn] if alarms.sns_topic_arn is not None else None
    return [
        aws.cloudwatch.MetricAlarm(
            f"{name}-{spec.role}",
            alarm_description=spec.description,
            namespace=spec.namespace,
            metric_name=spec.metric,
            statistic=spec.statistic,
            dimensions=dict(dimensions),
            period=60,
            evaluation_periods=alarms.evaluation_periods,
            threshold=spec.threshold,
            comparison_operator="GreaterThanOrEqualToThreshold",
            treat_missing_data="notBreaching",
            alarm_actions=actions,
            ok_actions=actions,
            tags=merge_tags(tags, {"Name": f"{name}-{spec.role}"}),
            opts=child_opts(parent),
        )
        for spec in specs
    ]
