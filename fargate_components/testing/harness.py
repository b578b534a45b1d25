"""Run a Pulumi program in-process under :class:`FargateMocks` and return what it registered.

Each run happens in a fresh ``contextvars.Context``, so runs never see each other's
stack, config or pending outputs, and any number can happen in one test process.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import contextvars
import functools
import gc
import heapq
import importlib
import json
import logging
import pathlib
import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import pulumi
from pulumi.runtime import config as _config
from pulumi.runtime import mocks as _mocks
from pulumi.runtime import resource as _resource
from pulumi.runtime import settings as _settings
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await

from ..model import SECRET_MARK, Diagnostic, Plan, ResourceRecord, StackOutput
from .mocks import DEFAULT_REGION, FargateMocks
from .recorder import Recorder

__all__ = ["Diagnostic", "Plan", "StackOutput", "qualify_config", "run_in_mocks", "stable_order"]


@atexit.register
def _close_event_loops() -> None:
    """Close every event loop left open, so interpreter shutdown does not print 'Exception
    ignored in BaseEventLoop.__del__ ... Invalid file descriptor: -1'. The Pulumi SDK makes
    one on the main thread and, under the mock monitor, one per executor thread
    (``sync_await._ensure_event_loop``); nobody closes those, and they are only reachable
    from dead threads' state by now, so they are found through the garbage collector."""
    import gc

    for obj in gc.get_objects():
        if isinstance(obj, asyncio.AbstractEventLoop):
            try:
                if not obj.is_running() and not obj.is_closed():
                    obj.close()
            except Exception:
                continue


@contextlib.contextmanager
def _tasks_started() -> Iterator[list[asyncio.Task[Any]]]:
    """The tasks created on the SDK's event loop inside the block (the loop's task factory
    records them), for :func:`_cancel_leftovers`."""
    from pulumi.runtime.sync_await import _ensure_event_loop

    loop = _ensure_event_loop()
    started: list[asyncio.Task[Any]] = []
    previous = loop.get_task_factory()

    def record(loop: asyncio.AbstractEventLoop, coro: Any, **kwargs: Any) -> asyncio.Task[Any]:
        if previous is None:
            task: asyncio.Task[Any] = asyncio.Task(coro, loop=loop, **kwargs)
        else:
            task = previous(loop, coro, **kwargs)
        started.append(task)
        return task

    loop.set_task_factory(record)
    try:
        yield started
    finally:
        loop.set_task_factory(previous)


def _cancel_leftovers(started: list[asyncio.Task[Any]]) -> None:
    """After a program failed, cancel what it left running: the SDK stops waiting at the
    first failed registration, so the others' tasks stay on the shared event loop and would
    run, and register, inside the next ``run_in_mocks`` of this process (then fail it).

    Only the run's own tasks are looked at (``started``, see :func:`_tasks_started`), not
    ``asyncio.all_tasks``: that walks every Task alive in the process, and with full
    collections held off during plans (:func:`_young_collections_only`) the finished tasks of
    every earlier run are still there: 20,000 after the 590 failing runs of the project's
    bad-input catalogue, 35 ms per call, a fifth of the catalogue's CPU (issue 11)."""
    from pulumi.runtime.sync_await import _ensure_event_loop

    loop = _ensure_event_loop()
    pending = [t for t in started if not t.done()]
    for task in pending:
        task.cancel()
    if pending and not loop.is_running():
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    _settings.SETTINGS.outputs.clear()
    _settings._get_rpc_manager().clear()


#: The lowest level a plan keeps (its diagnostics are info, warning and error). The run's
#: logger is set to it too, so the SDK's debug messages (one to several per registration,
#: ~9,400 at 100 services) stop at ``isEnabledFor`` instead of becoming log records (issue 18).
COLLECTED_LEVEL = logging.INFO


class _Collect(logging.Handler):
    def __init__(self, sink: list[Diagnostic]) -> None:
        super().__init__(COLLECTED_LEVEL)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(Diagnostic(record.levelname.lower(), record.getMessage()))


