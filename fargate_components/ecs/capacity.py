"""Capacity provider strategies for Fargate: pure data, validation and the expected split.

A strategy is an ordered list of ``(provider, base, weight)`` items over ``FARGATE`` and
``FARGATE_SPOT``. ECS first places ``base`` tasks on the one provider that sets a base,
then divides the remaining tasks between the providers in proportion to their weights.

Limits (CapacityProviderStrategyItem, CreateService and PutClusterCapacityProviders in the
ECS API reference): ``base`` 0-100000 and set on at most one item, ``weight`` 0-1000, at
least one weight above 0, at most 20 items (the "capacity providers per cluster" quota, see
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html).

Fargate Spot runs Linux ``X86_64`` tasks only: "Linux tasks with the ARM64 architecture
don't support the Fargate Spot capacity provider" and "Windows containers on Fargate don't
support the Fargate Spot capacity provider" (ECS developer guide, "AWS Fargate capacity
providers", https://docs.aws.amazon.com/AmazonECS/latest/userguide/fargate-capacity-providers.html).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import ValidationError
from ..sizing import LINUX, is_windows

__all__ = [
    "FARGATE",
    "FARGATE_SPOT",
    "MAX_BASE",
    "MAX_ITEMS",
    "MAX_WEIGHT",
    "PROVIDERS",
    "CapacityStrategy",
    "StrategyItem",
    "check_spot_platform",
    "place_tasks",
]

FARGATE = "FARGATE"
FARGATE_SPOT = "FARGATE_SPOT"
#: The capacity providers a Fargate strategy may name.
PROVIDERS = (FARGATE, FARGATE_SPOT)
MAX_BASE = 100_000
MAX_WEIGHT = 1_000
MAX_ITEMS = 20

_ARG = "CapacityStrategy.items"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class StrategyItem:
    """One item of a strategy: a provider, the tasks it gets first, and its share after.

    provider: ``"FARGATE"`` or ``"FARGATE_SPOT"``.
    base: tasks placed on this provider before weights apply (only one item may set it).
    weight: relative share of the tasks beyond the base.
    """

    provider: str
    """``"FARGATE"`` or ``"FARGATE_SPOT"``. Required."""
    base: int = 0
    """Tasks placed on this provider before weights apply (only one item may set it). Default: 0."""
    weight: int = 1
    """Relative share of the tasks beyond the base. Default: 1."""

    def to_wire(self) -> dict[str, Any]:
        """The item as ECS's JSON (``capacityProvider``, ``base``, ``weight``)."""
        return {"capacityProvider": self.provider, "base": self.base, "weight": self.weight}

    @classmethod
    def from_wire(cls, entry: Any, argument: str = "StrategyItem") -> StrategyItem:
        """An item from ECS's JSON (``capacityProvider`` and optional ``base``/``weight``),
        as a plan, the simulator or the API reads it back. An absent ``base`` or ``weight``
        is 0, as in ECS ("If no value is specified, the default value of 0 is used",
        CapacityProviderStrategyItem in the ECS API reference). Checks the shape only (a
        mapping, a string provider, integer numbers); :class:`CapacityStrategy` checks
        ECS's rules, so a raw item read from a plan can still be placed with
        :func:`place_tasks`. Raises :class:`ValidationError` naming ``argument``."""
        if not isinstance(entry, Mapping) or not isinstance(entry.get("capacityProvider"), str):
            raise ValidationError(
                argument, entry, "a mapping with 'capacityProvider' and optional 'base', 'weight'"
            )
        numbers = {}
        for key in ("base", "weight"):
            value = entry.get(key)
            if value is None:
                value = 0
            if not _is_int(value):
                raise ValidationError(f"{argument}.{key}", value, "an integer")
            numbers[key] = value
        return cls(entry["capacityProvider"], numbers["base"], numbers["weight"])

    def __str__(self) -> str:
        parts = [self.provider]
        if self.base:
            parts.append(f"base {self.base}")
        parts.append(f"weight {self.weight}")
        return " ".join(parts)


def place_tasks(count: int, items: Sequence[tuple[str, int, int]]) -> dict[str, int]:
    """How ECS places ``count`` tasks over ``(provider, base, weight)`` items: each base
    first, then one task at a time to the provider furthest below its weighted share
    (lowest ``(placed + 1) / weight``, ties to the earlier item). With no positive weight
    the rest stay on the item with a base, else the first. No validation: it also serves
    raw strategies read back from a plan.

    Every provider of ``items`` is in the result (zero included).
    """
    split = {provider: 0 for provider, _, _ in items}
    if count <= 0 or not items:
        return split
    remaining = count
    for provider, base, _ in items:
        placed = min(base, remaining) if base > 0 else 0
        split[provider] += placed
        remaining -= placed
    weighted = [
        (k, provider, weight) for k, (provider, _, weight) in enumerate(items) if weight > 0
    ]
    if not weighted:
        fallback = next((p for p, base, _ in items if base > 0), items[0][0])
        split[fallback] += remaining
        return split
    beyond = [0] * len(items)
    for _ in range(remaining):
        k = min(weighted, key=lambda w: (Fraction(beyond[w[0]] + 1, w[2]), w[0]))[0]
        beyond[k] += 1
    for (provider, _, _), n in zip(items, beyond, strict=True):
        split[provider] += n
    return split


