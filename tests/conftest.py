"""Shared pytest options for the project's own suite."""

from __future__ import annotations

import os

import pytest

# Version-support findings depend on the day; the suite (and its snapshots) is judged on a
# fixed one so it does not change colour overnight. Tests that need another day set it.
os.environ.setdefault("FARGATE_COMPONENTS_TODAY", "2026-12-01")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="rewrite tests/snapshots/*.json from the current plans instead of comparing",
    )
