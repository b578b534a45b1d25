"""The dated EKS support calendar and the upgrade-policy notes (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from fargate_components.eks.support_calendar import (
    SUPPORT_CALENDAR,
    TODAY_ENV,
    support_notes,
    support_status,
    today,
)


def test_every_row_is_14_plus_12_months() -> None:
    for row in SUPPORT_CALENDAR.values():
        months = (row.end_of_standard.year - row.eks_release.year) * 12 + (
            row.end_of_standard.month - row.eks_release.month
        )
        assert 13 <= months <= 15, row
        assert row.end_of_extended == row.end_of_standard.replace(
            year=row.end_of_standard.year + 1
        ), row


@pytest.mark.parametrize(
    ("version", "on", "phase"),
    [
        ("1.33", date(2026, 7, 28), "standard"),
        ("1.33", date(2026, 7, 29), "extended"),  # billed from the start of that day
        ("1.31", date(2026, 11, 26), "ended"),
        ("1.99", date(2026, 12, 1), "unknown"),
        ("latest", date(2026, 12, 1), "unknown"),
    ],
)
def test_phases(version: str, on: date, phase: str) -> None:
    assert support_status(version, on).phase == phase


def test_today_can_be_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, "2027-01-02")
    assert today() == date(2027, 1, 2)
    monkeypatch.setenv(TODAY_ENV, "soon")
    with pytest.raises(ValueError, match="ISO date"):
        today()


DAY = date(2026, 12, 1)


def test_far_from_the_end_says_nothing() -> None:
    assert support_notes("1.35", "STANDARD", DAY) == []


def test_within_90_days_warns_with_what_happens_next() -> None:
    (standard,) = support_notes("1.34", "STANDARD", DAY)
    assert standard.severity == "warning"
    assert "2026-12-02, in 1 day:" in standard.message
    assert "auto-upgrades" in standard.message and "upgrade to 1.35" in standard.message
    (extended,) = support_notes("1.34", "EXTENDED", DAY, standard_hourly=0.1, extended_hourly=0.6)
    assert "$0.60/h instead of $0.10/h" in extended.message


def test_extended_support_is_priced_and_standard_policy_impossible() -> None:
    (billed,) = support_notes("1.33", "EXTENDED", DAY, standard_hourly=0.1, extended_hourly=0.6)
    assert billed.severity == "warning" and "$0.60/h" in billed.message
    (refused,) = support_notes("1.33", "STANDARD", DAY)
    assert refused.severity == "error" and "STANDARD upgrade policy" in refused.message


def test_ended_and_unknown_versions() -> None:
    (ended,) = support_notes("1.31", "EXTENDED", DAY)
    assert ended.severity == "error" and "creates no new cluster" in ended.message
    (unknown,) = support_notes("1.40", "STANDARD", DAY)
    assert unknown.severity == "warning" and "not in this library" in unknown.message
    (unpinned,) = support_notes(None, "STANDARD", DAY)
    assert "pin `version`" in unpinned.message
