"""The cost advisor: for a plan, every saving of at least 10 % of the monthly total that one
setting change would bring, with its risk in one line (pure).

Each check is a pure function of the plan: it finds where a setting could change, writes the
plan as it would be with that one change (a copy with the changed records), and re-prices it
with :func:`~fargate_components.pricing.estimate_cost` and the same prices and assumptions as
the estimate, so a saving is always ``estimate(plan) - estimate(changed plan)``, never a
hard-coded percentage. The checks:

- ``single_nat``: one NAT gateway instead of one per AZ (the same GB, through one gateway).
- ``nat_instances``: NAT instances (``t4g.nano``, the ``NetworkArgs.nat_instance_type``
  default) instead of managed NAT gateways (no per-GB processing charge).
- ``vpc_endpoints``: the endpoints ``NetworkArgs(vpc_endpoints=True)`` creates (S3 gateway,
  ECR api/dkr, CloudWatch Logs and STS interface endpoints, one per AZ) carrying the
  assumed NAT data instead (an upper bound: all of it is AWS-service traffic).
- ``arm64``: ARM64 for a task definition whose tasks run on-demand only (Spot is X86 only).
- ``spot_share``: every task above the on-demand base on FARGATE_SPOT.
- ``right_size``: the smallest Fargate size that fits the containers' declared cpu and memory.

A check that does not apply says why, and one whose saving is under the threshold is listed
with its figure, so an empty suggestion list never reads as "nothing was checked".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from ..ecs.capacity import FARGATE, FARGATE_SPOT, StrategyItem
from ..errors import ValidationError
from ..model import Graph, Plan, ResourceRecord, parse_json
from ..model.tokens import (
    EC2_INSTANCE,
    ECS_SERVICE,
    EIP,
    NAT_GATEWAY,
    SCHEDULE,
    SUBNET,
    VPC_ENDPOINT,
)
from ..network.nat_instance import NAT_INSTANCE_TYPES, ROOT_VOLUME_GB
from ..sizing import TaskSize, is_windows, parse_cpu, parse_memory, round_up_to_task_size
from .model import DEFAULT_ASSUMPTIONS, Assumptions, PriceBook, expected_split, load_prices
from .report import CostReport, dollars
from .schedule_estimate import _as_task_run

__all__ = ["THRESHOLD", "Advice", "Considered", "Saving", "advise"]

#: The smallest saving, as a fraction of the monthly total, that is suggested.
THRESHOLD = Decimal("0.10")
_NAT_INSTANCE_TYPE = "t4g.nano"
_ENDPOINTS = ("s3", "ecr.api", "ecr.dkr", "logs", "sts")


@dataclass(frozen=True)
class Saving:
    """One setting change and what it saves a month (re-priced), with its risk."""

    check: str
    title: str
    change: str
    monthly_saving: Decimal
    fraction: Decimal
    risk: str
    how: str

    def to_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "title": self.title,
            "change": self.change,
            "monthly_saving": float(self.monthly_saving),
            "fraction_of_total": float(self.fraction),
            "risk": self.risk,
            "how": self.how,
        }


@dataclass(frozen=True)
class Considered:
    """A check that is not suggested, and why (does not apply, or saves too little)."""

    check: str
    result: str

    def to_json(self) -> dict[str, str]:
        return {"check": self.check, "result": self.result}


@dataclass(frozen=True)
class Advice:
    """The advisor's answer for one plan: the suggestions and everything else it checked."""

    total_monthly: Decimal
    suggestions: tuple[Saving, ...]
    considered: tuple[Considered, ...]
    threshold: Decimal = THRESHOLD

    def to_json(self) -> dict[str, Any]:
        return {
            "threshold_fraction": float(self.threshold),
            "total_monthly": float(self.total_monthly),
            "suggestions": [s.to_json() for s in self.suggestions],
            "considered": [c.to_json() for c in self.considered],
        }


@dataclass(frozen=True)
class _Change:
    """A candidate: the plan with one setting changed, before it is priced."""

    check: str
    title: str
    change: str
    risk: str
    plan: Plan
    assumptions: Mapping[str, Any] | None = None
    note: str = ""