def _coerce_item(index: int, item: Any) -> StrategyItem:
    if isinstance(item, StrategyItem):
        return item
    if isinstance(item, Mapping):
        unknown = set(item) - {"provider", "base", "weight"}
        if unknown or "provider" not in item:
            raise ValidationError(
                f"{_ARG}[{index}]", item, "a mapping with 'provider' and optional 'base', 'weight'"
            )
        return StrategyItem(item["provider"], item.get("base", 0), item.get("weight", 1))
    if isinstance(item, (tuple, list)) and 1 <= len(item) <= 3:
        return StrategyItem(*item)
    raise ValidationError(
        f"{_ARG}[{index}]", item, "a StrategyItem, a (provider, base, weight) tuple or a mapping"
    )


def validate_items(items: Sequence[StrategyItem]) -> None:
    """Check a strategy's items against ECS's rules (see the module docstring)."""
    if not 1 <= len(items) <= MAX_ITEMS:
        raise ValidationError(_ARG, [str(i) for i in items], f"from 1 to {MAX_ITEMS} items")
    for i, item in enumerate(items):
        where = f"{_ARG}[{i}]"
        if item.provider not in PROVIDERS:
            raise ValidationError(
                f"{where}.provider", item.provider, f"one of {', '.join(PROVIDERS)} on Fargate"
            )
        if not _is_int(item.base) or not 0 <= item.base <= MAX_BASE:
            raise ValidationError(f"{where}.base", item.base, f"an integer from 0 to {MAX_BASE}")
        if not _is_int(item.weight) or not 0 <= item.weight <= MAX_WEIGHT:
            raise ValidationError(
                f"{where}.weight", item.weight, f"an integer from 0 to {MAX_WEIGHT}"
            )
    providers = [item.provider for item in items]
    for provider in PROVIDERS:
        if providers.count(provider) > 1:
            raise ValidationError(
                f"{_ARG}.provider", provider, "each capacity provider may appear only once"
            )
    with_base = [str(item) for item in items if item.base > 0]
    if len(with_base) > 1:
        raise ValidationError(
            f"{_ARG}.base", with_base, "only one item of a strategy may set a base"
        )
    if not any(item.weight > 0 for item in items):
        raise ValidationError(
            f"{_ARG}.weight", [str(i) for i in items], "at least one item with a weight above 0"
        )


