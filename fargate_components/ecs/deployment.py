"""Pure decisions for ECS service deployments: the strategy (rolling, native blue/green,
linear, canary), lifecycle hooks, deployment alarms and the surge a deployment implies. No
Pulumi resources here; the service wires them (``service_component.py``).

AWS limits encoded below (ECS API reference):

- ``DeploymentConfiguration.strategy``: ``ROLLING`` (default), ``BLUE_GREEN``, ``LINEAR``,
  ``CANARY``; ``bakeTimeInMinutes`` 0-1440 (blue/green, linear, canary).
- ``CanaryConfiguration``: ``canaryPercent`` multiples of 0.1 from 0.1 to 100.0 (AWS default
  5.0), ``canaryBakeTimeInMinutes`` 0-1440 (default 10)
  (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CanaryConfiguration.html).
- ``LinearConfiguration``: ``stepPercent`` multiples of 0.1 from 3.0 to 100.0 (default
  10.0), ``stepBakeTimeInMinutes`` 0-1440 (default 6)
  (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinearConfiguration.html).
- Lifecycle hooks (pulumi-aws 7 ``ServiceDeploymentConfigurationLifecycleHook``, from the
  ECS ``DeploymentLifecycleHook`` shape): stages ``RECONCILE_SERVICE``, ``PRE_SCALE_UP``,
  ``POST_SCALE_UP``, ``TEST_TRAFFIC_SHIFT``, ``POST_TEST_TRAFFIC_SHIFT``,
  ``PRODUCTION_TRAFFIC_SHIFT``, ``POST_PRODUCTION_TRAFFIC_SHIFT``; a Lambda hook needs the
  function ARN and a role ECS assumes to invoke it.
- The traffic-shifting strategies need an Application Load Balancer here (a second target
  group and the production listener rule ECS re-weights; "Required resources for Amazon ECS
  blue/green deployments"); ECS manages the load balancer with an infrastructure role that
  carries the AWS managed policy ``AmazonECSInfrastructureRolePolicyForLoadBalancers``
  ("Amazon ECS infrastructure IAM role for load balancers").
- Deployment alarms (``DeploymentAlarms``): CloudWatch alarm names; ECS rolls back when one
  goes into ALARM during a deployment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from ..errors import ValidationError, argument_path, check_choice, check_int_range, is_known

__all__ = [
    "DEPLOYMENT_STRATEGIES",
    "LIFECYCLE_STAGES",
    "TRAFFIC_SHIFTING",
    "AlarmSpec",
    "Deployment",
    "DeploymentAlarms",
    "LifecycleHook",
    "default_alarm_specs",
    "deployment_configuration",
    "surge_tasks",
]

DEPLOYMENT_STRATEGIES = ("ROLLING", "BLUE_GREEN", "LINEAR", "CANARY")
#: The strategies that run a second (green) revision behind a second target group.
TRAFFIC_SHIFTING = ("BLUE_GREEN", "LINEAR", "CANARY")
#: The strategies that read each strategy-specific field; deployment_configuration() sends
#: nothing else (bake time: blue/green, linear, canary; CanaryConfiguration: CANARY only;
#: LinearConfiguration: LINEAR only), so a field set under another strategy never reaches ECS.
_STRATEGY_FIELDS: dict[str, tuple[str, ...]] = {
    "bake_time": TRAFFIC_SHIFTING,
    "canary_percent": ("CANARY",),
    "canary_bake_time": ("CANARY",),
    "step_percent": ("LINEAR",),
    "step_bake_time": ("LINEAR",),
}
LIFECYCLE_STAGES = (
    "RECONCILE_SERVICE",
    "PRE_SCALE_UP",
    "POST_SCALE_UP",
    "TEST_TRAFFIC_SHIFT",
    "POST_TEST_TRAFFIC_SHIFT",
    "PRODUCTION_TRAFFIC_SHIFT",
    "POST_PRODUCTION_TRAFFIC_SHIFT",
)
MAX_BAKE_MINUTES = 1440


def _check_percent(argument: str, value: Any, low: str, high: str = "100.0") -> None:
    """A multiple of 0.1 between ``low`` and ``high``."""
    allowed = f"a multiple of 0.1 from {low} to {high}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(argument, value, allowed)
    tenths = Decimal(str(value)) * 10
    if tenths != tenths.to_integral_value() or not Decimal(low) <= Decimal(str(value)) <= Decimal(
        high
    ):
        raise ValidationError(argument, value, allowed)


@dataclass(frozen=True, kw_only=True)
class LifecycleHook:
    """A Lambda function ECS invokes at deployment stages (it may fail the deployment).

    Example::

        LifecycleHook(function_arn="arn:aws:lambda:eu-west-1:123456789012:function:smoke",
                      role_arn="arn:aws:iam::123456789012:role/ecs-hooks",
                      stages=["POST_TEST_TRAFFIC_SHIFT"])
    """

    function_arn: Any
    """The Lambda function ARN (``pulumi.Input[str]``). Required."""
    role_arn: Any
    """A role ECS assumes to invoke it (``pulumi.Input[str]``). Required."""
    stages: Sequence[str]
    """When: any of ``LIFECYCLE_STAGES``. Required, at least one."""

    def validate(self) -> None:
        """Raise ``ValidationError`` naming ``LifecycleHook.<field>`` for any bad value (the
        argument holding it re-raises under its own path, ``errors.argument_path``)."""
        argument = "LifecycleHook"
        for label, value in (("function_arn", self.function_arn), ("role_arn", self.role_arn)):
            if value is None or (is_known(value) and not str(value).startswith("arn:")):
                raise ValidationError(f"{argument}.{label}", value, "an ARN")
        if isinstance(self.stages, str) or not self.stages:
            raise ValidationError(
                f"{argument}.stages", self.stages, "a non-empty list of lifecycle stages"
            )
        for stage in self.stages:
            check_choice(f"{argument}.stages", stage, LIFECYCLE_STAGES)

    def to_wire(self) -> dict[str, Any]:
        return {
            "hook_target_arn": self.function_arn,
            "role_arn": self.role_arn,
            "lifecycle_stages": list(self.stages),
        }


@dataclass(frozen=True, kw_only=True)
class Deployment:
    """How a new revision of a service replaces the old one.

    Example::

        Deployment()                                         # rolling (100 % / 200 %)
        Deployment(strategy="BLUE_GREEN", bake_time=15)      # 2x tasks for 15 minutes
        Deployment(strategy="CANARY", canary_percent=10, canary_bake_time=10)
        Deployment(strategy="LINEAR", step_percent=25, step_bake_time=5)
    """

    strategy: str = "ROLLING"
    """``"ROLLING"``, ``"BLUE_GREEN"``, ``"LINEAR"`` or ``"CANARY"``; the last three need a
    ``LoadBalancer`` (a second target group and its listener rule are created). Default
    ``"ROLLING"``."""
    bake_time: int = 10
    """Minutes both revisions run after all production traffic shifted (blue/green, linear,
    canary), 0-1440: the time to roll back instantly. Default 10."""
    canary_percent: float = 5.0
    """CANARY: traffic % the new revision gets first (0.1-100, steps of 0.1). Default 5.0."""
    canary_bake_time: int = 10
    """CANARY: minutes before the rest of the traffic shifts, 0-1440. Default 10."""
    step_percent: float = 10.0
    """LINEAR: traffic % shifted per step (3.0-100, steps of 0.1). Default 10.0."""
    step_bake_time: int = 6
    """LINEAR: minutes between steps, 0-1440. Default 6."""
    lifecycle_hooks: Sequence[LifecycleHook] = ()
    """Lambda hooks at deployment stages (traffic-shifting strategies). Default none."""

    @property
    def shifts_traffic(self) -> bool:
        return self.strategy in TRAFFIC_SHIFTING

    def validate(self) -> None:
        """Raise ``ValidationError`` naming ``Deployment.<field>`` for any bad value (the
        argument holding it re-raises under its own path, ``errors.argument_path``)."""
        argument = "Deployment"
        check_choice(f"{argument}.strategy", self.strategy, DEPLOYMENT_STRATEGIES)
        check_int_range(f"{argument}.bake_time", self.bake_time, 0, MAX_BAKE_MINUTES)
        check_int_range(f"{argument}.canary_bake_time", self.canary_bake_time, 0, MAX_BAKE_MINUTES)
        check_int_range(f"{argument}.step_bake_time", self.step_bake_time, 0, MAX_BAKE_MINUTES)
        _check_percent(f"{argument}.canary_percent", self.canary_percent, "0.1")
        _check_percent(f"{argument}.step_percent", self.step_percent, "3.0")
        self._check_strategy_fields(argument)
        if isinstance(self.lifecycle_hooks, (str, LifecycleHook)):
            raise ValidationError(
                f"{argument}.lifecycle_hooks", self.lifecycle_hooks, "a list of LifecycleHook"
            )
        for index, hook in enumerate(self.lifecycle_hooks):
            if not isinstance(hook, LifecycleHook):
                raise ValidationError(
                    f"{argument}.lifecycle_hooks[{index}]", hook, "a LifecycleHook"
                )
            with argument_path(f"{argument}.lifecycle_hooks[{index}]", "LifecycleHook"):
                hook.validate()
        if self.lifecycle_hooks and not self.shifts_traffic:
            raise ValidationError(
                f"{argument}.lifecycle_hooks",
                "[...]",
                "only with strategy 'BLUE_GREEN', 'LINEAR' or 'CANARY'",
            )

    def _check_strategy_fields(self, argument: str) -> None:
        """A strategy-specific field changed from its default under a strategy that never
        sends it is an error (``Deployment(canary_percent=10)`` alone is still a rolling
        deployment: the 10 % would silently not reach ECS)."""
        defaults = {f.name: f.default for f in fields(self)}
        for name, strategies in _STRATEGY_FIELDS.items():
            value = getattr(self, name)
            if self.strategy in strategies or value == defaults[name]:
                continue
            which = " or ".join(repr(s) for s in strategies)
            raise ValidationError(
                f"{argument}.{name}",
                value,
                f"only with strategy {which} (strategy {self.strategy!r} never reads it: "
                f"set strategy=, or leave {name} at its default {defaults[name]!r})",
            )


def deployment_configuration(deployment: Deployment) -> dict[str, Any] | None:
    """The service's ``deployment_configuration`` (Pulumi input names); None for rolling,
    which the service expresses with its min/max percents alone."""
    if not deployment.shifts_traffic:
        return None
    config: dict[str, Any] = {
        "strategy": deployment.strategy,
        # pulumi-aws 7 types the minutes as strings.
        "bake_time_in_minutes": str(deployment.bake_time),
    }
    if deployment.strategy == "CANARY":
        config["canary_configuration"] = {
            "canary_percent": float(deployment.canary_percent),
            "canary_bake_time_in_minutes": str(deployment.canary_bake_time),
        }
    if deployment.strategy == "LINEAR":
        config["linear_configuration"] = {
            "step_percent": float(deployment.step_percent),
            "step_bake_time_in_minutes": str(deployment.step_bake_time),
        }
    if deployment.lifecycle_hooks:
        config["lifecycle_hooks"] = [h.to_wire() for h in deployment.lifecycle_hooks]
    return config


def surge_tasks(deployment: Deployment, desired: int, maximum_percent: int) -> int:
    """Extra tasks running during a deployment: a full second revision for the
    traffic-shifting strategies (2x during bake time), else what ``maximum_percent`` allows
    above the desired count."""
    if deployment.shifts_traffic:
        return desired
    return max(0, desired * maximum_percent // 100 - desired)


@dataclass(frozen=True, kw_only=True)
class DeploymentAlarms:
    """CloudWatch alarms that roll a deployment back when they go into ALARM.

    By default, behind a load balancer, two alarms are created on the service's target group
    so a bad deployment rolls back on user-visible errors, not only on task failures:
    ``HTTPCode_Target_5XX_Count`` (ALB) and ``UnHealthyHostCount``.

    Example::

        DeploymentAlarms(target_5xx_threshold=50,
                         sns_topic_arn="arn:aws:sns:eu-west-1:123456789012:deploys")
        DeploymentAlarms(alarm_names=["checkout-p99-latency"], default_alarms=False)
    """

    alarm_names: Sequence[Any] = ()
    """Names of alarms of your own to watch too. Default none."""
    default_alarms: bool = True
    """Create the target-group alarms (behind a load balancer). Default ``True``."""
    target_5xx_threshold: int = 10
    """ALB only: 5xx responses from the tasks per minute that count as a bad minute.
    Default 10."""
    unhealthy_hosts_threshold: int = 1
    """Unhealthy targets (maximum over a minute) that count as a bad minute. Default 1."""
    evaluation_periods: int = 3
    """Consecutive bad minutes before ALARM, 1-60 (a single blip doesn't roll back).
    Default 3."""
    rollback: bool = True
    """Roll back when an alarm fires (else the deployment only fails). Default ``True``."""
    sns_topic_arn: Any = None
    """Also notify this SNS topic (``pulumi.Input[str]``) on ALARM and OK. Default none."""

    def validate(self) -> None:
        """Raise ``ValidationError`` naming ``DeploymentAlarms.<field>`` for any bad value (the
        argument holding it re-raises under its own path, ``errors.argument_path``)."""
        argument = "DeploymentAlarms"
        if isinstance(self.alarm_names, str):
            raise ValidationError(
                f"{argument}.alarm_names", self.alarm_names, "a list of alarm names"
            )
        for name in self.alarm_names:
            if is_known(name) and (not isinstance(name, str) or not 1 <= len(name) <= 255):
                raise ValidationError(
                    f"{argument}.alarm_names", name, "alarm names of 1-255 characters"
                )
        check_int_range(f"{argument}.target_5xx_threshold", self.target_5xx_threshold, 1, 1_000_000)
        check_int_range(
            f"{argument}.unhealthy_hosts_threshold", self.unhealthy_hosts_threshold, 1, 1000
        )
        check_int_range(f"{argument}.evaluation_periods", self.evaluation_periods, 1, 60)
        topic = self.sns_topic_arn
        if (
            topic is not None
            and is_known(topic)
            and (not str(topic).startswith("arn:aws") or ":sns:" not in str(topic))
        ):
            raise ValidationError(f"{argument}.sns_topic_arn", topic, "an SNS topic ARN")


@dataclass(frozen=True)
class AlarmSpec:
    """One default alarm, ready to become an ``aws.cloudwatch.MetricAlarm``."""

    role: str
    namespace: str
    metric: str
    statistic: str
    threshold: int
    description: str


def default_alarm_specs(alarms: DeploymentAlarms, *, application: bool) -> tuple[AlarmSpec, ...]:
    """The default alarms for a service behind an ALB (``application``) or an NLB."""
    if not alarms.default_alarms:
        return ()
    namespace = "AWS/ApplicationELB" if application else "AWS/NetworkELB"
    specs = []
    if application:
        specs.append(
            AlarmSpec(
                "alarm-5xx",
                namespace,
                "HTTPCode_Target_5XX_Count",
                "Sum",
                alarms.target_5xx_threshold,
                "5xx responses from the service's tasks: rolls a deployment back",
            )
        )
    specs.append(
        AlarmSpec(
            "alarm-unhealthy",
            namespace,
            "UnHealthyHostCount",
            "Maximum",
            alarms.unhealthy_hosts_threshold,
            "Unhealthy targets in the service's target group: rolls a deployment back",
        )
    )
    return tuple(specs)
