"""Benchmark 6: wall time of ``fargate-components plan EXAMPLE --simulate`` for each example
(issue 18: "``--simulate`` of each example <= 10 s wall"), as a user runs it: a fresh
interpreter per run, imports, the plan and the moto deploy included, output to a file."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .deploy import ROOT, examples

TARGET_SECONDS = 10.0
#: Runs per example (the median is reported, the slowest beside it).
RUNS = 3


def _one(directory: Path, output: Path) -> tuple[float, int, str]:
    cmd = [
        sys.executable,
        "-m",
        "fargate_components",
        "plan",
        str(directory),
        "--simulate",
        "--format",
        "json",
        "--output",
        str(output),
    ]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    return time.perf_counter() - start, done.returncode, done.stderr


def measure(root: Path = ROOT, runs: int = RUNS) -> list[dict[str, Any]]:
    """One row per example: median and slowest wall seconds of ``runs`` runs, the exit code
    (0: the simulated deploy succeeded; see README "The offline plan" for the others) and
    the last line of standard error when it is not 0."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for directory in examples(root):
            walls, codes, last = [], set(), ""
            for _ in range(runs):
                wall, code, stderr = _one(directory, Path(tmp) / "plan.json")
                walls.append(wall)
                codes.add(code)
                if code:
                    last = (stderr.strip().splitlines() or [""])[-1][:200]
            out.append(
                {
                    "example": directory.relative_to(root).as_posix(),
                    "median_s": statistics.median(walls),
                    "max_s": max(walls),
                    "exit_codes": sorted(codes),
                    "error": last,
                    "ok": statistics.median(walls) <= TARGET_SECONDS and codes == {0},
                }
            )
    return out
