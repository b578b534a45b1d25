"""Capacity provider strategies: constructors, validation, expected split (pure, no mocks)."""

from __future__ import annotations

import pulumi_aws as aws
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fargate_components.ecs import (
    FARGATE,
    FARGATE_SPOT,
    CapacityStrategy,
    StrategyItem,
    check_spot_platform,
)
from fargate_components.errors import ValidationError


def test_constructors_and_str() -> None:
    assert str(CapacityStrategy.on_demand()) == "FARGATE weight 1"
    assert str(CapacityStrategy.spot()) == "FARGATE_SPOT weight 1"
    assert str(CapacityStrategy.default()) == "FARGATE base 1 weight 1, FARGATE_SPOT weight 4"
    assert CapacityStrategy.default() == CapacityStrategy.mixed(
        base=1, on_demand_weight=1, spot_weight=4
    )
    assert str(CapacityStrategy.spot_from(3)) == "FARGATE base 2 weight 0, FARGATE_SPOT weight 1"
    assert CapacityStrategy.spot_from(1) == CapacityStrategy.spot()
    assert CapacityStrategy.of(
        ("FARGATE", 2, 1), {"provider": "FARGATE_SPOT", "weight": 3}
    ).items == (
        StrategyItem(FARGATE, 2, 1),
        StrategyItem(FARGATE_SPOT, 0, 3),
    )


def test_uses_spot() -> None:
    assert CapacityStrategy.default().uses_spot
    assert not CapacityStrategy.on_demand().uses_spot
    # A Spot item with weight 0 and no base never receives a task.
    assert not CapacityStrategy.of(("FARGATE", 0, 1), ("FARGATE_SPOT", 0, 0)).uses_spot
    assert CapacityStrategy.spot().uses_spot and not CapacityStrategy.spot().uses_on_demand


def test_wire_shapes() -> None:
    strategy = CapacityStrategy.default()
    assert strategy.to_wire() == [
        {"capacityProvider": "FARGATE", "base": 1, "weight": 1},
        {"capacityProvider": "FARGATE_SPOT", "base": 0, "weight": 4},
    ]
    cluster_args = strategy.to_cluster_args()
    service_args = strategy.to_service_args()
    assert all(
        isinstance(a, aws.ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs)
        for a in cluster_args
    )
    assert all(isinstance(a, aws.ecs.ServiceCapacityProviderStrategyArgs) for a in service_args)
    assert [a.capacity_provider for a in service_args] == [FARGATE, FARGATE_SPOT]


@pytest.mark.parametrize(
    ("strategy", "count", "expected"),
    [
        (CapacityStrategy.default(), 0, {FARGATE: 0, FARGATE_SPOT: 0}),
        (CapacityStrategy.default(), 1, {FARGATE: 1, FARGATE_SPOT: 0}),
        (CapacityStrategy.default(), 6, {FARGATE: 2, FARGATE_SPOT: 4}),
        (CapacityStrategy.default(), 11, {FARGATE: 3, FARGATE_SPOT: 8}),
        (CapacityStrategy.on_demand(), 7, {FARGATE: 7}),
        (CapacityStrategy.spot(), 7, {FARGATE_SPOT: 7}),
        (CapacityStrategy.spot_from(3), 2, {FARGATE: 2, FARGATE_SPOT: 0}),
        (CapacityStrategy.spot_from(3), 5, {FARGATE: 2, FARGATE_SPOT: 3}),
        (
            CapacityStrategy.mixed(base=0, on_demand_weight=1, spot_weight=1),
            4,
            {FARGATE: 2, FARGATE_SPOT: 2},
        ),
        # Base on the Spot item: the first two tasks go to Spot.
        (
            CapacityStrategy.of(("FARGATE_SPOT", 2, 1), ("FARGATE", 0, 1)),
            2,
            {FARGATE_SPOT: 2, FARGATE: 0},
        ),
    ],
)
def test_expected_split(strategy: CapacityStrategy, count: int, expected: dict[str, int]) -> None:
    assert strategy.expected_split(count) == expected


