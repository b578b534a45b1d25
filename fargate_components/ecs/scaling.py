"""Pure decisions for ECS service autoscaling (Application Auto Scaling): capacity ranges,
target-tracking specs, schedule expressions and time zones. No Pulumi resources here; see
``autoscaling.py``.

AWS facts encoded below:

- ``service_namespace="ecs"``, ``scalable_dimension="ecs:service:DesiredCount"``,
  ``resource_id="service/<cluster>/<service>"``.
- Target tracking predefined metrics ``ECSServiceAverageCPUUtilization``,
  ``ECSServiceAverageMemoryUtilization`` and ``ALBRequestCountPerTarget`` (whose
  ``resource_label`` is ``app/<lb>/<id>/targetgroup/<tg>/<id>``). ECS's default cooldowns
  are 300 s both ways (CDK ``BaseTargetTrackingProps``:
  https://docs.aws.amazon.com/cdk/api/v2/python/aws_cdk.aws_applicationautoscaling/BaseTargetTrackingProps.html).
- Schedules: ``at(yyyy-mm-ddThh:mm:ss)``, ``rate(N unit)`` and ``cron(...)`` with six
  fields ``[Minutes] [Hours] [Day_of_Month] [Month] [Day_of_Week] [Year]``, e.g.
  ``cron(30 6 ? * MON *)``; time zones are canonical IANA names ("Schedule recurring
  scaling actions using Application Auto Scaling":
  https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html).
  One of day-of-month / day-of-week must be ``?`` (EventBridge cron rules, which that
  guide refers to).
- Queue workers scale on *backlog per task*: the queue's visible messages divided by the
  service's running tasks, a target-tracking policy on a customized metric built with
  metric math (``m1`` = ``AWS/SQS`` ``ApproximateNumberOfMessagesVisible`` by
  ``QueueName``, ``m2`` = ``ECS/ContainerInsights`` ``RunningTaskCount`` by
  ``ClusterName`` + ``ServiceName``, returned expression ``m1 / m2``) ("Create a target
  tracking scaling policy for Application Auto Scaling using metric math", example "Amazon
  SQS queue backlog per task":
  https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking-metric-math.html).
  ``RunningTaskCount`` is a Container Insights metric: the cluster needs Container Insights
  on (``FargateCluster``'s default). With zero running tasks the ratio has no value, so
  target tracking cannot scale out from 0: keep ``min_capacity >= 1`` (a warning says so).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import pulumi

from ..errors import (
    ValidationError,
    argument_path,
    check_int_range,
    check_name,
    check_unique,
    is_known,
)
from ..outputs import concat
from ..timefmt import instant, parse_instant, parse_zoneless_instant, zoneless_instant

__all__ = [
    "CPU_METRIC",
    "MEMORY_METRIC",
    "QUEUE_BACKLOG_METRIC",
    "REQUEST_COUNT_METRIC",
    "SCALABLE_DIMENSION",
    "SERVICE_NAMESPACE",
    "Autoscaling",
    "ScheduledScaling",
    "TrackingSpec",
    "at",
    "check_autoscaling",
    "check_scaling_range",
    "check_schedule",
    "check_timezone",
    "cron",
    "queue_backlog_metrics",
    "rate",
    "resource_id",
    "tracking_specs",
]

SERVICE_NAMESPACE = "ecs"
SCALABLE_DIMENSION = "ecs:service:DesiredCount"
CPU_METRIC = "ECSServiceAverageCPUUtilization"
MEMORY_METRIC = "ECSServiceAverageMemoryUtilization"
REQUEST_COUNT_METRIC = "ALBRequestCountPerTarget"
#: Our name for the customized backlog-per-task metric (not an AWS predefined metric type).
QUEUE_BACKLOG_METRIC = "SQSBacklogPerTask"

#: The most tasks we accept as a capacity (ECS "tasks per service" quota: 5000).
MAX_TASKS = 5000
MAX_COOLDOWN = 2**31 - 1


# --- schedule expressions ----------------------------------------------------------------
_RATE = re.compile(r"^rate\((\d+) ([a-z]+)\)$")
_AT = re.compile(r"^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$")
_CRON = re.compile(r"^cron\((.*)\)$")
_RATE_UNITS = ("minute", "hour", "day")

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")


@dataclass(frozen=True)
class _Field:
    name: str
    low: int
    high: int
    names: tuple[str, ...] = ()
    extra: re.Pattern[str] | None = None  # special forms: L, W, #


_CRON_FIELDS = (
    _Field("minutes", 0, 59),
    _Field("hours", 0, 23),
    _Field("day-of-month", 1, 31, extra=re.compile(r"^(L|LW|\d{1,2}W)$")),
    _Field("month", 1, 12, _MONTHS),
    _Field("day-of-week", 1, 7, _DAYS, re.compile(r"^(\w{1,3}L|L|\w{1,3}#[1-5])$")),
    _Field("year", 1970, 2199),
)


def _value(field: _Field, token: str) -> int | None:
    if token.isdigit():
        number = int(token)
        return number if field.low <= number <= field.high else None
    upper = token.upper()
    if upper in field.names:
        return field.names.index(upper) + field.low
    return None


def _check_cron_field(field: _Field, text: str) -> bool:
    if text == "*":
        return True
    for item in text.split(","):
        if field.extra is not None and field.extra.match(item):
            head = re.split(r"[L#W]", item)[0]
            if head and _value(field, head) is None:
                return False
            continue
        base, _, step = item.partition("/")
        if step and (not step.isdigit() or int(step) < 1):
            return False
        if base == "*":
            continue
        start, _, end = base.partition("-")
        if _value(field, start) is None or (end and _value(field, end) is None):
            return False
    return True


def check_schedule(argument: str, value: Any) -> None:
    """Require an Application Auto Scaling schedule: ``at(2025-12-24T08:00:00)``,
    ``rate(5 minutes)`` / ``rate(1 hour)``, or ``cron(0 8 ? * MON-FRI *)``."""
    allowed = (
        "'at(yyyy-mm-ddThh:mm:ss)', 'rate(N minute|minutes|hour|hours|day|days)' or "
        "'cron(minutes hours day-of-month month day-of-week year)' with '?' in exactly "
        "one of day-of-month and day-of-week"
    )
    if not is_known(value):
        return
    if not isinstance(value, str):
        raise ValidationError(argument, value, allowed)
    if match := _AT.match(value):
        try:
            parse_zoneless_instant(match.group(1))
        except ValueError:
            raise ValidationError(argument, value, allowed) from None
        return
    if match := _RATE.match(value):
        count, unit = int(match.group(1)), match.group(2)
        singular = unit in _RATE_UNITS
        plural = unit.endswith("s") and unit[:-1] in _RATE_UNITS
        if count < 1 or not (singular or plural):
            raise ValidationError(argument, value, allowed)
        if singular != (count == 1):
            raise ValidationError(
                argument, value, "the singular unit for 1 ('rate(1 hour)'), plural otherwise"
            )
        return
    if match := _CRON.match(value):
        fields = match.group(1).split()
        if len(fields) != len(_CRON_FIELDS):
            raise ValidationError(argument, value, allowed)
        for field, text in zip(_CRON_FIELDS, fields, strict=True):
            if text == "?" and field.name in ("day-of-month", "day-of-week"):
                continue
            if not _check_cron_field(field, text):
                raise ValidationError(argument, value, f"{allowed} (bad {field.name} {text!r})")
        if (fields[2] == "?") == (fields[4] == "?"):
            raise ValidationError(argument, value, allowed)
        return
    raise ValidationError(argument, value, allowed)


def rate(count: int, unit: str) -> str:
    """``rate(...)`` with the right singular/plural, e.g. ``rate(5, "minute")`` ->
    ``"rate(5 minutes)"``. ``unit``: ``"minute"``, ``"hour"`` or ``"day"``."""
    unit = unit.rstrip("s")
    if unit not in _RATE_UNITS:
        raise ValidationError("rate(unit)", unit, "'minute', 'hour' or 'day'")
    check_int_range("rate(count)", count, 1, 2**31 - 1)
    return f"rate({count} {unit}{'' if count == 1 else 's'})"


def at(moment: datetime) -> str:
    """``at(yyyy-mm-ddThh:mm:ss)`` for a moment (local time of the action's time zone)."""
    return f"at({zoneless_instant(moment)})"


def cron(
    *,
    minute: str = "0",
    hour: str = "*",
    day_of_month: str | None = None,
    month: str = "*",
    day_of_week: str | None = None,
    year: str = "*",
) -> str:
    """A six-field ``cron(...)``; ``?`` goes to whichever day field is not given, e.g.
    ``cron(minute="0", hour="8", day_of_week="MON-FRI")`` -> ``"cron(0 8 ? * MON-FRI *)"``."""
    if day_of_month is None and day_of_week is None:
        day_of_month = "*"
    dom = day_of_month if day_of_month is not None else "?"
    dow = day_of_week if day_of_week is not None else "?"
    expression = f"cron({minute} {hour} {dom} {month} {dow} {year})"
    check_schedule("cron()", expression)
    return expression


@cache
def _zones() -> frozenset[str]:
    try:
        import zoneinfo

        return frozenset(zoneinfo.available_timezones())
    except Exception:  # pragma: no cover - no tz database at all
        return frozenset()


def check_timezone(argument: str, value: Any) -> None:
    """Require an IANA time zone name (e.g. ``"Europe/Paris"``), checked against the tz
    database Python sees; without one, only ``"UTC"`` is accepted."""
    if not is_known(value):
        return
    zones = _zones() or frozenset({"UTC"})
    if not isinstance(value, str) or value not in zones:
        raise ValidationError(argument, value, "an IANA time zone name such as 'Europe/Paris'")


def _timestamp(argument: str, value: Any) -> str:
    """A start/end time as RFC 3339 UTC (``2025-01-31T08:00:00Z``)."""
    allowed = "a datetime or an RFC 3339 UTC time such as '2025-01-31T08:00:00Z'"
    if isinstance(value, datetime):
        return instant(value)  # a naive datetime is taken as UTC
    if isinstance(value, str):
        try:
            parsed = parse_instant(value)
        except ValueError:
            raise ValidationError(argument, value, allowed) from None
        return instant(parsed)
    raise ValidationError(argument, value, allowed)


# --- value objects -----------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class ScheduledScaling:
    """Change the capacity range at known times, e.g. scale out before a daily peak
    (Fargate tasks take 30-60 s to start, target tracking reacts after the load arrives).

    Example::

        ScheduledScaling(name="morning-peak", schedule="cron(45 7 ? * MON-FRI *)",
                         min_capacity=6, timezone="Europe/Paris")
    """

    name: str
    """A name unique within the service's schedules (letters, digits, ``-``, ``_``).
    Required."""
    schedule: str
    """``cron(m h dom mon dow year)``, ``rate(N unit)`` or ``at(yyyy-mm-ddThh:mm:ss)``
    (see :func:`cron`, :func:`rate`, :func:`at`). Required."""
    min_capacity: int | None = None
    """New minimum task count. Default: unchanged (give at least one of min/max)."""
    max_capacity: int | None = None
    """New maximum task count. Default: unchanged."""
    timezone: str = "UTC"
    """IANA time zone of ``schedule``. Default ``"UTC"``."""
    start_time: datetime | str | None = None
    """When the schedule starts (a datetime or ``"2025-01-31T08:00:00Z"``). Default now."""
    end_time: datetime | str | None = None
    """When the schedule ends. Default never."""

    def validate(self) -> None:
        """Raise ``ValidationError`` naming ``ScheduledScaling.<field>`` for any bad value
        (the argument holding it re-raises under its own path, ``errors.argument_path``)."""
        where = "ScheduledScaling"
        check_name(f"{where}.name", self.name, max_length=64)
        check_schedule(f"{where}.schedule", self.schedule)
        check_timezone(f"{where}.timezone", self.timezone)
        if self.min_capacity is None and self.max_capacity is None:
            raise ValidationError(f"{where}.min_capacity", None, "min_capacity and/or max_capacity")
        for field in ("min_capacity", "max_capacity"):
            value = getattr(self, field)
            if value is not None:
                check_int_range(f"{where}.{field}", value, 0, MAX_TASKS)
        if (
            self.min_capacity is not None
            and self.max_capacity is not None
            and self.min_capacity > self.max_capacity
        ):
            raise ValidationError(
                f"{where}.min_capacity",
                self.min_capacity,
                f"at most max_capacity ({self.max_capacity})",
            )
        start = (
            _timestamp(f"{where}.start_time", self.start_time)
            if self.start_time is not None
            else None
        )
        end = _timestamp(f"{where}.end_time", self.end_time) if self.end_time is not None else None
        if start is not None and end is not None and start >= end:
            raise ValidationError(f"{where}.end_time", end, f"later than start_time ({start})")

    def times(self) -> tuple[str | None, str | None]:
        """``(start_time, end_time)`` as RFC 3339 UTC strings (call after validate)."""
        start = _timestamp("start_time", self.start_time) if self.start_time is not None else None
        end = _timestamp("end_time", self.end_time) if self.end_time is not None else None
        return start, end


@dataclass(frozen=True, kw_only=True)
class Autoscaling:
    """How a service's desired count scales: a range, target-tracking policies and
    schedules. Used by ``FargateServiceArgs.autoscaling`` and :class:`ServiceAutoscaling`.

    Example::

        Autoscaling(min_capacity=2, max_capacity=10, cpu_target=60,
                    schedules=[ScheduledScaling(name="peak", schedule="cron(0 8 ? * MON-FRI *)",
                                                min_capacity=6)])
    """

    min_capacity: int = 1
    """Fewest tasks, 0-5000. Default 1."""
    max_capacity: int
    """Most tasks, 1-5000 and at least ``min_capacity`` (your cost ceiling). Required."""
    cpu_target: float | None = None
    """Keep average CPU utilisation near this percentage (1-100; below 1 only with
    ``allow_target_below_one``). Default none."""
    memory_target: float | None = None
    """Keep average memory utilisation near this percentage (1-100; below 1 only with
    ``allow_target_below_one``). Default none."""
    requests_per_target: float | None = None
    """Keep ALB requests per task per minute near this (> 0); needs a load balancer.
    Default none."""
    queue_backlog_target: float | None = None
    """Keep the SQS backlog per running task (visible messages / running tasks) near this
    (> 0), e.g. acceptable latency / seconds per message; needs ``queue_name`` and
    Container Insights on the cluster. Default none."""
    queue_name: pulumi.Input[str] | None = None
    """The SQS queue whose backlog ``queue_backlog_target`` tracks (its name, not URL or
    ARN). Default none."""
    scale_in_cooldown: int = 300
    """Seconds after a scale-in before the next one. Default 300 (the ECS default)."""
    scale_out_cooldown: int = 60
    """Seconds after a scale-out before the next one. Default 60 (ECS default 300; Fargate
    cold starts make a quicker scale-out worth it)."""
    disable_scale_in: bool = False
    """Let target tracking add tasks but never remove them. Default ``False``."""
    schedules: Sequence[ScheduledScaling] = ()
    """Scheduled changes of the range. Default none."""
    allow_target_below_one: bool = False
    """Accept a ``cpu_target`` or ``memory_target`` below 1 (percent), which AWS allows.
    Default ``False``: such a value is refused as a fraction typed for a percentage
    (``0.6`` for 60 %), which would keep the service at ``max_capacity``."""

    def validate(self, *, has_load_balancer: bool | None = None) -> None:
        """Raise ``ValidationError`` naming ``Autoscaling.<field>`` for any bad value (the
        argument holding it re-raises under its own path, ``errors.argument_path``).
        ``has_load_balancer=False`` rejects a request-count policy (``None``: don't know,
        skip)."""
        where = "Autoscaling"
        _check_range(self.min_capacity, self.max_capacity)
        _check_target(f"{where}.cpu_target", self.cpu_target, 100)
        _check_target(f"{where}.memory_target", self.memory_target, 100)
        _check_target(f"{where}.requests_per_target", self.requests_per_target, None)
        _check_target(f"{where}.queue_backlog_target", self.queue_backlog_target, None)
        _check_percent_targets(self)
        if (self.queue_backlog_target is None) != (self.queue_name is None):
            missing = "queue_name" if self.queue_name is None else "queue_backlog_target"
            given = "queue_backlog_target" if missing == "queue_name" else "queue_name"
            raise ValidationError(f"{where}.{missing}", None, f"set together with {given}")
        if self.queue_name is not None and is_known(self.queue_name):
            _check_queue_name(f"{where}.queue_name", self.queue_name)
        if self.requests_per_target is not None and has_load_balancer is False:
            raise ValidationError(
                f"{where}.requests_per_target",
                self.requests_per_target,
                "only behind an ALB whose ARN suffix is known: a LoadBalancer, or "
                "LoadBalancer.existing(..., arn_suffix=...) (the metric is ALB requests per "
                "target, dimensioned by the ALB's and target group's ARN suffixes; an NLB has "
                "none)",
            )
        check_int_range(f"{where}.scale_in_cooldown", self.scale_in_cooldown, 0, MAX_COOLDOWN)
        check_int_range(f"{where}.scale_out_cooldown", self.scale_out_cooldown, 0, MAX_COOLDOWN)
        if not isinstance(self.disable_scale_in, bool):
            raise ValidationError(
                f"{where}.disable_scale_in", self.disable_scale_in, "True or False"
            )
        if isinstance(self.schedules, ScheduledScaling) or not isinstance(self.schedules, Sequence):
            raise ValidationError(
                f"{where}.schedules", self.schedules, "a list of ScheduledScaling"
            )
        for index, schedule in enumerate(self.schedules):
            if not isinstance(schedule, ScheduledScaling):
                raise ValidationError(f"{where}.schedules[{index}]", schedule, "a ScheduledScaling")
            with argument_path(f"{where}.schedules[{index}]", "ScheduledScaling"):
                schedule.validate()
        check_unique(f"{where}.schedules.name", [s.name for s in self.schedules])
        _check_schedule_bounds(self)


def _check_schedule_bounds(spec: Autoscaling) -> None:
    """A schedule that sets only one bound must fit the other: "In some cases, however, you
    must include both sizes to ensure that the new minimum capacity is not higher than the
    maximum capacity, or the new maximum capacity is not lower than the minimum capacity"
    (Application Auto Scaling user guide, "How scheduled scaling for Application Auto
    Scaling works"). The other bound at that time is the range's or another schedule's; a
    bound beyond every one of them can never fit (a user's peak schedule of min 6 on a
    range of 1..4 planned silently)."""
    schedules = list(spec.schedules)
    highest_max = max(
        [spec.max_capacity, *(s.max_capacity for s in schedules if s.max_capacity is not None)]
    )
    lowest_min = min(
        [spec.min_capacity, *(s.min_capacity for s in schedules if s.min_capacity is not None)]
    )
    for index, schedule in enumerate(schedules):
        where = f"Autoscaling.schedules[{index}]"
        low, high = schedule.min_capacity, schedule.max_capacity
        if high is None and low is not None and low > highest_max:
            raise ValidationError(
                f"{where}.min_capacity",
                low,
                f"at most the highest max_capacity the service can have then "
                f"({highest_max}), or give the schedule a max_capacity too",
            )
        if low is None and high is not None and high < lowest_min:
            raise ValidationError(
                f"{where}.max_capacity",
                high,
                f"at least the lowest min_capacity the service can have then "
                f"({lowest_min}), or give the schedule a min_capacity too",
            )


def check_scaling_range(
    min_capacity: Any,
    max_capacity: Any,
    desired_count: Any = None,
    *,
    desired_argument: str = "FargateServiceArgs.desired_count",
) -> None:
    """Require ``0 <= min <= max`` (max >= 1) and, when given, ``min <= desired <= max``.

    The range raises under ``Autoscaling.min_capacity`` / ``Autoscaling.max_capacity`` (the
    argument holding it re-raises under its own path, ``errors.argument_path``); the
    desired count under ``desired_argument``, the path it was given at."""
    _check_range(min_capacity, max_capacity)
    _check_desired(desired_argument, desired_count, min_capacity, max_capacity)


def _check_range(min_capacity: Any, max_capacity: Any) -> None:
    check_int_range("Autoscaling.min_capacity", min_capacity, 0, MAX_TASKS)
    check_int_range("Autoscaling.max_capacity", max_capacity, 1, MAX_TASKS)
    if min_capacity > max_capacity:
        raise ValidationError(
            "Autoscaling.min_capacity", min_capacity, f"at most max_capacity ({max_capacity})"
        )


def _check_desired(argument: str, desired_count: Any, min_capacity: Any, max_capacity: Any) -> None:
    if desired_count is not None and is_known(desired_count):
        if isinstance(desired_count, bool) or not isinstance(desired_count, int):
            raise ValidationError(argument, desired_count, "an integer")
        if not min_capacity <= desired_count <= max_capacity:
            raise ValidationError(
                argument,
                desired_count,
                f"within the autoscaling range {min_capacity}..{max_capacity}",
            )


#: Application Auto Scaling's bound on a target-tracking TargetValue: "Values must be in the
#: range of -2^360 to 2^360" (API Reference, TargetTrackingScalingPolicyConfiguration,
#: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingScalingPolicyConfiguration.html).
MAX_TARGET_VALUE = 2.0**360


def _check_target(argument: str, value: Any, high: float | None) -> None:
    """A target value: a finite number above 0 (a utilisation, a count per task; 0 or less
    never lets the policy scale in) and at most ``high`` (100 for a percentage: "if the
    metric is CPU utilization, then the target value is a percent value", same page) or
    AWS's 2^360."""
    if value is None or not is_known(value):
        return
    ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
    ok = ok and math.isfinite(value) and value <= (high if high is not None else MAX_TARGET_VALUE)
    if not ok:
        allowed = f"a number with 0 < v <= {high:g}" if high is not None else "a finite number > 0"
        raise ValidationError(argument, value, f"{allowed} (the metric's target value)")


def _check_percent_targets(spec: Autoscaling) -> None:
    """A CPU or memory target below 1 (percent) is AWS-valid, but is almost always a
    fraction typed for a percentage (``cpu_target=0.6`` meaning 60 %; Lambda's provisioned
    concurrency utilisation is a 0.1-0.9 fraction): the service would sit at
    ``max_capacity``. Refused unless ``allow_target_below_one=True``, which is refused when
    no target is below 1 (it would say nothing)."""
    if not isinstance(spec.allow_target_below_one, bool):
        raise ValidationError(
            "Autoscaling.allow_target_below_one", spec.allow_target_below_one, "True or False"
        )
    low = {
        name: value
        for name, value in (("cpu_target", spec.cpu_target), ("memory_target", spec.memory_target))
        if value is not None and is_known(value) and value < 1
    }
    if spec.allow_target_below_one and not low:
        raise ValidationError(
            "Autoscaling.allow_target_below_one",
            True,
            "only with a cpu_target or memory_target below 1 (it accepts such a target)",
        )
    for name, value in low.items():
        if not spec.allow_target_below_one:
            raise ValidationError(
                f"Autoscaling.{name}",
                value,
                f"a percentage from 1 to 100 ({value:g} reads as a fraction: "
                f"{value * 100:g} % is {name}={value * 100:g}); for a target below 1 % "
                "set allow_target_below_one=True",
            )


def check_autoscaling(
    spec: Autoscaling,
    where: str = "Autoscaling",
    *,
    has_load_balancer: bool | None = None,
    desired_count: Any = None,
    desired_argument: str = "FargateServiceArgs.desired_count",
) -> None:
    """Validate a whole :class:`Autoscaling` as the argument ``where``
    (:meth:`Autoscaling.validate`), and ``desired_count`` (named ``desired_argument``)
    against its range."""
    with argument_path(where, "Autoscaling"):
        spec.validate(has_load_balancer=has_load_balancer)
    _check_desired(desired_argument, desired_count, spec.min_capacity, spec.max_capacity)


_QUEUE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,80}(\.fifo)?$")