@dataclass(frozen=True)
class CapacityStrategy:
    """An ordered capacity provider strategy over ``FARGATE`` and ``FARGATE_SPOT``.

    Build one with a constructor for the common cases::

        CapacityStrategy.on_demand()                       # FARGATE weight 1
        CapacityStrategy.spot()                            # FARGATE_SPOT weight 1
        CapacityStrategy.mixed(base=1, on_demand_weight=1, spot_weight=4)
        CapacityStrategy.spot_from(3)                      # tasks 1-2 on-demand, 3+ on Spot
        CapacityStrategy.of(("FARGATE", 2, 1), ("FARGATE_SPOT", 0, 3))

    Items are validated at construction (``ValidationError`` naming the item).

    items: the strategy's items, in order.
    """

    items: tuple[StrategyItem, ...]

    def __post_init__(self) -> None:
        items = tuple(_coerce_item(i, item) for i, item in enumerate(self.items))
        object.__setattr__(self, "items", items)
        validate_items(items)

    # -- constructors -------------------------------------------------------------------
    @classmethod
    def of(cls, *items: StrategyItem | tuple[Any, ...] | Mapping[str, Any]) -> CapacityStrategy:
        """A strategy from items given as ``StrategyItem``, ``(provider, base, weight)``
        tuples or mappings."""
        return cls(tuple(items))  # type: ignore[arg-type]

    @classmethod
    def on_demand(cls) -> CapacityStrategy:
        """Every task on ``FARGATE``."""
        return cls((StrategyItem(FARGATE, 0, 1),))

    @classmethod
    def spot(cls) -> CapacityStrategy:
        """Every task on ``FARGATE_SPOT`` (interruptible, discounted; Linux X86_64 only)."""
        return cls((StrategyItem(FARGATE_SPOT, 0, 1),))

    @classmethod
    def mixed(
        cls, *, base: int = 1, on_demand_weight: int = 1, spot_weight: int = 4
    ) -> CapacityStrategy:
        """The first ``base`` tasks on ``FARGATE``, the rest split on-demand:Spot by weight.

        The default (base 1, weights 1 : 4) is this library's default cluster strategy.
        """
        return cls(
            (
                StrategyItem(FARGATE, base, on_demand_weight),
                StrategyItem(FARGATE_SPOT, 0, spot_weight),
            )
        )

    @classmethod
    def spot_from(cls, task_number: int) -> CapacityStrategy:
        """Copilot-style ``spot_from``: tasks before the ``task_number``-th run on
        ``FARGATE``, that task and every later one on ``FARGATE_SPOT``.

        ``spot_from(1)`` is all Spot; ``spot_from(3)`` keeps two tasks on-demand.
        """
        if not _is_int(task_number) or not 1 <= task_number <= MAX_BASE + 1:
            raise ValidationError(
                "CapacityStrategy.spot_from", task_number, f"an integer from 1 to {MAX_BASE + 1}"
            )
        if task_number == 1:
            return cls.spot()
        return cls((StrategyItem(FARGATE, task_number - 1, 0), StrategyItem(FARGATE_SPOT, 0, 1)))

    @classmethod
    def default(cls) -> CapacityStrategy:
        """The library default: one on-demand task guaranteed, then 1 : 4 on-demand:Spot."""
        return cls.mixed()

    # -- queries ------------------------------------------------------------------------
    @property
    def providers(self) -> tuple[str, ...]:
        return tuple(item.provider for item in self.items)

    @property
    def uses_spot(self) -> bool:
        """True when some task can land on ``FARGATE_SPOT`` (a base or a weight above 0)."""
        return any(i.provider == FARGATE_SPOT and (i.base or i.weight) for i in self.items)

    @property
    def uses_on_demand(self) -> bool:
        return any(i.provider == FARGATE and (i.base or i.weight) for i in self.items)

    def expected_split(self, task_count: int) -> dict[str, int]:
        """How many of ``task_count`` tasks land on each provider, as ECS places them:
        the base first, then one task at a time to the provider furthest below its weighted
        share (the one with the lowest ``(placed + 1) / weight``; ties go to the earlier
        item). Proportions are exact whenever the count divides by the weights; ECS does
        not document how it rounds a remainder, so treat remainders as an estimate.

        Returns a mapping with every provider of the strategy (zero included).
        """
        if not _is_int(task_count) or task_count < 0:
            raise ValidationError(
                "CapacityStrategy.expected_split.task_count", task_count, "an integer >= 0"
            )
        return place_tasks(task_count, [(i.provider, i.base, i.weight) for i in self.items])

    # -- wire shapes --------------------------------------------------------------------
    def to_wire(self) -> list[dict[str, Any]]:
        """The strategy as ECS's JSON list (``capacityProvider``/``base``/``weight``)."""
        return [item.to_wire() for item in self.items]

    @classmethod
    def from_wire(cls, items: Any, argument: str = "CapacityStrategy") -> CapacityStrategy:
        """The strategy from ECS's JSON list (what :meth:`to_wire` writes, and what a plan or
        the API holds: ``[{"capacityProvider": ..., "base": ..., "weight": ...}, ...]``),
        validated like any strategy. ``ValidationError`` names ``argument[i]``."""
        if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Sequence):
            raise ValidationError(argument, items, "a list of capacity provider strategy items")
        parsed = tuple(
            StrategyItem.from_wire(entry, f"{argument}[{i}]") for i, entry in enumerate(items)
        )
        try:
            return cls(parsed)
        except ValidationError as error:
            raise error.under(argument, _ARG) from None

    def to_cluster_args(self) -> list[Any]:
        """``aws.ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs`` items."""
        import pulumi_aws as aws

        return [
            aws.ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs(
                capacity_provider=item.provider, base=item.base, weight=item.weight
            )
            for item in self.items
        ]

    def to_service_args(self) -> list[Any]:
        """``aws.ecs.ServiceCapacityProviderStrategyArgs`` items (for ``aws.ecs.Service``)."""
        import pulumi_aws as aws

        return [
            aws.ecs.ServiceCapacityProviderStrategyArgs(
                capacity_provider=item.provider, base=item.base, weight=item.weight
            )
            for item in self.items
        ]

    def __str__(self) -> str:
        return ", ".join(str(item) for item in self.items)


def coerce_strategy(
    argument: str, value: CapacityStrategy | Iterable[Any] | None
) -> CapacityStrategy | None:
    """Accept a ``CapacityStrategy`` or an iterable of items; ``None`` stays ``None``."""
    if value is None or isinstance(value, CapacityStrategy):
        return value
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise ValidationError(argument, value, "a CapacityStrategy or a list of strategy items")
    try:
        return CapacityStrategy(tuple(value))
    except ValidationError as error:
        # Name the argument the user typed, e.g. "FargateClusterArgs.default_strategy[1].weight".
        raise error.under(argument, _ARG) from None


def check_spot_platform(
    strategy: CapacityStrategy | None,
    architecture: str,
    operating_system: str = LINUX,
    argument: str = "capacity_strategy",
) -> None:
    """Reject a strategy that may place tasks on ``FARGATE_SPOT`` when the task definition
    is ``ARM64`` or Windows: Fargate Spot runs Linux ``X86_64`` tasks only (module docstring).
    """
    if strategy is None or not strategy.uses_spot:
        return
    if architecture != "X86_64" or is_windows(operating_system):
        raise ValidationError(
            argument,
            str(strategy),
            f"a strategy without FARGATE_SPOT for a {operating_system}/{architecture} task "
            "definition: Fargate Spot runs Linux X86_64 tasks only "
            "(use CapacityStrategy.on_demand())",
        )
