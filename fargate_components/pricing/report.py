"""The cost report as data: costed items, what could not be costed and why, the totals and
the JSON the plan carries under ``cost`` (README "Plan JSON"); and how its figures print."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .model import cents

__all__ = ["CostItem", "CostReport", "FreeResource", "NotCosted", "dollars", "money", "num"]


@dataclass(frozen=True)
class CostItem:
    """One costed resource: its monthly figure (whole cents), the range, and how it was
    produced (``formula``, with every price and assumption value it used)."""

    urn: str
    type: str
    name: str
    component: str | None
    description: str
    monthly: Decimal
    min_monthly: Decimal
    max_monthly: Decimal
    formula: str
    uses: tuple[str, ...]
    tasks: Mapping[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "urn": self.urn,
            "component": self.component,
            "description": self.description,
            "monthly": float(self.monthly),
            "min_monthly": float(self.min_monthly),
            "max_monthly": float(self.max_monthly),
            "type": self.type,
            "formula": self.formula,
            "uses": list(self.uses),
        }
        if self.tasks is not None:
            out["tasks"] = dict(self.tasks)
        return out


@dataclass(frozen=True)
class NotCosted:
    """A resource the estimate could not price, and why."""

    urn: str
    type: str
    name: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"urn": self.urn, "type": self.type, "reason": self.reason}


@dataclass(frozen=True)
class FreeResource:
    """A resource AWS does not bill for by itself (:mod:`fargate_components.pricing.free`)."""

    urn: str
    type: str
    name: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"urn": self.urn, "type": self.type, "reason": self.reason}


@dataclass
class CostReport:
    """The cost section of a plan. ``total_monthly`` is the sum of the items' (rounded)
    ``monthly`` figures, so the table always adds up."""

    region: str
    currency: str
    hours_per_month: float
    prices_as_of: str
    items: list[CostItem]
    assumptions: dict[str, dict[str, Any]]
    not_costed: list[NotCosted] = field(default_factory=list)
    free: list[FreeResource] = field(default_factory=list)
    """Every resource with no charge of its own, with why: with ``items`` and
    ``not_costed``, every custom resource of the plan is in exactly one of the three."""

    @property
    def total_monthly(self) -> Decimal:
        return sum((i.monthly for i in self.items), Decimal(0))

    @property
    def total_min_monthly(self) -> Decimal:
        return sum((i.min_monthly for i in self.items), Decimal(0))

    @property
    def total_max_monthly(self) -> Decimal:
        return sum((i.max_monthly for i in self.items), Decimal(0))

    @property
    def unconfirmed(self) -> list[str]:
        """Names of the prices used that could not be confirmed from a source."""
        return [n for n, a in self.assumptions.items() if a.get("confirmed") is False]

    def to_json(self) -> dict[str, Any]:
        hours = self.hours_per_month
        return {
            "currency": self.currency,
            "region": self.region,
            "hours_per_month": int(hours) if float(hours).is_integer() else hours,
            "total_monthly": float(self.total_monthly),
            "total_min_monthly": float(self.total_min_monthly),
            "total_max_monthly": float(self.total_max_monthly),
            "prices_as_of": self.prices_as_of,
            "items": [i.to_json() for i in self.items],
            "assumptions": {k: dict(v) for k, v in sorted(self.assumptions.items())},
            "unconfirmed": self.unconfirmed,
            "not_costed": [n.to_json() for n in self.not_costed],
            "free": [f.to_json() for f in self.free],
        }


def money(amount: Decimal, places: int = 8) -> str:
    """``$0.04048``: a price with its significant digits (at most ``places`` decimals)."""
    amount = Decimal(amount)
    if amount.as_tuple().exponent < -places:  # type: ignore[operator]
        amount = amount.quantize(Decimal(1).scaleb(-places))
    text = f"{amount.normalize():f}"
    whole, _, frac = text.partition(".")
    if len(frac) < 2:
        text = f"{whole}.{frac:0<2}"
    return f"${text}"


def num(value: Decimal | float) -> str:
    text = f"{Decimal(str(value)).normalize():f}"
    return text


def dollars(amount: Decimal) -> str:
    return f"${cents(amount):,.2f}"
