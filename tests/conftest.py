"""Shared pytest options for the project's own suite."""

from __future__ import annotations

import os

import pytest
from pulumi.runtime import resource as _sdk_resource
from pulumi.runtime.proto import source_pb2

from fargate_components.testing.harness import load_provider_modules

# Version-support findings depend on the day; the suite (and its snapshots) is judged on a
# fixed one so it does not change colour overnight. Tests that need another day set it.
os.environ.setdefault("FARGATE_COMPONENTS_TODAY", "2026-12-01")

# The provider modules of every resource type the library creates are imported before any test,
# so none is first imported inside an in-process pytester run (tests/test_pytest_plugin.py,
# tests/test_docs_examples.py): pytester drops the modules a run imported when it ends, while
# their classes live on in the package, and every later plan of that type then fails with
# "NameError: name '...Args' is not defined" (the SDK resolves annotations in sys.modules).
load_provider_modules()


def _no_stack_trace() -> source_pb2.StackTrace:
    return source_pb2.StackTrace()


# The SDK walks the whole Python stack on every registration (traceback.extract_stack, then a
# file URI per frame) to send the engine each resource's source position. Under pytest the
# stack is ~60 frames deep and the mock monitor (and our Recorder, which keeps no source
# position) throws the result away: about a fifth of every mocked plan's CPU in this suite.
# The suite sends an empty trace instead; `plan` and users' runs keep the SDK's own function.
# If the SDK renames it, this fails here rather than silently costing the time again.
assert callable(_sdk_resource._get_stack_trace), "pulumi.runtime.resource._get_stack_trace moved"
_sdk_resource._get_stack_trace = _no_stack_trace


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="rewrite tests/snapshots/*.json from the current plans instead of comparing",
    )
