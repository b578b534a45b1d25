"""The machine a benchmark ran on, for the results file."""

from __future__ import annotations

import datetime
import itertools
import os
import platform
import statistics
import subprocess
import time
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = (
    "fargate-components",
    "pulumi",
    "pulumi-aws",
    "pulumi-eks",
    "pulumi-kubernetes",
    "pytest",
)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return done.stdout.strip()


def _fixed_work(iterations: int) -> int:
    """Pure-Python work of a fixed size (dictionary updates), the same at every call."""
    counts: dict[int, int] = {}
    for i in range(iterations):
        counts[i % 1000] = counts.get(i % 1000, 0) + i
    return len(counts)


def steadiness(runs: int = 30, iterations: int = 600_000) -> dict[str, float]:
    """How steady this machine's CPU speed is: the CPU time of the same fixed work (about
    0.1 s) ``runs`` times in a row. ``cv`` = standard deviation / mean of those times;
    ``lag1`` = their lag-1 autocorrelation (near 0: each run independent; near 1: slow and
    fast spells last several runs). On a shared virtual machine both are far from zero,
    which is why the planning ratio is judged on adjacent pairs (``bench.planning``)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        _fixed_work(iterations)
        times.append(time.process_time() - start)
    mean = statistics.fmean(times)
    variance = statistics.pvariance(times, mean)
    lag1 = (
        sum((a - mean) * (b - mean) for a, b in itertools.pairwise(times)) / (runs - 1) / variance
        if variance
        else 0.0
    )
    return {"runs": runs, "mean_s": mean, "cv": variance**0.5 / mean, "lag1": lag1}


def describe() -> dict[str, Any]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = bool(_git("status", "--porcelain"))
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": versions,
        "commit": f"{commit}{' (with uncommitted changes)' if dirty else ''}" if commit else "n/a",
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "steadiness": steadiness(),
    }
