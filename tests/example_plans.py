"""One plan per example, stack and mode for the whole test session (per xdist worker).

Planning an example costs about a second and a dozen test modules read the same plans
(findings, snapshots, README figures, cost, preview gaps): they share this cache instead of
planning again. Each caller gets its own copy, so a test that edits a plan cannot change
what another test reads: the cache keeps the plan pickled and each call unpickles it, ~15x
cheaper than ``copy.deepcopy`` (2 ms against 35 ms for an example; issue 11, suite time)."""

from __future__ import annotations

import pickle
from functools import cache
from pathlib import Path

from fargate_components.plan import load_project, run_project
from fargate_components.testing import Plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/Pulumi.yaml"))
IDS = [p.name for p in EXAMPLES]


@cache
def _planned(directory: Path, stack: str | None, preview_faithful: bool) -> bytes:
    project = load_project(directory, stack)
    plan = run_project(project, stack, preview_faithful=preview_faithful)
    return pickle.dumps(plan, pickle.HIGHEST_PROTOCOL)


def example_plan(
    directory: Path | str, stack: str | None = "dev", *, preview_faithful: bool = False
) -> Plan:
    """The plan of the project in ``directory`` (an example's folder, or the repository root
    for the default example) for ``stack``, as ``fargate-components plan`` makes it."""
    path = Path(directory)
    if not path.is_absolute():
        path = ROOT / path
    plan: Plan = pickle.loads(_planned(path.resolve(), stack, preview_faithful))
    return plan
