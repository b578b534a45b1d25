"""The ServiceAutoscaling component under mocks: scalable target, policies, schedules."""

from __future__ import annotations

import itertools

import pulumi
import pytest

from fargate_components.ecs.autoscaling_component import ServiceAutoscaling, ServiceAutoscalingArgs
from fargate_components.ecs.scaling import Autoscaling, ScheduledScaling
from fargate_components.errors import ValidationError
from fargate_components.testing import run_in_mocks

TARGET = "aws:appautoscaling/target:Target"
POLICY = "aws:appautoscaling/policy:Policy"
ACTION = "aws:appautoscaling/scheduledAction:ScheduledAction"


def test_target_policies_and_schedules() -> None:
    def program() -> None:
        ServiceAutoscaling(
            "api",
            ServiceAutoscalingArgs(
                cluster_name="prod",
                service_name=pulumi.Output.from_input("api"),
                min_capacity=2,
                max_capacity=10,
                cpu_target=60,
                memory_target=75,
                requests_per_target=800,
                load_balancer_arn_suffix="app/web/0123",
                target_group_arn_suffix="targetgroup/api-tg/4567",
                disable_scale_in=True,
                schedules=[
                    ScheduledScaling(
                        name="peak",
                        schedule="cron(45 7 ? * MON-FRI *)",
                        min_capacity=6,
                        timezone="Europe/Paris",
                        start_time="2030-01-01T00:00:00Z",
                    ),
                    ScheduledScaling(name="night", schedule="cron(0 20 * * ? *)", min_capacity=2),
                ],
                tags={"team": "a"},
            ),
        )

    plan = run_in_mocks(program)
    (target,) = plan.of_type(TARGET)
    assert target.inputs["resourceId"] == "service/prod/api"
    assert target.inputs["scalableDimension"] == "ecs:service:DesiredCount"
    assert target.inputs["serviceNamespace"] == "ecs"
    assert (target.inputs["minCapacity"], target.inputs["maxCapacity"]) == (2, 10)
    assert target.parent == plan.named("api").urn

    policies = {p.name: p for p in plan.of_type(POLICY)}
    assert list(policies) == ["api-cpu", "api-memory", "api-requests"]
    cpu = policies["api-cpu"].inputs
    assert cpu["policyType"] == "TargetTrackingScaling"
    assert cpu["resourceId"] == "service/prod/api"
    config = cpu["targetTrackingScalingPolicyConfiguration"]
    assert config["predefinedMetricSpecification"] == {
        "predefinedMetricType": "ECSServiceAverageCPUUtilization"
    }
    assert config["targetValue"] == 60
    assert (config["scaleInCooldown"], config["scaleOutCooldown"]) == (300, 60)
    assert config["disableScaleIn"] is True
    requests = policies["api-requests"].inputs["targetTrackingScalingPolicyConfiguration"]
    assert requests["predefinedMetricSpecification"] == {
        "predefinedMetricType": "ALBRequestCountPerTarget",
        "resourceLabel": "app/web/0123/targetgroup/api-tg/4567",
    }

    peak = plan.named("api-schedule-peak", ACTION)
    assert peak.inputs["schedule"] == "cron(45 7 ? * MON-FRI *)"
    assert peak.inputs["timezone"] == "Europe/Paris"
    assert peak.inputs["startTime"] == "2030-01-01T00:00:00Z"
    assert peak.inputs["scalableTargetAction"] == {"minCapacity": 6}
    assert peak.inputs["resourceId"] == "service/prod/api"
    night = plan.named("api-schedule-night", ACTION)
    assert night.inputs["timezone"] == "UTC"

    # Serialised: each policy/action depends on the one before (ConcurrentUpdateException).
    chain = [target, *policies.values(), peak, night]
    for before, after in itertools.pairwise(chain):
        assert before.urn in after.depends_on


def test_for_service_copies_the_spec() -> None:
    spec = Autoscaling(min_capacity=1, max_capacity=3, cpu_target=50)
    args = ServiceAutoscalingArgs.for_service(spec, cluster_name="c", service_name="s")
    assert (args.min_capacity, args.max_capacity, args.cpu_target) == (1, 3, 50)
    plan = run_in_mocks(lambda: ServiceAutoscaling("s", args))
    assert len(plan.of_type(POLICY)) == 1
    assert plan.of_type(ACTION) == []


def test_request_policy_needs_both_suffixes() -> None:
    with pytest.raises(ValidationError, match=r"ServiceAutoscalingArgs\.requests_per_target"):
        run_in_mocks(
            lambda: ServiceAutoscaling(
                "s",
                ServiceAutoscalingArgs(
                    cluster_name="c", service_name="s", max_capacity=3, requests_per_target=100
                ),
            )
        )
    with pytest.raises(ValidationError, match=r"target_group_arn_suffix"):
        run_in_mocks(
            lambda: ServiceAutoscaling(
                "s",
                ServiceAutoscalingArgs(
                    cluster_name="c",
                    service_name="s",
                    max_capacity=3,
                    load_balancer_arn_suffix="app/x/1",
                ),
            )
        )