def _run_logger(sink: list[Diagnostic]) -> tuple[logging.Logger, _Collect]:
    """The logger a run hands the SDK, and its handler that collects into ``sink``.

    The logger is the run's own, not registered with ``logging.getLogger``: a registered one
    stays in the logging manager for the life of the process, and pytest (9) attaches its
    capture handlers to every non-propagating logger there at each test phase, so each plan
    made every later test of a suite slower (issue 11)."""
    logger = logging.Logger(f"fargate_components.plan.{id(sink)}")
    logger.propagate = False
    logger.setLevel(COLLECTED_LEVEL)
    handler = _Collect(sink)
    logger.addHandler(handler)
    return logger, handler


def _run_program(program: Callable[[], Any]) -> None:
    """Run ``program`` on the SDK's event loop; if it fails, cancel what it left running."""
    with _tasks_started() as started:
        try:
            _sync_await(run_pulumi_func(program))
        except BaseException:
            _cancel_leftovers(started)
            raise


#: No automatic full collection during a plan (see :func:`_young_collections_only`).
_NO_FULL_COLLECTION = 1_000_000_000
_gc_lock = threading.Lock()
_gc_depth = 0
_gc_saved: tuple[int, int, int] = gc.get_threshold()


@contextlib.contextmanager
def _young_collections_only() -> Iterator[None]:
    """Run the block with the garbage collector's young generations only (issue 18).

    A plan keeps every resource, Output and task it creates alive to the end, so each
    automatic full collection walks the whole growing heap (and the test process's): at 100
    services nine of them took 2.8 of 7 s of CPU, and their cost per resource grew with the
    stack. Young collections still free the cycles the SDK drops on the way (almost all of
    them: the full collections of a 100-service plan found under 5,000 objects); the previous
    thresholds come back afterwards, so the next full collection happens as usual."""
    global _gc_depth, _gc_saved
    with _gc_lock:
        if _gc_depth == 0:
            _gc_saved = gc.get_threshold()
            young, middle, _ = _gc_saved
            gc.set_threshold(young, middle, _NO_FULL_COLLECTION)
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0:
                gc.set_threshold(*_gc_saved)


@functools.lru_cache(maxsize=4096)
def _source_position(filename: str, line: int | None) -> Any:
    """``SourcePosition(uri=file URI, line=line)`` as the SDK makes it for a stack frame;
    ``None`` where the SDK gives none (no file name, a relative one such as ``<string>``)."""
    from pulumi.runtime.proto import source_pb2

    if not filename or line is None:
        return None
    try:
        uri = pathlib.Path(filename).as_uri()
    except BaseException:  # the SDK's own rule: any failure means no position
        return None
    return source_pb2.SourcePosition(uri=uri, line=line)


def _stack_trace() -> Any:
    """What ``pulumi.runtime.resource._get_stack_trace`` returns, byte for byte, at a fraction
    of its cost (issue 18): the frames outside the third ``__init__`` from the top of the
    stack (the concrete resource class's constructor), innermost first, each as its source
    position. The SDK's version reads every frame's source line through ``linecache`` and
    converts its file name with ``pathlib`` at every registration, about 18 us per frame: the
    whole stack below the program counts, so a plan run from a deep caller (a pytest test) pays
    for every frame of the caller at every registration. Here lines are never read and each
    file and line is converted once per process; a whole trace is built once per distinct
    stack (the same loop registers the same kind of resource from the same lines) and shared:
    the SDK only reads it (it copies it into the request)."""
    from pulumi.runtime.proto import source_pb2

    frame: FrameType | None = sys._getframe()
    inits = 0
    while frame is not None:
        if frame.f_code.co_name == "__init__":
            inits += 1
            if inits == 3:
                break
        frame = frame.f_back
    if frame is None or frame.f_back is None:
        return source_pb2.StackTrace()
    key = []
    outer: FrameType | None = frame.f_back
    while outer is not None:
        key.append((outer.f_code, outer.f_lineno))
        outer = outer.f_back
    stack = tuple(key)
    trace = _TRACES.get(stack)
    if trace is None:
        if len(_TRACES) >= _MAX_TRACES:
            _TRACES.clear()
        frames = [
            source_pb2.StackFrame(pc=_source_position(code.co_filename, line))
            for code, line in stack
        ]
        trace = _TRACES[stack] = source_pb2.StackTrace(frames=frames)
    return trace


