"""One plan per example, stack and mode for the whole test session (per xdist worker).

Planning an example costs about a second and a dozen test modules read the same plans
(findings, snapshots, README figures, cost, preview gaps): they share this cache instead of
planning again. Each caller gets its own copy, so a test that edits a plan cannot change
what another test reads: the cache keeps the plan pickled and each call unpickles it, ~15x
cheaper than ``copy.deepcopy`` (2 ms against 35 ms for an example; issue 11, suite time).

Under pytest-xdist the workers of one run also share the pickles through files (see
:func:`share_between_workers`): each plan is made by one worker instead of by each."""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

try:
    import fcntl
except ImportError:  # no flock (Windows): each worker plans for itself
    fcntl = None  # type: ignore[assignment]

from fargate_components.plan import load_project, run_project
from fargate_components.testing import Plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/Pulumi.yaml"))
IDS = [p.name for p in EXAMPLES]


_shared: list[Path] = []


def share_between_workers(directory: Path) -> None:
    """Share plans through ``directory`` with the other workers of this run (tests/conftest.py
    passes a folder under the run's pytest temporary directory, which pytest prunes)."""
    directory.mkdir(parents=True, exist_ok=True)
    _shared[:] = [directory]


def _plan_bytes(directory: Path, stack: str | None, preview_faithful: bool) -> bytes:
    project = load_project(directory, stack)
    plan = run_project(project, stack, preview_faithful=preview_faithful)
    return pickle.dumps(plan, pickle.HIGHEST_PROTOCOL)


@cache
def _planned(directory: Path, stack: str | None, preview_faithful: bool) -> bytes:
    if not _shared or fcntl is None:
        return _plan_bytes(directory, stack, preview_faithful)
    key = hashlib.sha256(repr((str(directory), stack, preview_faithful)).encode()).hexdigest()
    done = _shared[0] / f"{key[:24]}.pickle"
    with open(_shared[0] / f"{key[:24]}.lock", "a") as lock:
        # One worker plans while the other waits for it, then reads what it wrote.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if done.exists():
            return done.read_bytes()
        data = _plan_bytes(directory, stack, preview_faithful)
        partial = done.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(data)
        os.replace(partial, done)
        return data


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
