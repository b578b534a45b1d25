"""Figures in the READMEs are produced by a command, never typed: they must be current."""

from __future__ import annotations

from tools.update_docs import main


def test_generated_readme_blocks_are_current() -> None:
    assert main(["--check"]) == 0, "run `make docs` and commit the result"