#: The traces :func:`_stack_trace` built, by stack (code object and line of every frame);
#: emptied when it reaches :data:`_MAX_TRACES` (a test process sees many distinct stacks).
_TRACES: dict[tuple[tuple[Any, int | None], ...], Any] = {}
_MAX_TRACES = 4096


_trace_lock = threading.Lock()
_trace_depth = 0
_sdk_stack_trace = _resource._get_stack_trace


@contextlib.contextmanager
def _fast_stack_traces() -> Iterator[None]:
    """Let the SDK use :func:`_stack_trace` for the block (the plans nest: a depth count)."""
    global _trace_depth
    with _trace_lock:
        if _trace_depth == 0:
            _resource._get_stack_trace = _stack_trace
        _trace_depth += 1
    try:
        yield
    finally:
        with _trace_lock:
            _trace_depth -= 1
            if _trace_depth == 0:
                _resource._get_stack_trace = _sdk_stack_trace


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, pulumi.Resource):
        return getattr(value, "_name", repr(value))
    return str(value)


def _resolve(value: Any, invented: set[str]) -> StackOutput:
    out = pulumi.Output.from_input(value)
    secret = bool(_sync_await(out.is_secret()))
    known = bool(_sync_await(out.is_known()))
    resolved = _plain(_sync_await(out.future())) if known else None
    if known:
        text = json.dumps(resolved, default=str)
        known = not any(v in text for v in invented)
    return StackOutput(SECRET_MARK if secret else resolved, known, secret)


def stable_order(records: list[ResourceRecord]) -> list[ResourceRecord]:
    """Records in a deterministic creation order: every resource after its parent and the
    resources it depends on; among those ready at the same time, by URN. (The engine's
    registration order comes from a thread pool and varies between runs.)"""
    by_urn = {r.urn: r for r in records}
    waits = {
        r.urn: {d for d in [r.parent, *r.depends_on] if d in by_urn and d != r.urn} for r in records
    }
    dependants: dict[str, list[str]] = {}
    for urn, deps in waits.items():
        for dep in deps:
            dependants.setdefault(dep, []).append(urn)
    ready = [urn for urn, deps in waits.items() if not deps]
    heapq.heapify(ready)
    ordered: list[ResourceRecord] = []
    while ready:
        urn = heapq.heappop(ready)
        ordered.append(by_urn[urn])
        for nxt in dependants.get(urn, []):
            waits[nxt].discard(urn)
            if not waits[nxt]:
                heapq.heappush(ready, nxt)
    placed = {r.urn for r in ordered}
    ordered.extend(sorted((r for r in records if r.urn not in placed), key=lambda r: r.urn))
    return ordered


def qualify_config(project: str, config: dict[str, Any]) -> dict[str, str]:
    """Pulumi config keys as the engine passes them: ``key`` becomes ``project:key``;
    non-string values become JSON, as the CLI does for structured config."""
    qualified = {}
    for key, value in config.items():
        full = key if ":" in key else f"{project}:{key}"
        qualified[full] = value if isinstance(value, str) else json.dumps(value)
    return qualified


