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

__all__ = ["DEPLOY_ROLE", "build_alarms", "build_infrastructure_role"]

DEPLOY_ROLE = "deploy-role"
#: AWS managed policy for ECS-managed load balancer traffic shifting ("Amazon ECS
#: infrastructure IAM role for load balancers", Amazon ECS developer guide).
LB_INFRASTRUCTURE_POLICY = "AmazonECSInfrastructureRolePolicyForLoadBalancers"


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
