"""Shared pytest options for the project's own suite."""

from __future__ import annotations

import functools
import gc
import importlib
import os
import sys

import pytest
from _pytest.assertion.rewrite import AssertionRewritingHook

# No full garbage collection until the tests are collected (``pytest_collection_finish``
# freezes what exists then and restores the thresholds): a process of this suite imports
# pulumi_aws's ~300,000 objects, and each automatic full collection on the way walked them all,
# twelve of them per worker (0.02 to 0.3 s each, ~2.3 s of CPU per process; issue 11). Young
# collections still run.
_GC_THRESHOLDS = gc.get_threshold()
gc.set_threshold(_GC_THRESHOLDS[0], _GC_THRESHOLDS[1], 1_000_000_000)


def _import_without_assertion_rewriting(*names: str) -> None:
    """Import ``names`` with pytest's assertion rewriting off.

    pytest rewrites the asserts of every module of each installed distribution that has a
    pytest plugin, hypothesis's 77 modules included; without a bytecode cache (a fresh clone,
    or PYTHONDONTWRITEBYTECODE) every worker then parses and recompiles all of them: 0.95 s of
    CPU against 0.09 s for a plain import. Hypothesis's own asserts need no pytest messages
    (the tests' asserts are still rewritten: this module and the test files are)."""
    hooks = [h for h in sys.meta_path if isinstance(h, AssertionRewritingHook)]
    for hook in hooks:
        sys.meta_path.remove(hook)
    try:
        for name in names:
            importlib.import_module(name)
    finally:
        sys.meta_path[:0] = hooks


# Version-support findings depend on the day; the suite (and its snapshots) is judged on a
# fixed one so it does not change colour overnight. Tests that need another day set it.
os.environ.setdefault("FARGATE_COMPONENTS_TODAY", "2026-12-01")


#: The stack-trace builders conftest replaces with an empty trace (see _prepare_test_process):
#: ``sdk`` (pulumi.runtime.resource._get_stack_trace), ``harness`` and ``harness_sdk``
#: (fargate_components.testing.harness._stack_trace / _sdk_stack_trace).
REAL_STACK_TRACES: dict[str, object] = {}