_Result = _Change | Considered


# --------------------------------------------------------------------------- plan edits


def _edited(
    plan: Plan,
    changed: Mapping[str, ResourceRecord | None],
    added: tuple[ResourceRecord, ...] = (),
) -> Plan:
    """``plan`` with records replaced (or removed, ``None``) by URN, and records added."""
    kept = [changed.get(r.urn, r) for r in plan.resources]
    return replace(plan, resources=[r for r in kept if r is not None] + list(added))


def _synthetic(
    like: ResourceRecord, type_: str, role: str, inputs: dict[str, Any]
) -> ResourceRecord:
    return replace(
        like,
        urn=f"{like.urn}-advisor-{role}",
        type=type_,
        name=f"{like.name}-{role}",
        id=None,
        inputs=inputs,
        outputs={},
        property_dependencies={},
    )


def _networks(graph: Graph) -> dict[str, list[ResourceRecord]]:
    """Public NAT gateways by the component that made them (a network)."""
    out: dict[str, list[ResourceRecord]] = {}
    for nat in graph.of_type(NAT_GATEWAY):
        if (nat.inputs.get("connectivityType") or "public") == "public":
            out.setdefault(nat.parent or "", []).append(nat)
    return out


def _eips_of(graph: Graph, nat: ResourceRecord) -> list[ResourceRecord]:
    return graph.refs(nat, "allocationId", EIP)


def _zones(graph: Graph, parent: str) -> int:
    zones = {s.inputs.get("availabilityZone") for s in graph.of_type(SUBNET) if s.parent == parent}
    return len(zones - {None}) or 1


# --------------------------------------------------------------------------- network checks


def _single_nat(plan: Plan, graph: Graph, a: Assumptions, book: PriceBook) -> Iterator[_Result]:
    nets = _networks(graph)
    if not any(len(n) > 1 for n in nets.values()):
        yield Considered("single_nat", "n/a: no network has more than one NAT gateway")
    total = sum(len(n) for n in nets.values())
    for parent, nats in nets.items():
        if len(nats) < 2:
            continue
        gone = {r.urn: None for nat in nats[1:] for r in [nat, *_eips_of(graph, nat)]}
        gb = a.nat_gateway_gb_processed_per_month * total / (total - len(nats) + 1)
        yield _Change(
            "single_nat",
            f"One NAT gateway instead of {len(nats)} in {parent.rsplit('::', 1)[-1]}",
            'NetworkArgs(nat_gateways="single")',
            "one AZ's outage cuts internet egress for every AZ; cross-AZ data to the NAT "
            "($0.01/GB each way) is not included",
            _edited(plan, gone),
            {"nat_gateway_gb_processed_per_month": gb},
            f"the same {a.nat_gateway_gb_processed_per_month * len(nats):g} GB through one gateway",
        )


def _nat_instances(plan: Plan, graph: Graph, a: Assumptions, book: PriceBook) -> Iterator[_Result]:
    nets = _networks(graph)
    if not nets:
        yield Considered("nat_instances", "n/a: no managed NAT gateway")
    for parent, nats in nets.items():
        swapped: dict[str, ResourceRecord | None] = {
            nat.urn: _synthetic(
                nat,
                EC2_INSTANCE,
                "nat-instance",
                {
                    "instanceType": _NAT_INSTANCE_TYPE,
                    "rootBlockDevice": {"volumeSize": ROOT_VOLUME_GB, "volumeType": "gp3"},
                },
            )
            for nat in nats
        }
        yield _Change(
            "nat_instances",
            f"{len(nats)} {_NAT_INSTANCE_TYPE} NAT instance(s) instead of managed NAT gateways "
            f"in {parent.rsplit('::', 1)[-1]}",
            'NetworkArgs(nat_gateways="instance_per_az")'
            if len(nats) > 1
            else 'NetworkArgs(nat_gateways="single_instance")',
            f"about {NAT_INSTANCE_TYPES[_NAT_INSTANCE_TYPE].baseline_gbps:g} Gbps baseline per "
            "instance (a NAT gateway scales to 100 Gbps), OS patching is yours, and an "
            "instance failure stops its AZ's egress until recovery",
            _edited(plan, swapped),
        )


