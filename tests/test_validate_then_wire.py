"""Validate, then wire: a component finishes checking every argument, nested value objects
included, before it registers itself or any child (issue 11 item 5).

The whole bad-input catalogue (tests/bad_input/, collected by tests/test_bad_input.py) runs
here, once per case, with resource registration instrumented: every
component class of the library records how many resources existed when its constructor
started, and a constructor that raises ``ValidationError`` after something registered
(itself via ``super().__init__``, or any child) fails the test. The valid components a case
builds first (a network, a cluster) register normally and do not count."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

import pulumi
import pytest

import fargate_components
from fargate_components.errors import ValidationError
from tests.bad_input import BadInput
from tests.test_bad_input import CASES


def _component_classes() -> list[type[pulumi.ComponentResource]]:
    """Every ComponentResource subclass defined in the library."""
    for info in pkgutil.walk_packages(fargate_components.__path__, "fargate_components."):
        if info.name.endswith("_component"):
            importlib.import_module(info.name)
    found: list[type[pulumi.ComponentResource]] = []
    pending = list(pulumi.ComponentResource.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("fargate_components.") and cls not in found:
            found.append(cls)
    return found


COMPONENTS = _component_classes()


class _Registrations:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.late: list[str] = []


@pytest.fixture(scope="module")
def _instrumented() -> Iterator[_Registrations]:
    """Registration instrumented once for the module (about 550 cases share it)."""
    seen = _Registrations()
    original_resource_init = pulumi.Resource.__init__

    def record(self: pulumi.Resource, t: str, name: str, *args: Any, **kwargs: Any) -> None:
        seen.names.append(f"{t}::{name}")
        original_resource_init(self, t, name, *args, **kwargs)

    def guard(cls: type, init: Callable[..., None]) -> Callable[..., None]:
        def guarded(self: Any, *args: Any, **kwargs: Any) -> None:
            start = len(seen.names)
            try:
                init(self, *args, **kwargs)
            except ValidationError:
                if len(seen.names) > start:
                    seen.late.append(f"{cls.__name__}: {seen.names[start:]}")
                raise

        return guarded

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pulumi.Resource, "__init__", record)
        for cls in COMPONENTS:
            if "__init__" in vars(cls):
                patch.setattr(cls, "__init__", guard(cls, vars(cls)["__init__"]))
        yield seen


@pytest.fixture
def registrations(_instrumented: _Registrations) -> _Registrations:
    _instrumented.names.clear()
    _instrumented.late.clear()
    return _instrumented


def test_every_component_class_is_instrumented() -> None:
    names = {cls.__name__ for cls in COMPONENTS}
    assert {"Network", "FargateService", "EksFargateCluster", "FargateProfile"} <= names


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_rejected_before_anything_registers(
    case: BadInput, registrations: _Registrations
) -> None:
    """Each case of the catalogue raises a ValidationError naming its argument (``<argument>
    = <value> is not allowed: ...``), and nothing registered before it."""
    with pytest.raises(ValidationError) as info:
        case.run()
    message = str(info.value)
    assert case.argument in message, message
    assert "is not allowed" in message
    assert registrations.late == [], (
        "registered before the ValidationError (validate every argument first): "
        f"{registrations.late}"
    )
