"""CronJob schedules: Kubernetes' five-field syntax and runs per average month (pure)."""

from __future__ import annotations

import pytest

from fargate_components.eks.cron_schedule import parse_cron, runs_per_month
from fargate_components.errors import ValidationError


@pytest.mark.parametrize(
    ("schedule", "per_month"),
    [
        ("0 2 * * *", 365 / 12),  # nightly
        ("@daily", 365 / 12),
        ("@hourly", 365 * 24 / 12),
        ("*/15 * * * *", 365 * 24 * 4 / 12),
        ("0 9 * * MON-FRI", 261 / 12),  # 2027 has 261 weekdays
        ("0 9 * * 1-5", 261 / 12),
        ("30 6 1 * *", 1.0),
        ("@yearly", 1 / 12),
        ("0 0 * * 0,7", 52 / 12),  # 0 and 7 are both Sunday
        (
            "0 0 1 * MON",
            (12 + 52 - 3) / 12,
        ),  # either day field matches; Feb 1, Mar 1 and Nov 1 2027 are Mondays
        ("0 0 31 2 *", 0.0),  # never
        ("0 12 * JAN,jul ?", 62 / 12),
        ("5/20 3 * * *", 3 * 365 / 12),
    ],
)
def test_runs_per_month(schedule: str, per_month: float) -> None:
    assert runs_per_month(parse_cron("schedule", schedule)) == pytest.approx(per_month)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "* * * *",
        "60 * * * *",
        "* 24 * * *",
        "* * 0 * *",
        "* * * 13 *",
        "* * * * 8",
        "*/0 * * * *",
        "5-1 * * * *",
        "@often",
        "0 0 * * FUN",
    ],
)
def test_bad_schedules(bad: str) -> None:
    with pytest.raises(ValidationError, match="CronJob schedule"):
        parse_cron("spec.schedule", bad)
