"""run_in_mocks' own costs (issue 18): it logs at the level it keeps, and a plan runs without
automatic full garbage collections, the process's thresholds restored afterwards, and
the stack trace the SDK attaches to every registration is made cheaply, byte for byte the same."""

from __future__ import annotations

import gc
import logging

import pulumi
import pytest
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


class _Base:
    def __init__(self, traces: list[bytes]) -> None:
        from pulumi.runtime import resource

        # what the SDK sends with a registration, made by the SDK and by the harness
        traces.append(harness._sdk_stack_trace().SerializeToString())
        traces.append(harness._stack_trace().SerializeToString())
        traces.append(resource._get_stack_trace().SerializeToString())


class _Middle(_Base):
    def __init__(self, traces: list[bytes]) -> None:
        super().__init__(traces)


class _Concrete(_Middle):
    def __init__(self, traces: list[bytes]) -> None:
        super().__init__(traces)


def _from_a_helper(traces: list[bytes]) -> None:
    _Concrete(traces)


@pytest.fixture
def real_stack_traces(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDK's and the harness's own stack-trace builders, which this suite's conftest
    replaces with an empty trace everywhere else (it costs ~0.3 ms a registration here)."""
    from pulumi.runtime import resource

    from tests.conftest import REAL_STACK_TRACES as real

    assert real, "tests/conftest.py no longer records the builders it replaces"
    monkeypatch.setattr(resource, "_get_stack_trace", real["sdk"])
    monkeypatch.setattr(harness, "_stack_trace", real["harness"])
    monkeypatch.setattr(harness, "_sdk_stack_trace", real["harness_sdk"])


@pytest.mark.usefixtures("real_stack_traces")
def test_the_stack_trace_is_the_sdks_byte_for_byte() -> None:
    outside: list[bytes] = []
    _from_a_helper(outside)  # outside a plan: the SDK's own function is in place
    sdk, ours, in_place = outside
    assert sdk == ours == in_place and len(sdk) > 0
    inside: list[bytes] = []
    run_in_mocks(lambda: _from_a_helper(inside))  # in a plan: the harness's
    sdk, ours, in_place = inside
    assert sdk == ours == in_place
    few: list[bytes] = []
    _Middle(few)  # fewer than three constructors: no frames, as the SDK says
    assert few[0] == few[1] == b""
    from pulumi.runtime import resource

    assert resource._get_stack_trace is harness._sdk_stack_trace
