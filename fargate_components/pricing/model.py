"""The pricing model: a dated price book per region, the overridable assumptions, and the
arithmetic. Pure: no Pulumi, no network.

Prices ship as JSON files in ``fargate_components/pricing/data/<region>.json``; each price
names its unit, its sources and whether it was confirmed (``"confirmed": false`` marks an
estimate, and every report that uses it says so). A user file given to
:func:`load_prices` overrides the shipped prices name by name.

All money is :class:`decimal.Decimal`, so the seed's worked example is exact::

    >>> book = load_prices("us-east-1")
    >>> task_hourly_cost(book, vcpu=Decimal("0.25"), memory_gb=Decimal("0.5")).total
    Decimal('0.0123425')
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from ..ecs.capacity import StrategyItem, place_tasks
from ..errors import ValidationError
from ..sizing import LINUX, is_windows

__all__ = [
    "DEFAULT_ASSUMPTIONS",
    "FARGATE",
    "FARGATE_SPOT",
    "HOURS_PER_MONTH",
    "INCLUDED_EPHEMERAL_GB",
    "PRICE_NAMES",
    "Assumptions",
    "Price",
    "PriceBook",
    "StrategyItem",
    "TaskHourly",
    "available_regions",
    "cents",
    "check_assumptions",
    "expected_split",
    "load_prices",
    "task_hourly_cost",
]

#: The hours in the "month" every monthly figure uses (AWS's own convention: 365 x 24 / 12).
HOURS_PER_MONTH = 730
#: Ephemeral storage every Fargate task gets without charge, in GB.
INCLUDED_EPHEMERAL_GB = 20
FARGATE = "FARGATE"
FARGATE_SPOT = "FARGATE_SPOT"

#: Every price a book must hold, by name.
PRICE_NAMES: tuple[str, ...] = (
    "fargate_linux_x86_vcpu_hour",
    "fargate_linux_x86_gb_hour",
    "fargate_linux_arm_vcpu_hour",
    "fargate_linux_arm_gb_hour",
    "fargate_windows_vcpu_hour",
    "fargate_windows_gb_hour",
    "fargate_windows_os_license_vcpu_hour",
    "fargate_ephemeral_storage_gb_hour",
    "nat_gateway_hour",
    "nat_gateway_gb_processed",
    "public_ipv4_hour",
    "alb_hour",
    "alb_lcu_hour",
    "nlb_hour",
    "nlb_nlcu_hour",
    "eks_cluster_hour",
    "eks_cluster_extended_support_hour",
    "cloudwatch_logs_ingested_gb",
    "vpc_interface_endpoint_az_hour",
    "vpc_interface_endpoint_gb_processed",
    "efs_standard_gb_month",
    "kms_key_month",
    "cloudwatch_alarm_month",
    "route53_hosted_zone_month",
    "ec2_t4g_nano_hour",
    "ec2_t4g_micro_hour",
    "ec2_t4g_small_hour",
    "ec2_t4g_medium_hour",
    "ec2_t4g_large_hour",
    "ec2_t4g_xlarge_hour",
    "ec2_t4g_2xlarge_hour",
    "ebs_gp3_gb_month",
    "ebs_gp3_iops_month",
    "ebs_gp3_throughput_month",
    "sqs_standard_requests_million",
    "sqs_fifo_requests_million",
    "cloudwatch_vended_logs_ingested_gb",
    "route53_queries_million",
    "backup_efs_warm_gb_month",
    "s3_standard_gb_month",
    "waf_web_acl_month",
    "waf_rule_month",
    "waf_requests_million",
)


@dataclass(frozen=True)
class Price:
    """One price: its value, unit, where it comes from and whether it was confirmed."""

    name: str
    value: Decimal
    unit: str
    sources: tuple[str, ...] = ()
    confirmed: bool = True
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": "price",
            "value": float(self.value),
            "unit": self.unit,
            "sources": list(self.sources),
            "confirmed": self.confirmed,
        }
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class PriceBook:
    """The prices of one region, as of a date, in one currency."""

    region: str
    currency: str
    as_of: str
    prices: Mapping[str, Price]
    files: tuple[str, ...] = ()

    def __getitem__(self, name: str) -> Price:
        try:
            return self.prices[name]
        except KeyError:
            raise KeyError(f"no price {name!r} in the {self.region} price book") from None

    def value(self, name: str) -> Decimal:
        return self[name].value


def available_regions() -> tuple[str, ...]:
    """The regions with a shipped price file."""
    data = resources.files(__package__).joinpath("data")
    return tuple(
        sorted(p.name[: -len(".json")] for p in data.iterdir() if p.name.endswith(".json"))
    )


def _read_json(text: str, where: str) -> dict[str, Any]:
    try:
        doc = json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as exc:
        raise ValidationError("override_path", where, f"a JSON price file ({exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("prices"), dict):
        raise ValidationError(
            "override_path", where, 'a JSON object with a "prices" object, as the shipped files'
        )
    return doc


def _parse_price(name: str, raw: Any, where: str) -> Price:
    argument = f"{where}: prices.{name}"
    if isinstance(raw, Decimal):  # a bare number: no source recorded
        raw = {"value": raw, "unit": "", "sources": [], "confirmed": False}
    if not isinstance(raw, dict) or not isinstance(raw.get("value"), Decimal):
        raise ValidationError(argument, raw, 'a number, or an object with a numeric "value"')
    value = raw["value"]
    if not value.is_finite() or value < 0:
        raise ValidationError(argument, float(value), "a price of 0 or more")
    sources = raw.get("sources") or []
    if isinstance(sources, str):
        sources = [sources]
    return Price(
        name=name,
        value=value,
        unit=str(raw.get("unit", "")),
        sources=tuple(str(s) for s in sources),
        confirmed=bool(raw.get("confirmed", True)),
        note=raw.get("note"),
    )


def _merge(book: dict[str, Any], doc: dict[str, Any], where: str) -> None:
    for key in ("region", "currency", "as_of"):
        if key in doc:
            book[key] = str(doc[key])
    for name, raw in doc["prices"].items():
        if name not in PRICE_NAMES:
            raise ValidationError(
                f"{where}: prices", name, f"one of the known price names: {', '.join(PRICE_NAMES)}"
            )
        book["prices"][name] = _parse_price(name, raw, where)
    book["files"].append(where)


def load_prices(region: str, override_path: str | Path | None = None) -> PriceBook:
    """The price book for ``region``: the shipped file, with a user file laid over it.

    Args:
        region: an AWS region code, e.g. ``"us-east-1"``.
        override_path: a JSON file in the shipped files' shape whose prices replace the
            shipped ones name by name (a region without a shipped file needs every price).

    Raises ``ValidationError`` for a region without prices, or a malformed file.
    """
    book: dict[str, Any] = {
        "region": region,
        "currency": "USD",
        "as_of": "unknown",
        "prices": {},
        "files": [],
    }
    shipped = resources.files(__package__).joinpath("data").joinpath(f"{region}.json")
    if shipped.is_file():
        _merge(book, _read_json(shipped.read_text("utf-8"), f"{region}.json"), f"{region}.json")
    elif override_path is None:
        raise ValidationError(
            "region",
            region,
            f"a region with a shipped price file ({', '.join(available_regions())}), "
            "or a price file of your own (`fargate-components plan --prices FILE`; "
            "load_prices(region, override_path=FILE))",
        )
    if override_path is not None:
        path = Path(override_path)
        try:
            text = path.read_text("utf-8")
        except OSError as exc:
            raise ValidationError("override_path", str(path), f"a readable file ({exc})") from None
        _merge(book, _read_json(text, str(path)), str(path))
    if book["currency"] != "USD":
        raise ValidationError("currency", book["currency"], "'USD' (the only currency modelled)")
    missing = [n for n in PRICE_NAMES if n not in book["prices"]]
    if missing:
        raise ValidationError(
            "prices", ", ".join(missing), f"every price named, for region {book['region']}"
        )
    return PriceBook(
        region=book["region"],
        currency=book["currency"],
        as_of=book["as_of"],
        prices=dict(book["prices"]),
        files=tuple(book["files"]),
    )


# --------------------------------------------------------------------------- assumptions


@dataclass(frozen=True, kw_only=True)
class Assumptions:
    """The ratios the estimate assumes; each one is printed next to the figures it produced."""

    hours_per_month: float = HOURS_PER_MONTH
    """Hours in a month. Default: 730 (365 x 24 / 12, AWS's convention)."""

    fargate_spot_discount: float = 0.70
    """Fraction taken off the on-demand vCPU and GB prices for FARGATE_SPOT tasks. AWS
    advertises "up to 70%"; the real Spot price varies by region and over time. Default: 0.70."""

    nat_gateway_gb_processed_per_month: float = 100.0
    """GB each NAT gateway processes in a month (both directions). Default: 100."""

    alb_lcu_per_hour: float = 1.0
    """Average LCUs an Application Load Balancer consumes each hour. Default: 1."""

    alb_public_ipv4_per_lb: float = 2.0
    """Public IPv4 addresses of an internet-facing ALB when its subnets are not known (AWS
    gives it one per subnet / AZ). Default: 2."""

    nlb_nlcu_per_hour: float = 1.0
    """Average NLCUs a Network Load Balancer consumes each hour. Default: 1."""

    nlb_public_ipv4_per_lb: float = 2.0
    """Public IPv4 addresses of an internet-facing NLB when its subnets are not known (one
    per subnet / AZ). Default: 2."""

    log_ingestion_gb_per_month: float = 1.0
    """GB each CloudWatch log group ingests in a month (a quiet service's logs; raise it for
    chatty ones); 0 lists the log groups in ``not_costed`` instead. Default: 1."""

    flow_log_gb_per_month: float = 1.0
    """GB of flow-log records each VPC flow log delivers to CloudWatch Logs in a month
    (billed as vended logs; it grows with every connection in the VPC). Default: 1."""

    sqs_requests_per_month: float = 1_000_000.0
    """Requests (sends, receives, deletes; empty long-polls count) each SQS queue gets in a
    month; a dead-letter queue is priced at 0 (it gets requests only when messages fail).
    The free tier is not applied. Default: 1000000."""

    route53_queries_per_record_per_month: float = 100_000.0
    """DNS queries each non-alias Route 53 record answers in a month (alias records to AWS
    resources answer free). Default: 100000."""

    efs_backup_gb_per_month: float = 10.0
    """GB of AWS Backup warm storage each EFS file system with automatic backups keeps in a
    month. Default: 10."""

    s3_storage_gb_per_month: float = 1.0
    """Average GB each S3 bucket stores in a month (e.g. ALB access logs, kept for the
    lifecycle's days), at the Standard class; requests not included. Default: 1."""

    scheduled_task_run_minutes: float = 10.0
    """How long each run of an ECS ScheduledTask keeps its tasks on Fargate. Default: 10."""

    vpc_endpoint_gb_processed_per_month: float = 0.0
    """GB each interface VPC endpoint processes in a month; 0 prices the hours only.
    Default: 0."""

    eks_job_run_minutes: float = 10.0
    """How long each run of a Kubernetes Job / CronJob keeps its pods on Fargate (a one-off
    Job is counted as one run a month). Default: 10."""

    efs_storage_gb_per_month: float = 10.0
    """Average GB each EFS file system stores in a month, priced at the Standard class (files
    moved to Infrequent Access cost less, reads and writes of them more). Default: 10."""

    waf_requests_million_per_month: float = 10.0
    """Millions of requests each WAF web ACL inspects in a month (about 4 a second).
    Default: 10."""

    waf_log_gb_per_month: float = 10.0
    """GB of request logs each WAF logging configuration delivers to CloudWatch Logs in a
    month, billed as vended logs: one log record per inspected request, about 1 KB each (an
    estimate: the record's size is not documented; it grows with the request's headers) x
    the 10 million requests of ``waf_requests_million_per_month``. Default: 10."""

    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self))

    def decimal(self, name: str) -> Decimal:
        return Decimal(str(getattr(self, name)))

    @staticmethod
    def describe(name: str) -> str:
        return _ASSUMPTION_DOCS.get(name, "")

    @staticmethod
    def unit_of(name: str) -> str:
        return _ASSUMPTION_UNITS.get(name, "")

    def with_overrides(self, overrides: Mapping[str, Any] | None) -> Assumptions:
        if not overrides:
            return self
        for key in overrides:
            if key not in self.names():
                raise ValidationError(
                    "assumptions", key, f"one of the assumption names: {', '.join(self.names())}"
                )
        updated = replace(self, **dict(overrides))
        check_assumptions(updated)
        return updated


