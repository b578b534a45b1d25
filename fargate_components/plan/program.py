"""Load a Pulumi Python project from disk and run it under the test kit's mocks.

What the Pulumi CLI would do before running a program, done offline: read ``Pulumi.yaml``
(project name, ``main``, project-level config defaults), then ``Pulumi.<stack>.yaml``, then
``--config`` / ``--secret`` overrides. Encrypted (``secure:``) values cannot be decrypted
without the stack's secrets provider, so the program sees a placeholder and every place the
value flows is shown as ``[secret]``.

While the program runs, whatever it prints goes to standard error (Python's ``sys.stdout`` and
file descriptor 1 both), so our own output on standard output is never mixed with it. A program
that exits (``sys.exit``), is interrupted, or runs past its deadline ends the run with a short
:class:`ProgramError` that says so, without our internals.
"""

from __future__ import annotations

import contextlib
import logging
import os
import runpy
import signal
import sys
import threading
import time
import traceback
import types
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..model import SECRET_MARK, Plan
from ..testing import FargateMocks, run_in_mocks
from ..testing.harness import load_provider_modules
from ..testing.mocks import DEFAULT_REGION

# The one door from the product into the test kit: programs run under its mocks, and
# ``--simulate`` replays a plan into moto (moto itself loads only when a replay starts).
from ..testing.simulate import render_simulation_text as render_simulation_text
from ..testing.simulate import simulate as simulate
from ..testing.simulate.fixture_file import Fixtures as Fixtures
from ..testing.simulate.fixture_file import load_fixtures as load_fixtures
from ..testing.simulate.replay import ChangeSimulation as ChangeSimulation
from ..testing.simulate.replay import render_change_text as render_change_text
from ..testing.simulate.replay import simulate_change as simulate_change
from ..timefmt import duration

__all__ = [
    "DEFAULT_STACK",
    "DEFAULT_TIMEOUT",
    "ProgramError",
    "ProgramFailed",
    "ProgramInterrupted",
    "ProgramTimedOut",
    "ProjectFiles",
    "load_project",
    "run_project",
]

#: The stack planned when none is named; its ``Pulumi.<stack>.yaml`` may be absent.
DEFAULT_STACK = "dev"

#: Seconds a program may run before the plan gives up on it (``--timeout``).
DEFAULT_TIMEOUT = 600.0


class ProgramError(Exception):
    """The plan could not be made; ``str()`` is a short report without our internals.

    Raised as it is for a bad project (no ``Pulumi.yaml``, a missing stack file, bad YAML);
    the subclasses say what happened to the program itself."""


class ProgramFailed(ProgramError):
    """The program raised an exception or called ``sys.exit``."""


class ProgramInterrupted(ProgramError):
    """The run was interrupted (Ctrl-C, ``KeyboardInterrupt``)."""


class ProgramTimedOut(ProgramError):
    """The program did not finish within its deadline."""


class _Deadline(BaseException):
    """Raised in the main thread when the deadline passes (a BaseException, so that a
    program's own ``except Exception`` cannot swallow it)."""


