"""The catalogue of bad inputs, one module per area (network, ecs, eks, ...).

Each module defines ``CASES``: a list of ``BadInput`` entries. ``tests/test_bad_input.py``
collects them all and ``tests/test_validate_then_wire.py`` runs them as one parametrised test:
every case must raise ``ValidationError`` at construction (under mocks, before any resource is
registered), and the message must name the argument.
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
    mocks: builds the ``FargateMocks`` to run under, for a case that needs the cloud to
        look a certain way (e.g. a region with fewer AZs). Default: the standard mocks.
    config: stack config to run under (e.g. ``{"aws:defaultTags": ...}``). Default: none.
    """

    id: str
    build: Callable[[], Any]
    argument: str
    mocks: Callable[[], Any] | None = None
    config: dict[str, Any] | None = None

    def run(self) -> Any:
        """Run :attr:`build` under the test kit's mocks (the case's own, when it has them)."""
        from fargate_components.testing import run_in_mocks

        return run_in_mocks(
            self.build, mocks=self.mocks() if self.mocks else None, config=self.config
        )