_ASSUMPTION_DOCS = {
    "hours_per_month": "Hours in a month (365 x 24 / 12, AWS's convention).",
    "fargate_spot_discount": (
        "Fraction taken off the on-demand vCPU and GB prices for FARGATE_SPOT tasks; AWS "
        'advertises "up to 70%", the real Spot price varies by region and over time.'
    ),
    "nat_gateway_gb_processed_per_month": "GB each NAT gateway processes in a month.",
    "alb_lcu_per_hour": "Average LCUs an Application Load Balancer consumes each hour.",
    "alb_public_ipv4_per_lb": (
        "Public IPv4 addresses of an internet-facing ALB whose subnets are unknown "
        "(AWS gives it one per subnet/AZ)."
    ),
    "nlb_nlcu_per_hour": "Average NLCUs a Network Load Balancer consumes each hour.",
    "nlb_public_ipv4_per_lb": (
        "Public IPv4 addresses of an internet-facing NLB whose subnets are unknown "
        "(one per subnet/AZ)."
    ),
    "log_ingestion_gb_per_month": "GB each CloudWatch log group ingests in a month.",
    "flow_log_gb_per_month": (
        "GB of flow-log records each VPC flow log delivers to CloudWatch Logs in a month "
        "(vended logs)."
    ),
    "sqs_requests_per_month": (
        "Requests each SQS queue gets in a month (dead-letter queues: 0); free tier not applied."
    ),
    "route53_queries_per_record_per_month": (
        "DNS queries each non-alias Route 53 record answers in a month."
    ),
    "efs_backup_gb_per_month": (
        "GB of AWS Backup warm storage each backed-up EFS file system keeps in a month."
    ),
    "s3_storage_gb_per_month": "Average GB each S3 bucket stores in a month (Standard class).",
    "scheduled_task_run_minutes": (
        "Minutes each run of an ECS ScheduledTask keeps its tasks on Fargate."
    ),
    "efs_storage_gb_per_month": (
        "Average GB each EFS file system stores in a month, at the Standard storage class price."
    ),
    "vpc_endpoint_gb_processed_per_month": "GB each interface VPC endpoint processes in a month.",
    "waf_requests_million_per_month": "Millions of requests each WAF web ACL inspects in a month.",
    "waf_log_gb_per_month": (
        "GB of request logs each WAF web ACL delivers to CloudWatch Logs in a month (vended logs; "
        "about 1 KB per request, an estimate)."
    ),
    "eks_job_run_minutes": (
        "Minutes each Kubernetes Job / CronJob run keeps its pods on Fargate (a one-off Job "
        "counts as one run a month)."
    ),
}