class _Stopped(Exception):
    """A program's SystemExit/KeyboardInterrupt/deadline, turned into an ordinary exception
    inside the program so the Pulumi runtime winds down as it does for any failure."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(cause)
        self.cause = cause


@dataclass
class ProjectFiles:
    """A project on disk and the config a run will see."""

    directory: Path
    name: str
    main: Path
    config: dict[str, Any] = field(default_factory=dict)
    secret_keys: list[str] = field(default_factory=list)
    stack_references: dict[str, dict[str, Any]] = field(default_factory=dict)
    """What each ``pulumi.StackReference`` reads offline: ``stack-references.<stack>.yaml``
    next to the stack file (``{"org/project/stack": {output: value}}``)."""


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as err:
        raise ProgramError(f"{path}: not valid YAML: {err}") from None
    if not isinstance(data, dict):
        raise ProgramError(f"{path}: expected a mapping at the top level")
    return data


def stack_files(root: Path) -> list[str]:
    """The stack names that have a ``Pulumi.<stack>.yaml`` in ``root``, sorted."""
    names = {
        p.name[len("Pulumi.") : -len(p.suffix)]
        for p in root.glob("Pulumi.*.y*ml")
        if p.suffix in (".yaml", ".yml")
    }
    return sorted(n for n in names if n)


def load_project(
    directory: str | os.PathLike[str],
    stack: str | None = None,
    overrides: Mapping[str, str] | None = None,
    secret_overrides: Mapping[str, str] | None = None,
    *,
    require_stack_file: bool = True,
) -> ProjectFiles:
    """Read ``Pulumi.yaml`` and the stack's config. Keys without a namespace belong to the
    project (``key`` means ``<project>:key``), as with the Pulumi CLI.

    ``stack=None`` plans :data:`DEFAULT_STACK`, whose stack file may be absent (project
    defaults then apply). A stack named explicitly must have its ``Pulumi.<stack>.yaml``:
    a typo must not silently plan with the project's defaults (``require_stack_file=False``
    plans a named stack without a file with the project's defaults, for tools)."""
    root = Path(directory).resolve()
    project_file = next(
        (root / n for n in ("Pulumi.yaml", "Pulumi.yml") if (root / n).exists()), None
    )
    if project_file is None:
        raise ProgramError(f"{root}: no Pulumi.yaml here (is this a Pulumi project directory?)")
    project = _read_yaml(project_file)
    name = str(project.get("name") or root.name)
    runtime = project.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if runtime_name != "python":
        raise ProgramError(
            f"{project_file}: runtime is {runtime_name!r}; only Python programs can be planned"
        )
    main = root / str(project.get("main") or ".")
    if main.is_dir():
        main = main / "__main__.py"
    if not main.exists():
        raise ProgramError(f"{project_file}: the program {main} does not exist")

    def qualify(key: str) -> str:
        return key if ":" in key else f"{name}:{key}"

    config: dict[str, Any] = {}
    secrets: list[str] = []
    for key, spec in (project.get("config") or {}).items():
        if isinstance(spec, dict):
            if "value" in spec or "default" in spec:
                config[qualify(key)] = spec.get("value", spec.get("default"))
        else:
            config[qualify(key)] = spec
    stack_file = _stack_file(root, stack, require_stack_file)
    if stack_file is not None:
        for key, value in (_read_yaml(stack_file).get("config") or {}).items():
            if isinstance(value, dict) and set(value) == {"secure"}:
                config[qualify(key)] = SECRET_MARK
                secrets.append(qualify(key))
            else:
                config[qualify(key)] = value
    for key, value in (overrides or {}).items():
        config[qualify(key)] = value
    for key, value in (secret_overrides or {}).items():
        config[qualify(key)] = value
        secrets.append(qualify(key))
    return ProjectFiles(
        root, name, main, config, sorted(set(secrets)), _stack_references(root, stack)
    )


def _stack_references(root: Path, stack: str | None) -> dict[str, dict[str, Any]]:
    """Offline answers for ``pulumi.StackReference``: ``stack-references.<stack>.yaml`` maps
    each referenced stack's name to its outputs (what ``pulumi stack output --json`` prints
    for it). Absent: a program with a StackReference fails with a message naming the file."""
    path = root / f"stack-references.{stack or DEFAULT_STACK}.yaml"
    if not path.exists():
        return {}
    data = _read_yaml(path)
    for key, outputs in data.items():
        if not isinstance(outputs, dict):
            raise ProgramError(f"{path}: {key!r} must map output names to values")
    return {str(k): dict(v) for k, v in data.items()}


def _stack_file(root: Path, stack: str | None, required: bool) -> Path | None:
    """The stack's config file; ``None`` for the implicit default stack without one."""
    name = stack or DEFAULT_STACK
    found = next(
        (
            root / f"Pulumi.{name}{ext}"
            for ext in (".yaml", ".yml")
            if (root / f"Pulumi.{name}{ext}").is_file()
        ),
        None,
    )
    if found is None and stack is not None and required:
        known = ", ".join(stack_files(root)) or "none"
        raise ProgramError(
            f"--stack {stack}: no Pulumi.{stack}.yaml in {root} (stack files here: {known})"
        )
    return found


@contextmanager
def _program_environment(project: ProjectFiles) -> Iterator[None]:
    old_cwd, old_path = os.getcwd(), list(sys.path)
    os.chdir(project.main.parent)
    sys.path.insert(0, str(project.main.parent))
    try:
        yield
    finally:
        os.chdir(old_cwd)
        sys.path[:] = old_path


