"""The ``Exception ignored in BaseEventLoop.__del__`` noise at exit (issue 15, item 4):
every event loop the harness causes to exist is closed before the interpreter exits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 50

# A small project: its registrations still go through the mock monitor's executor threads
# (each of which gets an event loop of its own, the loops that were left open), at a fraction
# of an example's planning time, so the 50 plans stay CI-sized (issue 11: suite time).
_PROJECT = {
    "Pulumi.yaml": "name: loops\nruntime: python\n",
    "__main__.py": "from fargate_components import FargateCluster\n\nFargateCluster('cluster')\n",
}

_SCRIPT = """
import os, sys
from fargate_components.cli import main
for _ in range({runs}):
    assert main(["plan", sys.argv[1], "-o", os.devnull]) == 0
import asyncio, atexit, gc
def open_loops():
    return sum(1 for o in gc.get_objects()
               if isinstance(o, asyncio.AbstractEventLoop) and not o.is_closed())
print(open_loops())  # the main thread's and one per executor thread that ran a registration
atexit._run_exitfuncs()  # what interpreter exit runs first
print(open_loops())
"""


def test_fifty_plans_leave_stderr_clean(tmp_path: Path) -> None:
    for name, text in _PROJECT.items():
        (tmp_path / name).write_text(text)
    # A subprocess by nature: what is checked is what the interpreter prints at exit.
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT.format(runs=RUNS), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr
    before, after = (int(n) for n in done.stdout.split())
    assert before > 1, "no executor thread made a loop: the test would prove nothing"
    assert after == 0, f"event loops left open at exit: {after}"
