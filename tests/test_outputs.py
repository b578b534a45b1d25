"""fargate_components.outputs.concat: the value, dependencies, secrecy and known-ness of
``pulumi.Output.concat`` with fewer Outputs (issue 18)."""

from __future__ import annotations

from typing import Any

import pulumi
from pulumi.runtime.sync_await import _sync_await

from fargate_components.outputs import concat
from fargate_components.testing import run_in_mocks


def _state(out: pulumi.Output[Any]) -> tuple[Any, ...]:
    data = _sync_await(out._data)
    return data.value, data.is_known, data.is_secret, {r._name for r in data.resources}


def test_concat_matches_the_sdks() -> None:
    seen: list[tuple[Any, Any]] = []

    def program() -> None:
        bucket = pulumi.ComponentResource("test:x:Y", "dep")
        named = pulumi.Output.from_input("a").apply(lambda v: v)
        dependent = pulumi.Output(
            {bucket}, named.future(), named.is_known()
        )  # an Output that depends on a resource
        secret = pulumi.Output.secret("s")
        unknown = pulumi.Output(set(), named.future(), pulumi.Output.from_input(False).future())
        for parts in [
            ("plain", "/", "only"),
            ("service/", dependent, "/", "web"),
            (dependent, ":", secret),
            ("x", unknown),
            (),
        ]:
            seen.append((_state(concat(*parts)), _state(pulumi.Output.concat(*parts))))

    run_in_mocks(program)
    assert len(seen) == 5
    for ours, sdk in seen:
        assert ours == sdk
