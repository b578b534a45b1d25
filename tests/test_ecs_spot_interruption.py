"""Spot interruption budgets: pure arithmetic on the two-minute notice."""

from __future__ import annotations

from fargate_components.ecs.spot_interruption import (
    spot_drain,
    stop_timeout_of,
    visibility_problem,
)


def test_unset_stop_timeout_is_ecs_default() -> None:
    assert stop_timeout_of([None]) == 30
    assert stop_timeout_of([None, 90]) == 90


def test_drain_fits_inside_the_notice() -> None:
    assert spot_drain(30, [30]).problem() is None
    assert spot_drain(10, [110]).problem() is None  # exactly 120 s


def test_drain_too_long_names_the_numbers_and_the_fix() -> None:
    problem = spot_drain(300, [None]).problem()
    assert problem is not None
    assert "330 s" in problem and "deregistration delay 300 s" in problem
    assert "stopTimeout 30 s" in problem and "Fix:" in problem


def test_visibility_shorter_than_stop_timeout() -> None:
    assert visibility_problem(600, [110]) is None
    problem = visibility_problem(60, [110])
    assert problem is not None and "60 s" in problem and "110 s" in problem
