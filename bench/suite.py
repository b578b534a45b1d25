"""Benchmark 2: wall time of the whole test suite (``pytest -n 2``, as ``make test``
runs it), with the slowest tests."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TARGET_SECONDS = 60.0
ROOT = Path(__file__).resolve().parent.parent


def measure(args: tuple[str, ...] = ()) -> dict[str, Any]:
    # as `make test` runs it: both cores (pytest-xdist)
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-n",
        "2",
        "-p",
        "no:cacheprovider",
        "--durations=10",
        *args,
    ]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    out = done.stdout
    slowest = []
    for line in out.splitlines():
        m = re.match(r"^\s*([0-9.]+)s (call|setup|teardown)\s+(\S+)", line)
        if m:
            slowest.append((float(m.group(1)), m.group(2), m.group(3)))
    summary = next(
        (
            ln.strip("= ")
            for ln in reversed(out.splitlines())
            if re.search(r"\d+ (passed|failed)", ln)
        ),
        "no summary",
    )
    return {
        "seconds": wall,
        "returncode": done.returncode,
        "summary": summary,
        "slowest": slowest[:10],
        "ok": wall <= TARGET_SECONDS,
    }
