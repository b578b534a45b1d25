"""Account, region and partition are resolved once per stack and AWS provider (issue 18),
never shared between runs in one process."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pulumi
import pulumi_aws as aws

import fargate_components
from fargate_components.ecs import Container, FargateTaskDefinition, FargateTaskDefinitionArgs
from fargate_components.model.tokens import GET_CALLER_IDENTITY, GET_PARTITION, GET_REGION
from fargate_components.testing import FargateMocks, run_in_mocks

IDENTITY = (GET_CALLER_IDENTITY, GET_REGION, GET_PARTITION)


class _Counting(FargateMocks):
    def __init__(self, region: str = "us-east-1") -> None:
        super().__init__(region=region)
        self.calls: Counter[tuple[str, str]] = Counter()

    def call(self, args: pulumi.runtime.MockCallArgs) -> dict[str, Any]:  # type: ignore[override]
        self.calls[(args.token, args.provider or "default")] += 1
        return super().call(args)


def _task(name: str, opts: pulumi.ResourceOptions | None = None) -> FargateTaskDefinition:
    args = FargateTaskDefinitionArgs(
        cpu="0.25 vCPU", memory="0.5 GB", containers=[Container(name="app", image="nginx:1.27")]
    )
    return FargateTaskDefinition(name, args, opts)


def _tasks(n: int) -> Any:
    return lambda: [_task(f"t{i}") for i in range(n)]


def test_one_invoke_each_however_many_task_definitions() -> None:
    for n in (1, 5):
        mocks = _Counting()
        run_in_mocks(_tasks(n), mocks=mocks)
        assert {token: count for (token, _), count in mocks.calls.items()} == dict.fromkeys(
            IDENTITY, 1
        ), n


def test_runs_in_one_process_stay_independent() -> None:
    for region in ("eu-west-1", "us-east-1", "eu-west-1"):
        mocks = _Counting(region)
        plan = run_in_mocks(_tasks(2), mocks=mocks, region=region)
        assert sum(mocks.calls.values()) == 3  # this run invoked; it reused nothing
        for i in range(2):
            doc = plan.named(f"t{i}-task-definition").inputs["containerDefinitions"]
            options = json.loads(doc)[0]["logConfiguration"]["options"]
            assert options["awslogs-region"] == region


def test_an_explicit_provider_gets_its_own_invokes() -> None:
    def program() -> None:
        other = aws.Provider("other", region="eu-west-1")
        _task("a")
        _task("b", pulumi.ResourceOptions(provider=other))
        _task("c", pulumi.ResourceOptions(provider=other))

    mocks = _Counting()
    run_in_mocks(program, mocks=mocks)
    providers = {provider for _, provider in mocks.calls}
    assert len(providers) == 2 and "default" in providers
    assert all(count == 1 for count in mocks.calls.values())
    assert len(mocks.calls) == 2 * len(IDENTITY)


def test_no_component_invokes_them_itself() -> None:
    package = Path(fargate_components.__file__).parent
    direct = re.compile(r"\bget_(caller_identity|region|partition)(_output)?\(")
    found = [
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if p.name != "_component.py" and "testing" not in p.parts and direct.search(p.read_text())
    ]
    assert found == [], f"use _component.stack_account_id/stack_region/stack_partition: {found}"
