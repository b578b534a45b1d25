"""The ``Exception ignored in BaseEventLoop.__del__`` noise at exit (issue 15, item 4):
every event loop the harness causes to exist is closed before the interpreter exits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 50

_SCRIPT = f"""
import os
from fargate_components.cli import main
for _ in range({RUNS}):
    assert main(["plan", {str(ROOT / "examples" / "network")!r}, "-o", os.devnull]) == 0
import asyncio, atexit, gc
atexit._run_exitfuncs()  # what interpreter exit runs first
print(sum(1 for o in gc.get_objects() if isinstance(o, asyncio.AbstractEventLoop) and not o.is_closed()))
"""


def test_fifty_plans_leave_stderr_clean() -> None:
    # A subprocess by nature: what is checked is what the interpreter prints at exit.
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr
    assert done.stdout.strip() == "0", "event loops left open at exit: " + done.stdout
