"""The ``ServiceAutoscaling`` component: Application Auto Scaling for an ECS service's
desired count — a scalable target, target-tracking policies and scheduled actions. All
decisions come from :mod:`fargate_components.ecs.scaling`.

Policies and scheduled actions are created one after another (each depends on the
previous): Application Auto Scaling rejects concurrent updates of one scalable target
(``ConcurrentUpdateException``, hashicorp/terraform-provider-aws#17915).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

import pulumi
import pulumi_aws as aws

from .._component import TYPE_PREFIX, child_opts, merge_tags
from ..errors import ValidationError, argument_path
from ..outputs import concat
from ..tags import check_name_tag, check_tags
from .scaling import (
    SCALABLE_DIMENSION,
    SERVICE_NAMESPACE,
    Autoscaling,
    queue_backlog_metrics,
    resource_id,
    tracking_specs,
)

__all__ = [
    "PrevalidatedServiceAutoscaling",
    "ServiceAutoscaling",
    "ServiceAutoscalingArgs",
    "validate_service_autoscaling_args",
]

_ARG = "ServiceAutoscalingArgs"

TARGET = "scaling"
SCHEDULE = "schedule"


@dataclass(frozen=True, kw_only=True)
class ServiceAutoscalingArgs(Autoscaling):
    """Arguments of :class:`ServiceAutoscaling`: an :class:`Autoscaling` plus the service."""

    cluster_name: pulumi.Input[str]
    """The ECS cluster's name. Required."""
    service_name: pulumi.Input[str]
    """The ECS service's name. Required."""
    load_balancer_arn_suffix: pulumi.Input[str] | None = None
    """The ALB's ARN suffix (``app/<name>/<id>``); needed for ``requests_per_target``.
    Default none."""
    target_group_arn_suffix: pulumi.Input[str] | None = None
    """The service's target group ARN suffix (``targetgroup/<name>/<id>``); needed for
    ``requests_per_target``. Default none."""
    tags: Mapping[str, str] | None = None
    """Tags for the scalable target. Default none."""

    @classmethod
    def for_service(
        cls,
        spec: Autoscaling,
        *,
        cluster_name: pulumi.Input[str],
        service_name: pulumi.Input[str],
        load_balancer_arn_suffix: pulumi.Input[str] | None = None,
        target_group_arn_suffix: pulumi.Input[str] | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> ServiceAutoscalingArgs:
        """Args from an :class:`Autoscaling` spec (what ``FargateService`` does)."""
        values = {f.name: getattr(spec, f.name) for f in fields(Autoscaling)}
        return cls(
            **values,
            cluster_name=cluster_name,
            service_name=service_name,
            load_balancer_arn_suffix=load_balancer_arn_suffix,
            target_group_arn_suffix=target_group_arn_suffix,
            tags=tags,
        )


@argument_path(_ARG, "Autoscaling")
def validate_service_autoscaling_args(args: ServiceAutoscalingArgs) -> None:
    """Every check of :class:`ServiceAutoscaling`'s arguments (errors name
    ``ServiceAutoscalingArgs.<field>``: the spec's own ``Autoscaling.<field>`` and the
    relative paths below, re-raised under it)."""
    check_tags("tags", args.tags)
    has_lb = args.load_balancer_arn_suffix is not None and args.target_group_arn_suffix is not None
    args.validate(has_load_balancer=has_lb)
    if (args.load_balancer_arn_suffix is None) != (args.target_group_arn_suffix is None):
        missing = (
            "load_balancer_arn_suffix"
            if args.load_balancer_arn_suffix is None
            else "target_group_arn_suffix"
        )
        raise ValidationError(missing, None, "given together with the other ARN suffix")


@dataclass(frozen=True, kw_only=True)
class PrevalidatedServiceAutoscaling(ServiceAutoscalingArgs):
    """For ``FargateService`` only: arguments it builds (``.for_service(...)``) from an
    :class:`Autoscaling` it already validated as part of its own arguments
    (``FargateServiceArgs.autoscaling``), so :class:`ServiceAutoscaling` does not check
    them a second time."""


def _customized_metric(
    args: ServiceAutoscalingArgs,
) -> aws.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationArgs:
    """The backlog-per-task metric (see ``scaling.queue_backlog_metrics``) as Pulumi args."""
    ns = aws.appautoscaling
    metrics = []
    for query in queue_backlog_metrics(args.queue_name, args.cluster_name, args.service_name):
        stat = None
        if "metric_stat" in query:
            raw = query["metric_stat"]
            stat = ns.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricMetricStatArgs(
                metric=ns.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricMetricStatMetricArgs(
                    namespace=raw["metric"]["namespace"],
                    metric_name=raw["metric"]["metric_name"],
                    dimensions=[
                        ns.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricMetricStatMetricDimensionArgs(
                            name=d["name"], value=d["value"]
                        )
                        for d in raw["metric"]["dimensions"]
                    ],
                ),
                stat=raw["stat"],
            )
        metrics.append(
            ns.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricArgs(
                id=query["id"],
                label=query.get("label"),
                expression=query.get("expression"),
                metric_stat=stat,
                return_data=query["return_data"],
            )
        )
    return ns.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationArgs(
        metrics=metrics
    )


class ServiceAutoscaling(pulumi.ComponentResource):
    """Scale an ECS service's desired count between ``min_capacity`` and
    ``max_capacity`` with target tracking (CPU, memory, ALB requests per task, SQS
    backlog per task) and schedules.

    Example::

        # fragment: `cluster` and `service` are yours (an aws.ecs.Cluster and aws.ecs.Service)
        ServiceAutoscaling("api", ServiceAutoscalingArgs(
            cluster_name=cluster.name, service_name=service.name,
            min_capacity=2, max_capacity=10, cpu_target=60,
            schedules=[ScheduledScaling(name="peak", schedule="cron(45 7 ? * MON-FRI *)",
                                        min_capacity=6, timezone="Europe/Paris")]))

    The service must ignore changes to its ``desired_count`` (``FargateService`` does),
    or each ``pulumi up`` resets what autoscaling decided.
    """

    def __init__(
        self,
        name: str,
        args: ServiceAutoscalingArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        check_name_tag(name)
        if not isinstance(args, PrevalidatedServiceAutoscaling):
            validate_service_autoscaling_args(args)
        super().__init__(f"{TYPE_PREFIX}:ecs:ServiceAutoscaling", name, None, opts)
        if args.queue_backlog_target is not None and args.min_capacity == 0:
            pulumi.log.warn(
                f"ServiceAutoscaling {name!r}: queue_backlog_target with min_capacity=0: "
                "backlog per task has no value without running tasks, so target tracking "
                "cannot scale out from zero; use min_capacity >= 1.",
                resource=self,
            )

        self.target: aws.appautoscaling.Target = aws.appautoscaling.Target(
            f"{name}-{TARGET}",
            service_namespace=SERVICE_NAMESPACE,
            scalable_dimension=SCALABLE_DIMENSION,
            resource_id=resource_id(args.cluster_name, args.service_name),
            min_capacity=args.min_capacity,
            max_capacity=args.max_capacity,
            tags=merge_tags(args.tags, {"Name": f"{name}-{TARGET}"}),
            opts=child_opts(self),
        )
        previous: pulumi.Resource = self.target
        label = None
        if args.load_balancer_arn_suffix is not None and args.target_group_arn_suffix is not None:
            label = concat(args.load_balancer_arn_suffix, "/", args.target_group_arn_suffix)

        previous = self._build_policies(name, args, label, previous)
        self._build_scheduled_actions(name, args, previous)

        self.resource_id: pulumi.Output[str] = self.target.resource_id
        self.register_outputs(
            {
                "resource_id": self.resource_id,
                "policy_arns": [p.arn for p in self.policies],
            }
        )

    def _build_policies(
        self,
        name: str,
        args: ServiceAutoscalingArgs,
        label: pulumi.Output[str] | None,
        previous: pulumi.Resource,
    ) -> pulumi.Resource:
        """One target-tracking policy per target, each after the previous (Application
        Auto Scaling rejects concurrent updates); returns the last one."""
        self.policies: list[aws.appautoscaling.Policy] = []
        for spec in tracking_specs(args):
            metric = None
            custom = _customized_metric(args) if spec.custom else None
            if not spec.custom:
                metric = aws.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs(
                    predefined_metric_type=spec.metric,
                    resource_label=label if spec.needs_label else None,
                )
            policy = aws.appautoscaling.Policy(
                f"{name}-{spec.suffix}",
                policy_type="TargetTrackingScaling",
                service_namespace=self.target.service_namespace,
                scalable_dimension=self.target.scalable_dimension,
                resource_id=self.target.resource_id,
                target_tracking_scaling_policy_configuration=aws.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationArgs(
                    predefined_metric_specification=metric,
                    customized_metric_specification=custom,
                    target_value=spec.target,
                    scale_in_cooldown=args.scale_in_cooldown,
                    scale_out_cooldown=args.scale_out_cooldown,
                    disable_scale_in=args.disable_scale_in,
                ),
                opts=child_opts(self, depends_on=[previous]),
            )
            self.policies.append(policy)
            previous = policy
        return previous

    def _build_scheduled_actions(
        self, name: str, args: ServiceAutoscalingArgs, previous: pulumi.Resource
    ) -> None:
        """One scheduled action per schedule, each after the previous."""
        self.scheduled_actions: list[aws.appautoscaling.ScheduledAction] = []
        for schedule in args.schedules:
            start, end = schedule.times()
            action = aws.appautoscaling.ScheduledAction(
                f"{name}-{SCHEDULE}-{schedule.name}",
                service_namespace=self.target.service_namespace,
                scalable_dimension=self.target.scalable_dimension,
                resource_id=self.target.resource_id,
                schedule=schedule.schedule,
                timezone=schedule.timezone,
                start_time=start,
                end_time=end,
                scalable_target_action=aws.appautoscaling.ScheduledActionScalableTargetActionArgs(
                    min_capacity=schedule.min_capacity,
                    max_capacity=schedule.max_capacity,
                ),
                opts=child_opts(self, depends_on=[previous]),
            )
            self.scheduled_actions.append(action)
            previous = action
