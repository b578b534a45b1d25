"""Every example's plan JSON, frozen: what an example deploys changes only with a snapshot diff.

This is the upgrade-safety guard. Any change to a resource, an input, an output, a finding,
the cost or the critical path of an example shows up here as a readable unified diff; a
snapshot change that replaces or deletes a resource must be called out in the commit message.

Rewrite the snapshots deliberately with ``pytest tests/test_snapshots.py --update-snapshots``
(or ``make snapshots``) and review ``git diff tests/snapshots`` before committing.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from fargate_components.plan import load_project, plan_document, run_project
from fargate_components.plan.review import build_review
from tests.example_plans import example_plan

ROOT = Path(__file__).parent.parent
SNAPSHOTS = Path(__file__).parent / "snapshots"
EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/Pulumi.yaml"))


def plan_json(directory: Path, stack: str = "dev") -> str:
    """The plan as ``fargate-components plan --no-preview-faithful --format json`` prints it
    (without simulation): mock values, so a changed reference shows as a changed value. The
    preview-faithful default of every example is checked in tests/test_preview_faithful.py."""
    plan = example_plan(directory, stack)
    program = directory.relative_to(ROOT).as_posix()
    doc = plan_document(plan, program, build_review(plan).json_sections())
    return json.dumps(doc, indent=2, sort_keys=False) + "\n"


def check_snapshot(name: str, text: str, update: bool) -> None:
    path = SNAPSHOTS / f"{name}.json"
    if update or not path.exists():
        path.write_text(text)
        if not update:
            pytest.fail(f"{path} did not exist: written now, review and commit it")
        return
    expected = path.read_text()
    if text != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                text.splitlines(keepends=True),
                fromfile=f"snapshot {path.name}",
                tofile="current plan",
                n=2,
            )
        )
        lines = diff.splitlines()
        shown = "\n".join(lines[:200]) + ("\n... (diff truncated)" if len(lines) > 200 else "")
        pytest.fail(
            f"the plan of {name} differs from its snapshot "
            f"(run with --update-snapshots if intended):\n{shown}",
            pytrace=False,
        )


@pytest.mark.parametrize("directory", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_plan_matches_snapshot(directory: Path, request: pytest.FixtureRequest) -> None:
    update = bool(request.config.getoption("--update-snapshots"))
    check_snapshot(f"example-{directory.name}", plan_json(directory), update)


def test_a_changed_image_shows_as_a_readable_snapshot_diff(tmp_path: Path) -> None:
    source = ROOT / "examples" / "ecs-web-service"
    copy = tmp_path / "ecs-web-service"
    copy.mkdir()
    for f in source.iterdir():
        if f.is_file():
            (copy / f.name).write_text(f.read_text())
    config = copy / "Pulumi.dev.yaml"
    config.write_text(
        config.read_text() + "  ecs-web-service:image: public.ecr.aws/nginx/nginx:1.28\n"
    )
    project = load_project(copy, "dev")
    plan = run_project(project, "dev")
    doc = plan_document(plan, "examples/ecs-web-service", build_review(plan).json_sections())
    text = json.dumps(doc, indent=2) + "\n"
    with pytest.raises(pytest.fail.Exception) as failure:
        check_snapshot("example-ecs-web-service", text, update=False)
    message = str(failure.value)
    assert "differs from its snapshot" in message
    assert "nginx:1.28" in message and "nginx:1.27" in message
