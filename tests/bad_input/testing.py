"""Bad input to the test kit's assertions and the pytest plugin's fixtures."""

from __future__ import annotations

from fargate_components.testing.assertions import assert_no_findings_at_or_above, find_route
from fargate_components.testing.pytest_plugin import run_plan

from . import BadInput

CASES = [
    BadInput(
        "testing-severity-unknown",
        lambda: assert_no_findings_at_or_above([], "fatal"),
        "assert_no_findings_at_or_above.severity",
    ),
    BadInput(
        "testing-unverified-not-bool",
        lambda: assert_no_findings_at_or_above([], "error", unverified="yes"),
        "assert_no_findings_at_or_above.unverified",
    ),
    BadInput("testing-path-relative", lambda: find_route([], "web", path="api"), "find_route.path"),
    BadInput("testing-path-query", lambda: find_route([], "web", path="/a?b=1"), "find_route.path"),
    BadInput(
        "testing-path-wildcard", lambda: find_route([], "web", path="/api/*"), "find_route.path"
    ),
    BadInput(
        "testing-host-url", lambda: find_route([], "web", host="https://x.io"), "find_route.host"
    ),
    BadInput(
        "testing-plan-not-a-project",
        lambda: run_plan("/nonexistent/project"),
        "fargate_plan.program",
    ),
]
