"""EKS Kubernetes versions: the dated support calendar and the cluster upgrade policy (pure).

Every EKS minor version gets 14 months of *standard* support from its EKS release, then 12
months of *extended* support at a higher cluster-hour price; at the end of extended support
EKS auto-upgrades the control plane and no longer creates clusters at that version
("Understand the Kubernetes version lifecycle on EKS",
https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html).

The *upgrade policy* (``upgradePolicy.supportType``) decides what happens at the end of
standard support: ``STANDARD`` auto-upgrades the cluster to the next version (no extended
charges), ``EXTENDED`` keeps the version and bills extended support. AWS's default, when the
field is not set, is ``EXTENDED``; the policy can be changed only while the cluster runs a
version in standard support ("View current cluster upgrade policy",
https://docs.aws.amazon.com/eks/latest/userguide/view-upgrade-policy.html).

The calendar below was checked on :data:`CALENDAR_CHECKED`: 1.27-1.33 from the EKS user
guide's release calendar (awsdocs/amazon-eks-user-guide, latest/ug/versioning/
kubernetes-versions.adoc); 1.34 and 1.35, which the stored copy of that page predates, from
endoflife.date/amazon-eks, which agrees with the guide on every earlier row. A version
missing from the table is reported as such, never guessed.

Dates are compared with "today" in UTC; set ``FARGATE_COMPONENTS_TODAY=YYYY-MM-DD`` to plan
as of a fixed day (reproducible plans, snapshots).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Literal

from ..timefmt import day

__all__ = [
    "CALENDAR_CHECKED",
    "DEFAULT_UPGRADE_POLICY",
    "SUPPORT_CALENDAR",
    "TODAY_ENV",
    "UPGRADE_POLICIES",
    "WARN_DAYS_BEFORE_END",
    "SupportNote",
    "SupportStatus",
    "VersionSupport",
    "support_notes",
    "support_status",
    "today",
]

#: The environment variable that pins "today" for version checks (ISO date).
TODAY_ENV = "FARGATE_COMPONENTS_TODAY"
#: When the calendar below was last checked against AWS's page.
CALENDAR_CHECKED = date(2026, 12, 1)
#: The two values of ``upgradePolicy.supportType`` (CreateCluster API, UpgradePolicyRequest).
UPGRADE_POLICIES = ("STANDARD", "EXTENDED")
#: This library's default: no silent move to extended support prices.
DEFAULT_UPGRADE_POLICY = "STANDARD"
#: Warn when the chosen version leaves standard support within this many days.
WARN_DAYS_BEFORE_END = 90

_GUIDE = "EKS user guide, Kubernetes release calendar"
_EOL = "endoflife.date/amazon-eks (agrees with the EKS user guide on 1.27-1.33)"


@dataclass(frozen=True)
class VersionSupport:
    """One row of the EKS release calendar."""

    version: str
    eks_release: date
    end_of_standard: date
    end_of_extended: date
    source: str


def _row(version: str, release: str, standard: str, extended: str, source: str) -> VersionSupport:
    return VersionSupport(
        version,
        date.fromisoformat(release),
        date.fromisoformat(standard),
        date.fromisoformat(extended),
        source,
    )


#: The EKS release calendar, newest first (UTC dates; billing for extended support starts at
#: the beginning of the end-of-standard-support day).
SUPPORT_CALENDAR: dict[str, VersionSupport] = {
    row.version: row
    for row in (
        _row("1.35", "2026-01-28", "2027-03-27", "2028-03-27", _EOL),
        _row("1.34", "2025-10-06", "2026-12-02", "2027-12-02", _EOL),
        _row("1.33", "2025-05-29", "2026-07-29", "2027-07-29", _GUIDE),
        _row("1.32", "2025-01-23", "2026-03-23", "2027-03-23", _GUIDE),
        _row("1.31", "2024-09-26", "2025-11-26", "2026-11-26", _GUIDE),
        _row("1.30", "2024-05-23", "2025-07-23", "2026-07-23", _GUIDE),
        _row("1.29", "2024-01-23", "2025-03-23", "2026-03-23", _GUIDE),
        _row("1.28", "2023-09-26", "2024-11-26", "2025-11-26", _GUIDE),
        _row("1.27", "2023-05-24", "2024-07-24", "2025-07-24", _GUIDE),
    )
}

Phase = Literal["standard", "extended", "ended", "unknown"]


def today() -> date:
    """Today in UTC, or the date in ``FARGATE_COMPONENTS_TODAY`` when it is set."""
    pinned = os.environ.get(TODAY_ENV, "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise ValueError(f"{TODAY_ENV}={pinned!r} is not an ISO date (YYYY-MM-DD)") from None
    return datetime.now(timezone.utc).date()


@dataclass(frozen=True)
class SupportStatus:
    """Where a Kubernetes version stands on a given day."""

    version: str
    on: date
    phase: Phase
    row: VersionSupport | None

    @property
    def days_to_end_of_standard(self) -> int | None:
        """Days until standard support ends (negative once it has), ``None`` if unknown."""
        return None if self.row is None else (self.row.end_of_standard - self.on).days


_MINOR = re.compile(r"^1\.\d{1,3}$")


def support_status(version: str, on: date | None = None) -> SupportStatus:
    """The support phase of ``version`` ("1.NN") on ``on`` (default :func:`today`)."""
    when = on or today()
    row = SUPPORT_CALENDAR.get(version) if _MINOR.match(version or "") else None
    if row is None:
        return SupportStatus(version, when, "unknown", None)
    if when < row.end_of_standard:
        phase: Phase = "standard"
    elif when < row.end_of_extended:
        phase = "extended"
    else:
        phase = "ended"
    return SupportStatus(version, when, phase, row)


@dataclass(frozen=True)
class SupportNote:
    """One thing to tell a reviewer about a version and upgrade policy."""

    severity: str
    message: str


def _newest_standard(on: date) -> str | None:
    current = [r for r in SUPPORT_CALENDAR.values() if r.eks_release <= on < r.end_of_standard]
    return max(current, key=lambda r: r.eks_release).version if current else None


def support_notes(
    version: str | None,
    policy: str,
    on: date | None = None,
    *,
    standard_hourly: float | None = None,
    extended_hourly: float | None = None,
) -> list[SupportNote]:
    """What to say about running ``version`` with upgrade ``policy`` on ``on``.

    ``standard_hourly`` / ``extended_hourly`` are the cluster-hour prices (from the price
    book) used to show the difference; without them the notes name no figure.
    """
    if version is None:
        return [
            SupportNote(
                "warning",
                "no Kubernetes version is pinned: EKS picks its default at creation, and the "
                "support dates of the cluster are unknown until then; pin `version`",
            )
        ]
    status = support_status(version, on)
    row = status.row
    newest = _newest_standard(status.on)
    upgrade = f"; upgrade to {newest}" if newest and newest != version else ""
    if row is None:
        return [
            SupportNote(
                "warning",
                f"Kubernetes {version} is not in this library's EKS support calendar (checked "
                f"{day(CALENDAR_CHECKED)}); its support dates and price could not be checked",
            )
        ]
    price = _price_text(standard_hourly, extended_hourly)
    if status.phase == "ended":
        return [
            SupportNote(
                "error",
                f"Kubernetes {version} left EKS extended support on {day(row.end_of_extended)}: EKS "
                f"creates no new cluster at this version and auto-upgrades existing ones{upgrade}",
            )
        ]
    if status.phase == "extended":
        if policy == "STANDARD":
            return [
                SupportNote(
                    "error",
                    f"Kubernetes {version} left standard support on {day(row.end_of_standard)}: the "
                    "STANDARD upgrade policy can only be set on a version in standard support "
                    f"(EKS user guide, 'View current cluster upgrade policy'){upgrade}",
                )
            ]
        return [
            SupportNote(
                "warning",
                f"Kubernetes {version} is in extended support since {day(row.end_of_standard)} "
                f"(until {day(row.end_of_extended)}): the cluster is billed at the extended "
                f"rate{price}{upgrade}",
            )
        ]
    days = status.days_to_end_of_standard or 0
    if days > WARN_DAYS_BEFORE_END:
        return []
    then = (
        "EKS auto-upgrades the control plane to the next version (upgrade policy STANDARD)"
        if policy == "STANDARD"
        else f"the cluster moves to extended support{price} (upgrade policy EXTENDED)"
    )
    return [
        SupportNote(
            "warning",
            f"Kubernetes {version} leaves standard support on {day(row.end_of_standard)}, in {days} "
            f"day{'' if days == 1 else 's'}: then {then}{upgrade}",
        )
    ]


def _price_text(standard: float | None, extended: float | None) -> str:
    if standard is None or extended is None:
        return ""
    return f" (${extended:.2f}/h instead of ${standard:.2f}/h)"
