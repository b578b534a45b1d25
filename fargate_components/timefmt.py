"""The one place times are written (and read back): every instant, day and duration the
product prints goes through these pure functions, so plan tree, JSON, PR comment, diff, cost
report, critical path, waivers and CLI messages all read the same way (issue 14 item 8;
tests/test_timefmt.py fails on a ``strftime``/``isoformat``/``%H:%M`` anywhere else).

* An **instant** is ISO 8601 in UTC to the second with a ``Z``: ``2026-12-01T18:12:00Z``
  (RFC 3339's profile, the form AWS APIs take for start/end times).
* A **day** is an ISO 8601 calendar date: ``2027-06-30`` (waiver expiries, support dates,
  price-book dates).
* A **duration** is minutes and two-digit seconds, ``10m15s`` (``0m05s`` under a minute),
  with hours in front from an hour on, ``1h02m03s``; ``decimals`` adds fractions of a second
  (``0m04.2s``); a signed one starts with ``+`` or ``-`` (``+0m30s``).

JSON keeps durations as numbers of seconds (keys ending in ``seconds``) and instants and days
as strings in the forms above. AWS parameters keep their own unit where the user types one
(``stopTimeout`` 120 s, a bake of 10 min) and prices keep their billing unit (730 h a month):
those are quantities of an argument or a price, not times the product measured.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

__all__ = [
    "INSTANT_FORMAT",
    "day",
    "duration",
    "instant",
    "parse_instant",
    "parse_zoneless_instant",
    "signed_duration",
    "zoneless_instant",
]

#: ``strftime`` pattern of an instant (UTC, to the second, ``Z``).
INSTANT_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_ZONELESS_FORMAT = "%Y-%m-%dT%H:%M:%S"


def instant(moment: datetime) -> str:
    """``2026-12-01T18:12:00Z``: the moment in UTC, to the second (a naive datetime is
    taken as UTC already)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
    return aware.astimezone(timezone.utc).strftime(INSTANT_FORMAT)


def parse_instant(text: str) -> datetime:
    """The UTC datetime of an instant written as :func:`instant` writes it; ``ValueError``
    for anything else."""
    return datetime.strptime(text, INSTANT_FORMAT).replace(tzinfo=timezone.utc)


def zoneless_instant(moment: datetime) -> str:
    """``2026-12-01T18:12:00``: wall-clock time without a zone, for AWS expressions read in
    a time zone given beside them (Application Auto Scaling's ``at(...)``)."""
    return moment.strftime(_ZONELESS_FORMAT)


def parse_zoneless_instant(text: str) -> datetime:
    """The naive datetime of :func:`zoneless_instant`'s form; ``ValueError`` otherwise."""
    return datetime.strptime(text, _ZONELESS_FORMAT)


def day(value: date) -> str:
    """``2027-06-30`` (a datetime gives its UTC day)."""
    if isinstance(value, datetime):
        return instant(value)[:10]
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def duration(seconds: float, *, decimals: int = 0) -> str:
    """``10m15s``, ``0m05s``, ``1h02m03s`` (from an hour on), ``0m04.2s`` with
    ``decimals=1``; a negative duration starts with ``-``."""
    scale = 10**decimals
    units = round(abs(seconds) * scale)
    whole, fraction = divmod(units, scale)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{secs:02d}" + (f".{fraction:0{decimals}d}" if decimals else "")
    text = f"{minutes:02d}m{text}s" if hours else f"{minutes}m{text}s"
    text = f"{hours}h{text}" if hours else text
    return f"-{text}" if seconds < 0 and units else text


def signed_duration(seconds: float, *, decimals: int = 0) -> str:
    """:func:`duration` with its sign always shown: ``+0m30s``, ``-1m05s``, ``+0m00s``."""
    text = duration(seconds, decimals=decimals)
    return text if text.startswith("-") else f"+{text}"
