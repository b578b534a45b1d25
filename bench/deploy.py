"""Benchmark 4: the deployment critical path of each example (``examples/*/Pulumi.yaml``,
dev stack), from the plan's dependency graph and typical AWS create times."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fargate_components.plan import load_project, run_project
from fargate_components.plan.critical_path import critical_path, render_critical_path

ROOT = Path(__file__).resolve().parent.parent


def examples(root: Path = ROOT) -> list[Path]:
    return sorted(p.parent for p in (root / "examples").glob("*/Pulumi.yaml"))


def measure(root: Path = ROOT) -> list[dict[str, Any]]:
    out = []
    for directory in examples(root):
        plan = run_project(load_project(directory, "dev"), "dev")
        path = critical_path(plan.resources)
        out.append(
            {
                "example": directory.relative_to(root).as_posix(),
                "total_seconds": path.total,
                "resources": path.resources,
                "text": render_critical_path(path),
                "path": path.to_json(),
            }
        )
    return out