_ASSUMPTION_UNITS = {
    "hours_per_month": "hours",
    "fargate_spot_discount": "fraction off on-demand",
    "nat_gateway_gb_processed_per_month": "GB per NAT gateway per month",
    "alb_lcu_per_hour": "LCU",
    "alb_public_ipv4_per_lb": "addresses per ALB",
    "nlb_nlcu_per_hour": "NLCU",
    "nlb_public_ipv4_per_lb": "addresses per NLB",
    "log_ingestion_gb_per_month": "GB per log group per month",
    "flow_log_gb_per_month": "GB per flow log per month",
    "sqs_requests_per_month": "requests per queue per month",
    "route53_queries_per_record_per_month": "queries per record per month",
    "efs_backup_gb_per_month": "GB per backed-up file system per month",
    "s3_storage_gb_per_month": "GB per bucket per month",
    "scheduled_task_run_minutes": "minutes per run",
    "efs_storage_gb_per_month": "GB per file system per month",
    "vpc_endpoint_gb_processed_per_month": "GB per interface endpoint per month",
    "eks_job_run_minutes": "minutes per run",
    "waf_requests_million_per_month": "million requests per web ACL per month",
    "waf_log_gb_per_month": "GB per WAF logging configuration per month",
}

DEFAULT_ASSUMPTIONS = Assumptions()


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def check_assumptions(assumptions: Assumptions) -> None:
    """Validate every assumption (numbers in range); raise ``ValidationError`` otherwise."""
    ranges = {
        "hours_per_month": (0.0, 744.0, "a number of hours above 0 and at most 744"),
        "fargate_spot_discount": (0.0, 1.0, "a fraction from 0 to 1 (0.7 = 70% off)"),
        "nat_gateway_gb_processed_per_month": (0.0, math.inf, "a number of GB, 0 or more"),
        "alb_lcu_per_hour": (0.0, math.inf, "a number of LCUs, 0 or more"),
        "alb_public_ipv4_per_lb": (0.0, 100.0, "a number of addresses from 0 to 100"),
        "nlb_nlcu_per_hour": (0.0, math.inf, "a number of NLCUs, 0 or more"),
        "nlb_public_ipv4_per_lb": (0.0, 100.0, "a number of addresses from 0 to 100"),
        "log_ingestion_gb_per_month": (0.0, math.inf, "a number of GB, 0 or more"),
        "flow_log_gb_per_month": (0.0, math.inf, "a number of GB, 0 or more"),
        "sqs_requests_per_month": (0.0, math.inf, "a number of requests, 0 or more"),
        "route53_queries_per_record_per_month": (0.0, math.inf, "a number of queries, 0 or more"),
        "efs_backup_gb_per_month": (0.0, math.inf, "a number of GB, 0 or more"),
        "s3_storage_gb_per_month": (0.0, math.inf, "a number of GB, 0 or more"),
        "scheduled_task_run_minutes": (
            0.0,
            43800.0,
            "a number of minutes from 0 to 43800 (a month)",
        ),
        "efs_storage_gb_per_month": (0.0, math.inf, "a number of GB, 0 or more"),
        "vpc_endpoint_gb_processed_per_month": (0.0, math.inf, "a number of GB, 0 or more"),
        "eks_job_run_minutes": (0.0, 43800.0, "a number of minutes from 0 to 43800 (a month)"),
        "waf_requests_million_per_month": (0.0, math.inf, "a number of millions, 0 or more"),
        "waf_log_gb_per_month": (0.0, math.inf, "a number of GB, 0 or more"),
    }
    for name, (low, high, allowed) in ranges.items():
        value = getattr(assumptions, name)
        number = _number(value)
        if number is None or not low <= number <= high:
            raise ValidationError(f"Assumptions.{name}", value, allowed)
        if name == "hours_per_month" and number == 0:
            raise ValidationError(f"Assumptions.{name}", value, allowed)


