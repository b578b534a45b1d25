"""Benchmark 3: import time of ``fargate_components`` against the ``pulumi_aws`` submodules
it uses (``python -X importtime``, fresh interpreters, median of several runs).

Both sides import ``pulumi`` core (``pulumi_aws`` needs it), so both include it. The
submodules are found by scanning our sources for ``aws.<module>.`` references."""

from __future__ import annotations

import importlib.util
import re
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

TARGET = 1.5
PACKAGE = Path(__file__).resolve().parent.parent / "fargate_components"
#: What the default example (examples/ecs-web-service) imports: the realistic first import.
EXAMPLE_NAMES = (
    "Autoscaling, CapacityStrategy, Container, FargateCluster, FargateClusterArgs, "
    "FargateService, FargateServiceArgs, FargateTaskDefinition, FargateTaskDefinitionArgs, "
    "LoadBalancer, LoadBalancerArgs, Network, NetworkArgs, ScheduledScaling, TargetHealthCheck"
)


def aws_submodules(package: Path = PACKAGE) -> list[str]:
    """The ``pulumi_aws`` submodules our code references (``aws.ec2.Vpc`` -> ``ec2``)."""
    found: set[str] = set()
    for path in package.rglob("*.py"):
        found.update(re.findall(r"\baws\.([a-z][a-z0-9_]*)\.", path.read_text()))
    return sorted(m for m in found if importlib.util.find_spec(f"pulumi_aws.{m}") is not None)


def import_seconds(statement: str) -> float:
    """Total import time of ``statement`` in a fresh interpreter: the sum of the cumulative
    times of the top-level imports ``-X importtime`` reports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
    )
    total = 0
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line[len("import time:") :].split("|")
        if not name.startswith("  "):  # a top-level import (nested ones are indented)
            total += int(cumulative)
    return total / 1e6


def measure(runs: int = 5) -> dict[str, Any]:
    modules = aws_submodules()
    statements = {
        "fargate_components": "import fargate_components",
        "aws_submodules": "import " + ", ".join(f"pulumi_aws.{m}" for m in modules),
        "example_names": f"from fargate_components import {EXAMPLE_NAMES}",
        "everything": "import fargate_components as f; [getattr(f, n) for n in f.__all__]",
        "pulumi": "import pulumi",
    }
    times: dict[str, list[float]] = {k: [] for k in statements}
    for _ in range(runs):
        for key, statement in statements.items():
            times[key].append(import_seconds(statement))
    med = {k: statistics.median(v) for k, v in times.items()}
    return {
        "runs": runs,
        "modules": modules,
        "seconds": med,
        "ratio": med["fargate_components"] / med["aws_submodules"],
        "example_ratio": med["example_names"] / med["aws_submodules"],
        "everything_ratio": med["everything"] / med["aws_submodules"],
        "ok": med["fargate_components"] / med["aws_submodules"] <= TARGET,
    }
