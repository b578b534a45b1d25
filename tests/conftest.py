"""Shared pytest options for the project's own suite."""

from __future__ import annotations

import os

import pytest

from fargate_components.testing.harness import load_provider_modules

# Version-support findings depend on the day; the suite (and its snapshots) is judged on a
# fixed one so it does not change colour overnight. Tests that need another day set it.
os.environ.setdefault("FARGATE_COMPONENTS_TODAY", "2026-12-01")

# The provider modules of every resource type the library creates are imported before any test,
# so none is first imported inside an in-process pytester run (tests/test_pytest_plugin.py,
# tests/test_docs_examples.py): pytester drops the modules a run imported when it ends, while
# their classes live on in the package, and every later plan of that type then fails with
# "NameError: name '...Args' is not defined" (the SDK resolves annotations in sys.modules).
load_provider_modules()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="rewrite tests/snapshots/*.json from the current plans instead of comparing",
    )
