"""Run a function in a forked copy of the test process, for the few checks whose run must not
happen in the test process itself.

Why: a plan that fails inside an ``apply`` leaves coroutines whose finalizers can run during
a later ``compile()`` of the same process, and CPython 3.11.7 then fails that compile with
"AST constructor recursion depth mismatch" (python/cpython gh-106905, fixed by PR #113035 in
3.11.8 and 3.12.2; pytest-dev/pytest#10874). Those runs happen in a child process. A fork
starts from everything this process has imported (pulumi_aws's modules alone cost about 1.3 s
of CPU to import), where a fresh ``python -c`` pays all of it again: about 3 s per check
(issue 11, suite time)."""

from __future__ import annotations

import asyncio
import os
import select
import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ChildResult:
    """What the child did: the text ``func`` returned, or the traceback of what it raised."""

    returned: str | None
    raised: str | None


def run_forked(func: Callable[[], str], *, timeout: float = 120.0) -> ChildResult:
    """Run ``func`` in a forked child and return what it returned or raised (as text).

    The child starts on a new event loop (the inherited loop's executor threads do not exist
    in a fork) and leaves with ``os._exit``, so none of this process's exit handlers run
    twice. A child still running after ``timeout`` seconds is killed and the call fails."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        status = 0
        try:
            os.close(read_end)
            asyncio.set_event_loop(asyncio.new_event_loop())
            try:
                text = "R" + func()
            except BaseException:
                text = "E" + traceback.format_exc()
            data = text.encode()
            while data:
                data = data[os.write(write_end, data) :]
        except BaseException:
            status = 70
        finally:
            os._exit(status)
    os.close(write_end)
    chunks: list[bytes] = []
    try:
        while True:
            ready, _, _ = select.select([read_end], [], [], timeout)
            if not ready:
                os.kill(pid, signal.SIGKILL)
                raise TimeoutError(f"forked child still running after {timeout} s")
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    text = b"".join(chunks).decode()
    if os.waitstatus_to_exitcode(status) != 0 or not text:
        raise RuntimeError(f"forked child failed (wait status {status}): {text!r}")
    if text[0] == "R":
        return ChildResult(text[1:], None)
    return ChildResult(None, text[1:])
