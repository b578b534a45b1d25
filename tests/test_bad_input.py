"""Every bad input in the catalogue fails at construction with a clear ValidationError."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from fargate_components.errors import ValidationError
from tests import bad_input
from tests.bad_input import BadInput


def _cases() -> list[BadInput]:
    cases: list[BadInput] = []
    for info in sorted(pkgutil.iter_modules(bad_input.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{bad_input.__name__}.{info.name}")
        cases.extend(getattr(module, "CASES", []))
    return cases


CASES = _cases()


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_rejected_at_construction(case: BadInput) -> None:
    with pytest.raises(ValidationError) as info:
        case.run()
    message = str(info.value)
    assert case.argument in message, message
    assert "is not allowed" in message