def _break_even(book: PriceBook, a: Assumptions, zones: int) -> str:
    """The NAT GB a month above which the endpoints cost less than the NAT data they carry."""
    interface = len(_ENDPOINTS) - 1
    fixed = (
        interface
        * zones
        * book.value("vpc_interface_endpoint_az_hour")
        * a.decimal("hours_per_month")
    )
    per_gb = book.value("nat_gateway_gb_processed") - book.value(
        "vpc_interface_endpoint_gb_processed"
    )
    if per_gb <= 0:
        return "the endpoints never pay off at these prices"
    return f"they pay off above {fixed / per_gb:,.0f} GB a month"


def _vpc_endpoints(plan: Plan, graph: Graph, a: Assumptions, book: PriceBook) -> Iterator[_Result]:
    nets = _networks(graph)
    if not nets:
        yield Considered("vpc_endpoints", "n/a: no NAT gateway carries AWS-service traffic")
        return
    if graph.of_type(VPC_ENDPOINT):
        yield Considered("vpc_endpoints", "n/a: the plan already has VPC endpoints")
        return
    total = sum(len(n) for n in nets.values())
    for parent, nats in nets.items():
        moved = a.nat_gateway_gb_processed_per_month * len(nats)
        zones = _zones(graph, parent)
        added = tuple(
            _synthetic(
                nats[0],
                VPC_ENDPOINT,
                f"vpce-{service}",
                {
                    "serviceName": f"com.amazonaws.{plan.region}.{service}",
                    "vpcEndpointType": "Gateway" if service == "s3" else "Interface",
                    "subnetIds": [f"subnet-{i}" for i in range(zones)] if service != "s3" else None,
                },
            )
            for service in _ENDPOINTS
        )
        yield _Change(
            "vpc_endpoints",
            f"VPC endpoints (S3 gateway; ECR, Logs, STS interface in {zones} AZs) for the NAT "
            f"data of {parent.rsplit('::', 1)[-1]}",
            "NetworkArgs(vpc_endpoints=True)",
            "an upper bound: it assumes all the NAT data goes to these AWS services; traffic "
            "to anything else still needs the NAT",
            _edited(plan, {}, added),
            {
                "nat_gateway_gb_processed_per_month": a.nat_gateway_gb_processed_per_month
                * (total - len(nats))
                / total,
                "vpc_endpoint_gb_processed_per_month": moved / (len(_ENDPOINTS) - 1),
            },
            f"{moved:g} GB a month moved from NAT to the endpoints; " + _break_even(book, a, zones),
        )


# --------------------------------------------------------------------------- task checks


def _users(graph: Graph) -> dict[str, list[tuple[ResourceRecord, list[StrategyItem] | None]]]:
    """Task definition URN -> the services and schedules running it, with their strategy."""
    out: dict[str, list[tuple[ResourceRecord, list[StrategyItem] | None]]] = {}
    for record in graph.of_type(ECS_SERVICE) + graph.of_type(SCHEDULE):
        run = record if record.type == ECS_SERVICE else _as_task_run(record)
        if run is None:
            continue
        td = graph.task_definition_of(run)
        if td is not None:
            out.setdefault(td.urn, []).append((record, graph.capacity_strategy_of(run)[0]))
    return out


def _platform(td: ResourceRecord) -> tuple[str, str]:
    platform = td.inputs.get("runtimePlatform") or {}
    return (
        str(platform.get("operatingSystemFamily") or "LINUX"),
        str(platform.get("cpuArchitecture") or "X86_64"),
    )


