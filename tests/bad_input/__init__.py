"""The catalogue of bad inputs, one module per area (network, ecs, eks, ...).

Each module defines ``CASES``: a list of ``BadInput`` entries. ``tests/test_bad_input.py``
collects them all into one parametrised test: every case must raise ``ValidationError``
at construction (under mocks, before any resource is registered), and the message must
name the argument.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class BadInput:
    """One bad input.

    id: a short unique test id, e.g. ``"network-az-count-zero"``.
    build: builds the offending thing (a component, or a pure value object).
    argument: the text the error message must contain (the argument's name).
    """

    id: str
    build: Callable[[], Any]
    argument: str
