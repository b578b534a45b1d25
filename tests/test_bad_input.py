"""The bad-input catalogue: every case of tests/bad_input/*. Each case runs once, in
tests/test_validate_then_wire.py, which checks both that it fails at construction with a
clear ValidationError and that nothing registered before the error."""

from __future__ import annotations

import importlib
import pkgutil

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
