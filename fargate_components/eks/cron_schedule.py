"""How often a Kubernetes CronJob runs: its schedule read as Kubernetes reads it (pure).

Kubernetes CronJob schedules use the standard five cron fields ``minute hour day-of-month
month day-of-week`` (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of
week 0-7 or SUN-SAT with both 0 and 7 Sunday), with ``*``, lists ``a,b``, ranges ``a-b``,
steps ``*/n`` / ``a-b/n`` / ``a/n``, ``?`` as ``*``, and the macros ``@yearly``
(``@annually``), ``@monthly``, ``@weekly``, ``@daily`` (``@midnight``) and ``@hourly``
(Kubernetes docs, "CronJob", Schedule syntax, https://kubernetes.io/docs/concepts/workloads/
controllers/cron-jobs/#schedule-syntax). When both day fields are restricted, a day matches
if either does (cron's rule, which the controller's robfig/cron parser follows).

:func:`runs_per_month` counts the runs of one (non-leap) year and divides by 12: an average
month, independent of which month a plan is made in. Time zones do not change the count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import ValidationError

__all__ = ["CronSchedule", "parse_cron", "runs_per_month"]

_MACROS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
_MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DAY_NAMES = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES)}
_DAYS = {d: i for i, d in enumerate(_DAY_NAMES)}
_ALLOWED = (
    "a Kubernetes CronJob schedule: five fields 'minute hour day-of-month month day-of-week' "
    "(e.g. '0 2 * * *') or @hourly/@daily/@weekly/@monthly/@yearly"
)


@dataclass(frozen=True)
class CronSchedule:
    """A parsed schedule: the values each field allows, and which day fields are restricted."""

    minutes: frozenset[int]
    hours: frozenset[int]
    days_of_month: frozenset[int]
    months: frozenset[int]
    days_of_week: frozenset[int]
    dom_restricted: bool
    dow_restricted: bool

    def runs_on(self, day: date) -> int:
        """How many times the schedule fires on ``day``."""
        if day.month not in self.months:
            return 0
        dom = day.day in self.days_of_month
        dow = (day.isoweekday() % 7) in self.days_of_week
        both = self.dom_restricted and self.dow_restricted
        matches = (dom or dow) if both else (dom and dow)
        return len(self.minutes) * len(self.hours) if matches else 0


def _value(text: str, names: dict[str, int]) -> int:
    upper = text.upper()
    if upper in names:
        return names[upper]
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


def _field(text: str, low: int, high: int, names: dict[str, int]) -> tuple[frozenset[int], bool]:
    values: set[int] = set()
    restricted = text not in ("*", "?")
    for part in text.split(","):
        body, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if step < 1:
            raise ValueError(part)
        if body in ("*", "?"):
            start, end = low, high
        elif "-" in body:
            first, last = body.split("-", 1)
            start, end = _value(first, names), _value(last, names)
        else:
            start = _value(body, names)
            end = high if step_text else start
        if not (low <= start <= high and low <= end <= high) or start > end:
            raise ValueError(part)
        values.update(range(start, end + 1, step))
    return frozenset(values), restricted


def parse_cron(argument: str, schedule: str) -> CronSchedule:
    """Parse a CronJob ``spec.schedule`` (raises ``ValidationError`` naming ``argument``)."""
    text = _MACROS.get(schedule.strip(), schedule.strip()) if isinstance(schedule, str) else ""
    fields = text.split()
    if len(fields) != 5:
        raise ValidationError(argument, schedule, _ALLOWED)
    try:
        minutes, _ = _field(fields[0], 0, 59, {})
        hours, _ = _field(fields[1], 0, 23, {})
        dom, dom_restricted = _field(fields[2], 1, 31, {})
        months, _ = _field(fields[3], 1, 12, _MONTHS)
        dow, dow_restricted = _field(fields[4], 0, 7, _DAYS)
    except ValueError:
        raise ValidationError(argument, schedule, _ALLOWED) from None
    days_of_week = frozenset(d % 7 for d in dow)  # 7 is Sunday too
    return CronSchedule(minutes, hours, dom, months, days_of_week, dom_restricted, dow_restricted)


#: The year whose runs are averaged (not a leap year; its weekdays do not matter for a year).
_YEAR = 2027


def runs_per_month(schedule: CronSchedule) -> float:
    """The average number of runs in a month: the runs of a whole year, divided by 12."""
    day = date(_YEAR, 1, 1)
    total = 0
    while day.year == _YEAR:
        total += schedule.runs_on(day)
        day += timedelta(days=1)
    return total / 12
