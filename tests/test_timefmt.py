"""One time format everywhere (issue 14 item 8): the formatters, and a scan of the package
for any time written another way."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from fargate_components.plan.critical_path import CriticalPath, Step, render_critical_path
from fargate_components.timefmt import (
    day,
    duration,
    instant,
    parse_instant,
    parse_zoneless_instant,
    signed_duration,
    zoneless_instant,
)

ROOT = Path(__file__).resolve().parent.parent
#: Ways of writing a time other than through fargate_components/timefmt.py.
FORMATTING = re.compile(
    r"\.strftime\(|\bstrptime\(|(?<!from)isoformat\(|%[HMSYmd]\b|:02d\}s|"
    r"\{[^{}\n]*:[+]?\.?\d*[fg]\} ?s\b"
)


def test_instants_are_utc_to_the_second_with_z() -> None:
    paris = timezone(timedelta(hours=1))
    assert instant(datetime(2026, 12, 1, 19, 12, 7, 999, tzinfo=paris)) == "2026-12-01T18:12:07Z"
    assert instant(datetime(2026, 12, 1, 18, 12)) == "2026-12-01T18:12:00Z"  # naive is UTC
    utc = datetime(2026, 12, 1, 18, 12, tzinfo=timezone.utc)
    assert parse_instant("2026-12-01T18:12:00Z") == utc
    with pytest.raises(ValueError):
        parse_instant("2026-12-01 18:12")
    assert zoneless_instant(datetime(2026, 1, 2, 3, 4, 5)) == "2026-01-02T03:04:05"
    assert parse_zoneless_instant("2026-01-02T03:04:05") == datetime(2026, 1, 2, 3, 4, 5)


def test_days_are_iso_dates() -> None:
    assert day(date(2027, 6, 30)) == "2027-06-30"
    late = datetime(2027, 6, 30, 23, 30, tzinfo=timezone(timedelta(hours=-2)))
    assert day(late) == "2027-07-01"  # a datetime gives its UTC day


def test_durations_are_minutes_and_seconds() -> None:
    assert [duration(s) for s in (0, 5, 59.4, 59.6, 615, 3599, 3600, 3723)] == [
        "0m00s",
        "0m05s",
        "0m59s",
        "1m00s",
        "10m15s",
        "59m59s",
        "1h00m00s",
        "1h02m03s",
    ]
    assert duration(4.24, decimals=1) == "0m04.2s" and duration(59.96, decimals=1) == "1m00.0s"
    assert duration(-65) == "-1m05s" and duration(-0.2) == "0m00s"
    assert signed_duration(30) == "+0m30s" and signed_duration(-30) == "-0m30s"


def test_the_critical_path_and_the_diff_use_them() -> None:
    from fargate_components.plan.diff_render import _critical_path_line

    path = CriticalPath([Step("u", "aws:eks/cluster:Cluster", "c", 615.0, 615.0)], 615.0, 1)
    assert render_critical_path(path).startswith("critical path: 10m15s over 1 creates")

    class Diff:
        critical_path = {"base_seconds": 250, "head_seconds": 280, "delta_seconds": 30}

    assert _critical_path_line(Diff()) == "4m10s -> 4m40s (+0m30s)"  # type: ignore[arg-type]


def test_no_time_is_written_outside_timefmt() -> None:
    """``strftime``/``strptime``/``isoformat``, ``%H:%M``-style patterns, hand-made ``m:ss``
    and ``{x:.1f} s`` seconds appear nowhere in the package (nor tools/) but timefmt.py."""
    found = []
    for path in [*(ROOT / "fargate_components").rglob("*.py"), *(ROOT / "tools").rglob("*.py")]:
        if path.name == "timefmt.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if FORMATTING.search(line) and not line.lstrip().startswith("#"):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "write times with fargate_components.timefmt:\n" + "\n".join(found)


def test_the_scan_catches_each_way() -> None:
    for line in (
        'moment.strftime("%Y")',
        "day.isoformat()",
        'f"{minutes}m{secs:02d}s"',
        'f"{wall:.1f} s"',
        'f"{t:g}s"',
        'datetime.strptime(text, "%H:%M")',
    ):
        assert FORMATTING.search(line), line
    assert not FORMATTING.search("date.fromisoformat(text)")  # reading an ISO date is fine