def _check_queue_name(argument: str, value: Any) -> None:
    """An SQS queue name: 1-80 letters, digits, ``-`` and ``_`` (``.fifo`` suffix for FIFO
    queues), not a URL or an ARN (the CloudWatch dimension is the name)."""
    if not isinstance(value, str) or not _QUEUE_NAME.match(value) or len(value) > 80:
        raise ValidationError(
            argument,
            value,
            "an SQS queue name (1-80 letters, digits, '-', '_', optional '.fifo'), "
            "not a URL or ARN",
        )


@dataclass(frozen=True)
class TrackingSpec:
    """One target-tracking policy to create: a logical suffix, a metric and a target.
    ``custom`` marks a customized (metric math) metric instead of a predefined one."""

    suffix: str
    metric: str
    target: float
    needs_label: bool
    custom: bool = False


def tracking_specs(spec: Autoscaling) -> list[TrackingSpec]:
    """The target-tracking policies ``spec`` asks for, in a fixed order."""
    out: list[TrackingSpec] = []
    if spec.cpu_target is not None:
        out.append(TrackingSpec("cpu", CPU_METRIC, float(spec.cpu_target), False))
    if spec.memory_target is not None:
        out.append(TrackingSpec("memory", MEMORY_METRIC, float(spec.memory_target), False))
    if spec.requests_per_target is not None:
        out.append(
            TrackingSpec("requests", REQUEST_COUNT_METRIC, float(spec.requests_per_target), True)
        )
    if spec.queue_backlog_target is not None:
        out.append(
            TrackingSpec(
                "queue-backlog",
                QUEUE_BACKLOG_METRIC,
                float(spec.queue_backlog_target),
                False,
                custom=True,
            )
        )
    return out