def _prepare_test_process() -> None:
    """What a process that runs tests needs before it imports them. Done in
    ``pytest_configure``, not at import: an xdist controller runs no test and skips it (it
    cost ~3.4 s of CPU there, before the workers even started; issue 11)."""
    import moto.core.responses
    import moto.kms.models
    from pulumi.runtime import resource as _sdk_resource
    from pulumi.runtime.proto import source_pb2

    from fargate_components.testing.harness import load_provider_modules

    _import_without_assertion_rewriting("hypothesis", "hypothesis.strategies")
    import hypothesis

    # Hypothesis fails an example slower than 200 ms (its default deadline); on a shared
    # 2-core machine under load a 2 ms example took 267 ms once and failed a landing. The
    # properties are what the tests prove, not their wall time: no deadline.
    hypothesis.settings.register_profile("fargate-suite", deadline=None)
    hypothesis.settings.load_profile("fargate-suite")

    # The provider modules of every resource type the library creates are imported before any
    # test, so none is first imported inside an in-process pytester run
    # (tests/test_pytest_plugin.py, tests/test_docs_examples.py): pytester drops the modules a
    # run imported when it ends, while their classes live on in the package, and every later
    # plan of that type then fails with "NameError: name '...Args' is not defined" (the SDK
    # resolves annotations in sys.modules).
    load_provider_modules()

    # The SDK walks the whole Python stack on every registration (traceback.extract_stack,
    # then a file URI per frame) to send the engine each resource's source position. Under
    # pytest the stack is ~60 frames deep and the mock monitor (and our Recorder, which keeps
    # no source position) throws the result away: about a fifth of every mocked plan's CPU in
    # this suite. The suite sends an empty trace instead, outside plans and inside them
    # (run_in_mocks would otherwise put its own, cheaper but still per-frame, builder in place
    # for every plan and restore the SDK's after it: ~0.3 ms a registration here);
    # `plan` and users' runs keep the SDK's output. tests/test_harness.py puts the real ones
    # back (REAL_STACK_TRACES) for the tests that compare them. If the SDK or the harness
    # renames one, this fails here rather than silently costing the time again.
    from fargate_components.testing import harness

    assert callable(_sdk_resource._get_stack_trace), (
        "pulumi.runtime.resource._get_stack_trace moved"
    )
    assert callable(harness._stack_trace) and callable(harness._sdk_stack_trace), (
        "fargate_components.testing.harness's stack-trace builders moved"
    )
    REAL_STACK_TRACES.update(
        sdk=_sdk_resource._get_stack_trace,
        harness=harness._stack_trace,
        harness_sdk=harness._sdk_stack_trace,
    )
    empty = source_pb2.StackTrace  # called without arguments: an empty trace
    _sdk_resource._get_stack_trace = empty
    harness._stack_trace = empty
    harness._sdk_stack_trace = empty

    # moto makes an RSA-2048 key pair for every KMS key it creates, symmetric ones included
    # (the fallback of moto.kms.utils.generate_private_key): ~65 ms of CPU each, ~80 keys in a
    # run of the suite (every cluster's exec-log key, every data key the simulator creates).
    # Nothing here signs with them or reads a public key: one key pair per key spec serves
    # every key.
    kms = moto.kms.models
    assert callable(kms.generate_private_key), "moto.kms.models.generate_private_key moved"
    kms.generate_private_key = functools.cache(kms.generate_private_key)

    # moto lists the methods of a response class (inspect.getmembers) on every request it
    # serves, ~1 ms each, ~3,000 requests per run of the suite; the classes do not change:
    # list them once.
    responses = moto.core.responses
    assert callable(responses.method_names_from_class), "moto's method_names_from_class moved"
    responses.method_names_from_class = functools.cache(responses.method_names_from_class)


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """Prepare a process that will run tests; an xdist controller (``dsession``, registered by
    xdist's own ``pytest_configure``, hence ``trylast``) only hands tests to its workers."""
    if config.pluginmanager.has_plugin("dsession"):
        gc.set_threshold(*_GC_THRESHOLDS)
        return
    _prepare_test_process()


@pytest.fixture(scope="session", autouse=True)
def _example_plans_shared_by_workers(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Under pytest-xdist, the workers of a run share the example plans they make (each is
    made once instead of once per worker: ~3.5 s of CPU). A worker's temporary directory is
    ``<run's>/<worker id>``, so the run's folder is its parent; pytest prunes old runs."""
    if hasattr(request.config, "workerinput"):
        from tests import example_plans

        example_plans.share_between_workers(tmp_path_factory.getbasetemp().parent / "plans")


def pytest_collection_finish(session: pytest.Session) -> None:
    """Everything imported and collected by now lives until the end (modules, the test items
    and their parameters): move it out of the garbage collector's sight (``gc.freeze``), so a
    full collection walks only what tests make. The pulumi_aws modules alone are ~300,000
    objects, and pytest collects hard at the end of every session (its own and each
    in-process pytester run's): ~1 s each over the whole heap."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> object:
    """Before a test that runs pytest in-process (``pytester``), collect once and freeze what
    is alive: the inner session collects the whole heap twice as it ends (pytest's
    unraisable-exception check), and everything the outer session made since the last freeze
    (moto's service models, plans, modules) would be walked each time, ~0.3 s per collection
    (issue 11). Garbage is collected first, so nothing unreachable is frozen and any
    finaliser's error is still reported, here."""
    if "pytester" in getattr(item, "fixturenames", ()):
        gc.collect()
        gc.freeze()
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    """After the last test of a module (as far as this process knows): collect, then freeze
    what is still alive. What survives a module (moto's backends and service models, cached
    plans, imported modules) mostly lives to the end, and every automatic full collection
    walked it all again: ~30 of them per worker at 0.2-0.3 s each, 13 s of the suite's CPU
    (issue 11). Frozen at module ends, a full collection walks only what the current module
    made. The collection first means nothing unreachable is frozen: a finaliser still runs,
    and reports, in the module that dropped its object."""
    result = yield
    if nextitem is None or nextitem.path != item.path:
        gc.collect()
        gc.freeze()
    return result


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="rewrite tests/snapshots/*.json from the current plans instead of comparing",
    )
