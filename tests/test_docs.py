"""Figures in the READMEs are produced by a command, never typed: they must be current."""

from __future__ import annotations

from tests.example_plans import example_plan
from tools.update_docs import main


def test_generated_readme_blocks_are_current() -> None:
    assert main(["--check"], example_plan) == 0, "run `make docs` and commit the result"