def _root_cause(err: BaseException) -> BaseException:
    """The error to show: the SDK reports an error raised while it resolved an input (a
    ``ValidationError`` of ``Network.existing`` inside ``apply``, a stack reference with no
    offline outputs) as a new ``ValueError("While processing input: ...")`` per nesting level,
    each chained to the one below; the innermost is the one that names the argument."""
    seen: set[int] = set()
    while (
        isinstance(err, ValueError)
        and str(err).startswith("While processing ")
        and (err.__cause__ or err.__context__) is not None
        and id(err) not in seen
    ):
        seen.add(id(err))
        err = err.__cause__ or err.__context__  # type: ignore[assignment]
    return err


def _short_traceback(err: BaseException, project: ProjectFiles) -> str:
    """The error (its root cause, :func:`_root_cause`), with only the frames of the failure
    that are in the user's project."""
    # A pseudo-file such as "<frozen runpy>" resolves under the working directory (the
    # project's), so only real files count, and paths are made relative once resolved.
    frames = [
        f"  {Path(f.filename).resolve().relative_to(project.directory)}:{f.lineno} in "
        f"{f.name}: {f.line}"
        for f in traceback.extract_tb(err.__traceback__)
        if not f.filename.startswith("<")
        and Path(f.filename).resolve().is_relative_to(project.directory)
        and ".venv" not in f.filename
    ]
    cause = _root_cause(err)
    # KeyError's str() is the repr of its key; its message is the key itself here.
    text = cause.args[0] if isinstance(cause, KeyError) and cause.args else cause
    head = f"{type(cause).__name__}: {text}"
    return "\n".join([head, *frames])


#: What asyncio and the garbage collector print about the SDK's futures once a program has
#: failed: every pending registration fails with the same error (already reported once), and
#: its futures are dropped unread.
_ENGINE_NOISE = ("Task exception was never retrieved", "Future exception was never retrieved")
_UNAWAITED = r"coroutine '.*' was never awaited"


class _EngineNoise(logging.Filter):
    """Holds asyncio's "exception was never retrieved" records of a run: dropped when the
    run failed (and from then on: the dropped futures are collected later, at exit too),
    printed as usual when it succeeded (then they would be news)."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[logging.LogRecord] = []
        self.failed = False

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith(_ENGINE_NOISE):
            return True
        if not self.failed:
            self.held.append(record)
        return False


@contextmanager
def _quiet_after_failure() -> Iterator[None]:
    """Run the program so that a failure is the one ``error:`` line: without the hundreds of
    lines of asyncio and ``RuntimeWarning`` reports of the registrations it left pending
    (issue: a missing stack reference printed 575 lines, a subnet list checked in ``apply``
    3,300). A successful run's warnings and records are shown as before."""
    noise = _EngineNoise()
    asyncio_log = logging.getLogger("asyncio")
    asyncio_log.addFilter(noise)
    failed = True
    try:
        with warnings.catch_warnings(record=True) as caught:
            yield
            failed = False
    finally:
        for item in caught:
            if failed and issubclass(item.category, RuntimeWarning):
                continue
            warnings.showwarning(item.message, item.category, item.filename, item.lineno)
        if failed:
            noise.failed = True
            warnings.filterwarnings("ignore", _UNAWAITED, RuntimeWarning)
        else:
            asyncio_log.removeFilter(noise)
            for record in noise.held:
                asyncio_log.handle(record)


@contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """Send the program's standard output to standard error, at the Python level and (where
    the process has real descriptors) at file descriptor 1, so that subprocesses and C code
    cannot write into our output either."""
    for stream in (sys.stdout, sys.__stdout__):
        with contextlib.suppress(Exception):
            stream.flush()  # type: ignore[union-attr]
    try:
        saved = os.dup(1)
        os.dup2(2, 1)
    except OSError:
        saved = None
    try:
        with contextlib.redirect_stdout(sys.stderr):
            yield
    finally:
        for stream in (sys.__stdout__, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()  # type: ignore[union-attr]
        if saved is not None:
            os.dup2(saved, 1)
            os.close(saved)


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_Deadline` in the main thread after ``seconds`` (``None`` or 0: never).

    A real signal (SIGALRM) interrupts blocking calls such as ``time.sleep`` too. Where there
    is none (Windows), a timer thread interrupts the main thread between bytecodes. Outside the
    main thread no deadline can be enforced; a warning says so."""
    if not seconds:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        print(
            "warning: --timeout is only enforced when the plan runs in the main thread",
            file=sys.stderr,
        )
        yield
        return
    if hasattr(signal, "SIGALRM"):
        late: list[float] = []  # when the deadline first fell inside an import

        def on_alarm(signum: int, frame: types.FrameType | None) -> None:
            # a module half-executed would stay so for the rest of the process (the provider
            # SDK loads its modules on first use): stop once the import is done, unless the
            # import itself hangs (then after _IMPORT_GRACE_LIMIT_SECONDS, half-executed)
            if _inside_import(frame):
                if not late:
                    late.append(time.monotonic())
                if time.monotonic() - late[0] < _IMPORT_GRACE_LIMIT_SECONDS:
                    signal.setitimer(signal.ITIMER_REAL, _IMPORT_GRACE_SECONDS)
                    return
            raise _Deadline

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    yield from _timer_deadline(seconds)  # pragma: no cover - Windows


#: How often a deadline that fell inside an import checks again whether the import is done,
#: and for how long at most (an import that never ends must not defeat ``--timeout``).
_IMPORT_GRACE_SECONDS = 0.05
_IMPORT_GRACE_LIMIT_SECONDS = 10.0


def _inside_import(frame: types.FrameType | None) -> bool:
    """Whether ``frame`` or a caller of it is the import system executing a module."""
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _timer_deadline(seconds: float) -> Iterator[None]:  # pragma: no cover - Windows
    import _thread

    fired = threading.Event()

    def interrupt() -> None:
        fired.set()
        _thread.interrupt_main()

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    except KeyboardInterrupt:
        if fired.is_set():
            raise _Deadline from None
        raise
    finally:
        timer.cancel()


def _stopped_report(
    cause: BaseException, project: ProjectFiles, timeout: float | None
) -> ProgramError:
    """The error for a program that exited, was interrupted or ran out of time."""
    if isinstance(cause, _Deadline):
        return ProgramTimedOut(
            f"the program did not finish within --timeout {timeout:g} ({duration(timeout or 0)}); "
            "is it waiting for something that never comes?"
        )
    if isinstance(cause, KeyboardInterrupt):
        return ProgramInterrupted("interrupted")
    code = cause.code if isinstance(cause, SystemExit) else None
    report = _short_traceback(cause, project).split("\n", 1)
    where = f"\n{report[1]}" if len(report) > 1 else ""
    return ProgramFailed(
        f"the program called sys.exit({code!r}) before it finished: a plan of a program "
        f"that exits is incomplete{where}"
    )


def run_project(
    project: ProjectFiles,
    stack: str | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    preview_faithful: bool = False,
) -> Plan:
    """Run the project's program under mocks, with its output on standard error.

    Raises :class:`ProgramFailed` with a short report if the program fails or exits
    (``ValidationError`` messages are shown as they are), :class:`ProgramInterrupted` on
    Ctrl-C, and :class:`ProgramTimedOut` when it runs longer than ``timeout`` seconds
    (``None``: no limit). With ``preview_faithful``, what the provider computes on create is
    unknown, as in the first ``pulumi preview`` of a new stack (:class:`FargateMocks`)."""

    def program() -> None:
        try:
            runpy.run_path(str(project.main), run_name="__main__")
        except (SystemExit, KeyboardInterrupt, _Deadline) as err:
            raise _Stopped(err) from err

    if not hasattr(signal, "SIGALRM"):  # pragma: no cover - Windows
        # The timer thread's interrupt can't wait for an import to finish (the SIGALRM
        # handler does, :func:`_deadline`): before the deadline starts, the provider modules,
        # so none is left half-executed for the rest of the process.
        load_provider_modules()
    try:
        with (
            _program_environment(project),
            _stdout_to_stderr(),
            _quiet_after_failure(),
            _deadline(timeout),
        ):
            return run_in_mocks(
                program,
                project=project.name,
                stack=stack or DEFAULT_STACK,
                config=project.config,
                secret_keys=project.secret_keys,
                mocks=FargateMocks(
                    region=str(project.config.get("aws:region") or DEFAULT_REGION),
                    stack_references=project.stack_references,
                    preview_faithful=preview_faithful,
                ),
            )
    except _Stopped as err:
        raise _stopped_report(err.cause, project, timeout) from None
    except (KeyboardInterrupt, _Deadline) as err:
        raise _stopped_report(err, project, timeout) from None
    except Exception as err:
        raise ProgramFailed(_short_traceback(err, project)) from err