def queue_backlog_metrics(queue_name: Any, cluster_name: Any, service_name: Any) -> list[Any]:
    """The metric-math queries of the backlog-per-task metric, as plain dicts in Pulumi's
    argument names (snake_case): ``m1`` visible messages (Sum), ``m2`` running tasks
    (Average), and the returned expression ``m1 / m2``. Values may be Outputs."""

    def dim(name: str, value: Any) -> dict[str, Any]:
        return {"name": name, "value": value}

    return [
        {
            "id": "m1",
            "label": "Visible messages",
            "metric_stat": {
                "metric": {
                    "namespace": "AWS/SQS",
                    "metric_name": "ApproximateNumberOfMessagesVisible",
                    "dimensions": [dim("QueueName", queue_name)],
                },
                "stat": "Sum",
            },
            "return_data": False,
        },
        {
            "id": "m2",
            "label": "Running tasks",
            "metric_stat": {
                "metric": {
                    "namespace": "ECS/ContainerInsights",
                    "metric_name": "RunningTaskCount",
                    "dimensions": [
                        dim("ClusterName", cluster_name),
                        dim("ServiceName", service_name),
                    ],
                },
                "stat": "Average",
            },
            "return_data": False,
        },
        {
            "id": "e1",
            "label": "Backlog per task",
            "expression": "m1 / m2",
            "return_data": True,
        },
    ]


def resource_id(cluster_name: pulumi.Input[str], service_name: pulumi.Input[str]) -> Any:
    """``service/<cluster name>/<service name>`` (an Output when either part is one)."""
    if isinstance(cluster_name, str) and isinstance(service_name, str):
        return f"service/{cluster_name}/{service_name}"
    return concat("service/", cluster_name, "/", service_name)
