"""run_in_mocks' own costs (issue 18): it logs at the level it keeps, and a plan runs without
automatic full garbage collections, the process's thresholds restored afterwards."""

from __future__ import annotations

import gc
import logging

import pulumi
from pulumi.runtime import settings

from fargate_components.testing import harness, run_in_mocks


def test_debug_messages_are_not_even_formatted() -> None:
    levels: list[int] = []

    def program() -> None:
        levels.append(settings.get_engine().logger.getEffectiveLevel())  # the MockEngine's
        pulumi.log.debug("noise")
        pulumi.log.info("kept")

    plan = run_in_mocks(program)
    assert [d.message for d in plan.diagnostics] == ["kept"]
    assert harness.COLLECTED_LEVEL == logging.INFO
    assert levels and min(levels) >= logging.INFO


def test_no_full_collection_during_a_plan_and_thresholds_restored() -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    run_in_mocks(lambda: seen.append(gc.get_threshold()))
    assert seen == [(before[0], before[1], harness._NO_FULL_COLLECTION)]
    assert gc.get_threshold() == before
