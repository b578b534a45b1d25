"""Instruction counts of one plan, ours and the bare SDK (issue 18): a deterministic
cross-check of the CPU-time ratio, which the machine's load moves by several per cent.

``python -m bench.instructions [N]`` (default N=10; needs ``valgrind``): for each side, one
interpreter under ``valgrind --tool=callgrind`` with instrumentation off while it imports and
warms up (an N=1 plan of both sides, then one untimed plan of the side at N), then on for
one plan run inside ``operator.call``, whose entry and exit dump the counts
(``--dump-before/--dump-after``), so the second dump is that plan alone, all threads. About
a minute per side at N=10 on a quiet machine, 50x longer per plan than without valgrind;
``make bench`` does not run it.
"""

from __future__ import annotations

import gc
import operator
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIDES = ("ours", "baseline")


def summary(path: Path) -> int:
    """The instruction count (``summary:`` line) of one callgrind output file."""
    for line in path.read_text().splitlines():
        if line.startswith("summary:"):
            return int(line.split()[1])
    raise ValueError(f"{path}: no 'summary:' line (not a callgrind output file?)")


def measure(n: int = 10) -> dict[str, int]:
    """Instructions of one plan of each side at ``n`` services."""
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for side in SIDES:
            out = Path(tmp) / f"{side}.out"
            cmd = [
                "valgrind",
                "--tool=callgrind",
                "--instr-atstart=no",
                "--dump-before=_operator_call",
                "--dump-after=_operator_call",
                f"--callgrind-out-file={out}",
                sys.executable,
                "-m",
                "bench.instructions",
                "--child",
                side,
                str(n),
            ]
            subprocess.run(cmd, check=True, capture_output=True)
            counts[side] = summary(Path(f"{out}.2"))
    return counts


def _child(side: str, n: int) -> None:
    from fargate_components.testing import run_in_mocks

    from .planning import baseline_program, capture, web_stack

    warm = capture(web_stack(1))
    run_in_mocks(baseline_program(warm))
    program = web_stack(n) if side == "ours" else baseline_program(capture(web_stack(n)))
    run_in_mocks(program)
    gc.collect()
    # instrumentation on from here (callgrind_control answers once it is)
    control = subprocess.Popen(
        ["callgrind_control", "-i", "on", str(os.getpid())],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while control.poll() is None and time.monotonic() < deadline:
        pass
    operator.call(run_in_mocks, program)  # type: ignore[attr-defined]  # (3.11+)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        _child(argv[1], int(argv[2]))
        return
    n = int(argv[0]) if argv else 10
    counts = measure(n)
    ours, bare = counts["ours"], counts["baseline"]
    print(f"N={n}: ours {ours:,} instructions, bare SDK {bare:,}: ratio {ours / bare:.4f}")


if __name__ == "__main__":
    main(sys.argv[1:])