@functools.cache
def load_provider_modules() -> tuple[str, ...]:
    """Import, in the calling thread and once per process, the ``pulumi_aws`` module of every
    resource type the library creates (the type tokens in :mod:`fargate_components.model.tokens`);
    returns their names.

    The provider SDK imports a resource's module on first use. A module first imported inside
    a sandbox that restores ``sys.modules`` afterwards (pytest's in-process ``pytester``) is
    dropped from it while its classes live on in the package, and from then on the SDK, which
    resolves a class's annotations through ``sys.modules[cls.__module__]``, fails every plan of
    that type with ``NameError: name '...Args' is not defined``. Imported up front, they stay."""
    from ..model import tokens

    loaded = set()
    for value in vars(tokens).values():
        if not (isinstance(value, str) and value.startswith("aws:") and value.count(":") == 2):
            continue
        module_path, class_name = value.split(":")[1], value.split(":")[2]
        try:
            package = importlib.import_module(f"pulumi_aws.{module_path.split('/')[0]}")
            cls = getattr(package, class_name)
        except (ImportError, AttributeError):
            continue
        loaded.add(cls.__module__)
    return tuple(sorted(loaded))


def run_in_mocks(
    program: Callable[[], Any],
    *,
    project: str = "project",
    stack: str = "dev",
    config: dict[str, Any] | None = None,
    secret_keys: tuple[str, ...] | list[str] = (),
    region: str | None = None,
    mocks: FargateMocks | None = None,
    preview_faithful: bool = False,
) -> Plan:
    """Run ``program`` (a function that creates resources and may call ``pulumi.export``)
    under mocks and return the :class:`Plan`.

    Args:
        program: the Pulumi program.
        project: the Pulumi project name. Default ``"project"``.
        stack: the stack name. Default ``"dev"``.
        config: config values; keys without a namespace get ``project:``. Default none.
        secret_keys: config keys (as given) whose values are secret. Default none.
        region: AWS region; default the ``aws:region`` config value, else ``us-east-1``.
        mocks: the mocks to use. Default a new :class:`FargateMocks` for the region.
        preview_faithful: plan as the first ``pulumi preview`` of a new stack sees it: every
            attribute the provider computes on create is ``"[unknown]"`` (see
            :class:`FargateMocks`); given with ``mocks``, those mocks must have been made
            with ``preview_faithful=True``. Default ``False``.

    Raises whatever the program raises (e.g. :class:`~fargate_components.ValidationError`).
    """
    if "_pytest" in sys.modules:
        # the sandbox load_provider_modules guards against is pytest's (pytester); outside
        # pytest (the command line) a module loads on first use, as the SDK does, and a
        # program pays only for the resource types it uses
        load_provider_modules()
    cfg = qualify_config(project, config or {})
    region = region or cfg.get("aws:region") or DEFAULT_REGION
    cfg.setdefault("aws:region", region)
    secrets = [k if ":" in k else f"{project}:{k}" for k in secret_keys]
    the_mocks = mocks or FargateMocks(region=region, preview_faithful=preview_faithful)
    if preview_faithful and not the_mocks.preview_faithful:
        raise ValueError(
            "run_in_mocks(preview_faithful=True, mocks=...): make the mocks with "
            "FargateMocks(..., preview_faithful=True)"
        )

    def run() -> Plan:
        diagnostics: list[Diagnostic] = []
        logger, handler = _run_logger(diagnostics)
        _config.set_all_config(cfg, secrets)
        recorder = Recorder(the_mocks)
        _settings.ROOT.set(None)
        _mocks.set_mocks(
            the_mocks, project=project, stack=stack, preview=True, logger=logger, monitor=recorder
        )
        try:
            _run_program(program)
            root = _settings.get_root_resource()
            exported = dict(getattr(root, "outputs", {}) or {})
            outputs = {k: _resolve(v, the_mocks.invented) for k, v in exported.items()}
        finally:
            logger.removeHandler(handler)
        resources = stable_order([recorder.records[u] for u in recorder.order])
        return Plan(
            project,
            stack,
            region,
            resources,
            outputs,
            diagnostics,
            preview_faithful=the_mocks.preview_faithful,
        )

    with _young_collections_only(), _fast_stack_traces():
        return contextvars.Context().run(run)