def _arm64(plan: Plan, graph: Graph, a: Assumptions, book: PriceBook) -> Iterator[_Result]:
    found = False
    for urn, users in _users(graph).items():
        td = graph.by_urn(urn)
        assert td is not None
        system, arch = _platform(td)
        spot = any(s is None or any(i.provider == FARGATE_SPOT for i in s) for _, s in users)
        if arch != "X86_64" or is_windows(system) or spot:
            continue
        found = True
        platform = {**(td.inputs.get("runtimePlatform") or {}), "cpuArchitecture": "ARM64"}
        yield _Change(
            "arm64",
            f"ARM64 (Graviton) for task definition {td.name} (on-demand only)",
            'FargateTaskDefinitionArgs(architecture="ARM64")',
            "every container image needs an arm64 or multi-arch build, and FARGATE_SPOT "
            "(X86_64 only) is then ruled out",
            _edited(plan, {urn: replace(td, inputs={**td.inputs, "runtimePlatform": platform})}),
        )
    if not found:
        yield Considered(
            "arm64",
            "n/a: no X86 Linux task definition runs on-demand only (Spot is X86 only)",
        )


def _spot_share(plan: Plan, graph: Graph, a: Assumptions, book: PriceBook) -> Iterator[_Result]:
    found = False
    for service in graph.of_type(ECS_SERVICE):
        strategy, _ = graph.capacity_strategy_of(service)
        td = graph.task_definition_of(service)
        if not strategy or td is None or _platform(td) != ("LINUX", "X86_64"):
            continue
        if any(i.provider not in (FARGATE, FARGATE_SPOT) for i in strategy):
            continue
        base = sum(i.base for i in strategy if i.provider == FARGATE)
        if not any(i.provider == FARGATE and i.weight > 0 for i in strategy):
            continue  # nothing above the base runs on-demand
        base = base or 1
        count = service.inputs.get("desiredCount")
        if isinstance(count, int) and expected_split(count, strategy).get(FARGATE, 0) <= base:
            continue  # at its task count, only the base runs on-demand already
        wire = [
            StrategyItem(FARGATE, base, 0).to_wire(),
            StrategyItem(FARGATE_SPOT, 0, 1).to_wire(),
        ]
        found = True
        yield _Change(
            "spot_share",
            f"FARGATE_SPOT for every task of {service.name} above an on-demand base of {base}",
            f"capacity_strategy=CapacityStrategy.spot_from({base + 1})",
            "Spot tasks can be stopped on a 2-minute notice when AWS needs the capacity; the "
            f"first {base} task(s) stay on-demand",
            _edited(
                plan,
                {
                    service.urn: replace(
                        service, inputs={**service.inputs, "capacityProviderStrategies": wire}
                    )
                },
            ),
        )
    if not found:
        yield Considered("spot_share", "n/a: no service runs on-demand tasks above its base")


def _declared(td: ResourceRecord) -> tuple[int, int] | str:
    """The containers' summed declared cpu units and memory MiB, or why they are unknown."""
    containers = parse_json(td.inputs.get("containerDefinitions"))
    if not isinstance(containers, list) or not containers:
        return "its container definitions are not known"
    cpu = memory = 0
    for c in containers:
        mem = c.get("memory") or c.get("memoryReservation") if isinstance(c, dict) else None
        if not isinstance(c, dict) or not isinstance(c.get("cpu"), int) or not isinstance(mem, int):
            name = c.get("name") if isinstance(c, dict) else "?"
            return f"container {name} declares no cpu and memory limit"
        cpu, memory = cpu + c["cpu"], memory + mem
    return cpu, memory


def _right_size(plan: Plan, graph: Graph, a: Assumptions, book: PriceBook) -> Iterator[_Result]:
    reasons: list[str] = []
    for urn in _users(graph):
        td = graph.by_urn(urn)
        assert td is not None
        declared = _declared(td)
        try:
            size = TaskSize(
                parse_cpu("cpu", td.inputs.get("cpu")),
                parse_memory("memory", td.inputs.get("memory")),
            )
            fit = round_up_to_task_size(*declared) if not isinstance(declared, str) else None
        except ValidationError:
            reasons.append(f"{td.name}: its size is not known")
            continue
        smaller = fit is not None and fit != size and fit.cpu <= size.cpu
        if fit is None or not smaller or fit.memory > size.memory:
            reasons.append(f"{td.name}: {declared if isinstance(declared, str) else 'fits'}")
            continue
        inputs = {**td.inputs, "cpu": str(fit.cpu), "memory": str(fit.memory)}
        yield _Change(
            "right_size",
            f"Task definition {td.name} at {fit} instead of {size} (its containers declare "
            f"{declared[0]} cpu units, {declared[1]} MiB)",
            f'FargateTaskDefinitionArgs(cpu="{fit.cpu}", memory="{fit.memory}")',
            "the task can no longer burst above its containers' declared limits; check their "
            "peak use first",
            _edited(plan, {urn: replace(td, inputs=inputs)}),
        )
    if reasons:
        yield Considered("right_size", "not suggested: " + "; ".join(reasons))


