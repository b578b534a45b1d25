"""How often an EventBridge Scheduler schedule fires, on average in a month (pure).

Schedule expressions are ``at(yyyy-mm-ddThh:mm:ss)`` (one run), ``rate(N minute|minutes|
hour|hours|day|days)`` or ``cron(minutes hours day-of-month month day-of-week year)``
("Schedule types on EventBridge Scheduler",
https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html). The cron fields
are EventBridge's: day-of-week ``1-7`` or ``SUN-SAT`` with 1 = Sunday, ``?`` in one of the
two day fields, and the special forms ``L`` (last day), ``W`` (nearest weekday), ``LW``,
``<day>L`` (last <day> of the month) and ``<day>#<n>`` (the n-th <day> of the month).

The count reuses the Kubernetes CronJob model (:mod:`fargate_components.eks.cron_schedule`):
the expression's minute, hour, day and month fields are translated to the five-field form
(day-of-week shifted to 0 = Sunday) and its runs over a whole year are divided by 12. Each
special form fires on exactly one day of each month it allows, and is counted so. The year
field is not read (a schedule limited to some years is counted as if it ran every year), and
time zones do not change the count. Validation is :func:`fargate_components.ecs.scaling.
check_schedule`'s; this module only counts.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..eks.cron_schedule import parse_cron, runs_per_month
from ..errors import ValidationError

__all__ = ["schedule_runs_per_month"]

_RATE = re.compile(r"^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$")
_AT = re.compile(r"^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$")
_CRON = re.compile(r"^cron\((.*)\)$")
_UNIT_MINUTES = {"minute": 1, "hour": 60, "day": 1440}
_SPECIAL = re.compile(r"[LW#]")
_ALLOWED = (
    "an EventBridge Scheduler expression: 'at(yyyy-mm-ddThh:mm:ss)', 'rate(N unit)' or "
    "'cron(minutes hours day-of-month month day-of-week year)'"
)


def _shift_day_of_week(text: str) -> str:
    """EventBridge day-of-week numbers (1 = Sunday) as cron's (0 = Sunday); steps kept."""
    items = []
    for item in text.split(","):
        base, slash, step = item.partition("/")
        base = re.sub(r"\d+", lambda m: str(int(m.group(0)) - 1), base)
        items.append(base + slash + step)
    return ",".join(items)


def _months_allowed(month: str) -> int:
    return len(parse_cron("month", f"0 0 * {month} *").months)


def _cron_runs(argument: str, expression: str, fields: list[str]) -> tuple[float, str]:
    minutes, hours, dom, month, dow = fields[:5]
    daily = parse_cron(argument, f"{minutes} {hours} * * *")
    per_day = len(daily.minutes) * len(daily.hours)
    day_field, is_dom = (dom, True) if dow == "?" else (dow, False)
    items = day_field.split(",")
    special = [i for i in items if _SPECIAL.search(i)]
    regular = [i for i in items if not _SPECIAL.search(i)]
    runs = 0.0
    notes = []
    if special:
        months = _months_allowed(month)
        runs += len(special) * months * per_day / 12
        notes.append(f"{', '.join(special)}: one day in each of {months} months")
    if regular:
        text = ",".join(regular)
        five = (
            f"{minutes} {hours} {text} {month} *"
            if is_dom
            else f"{minutes} {hours} * {month} {_shift_day_of_week(text)}"
        )
        runs += runs_per_month(parse_cron(argument, five))
    why = f"{expression}: {round(runs, 2)} runs a month (a year's runs / 12"
    why += ("; " + "; ".join(notes)) if notes else ""
    if fields[5:] and fields[5] not in ("*", "?"):
        why += f"; year field {fields[5]!r} not read"
    return runs, why + ")"


def schedule_runs_per_month(
    argument: str, expression: object, hours_per_month: Decimal | float = 730
) -> tuple[Decimal, str]:
    """The average runs a month of a Scheduler ``expression`` and how they were counted.

    ``rate(N unit)`` runs ``hours_per_month x 60 / (N x unit minutes)`` times; ``at(...)``
    runs once (counted as one run a month, as a one-off Kubernetes Job is); ``cron(...)``
    as the module docstring says. Raises ``ValidationError`` naming ``argument`` for an
    expression it cannot read (an unknown value included).

    Example: ``schedule_runs_per_month("schedule", "rate(6 hours)")[0]`` is ``Decimal("121.67")``.
    """
    if not isinstance(expression, str):
        raise ValidationError(argument, expression, _ALLOWED)
    text = expression.strip()
    if _AT.match(text):
        return Decimal(1), f"{text}: a one-off run, counted as 1 run a month"
    if match := _RATE.match(text):
        count, unit = int(match.group(1)), match.group(2).rstrip("s")
        if count < 1:
            raise ValidationError(argument, expression, _ALLOWED)
        minutes = Decimal(str(hours_per_month)) * 60
        runs = (minutes / (count * _UNIT_MINUTES[unit])).quantize(Decimal("0.01"))
        return runs, f"{text}: {runs} runs a month ({minutes} minutes / {count} {unit}(s))"
    if match := _CRON.match(text):
        fields = match.group(1).split()
        if len(fields) != 6 or (fields[2] == "?") == (fields[4] == "?"):
            raise ValidationError(argument, expression, _ALLOWED)
        try:
            count_runs, why = _cron_runs(argument, text, fields)
        except ValidationError:
            raise ValidationError(argument, expression, _ALLOWED) from None
        return Decimal(str(round(count_runs, 2))), why
    raise ValidationError(argument, expression, _ALLOWED)
