"""Every example is a working starter: it plans offline, passes the policy rules with zero
``error`` findings, deploys into emulated AWS with zero failures, and ships the files a
starter needs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fargate_components.policy import assert_no_findings
from fargate_components.testing import Plan, assert_simulates
from tests.example_plans import example_plan

EXAMPLES = sorted(
    p.parent for p in (Path(__file__).parent.parent / "examples").glob("*/Pulumi.yaml")
)
IDS = [p.name for p in EXAMPLES]


def _plan(directory: Path) -> Plan:
    return example_plan(directory)


@pytest.mark.parametrize("directory", EXAMPLES, ids=IDS)
def test_example_is_a_complete_starter(directory: Path) -> None:
    project = yaml.safe_load((directory / "Pulumi.yaml").read_text())
    assert project["runtime"]["name"] == "python"
    assert project.get("template", {}).get("config"), "a template: section with config"
    for name in ("Pulumi.dev.yaml", "__main__.py", "requirements.txt", "README.md"):
        assert (directory / name).exists(), name
    assert "fargate-components" in (directory / "requirements.txt").read_text()


@pytest.mark.parametrize("directory", EXAMPLES, ids=IDS)
def test_example_has_no_error_findings(directory: Path) -> None:
    assert_no_findings(_plan(directory), severity="error")


@pytest.mark.parametrize("directory", EXAMPLES, ids=IDS)
def test_example_simulates_without_failures(directory: Path) -> None:
    assert_simulates(_plan(directory))


@pytest.mark.parametrize("directory", EXAMPLES, ids=IDS)
def test_every_aws_resource_is_parented_to_one_of_our_components(directory: Path) -> None:
    plan = _plan(directory)
    types = {r.urn: r.type for r in plan.resources}
    orphans = [
        f"{r.type} {r.name}"
        for r in plan.resources
        if r.type.startswith("aws:") and not types.get(r.parent or "", "").startswith("fargate:")
    ]
    assert orphans == []