_CHECKS: tuple[Callable[[Plan, Graph, Assumptions, PriceBook], Iterator[_Result]], ...] = (
    _single_nat,
    _nat_instances,
    _vpc_endpoints,
    _arm64,
    _spot_share,
    _right_size,
)


# --------------------------------------------------------------------------- pricing


def _price(
    change: _Change, report: CostReport, book: PriceBook, a: Assumptions
) -> Saving | Considered:
    from .estimate import estimate_cost  # the estimator imports nothing from here

    chosen = replace(a, **dict(change.assumptions)) if change.assumptions else a
    after = estimate_cost(change.plan, prices=book, assumptions=chosen)
    saving = report.total_monthly - after.total_monthly
    total = report.total_monthly
    fraction = (saving / total).quantize(Decimal("0.001")) if total else Decimal(0)
    what = (
        f"saves {dollars(saving)} a month ({float(fraction):.1%})"
        if saving >= 0
        else f"costs {dollars(-saving)} a month more"
    )
    how = f"{dollars(total)} now, {dollars(after.total_monthly)} with the change: {what}" + (
        f"; {change.note}" if change.note else ""
    )
    if total <= 0 or fraction < THRESHOLD:
        return Considered(change.check, f"{change.title}: {how}, under {THRESHOLD:.0%}")
    return Saving(change.check, change.title, change.change, saving, fraction, change.risk, how)


def advise(
    plan: Plan,
    report: CostReport,
    prices: PriceBook | None = None,
    assumptions: Assumptions | Mapping[str, Any] | None = None,
) -> Advice:
    """Every saving of at least :data:`THRESHOLD` of ``report``'s total that one setting
    change brings, biggest first, and every other check with its result.

    Args:
        plan: the plan ``report`` estimates.
        report: :func:`estimate_cost` of ``plan`` with these ``prices`` and ``assumptions``.
        prices: the price book. Default: :func:`load_prices` for ``plan.region``.
        assumptions: the estimate's assumptions (an :class:`Assumptions` or overrides, as
            :func:`estimate_cost` takes them). Default: ``DEFAULT_ASSUMPTIONS``.

    Raises ``ValidationError`` when ``report`` was not made from ``plan`` with these prices
    and assumptions (its savings would compare two different estimates).
    """
    from .estimate import estimate_cost

    book = prices if prices is not None else load_prices(plan.region)
    a = (
        assumptions
        if isinstance(assumptions, Assumptions)
        else DEFAULT_ASSUMPTIONS.with_overrides(assumptions)
    )
    again = estimate_cost(plan, prices=book, assumptions=a).total_monthly
    if again != report.total_monthly:
        raise ValidationError(
            "advise(report)",
            f"a report totalling {dollars(report.total_monthly)}",
            f"the estimate of this plan with these prices and assumptions ({dollars(again)})",
        )
    graph = Graph(plan)
    suggestions: list[Saving] = []
    considered: list[Considered] = []
    for check in _CHECKS:
        for result in check(plan, graph, a, book):
            priced = _price(result, report, book, a) if isinstance(result, _Change) else result
            (suggestions if isinstance(priced, Saving) else considered).append(priced)  # type: ignore[arg-type]
    suggestions.sort(key=lambda s: -s.monthly_saving)
    return Advice(report.total_monthly, tuple(suggestions), tuple(considered))