# --------------------------------------------------------------------------- arithmetic


def cents(amount: Decimal) -> Decimal:
    """Round to whole cents, half up (the rounding every reported figure uses)."""
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class TaskHourly:
    """One task's (or pod's) hourly price, by part, and the price names it used."""

    compute: Decimal
    storage: Decimal
    uses: tuple[str, ...]

    @property
    def total(self) -> Decimal:
        return self.compute + self.storage


def _dec(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def task_hourly_cost(
    book: PriceBook,
    *,
    vcpu: Decimal | float,
    memory_gb: Decimal | float,
    operating_system: str = LINUX,
    architecture: str = "X86_64",
    ephemeral_gb: Decimal | float = INCLUDED_EPHEMERAL_GB,
    spot_discount: Decimal | float | None = None,
) -> TaskHourly:
    """The hourly price of one Fargate task of ``vcpu`` vCPU and ``memory_gb`` GB.

    ``spot_discount`` (a fraction) prices it as FARGATE_SPOT: the discount applies to the
    vCPU and GB prices (not the Windows license or extra storage). Ephemeral storage above
    the 20 GB included is charged per GB-hour.
    """
    vcpu, memory_gb, ephemeral_gb = _dec(vcpu), _dec(memory_gb), _dec(ephemeral_gb)
    if is_windows(operating_system):
        cpu_name, gb_name = "fargate_windows_vcpu_hour", "fargate_windows_gb_hour"
    elif architecture == "ARM64":
        cpu_name, gb_name = "fargate_linux_arm_vcpu_hour", "fargate_linux_arm_gb_hour"
    else:
        cpu_name, gb_name = "fargate_linux_x86_vcpu_hour", "fargate_linux_x86_gb_hour"
    uses = [cpu_name, gb_name]
    compute = vcpu * book.value(cpu_name) + memory_gb * book.value(gb_name)
    if spot_discount is not None:
        compute = compute * (1 - _dec(spot_discount))
    if is_windows(operating_system):
        compute += vcpu * book.value("fargate_windows_os_license_vcpu_hour")
        uses.append("fargate_windows_os_license_vcpu_hour")
    storage = Decimal(0)
    extra = ephemeral_gb - INCLUDED_EPHEMERAL_GB
    if extra > 0:
        storage = extra * book.value("fargate_ephemeral_storage_gb_hour")
        uses.append("fargate_ephemeral_storage_gb_hour")
    return TaskHourly(compute, storage, tuple(uses))


def expected_split(count: int, strategy: Sequence[StrategyItem]) -> dict[str, int]:
    """How ECS places ``count`` tasks over a capacity provider strategy.

    The provider with a ``base`` gets ``min(base, count)`` first; then each further task goes
    to the provider furthest below its weighted share (lowest ``(placed + 1) / weight``, ties
    to the earlier item): :func:`fargate_components.ecs.capacity.place_tasks`, which
    ``CapacityStrategy.expected_split`` uses too. With no positive weight the rest stay on
    the item with the base, or the first item.

    Example: ``expected_split(5, [FARGATE base 1 weight 1, FARGATE_SPOT weight 3])`` is
    ``{"FARGATE": 2, "FARGATE_SPOT": 3}``.
    """
    return place_tasks(count, [(i.provider, i.base, i.weight) for i in strategy])
