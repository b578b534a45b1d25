"""The task-attached EBS volumes of ECS services (``volumeConfiguration.managedEbsVolume``):
one volume per running task, billed per GB-month for as long as the task runs.

gp3 storage is priced from ``ebs_gp3_gb_month`` (its 3,000 IOPS and 125 MiB/s baseline are
included in that price, "Amazon EBS pricing", https://aws.amazon.com/ebs/pricing/); IOPS and
throughput provisioned above that baseline from ``ebs_gp3_iops_month`` and
``ebs_gp3_throughput_month`` per unit above it ("$0.005 per provisioned IOPS-month of gp3",
"$0.04 per provisioned MiBps-month of gp3", AWS Price List, us-east-1: docs/review.md "Price
sources"). What a region's price file has no price for (those two in Seoul, the other volume
types everywhere) is listed in ``not_costed`` with the reason, never dropped.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..ecs.ebs_volumes import GP3_BASELINE_IOPS, GP3_BASELINE_THROUGHPUT
from ..model import ResourceRecord
from ..model.tokens import ECS_SERVICE
from .report import money

__all__ = ["price_task_volumes"]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def price_task_volumes(est: Any) -> None:
    """One cost item (or a ``not_costed`` entry) per service with a task-attached volume."""
    for record in est.plan.of_type(ECS_SERVICE):
        config = record.inputs.get("volumeConfiguration")
        if isinstance(config, dict) and isinstance(config.get("managedEbsVolume"), dict):
            _price_one(est, record, config["managedEbsVolume"])


#: What a gp3 volume pays above its baseline: (wire key, label, baseline, price name).
_PERFORMANCE = (
    ("iops", "IOPS", GP3_BASELINE_IOPS, "ebs_gp3_iops_month"),
    ("throughput", "MiB/s", GP3_BASELINE_THROUGHPUT, "ebs_gp3_throughput_month"),
)


def _above_baseline(
    est: Any, record: ResourceRecord, managed: dict[str, Any]
) -> tuple[Decimal, list[str], list[str]]:
    """The monthly price per volume of the IOPS and throughput provisioned above the gp3
    baseline, the formula's terms and the prices used; a part the price file has no price
    for is listed in ``not_costed`` instead (the storage is still costed)."""
    monthly, parts, uses = Decimal(0), [], []
    for key, label, base, price_name in _PERFORMANCE:
        value = _int(managed.get(key))
        if value is None or value <= base:
            continue
        if price_name not in est.book.prices:
            est.skip(
                record,
                f"its tasks' provisioned EBS {label} {value} above the gp3 baseline {base}: no "
                f"{price_name} in the price file (the GB-month storage is costed)",
            )
            continue
        price = est.price(price_name)
        monthly += (value - base) * price
        parts.append(f"{value - base} {label} above {base} x {money(price)} ({price_name})")
        uses.append(price_name)
    return monthly, parts, uses


def _price_one(est: Any, record: ResourceRecord, managed: dict[str, Any]) -> None:
    kind = managed.get("volumeType") or "gp3"
    size = _int(managed.get("sizeInGb"))
    if kind != "gp3" or "ebs_gp3_gb_month" not in est.book.prices:
        est.skip(record, f"its tasks' {kind} EBS volumes: no {kind} price in the price files")
        return
    if size is None:
        est.skip(record, "its tasks' EBS volumes: the size comes from a snapshot (not in the plan)")
        return
    performance, parts, uses = _above_baseline(est, record, managed)
    count, count_source, scaling = est.task_count(record)
    per_gb = est.price("ebs_gp3_gb_month")
    per_task_hourly = (Decimal(size) * per_gb + performance) / est.hours

    def hourly(n: int) -> Decimal:
        return n * per_task_hourly

    low, high = (scaling[0], scaling[1]) if scaling is not None else (count, count)
    name = record.name  # the logical name, as the service row shows it
    est.add(
        record,
        f"EBS task volumes of ECS service {name}: {count} x {size} GB gp3 (deleted with each task)",
        hourly(count),
        f"{count} tasks ({count_source}) x ({size} GB x {money(per_gb)} (ebs_gp3_gb_month)"
        + "".join(f" + {part}" for part in parts)
        + ") a month; a volume exists while its task runs",
        ["ebs_gp3_gb_month", *uses],
        min_hourly=hourly(low),
        max_hourly=hourly(high),
    )
