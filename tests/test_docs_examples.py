"""Executable docs: every code example in the README files, the docs site and the package's
docstrings runs here, under the test kit's mocks (the rules are in ``tools/doc_examples.py``).
A deliberately incomplete block says so on its first line (``# fragment: <why>``) and is
compiled; nothing is skipped silently."""

from __future__ import annotations

from pathlib import Path

import moto  # noqa: F401  (see below)
import pytest

from fargate_components.plan import load_project, run_project
from tools.doc_examples import (
    FRAGMENT,
    ROOT,
    Example,
    docstring_examples,
    markdown_examples,
    run_example,
    write_project,
)

pytest_plugins = ["pytester"]
# moto is imported here, before any in-process pytester run: pytester drops the modules a run
# imported when it ends, and the simulator keeps one boto3 session for the process. A session
# made inside a run with that run's moto would outlive it and, in the next run, send requests
# to real AWS endpoints (EndpointConnectionError) instead of the new moto.

MARKDOWN = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted((ROOT / "examples").glob("*/README.md")),
]
#: Markdown files that hold a complete project in ``# file:`` blocks.
PROJECTS = {ROOT / "README.md": 3}  # the project's test count

MD_EXAMPLES = [
    e
    for path in MARKDOWN
    for e in markdown_examples(path)
    if e.lang == "python" and e.kind != "file"
]
DOC_EXAMPLES = docstring_examples()


def _params(examples: list[Example]) -> list[object]:
    """Every example runs (or, marked ``# fragment: <why>``, compiles): none is skipped or
    expected to fail."""
    return [pytest.param(e, id=e.where) for e in examples]


def _ids(examples: list[Example]) -> list[str]:
    return [e.where for e in examples]


def _where(example: Example) -> str:
    return example.where


@pytest.mark.parametrize("example", _params([e for e in MD_EXAMPLES if e.kind != "pytest"]))
def test_markdown_example_runs(example: Example) -> None:
    run_example(example)


@pytest.mark.parametrize("example", _params([e for e in DOC_EXAMPLES if e.kind != "pytest"]))
def test_docstring_example_runs(example: Example) -> None:
    run_example(example)


# The plugin's docstring and docs/testing.md show the same test file: run it once.
PYTEST_EXAMPLES = list(
    {
        tuple(ln for ln in e.code.splitlines() if ln.strip()): e
        for e in reversed(MD_EXAMPLES + DOC_EXAMPLES)
        if e.kind == "pytest"
    }.values()
)


@pytest.mark.parametrize("example", PYTEST_EXAMPLES, ids=_where)
def test_pytest_example_passes(example: Example, pytester: pytest.Pytester) -> None:
    """An example that is a test file using the plugin's fixtures passes as a user's would."""
    pytester.makepyfile(test_example=example.code)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) >= 1 and not outcomes.get("failed"), result.stdout.str()


@pytest.mark.parametrize("markdown", list(PROJECTS), ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_project_plans_and_its_tests_pass(
    markdown: Path, pytester: pytest.Pytester
) -> None:
    """The README's "Use it in your own project" files, written out: the project plans as
    `fargate-components plan` would, and its own tests pass with only the plugin's fixtures."""
    project = pytester.path / "project"
    files = {str(p.relative_to(project)) for p in write_project(markdown, project)}
    assert {"Pulumi.yaml", "Pulumi.dev.yaml", "__main__.py", "tests/test_stack.py"} <= files
    plan = run_project(load_project(project, "dev"))
    assert plan.region == "eu-west-1"  # from Pulumi.dev.yaml
    result = pytester.runpytest_inprocess(str(project / "tests"), "-p", "no:cacheprovider")
    result.assert_outcomes(passed=PROJECTS[markdown])


def test_every_fragment_says_why() -> None:
    fragments = [e for e in MD_EXAMPLES + DOC_EXAMPLES if e.kind == "fragment"]
    for example in fragments:
        reason = example.first_line[len(FRAGMENT) :].strip()
        assert len(reason) > 10, f"{example.where}: say why this block is a fragment"


def test_the_finder_sees_the_examples_it_should() -> None:
    """Guards the finder itself: the README's quickstart and the test kit's docstring are in."""
    wheres = _ids(MD_EXAMPLES) + _ids(DOC_EXAMPLES)
    assert any(w.startswith("README.md:") for w in wheres)
    assert any("fargate_components/testing/__init__.py" in w for w in wheres)
    assert any(e.kind == "doctest" for e in DOC_EXAMPLES)
    assert PYTEST_EXAMPLES, "the plugin's docstring example is a pytest file"
