"""fargate_components.outputs: ``concat`` and ``apply_tree`` give the value, dependencies,
secrecy and known-ness of ``pulumi.Output.concat`` and ``Output.from_input(...).apply``
with fewer Outputs (issue 18)."""

from __future__ import annotations

from typing import Any

import pulumi
from pulumi.runtime.sync_await import _sync_await

from fargate_components.outputs import apply_tree, concat
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


def test_apply_tree_matches_from_input_then_apply() -> None:
    seen: list[tuple[Any, Any]] = []

    def program() -> None:
        bucket = pulumi.ComponentResource("test:x:Y", "dep")
        named = pulumi.Output.from_input("a").apply(lambda v: v)
        dependent = pulumi.Output({bucket}, named.future(), named.is_known())
        secret = pulumi.Output.secret("s")
        unknown = pulumi.Output(set(), named.future(), pulumi.Output.from_input(False).future())
        nested = pulumi.Output.from_input(["x", dependent])  # an Output holding an Output
        for tree in [
            [{"name": "web", "port": 80, "env": [{"k": dependent}], "on": True, "none": None}],
            {"a": (secret, 1.5), "b": []},
            [dependent, unknown],
            {"deep": nested},
            [{"plain": "only"}],
            {"typed": pulumi.ResourceOptions()},  # not a document: the SDK's path
            [],
        ]:
            seen.append(
                (_state(apply_tree(tree, repr)), _state(pulumi.Output.from_input(tree).apply(repr)))
            )

    run_in_mocks(program)
    assert len(seen) == 7
    for ours, sdk in seen:
        assert ours == sdk