@given(
    base=st.integers(0, 20),
    on_demand=st.integers(0, 10),
    spot=st.integers(1, 10),
    count=st.integers(0, 200),
)
def test_split_properties(base: int, on_demand: int, spot: int, count: int) -> None:
    strategy = CapacityStrategy.mixed(base=base, on_demand_weight=on_demand, spot_weight=spot)
    split = strategy.expected_split(count)
    assert sum(split.values()) == count
    assert split[FARGATE] >= min(base, count)
    beyond = count - min(base, count)
    if beyond % (on_demand + spot) == 0:
        rounds = beyond // (on_demand + spot)
        assert split[FARGATE] == min(base, count) + rounds * on_demand
        assert split[FARGATE_SPOT] == rounds * spot
    # Never more than one task away from the exact weighted share.
    exact_spot = beyond * spot / (on_demand + spot)
    assert abs(split[FARGATE_SPOT] - exact_spot) < 1 + 1e-9


@pytest.mark.parametrize(
    ("items", "argument"),
    [
        ((("EC2", 0, 1),), "CapacityStrategy.items[0].provider"),
        ((("FARGATE", -1, 1),), "CapacityStrategy.items[0].base"),
        ((("FARGATE", 100_001, 1),), "CapacityStrategy.items[0].base"),
        ((("FARGATE", 0, 1001),), "CapacityStrategy.items[0].weight"),
        ((("FARGATE", 0, True),), "CapacityStrategy.items[0].weight"),
        ((("FARGATE", 1, 1), ("FARGATE_SPOT", 1, 1)), "CapacityStrategy.items.base"),
        ((("FARGATE", 0, 0), ("FARGATE_SPOT", 0, 0)), "CapacityStrategy.items.weight"),
        ((("FARGATE", 0, 1), ("FARGATE", 0, 2)), "CapacityStrategy.items.provider"),
        ((), "CapacityStrategy.items"),
        (tuple(("FARGATE", 0, 1) for _ in range(21)), "CapacityStrategy.items"),
        (("FARGATE",), "CapacityStrategy.items[0]"),
    ],
)
def test_invalid_strategies(items: tuple, argument: str) -> None:
    with pytest.raises(ValidationError) as info:
        CapacityStrategy(items)
    assert info.value.argument == argument


def test_spot_from_and_split_reject_bad_numbers() -> None:
    with pytest.raises(ValidationError, match="spot_from"):
        CapacityStrategy.spot_from(0)
    with pytest.raises(ValidationError, match="task_count"):
        CapacityStrategy.default().expected_split(-1)


def test_check_spot_platform() -> None:
    check_spot_platform(CapacityStrategy.default(), "X86_64", "LINUX")
    check_spot_platform(CapacityStrategy.on_demand(), "ARM64", "LINUX")
    check_spot_platform(None, "ARM64", "WINDOWS_SERVER_2022_CORE")
    with pytest.raises(ValidationError, match="Linux X86_64 tasks only") as info:
        check_spot_platform(CapacityStrategy.default(), "ARM64", "LINUX", "svc.capacity_strategy")
    assert info.value.argument == "svc.capacity_strategy"
    with pytest.raises(ValidationError):
        check_spot_platform(CapacityStrategy.spot_from(2), "X86_64", "WINDOWS_SERVER_2019_FULL")


def test_strategy_round_trips_through_the_wire_shape() -> None:
    for strategy in (
        CapacityStrategy.on_demand(),
        CapacityStrategy.mixed(),
        CapacityStrategy.spot_from(3),
    ):
        assert CapacityStrategy.from_wire(strategy.to_wire()) == strategy


def test_wire_items_default_base_and_weight_to_zero_as_ecs_does() -> None:
    assert StrategyItem.from_wire({"capacityProvider": "FARGATE_SPOT"}) == StrategyItem(
        "FARGATE_SPOT", 0, 0
    )
    # The shape is checked; ECS's rules are the strategy's, so a raw item still reads back.
    assert StrategyItem.from_wire({"capacityProvider": "EC2", "weight": 2}).provider == "EC2"


@pytest.mark.parametrize(
    ("wire", "argument"),
    [
        ("FARGATE", "plan.strategy"),
        ([{"base": 1}], "plan.strategy[0]"),
        ([{"capacityProvider": "FARGATE", "weight": "1"}], "plan.strategy[0].weight"),
        ([{"capacityProvider": "EC2", "weight": 1}], "plan.strategy[0].provider"),
        ([{"capacityProvider": "FARGATE", "weight": 0}], "plan.strategy.weight"),
    ],
)
def test_bad_wire_strategies_name_the_item(wire: object, argument: str) -> None:
    with pytest.raises(ValidationError) as caught:
        CapacityStrategy.from_wire(wire, "plan.strategy")
    assert caught.value.argument == argument
