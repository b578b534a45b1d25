"""Pure autoscaling decisions: ranges, targets, schedule expressions, time zones."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fargate_components.ecs.scaling import (
    Autoscaling,
    ScheduledScaling,
    at,
    check_autoscaling,
    check_scaling_range,
    check_schedule,
    check_timezone,
    cron,
    rate,
    resource_id,
    tracking_specs,
)
from fargate_components.errors import ValidationError, argument_path


@pytest.mark.parametrize(
    "good",
    [
        "at(2030-12-24T08:00:00)",
        "rate(1 minute)",
        "rate(5 minutes)",
        "rate(1 hour)",
        "rate(2 days)",
        "cron(0 8 ? * MON-FRI *)",
        "cron(30 6 ? * MON *)",
        "cron(0/15 * * * ? *)",
        "cron(0 8 1 * ? *)",
        "cron(0 18 ? * 2-6 2030)",
        "cron(15 10 L * ? *)",
        "cron(0 9 ? * 6L *)",
        "cron(0 9 ? * MON#1 *)",
        "cron(0 12 15W JAN,JUL ? *)",
    ],
)
def test_schedule_accepts(good: str) -> None:
    check_schedule("s", good)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "every day",
        "at(2030-13-01T08:00:00)",
        "at(2030-12-24 08:00:00)",
        "rate(0 minutes)",
        "rate(1 minutes)",
        "rate(5 minute)",
        "rate(5 weeks)",
        "cron(0 8 * * *)",  # five fields (classic cron)
        "cron(0 8 * * MON-FRI *)",  # no '?'
        "cron(0 8 ? * ? *)",  # two '?'
        "cron(60 8 ? * MON *)",
        "cron(0 24 ? * MON *)",
        "cron(0 8 ? 13 MON *)",
        "cron(0 8 ? * FUNDAY *)",
        "cron(0 8 32 * ? *)",
        "cron(0 8 ? * MON 1800)",
        "cron(0/0 8 ? * MON *)",
        None,
    ],
)
def test_schedule_rejects(bad: object) -> None:
    with pytest.raises(ValidationError):
        check_schedule("s", bad)


def test_schedule_builders() -> None:
    assert rate(1, "hour") == "rate(1 hour)"
    assert rate(5, "minutes") == "rate(5 minutes)"
    assert cron(minute="0", hour="8", day_of_week="MON-FRI") == "cron(0 8 ? * MON-FRI *)"
    assert cron(minute="30", hour="6") == "cron(30 6 * * ? *)"
    assert at(datetime(2030, 1, 2, 3, 4, 5)) == "at(2030-01-02T03:04:05)"
    with pytest.raises(ValidationError):
        rate(2, "week")
    with pytest.raises(ValidationError):
        cron(minute="0", hour="8", day_of_month="1", day_of_week="MON")


@given(st.integers(1, 10_000), st.sampled_from(["minute", "hour", "day"]))
def test_rate_builder_always_valid(count: int, unit: str) -> None:
    check_schedule("s", rate(count, unit))


def test_timezones() -> None:
    check_timezone("tz", "UTC")
    check_timezone("tz", "Europe/Paris")
    check_timezone("tz", "Asia/Seoul")
    for bad in ("Mars/Olympus", "utc ", "", 3):
        with pytest.raises(ValidationError):
            check_timezone("tz", bad)


def test_scaling_range() -> None:
    check_scaling_range(1, 4, 2)
    check_scaling_range(0, 1)
    with pytest.raises(ValidationError, match=r"Autoscaling\.min_capacity = 5"):
        check_scaling_range(5, 4)
    with pytest.raises(ValidationError, match=r"FargateServiceArgs\.desired_count = 9"):
        check_scaling_range(1, 4, 9)
    with (
        pytest.raises(ValidationError, match=r"X\.max_capacity"),
        argument_path("X", "Autoscaling"),
    ):
        check_scaling_range(0, 0)


def test_check_autoscaling_targets_and_load_balancer() -> None:
    check_autoscaling(
        Autoscaling(max_capacity=4, cpu_target=100, memory_target=0.5, allow_target_below_one=True)
    )
    for field in ("cpu_target", "memory_target"):
        for bad in (0, 101, -1, True, "50"):
            with pytest.raises(ValidationError, match=rf"Autoscaling\.{field}"):
                check_autoscaling(Autoscaling(max_capacity=4, **{field: bad}))  # type: ignore[arg-type]
    spec = Autoscaling(max_capacity=4, requests_per_target=1000)
    check_autoscaling(spec, has_load_balancer=True)
    check_autoscaling(spec)  # unknown: skipped
    with pytest.raises(ValidationError, match=r"Autoscaling\.requests_per_target"):
        check_autoscaling(spec, has_load_balancer=False)


def test_schedules_validated_and_unique() -> None:
    good = ScheduledScaling(name="peak", schedule="cron(0 8 ? * MON-FRI *)", min_capacity=4)
    check_autoscaling(Autoscaling(max_capacity=10, schedules=[good]))
    with pytest.raises(ValidationError, match=r"schedules\.name"):
        check_autoscaling(Autoscaling(max_capacity=10, schedules=[good, good]))
    cases = [
        (ScheduledScaling(name="a", schedule="rate(1 hours)", min_capacity=1), "schedule"),
        (ScheduledScaling(name="a", schedule="rate(1 hour)"), "min_capacity"),
        (
            ScheduledScaling(name="a", schedule="rate(1 hour)", min_capacity=5, max_capacity=2),
            "min_capacity",
        ),
        (
            ScheduledScaling(name="a", schedule="rate(1 hour)", max_capacity=1, timezone="Moon"),
            "timezone",
        ),
        (ScheduledScaling(name="a b", schedule="rate(1 hour)", max_capacity=1), "name"),
        (
            ScheduledScaling(
                name="a",
                schedule="rate(1 hour)",
                max_capacity=1,
                start_time="2030-01-02T00:00:00Z",
                end_time="2030-01-01T00:00:00Z",
            ),
            "end_time",
        ),
        (
            ScheduledScaling(
                name="a", schedule="rate(1 hour)", max_capacity=1, start_time="tomorrow"
            ),
            "start_time",
        ),
    ]
    for schedule, field in cases:
        with pytest.raises(ValidationError, match=rf"schedules\[0\]\.{field}"):
            check_autoscaling(Autoscaling(max_capacity=10, schedules=[schedule]))


def test_schedule_times_are_utc_strings() -> None:
    paris = timezone(timedelta(hours=1))
    schedule = ScheduledScaling(
        name="a",
        schedule="rate(1 hour)",
        max_capacity=1,
        start_time=datetime(2030, 1, 1, 9, 0, tzinfo=paris),
        end_time="2030-02-01T00:00:00Z",
    )
    assert schedule.times() == ("2030-01-01T08:00:00Z", "2030-02-01T00:00:00Z")


def test_tracking_specs_and_resource_id() -> None:
    specs = tracking_specs(
        Autoscaling(max_capacity=4, cpu_target=60, memory_target=70, requests_per_target=500)
    )
    assert [(s.suffix, s.metric, s.target, s.needs_label) for s in specs] == [
        ("cpu", "ECSServiceAverageCPUUtilization", 60.0, False),
        ("memory", "ECSServiceAverageMemoryUtilization", 70.0, False),
        ("requests", "ALBRequestCountPerTarget", 500.0, True),
    ]
    assert tracking_specs(Autoscaling(max_capacity=4)) == []
    assert resource_id("c", "s") == "service/c/s"


def test_a_target_below_one_percent_needs_the_escape_hatch() -> None:
    """cpu_target=0.6 (a fraction typed for 60 %) is refused; the same value with
    allow_target_below_one=True is AWS-valid and accepted, and becomes the policy target."""
    with pytest.raises(ValidationError, match=r"cpu_target = 0.6 .*cpu_target=60"):
        Autoscaling(max_capacity=4, cpu_target=0.6).validate()
    spec = Autoscaling(max_capacity=4, cpu_target=0.5, allow_target_below_one=True)
    spec.validate()
    assert [t.target for t in tracking_specs(spec)] == [0.5]
    Autoscaling(max_capacity=4, cpu_target=1, memory_target=100).validate()
