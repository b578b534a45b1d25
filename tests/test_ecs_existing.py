"""Existing clusters, ALB listeners and networks, with ids from a StackReference (mocks)."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from fargate_components import (
    Autoscaling,
    CapacityStrategy,
    Container,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    LoadBalancer,
    LoadBalancerArgs,
    Network,
    Routing,
    ScheduledTask,
    ScheduledTaskArgs,
)
from fargate_components.errors import ValidationError
from fargate_components.network.network_component import _check_subnet_lists
from fargate_components.testing import FargateMocks, run_in_mocks
from tests.forked import run_forked

SHARED = "acme/platform/prod"
CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/shared"
LISTENER = (
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/50dc6c4951/f2f7dc8efc"
)
OUTPUTS: dict[str, Any] = {
    "vpc_id": "vpc-0shared",
    "public_subnet_ids": ["subnet-pub1", "subnet-pub2"],
    "private_subnet_ids": ["subnet-priv1", "subnet-priv2", "subnet-priv3"],
    "cluster_arn": CLUSTER_ARN,
    "listener_arn": LISTENER,
    "alb_sg_id": "sg-0alb",
}


def _task(name: str) -> FargateTaskDefinition:
    return FargateTaskDefinition(
        name,
        FargateTaskDefinitionArgs(
            cpu=256,
            memory=512,
            containers=[Container(name=name, image="nginx", port_mappings=[8080])],
        ),
    )


def _program(outputs: dict[str, Any] | None = None, **service: Any) -> None:
    shared = pulumi.StackReference(SHARED)
    net = Network.existing(
        shared.get_output("vpc_id"),
        shared.get_output("public_subnet_ids"),
        shared.get_output("private_subnet_ids"),
    )
    cluster = FargateCluster.existing(
        shared.get_output("cluster_arn"), default_strategy=CapacityStrategy.on_demand()
    )
    alb = LoadBalancer.existing(
        shared.get_output("listener_arn"), shared.get_output("alb_sg_id"), vpc_id=net.vpc_id
    )
    FargateService(
        "api",
        FargateServiceArgs(
            cluster=cluster,
            task_definition=_task("api"),
            network=net,
            load_balancer=alb,
            routing=Routing(path_patterns=["/api/*"], priority=40),
            **service,
        ),
    )
    ScheduledTask(
        "nightly",
        ScheduledTaskArgs(
            cluster=cluster, task_definition=_task("job"), network=net, schedule="rate(1 day)"
        ),
    )
    # An ALB of our own on the referenced network: its subnets come from the Output list.
    LoadBalancer("own", LoadBalancerArgs(network=net))


def _run(outputs: dict[str, Any] | None = None, **service: Any):  # type: ignore[no-untyped-def]
    mocks = FargateMocks(stack_references={SHARED: outputs or OUTPUTS})
    return run_in_mocks(lambda: _program(**service), mocks=mocks)


def test_everything_wires_to_the_referenced_ids() -> None:
    plan = _run()
    svc = plan.named("api-service").inputs
    assert svc["cluster"] == CLUSTER_ARN
    assert svc["networkConfiguration"]["subnets"] == OUTPUTS["private_subnet_ids"]
    assert svc["capacityProviderStrategies"] == [
        {"capacityProvider": "FARGATE", "base": 0, "weight": 1}
    ]
    rule = plan.named("api-rule").inputs
    assert (rule["listenerArn"], rule["priority"]) == (LISTENER, 40)
    assert plan.named("api-sg-from-lb").inputs["referencedSecurityGroupId"] == "sg-0alb"
    assert plan.named("api-tg", None).inputs["vpcId"] == "vpc-0shared"
    (own,) = [
        r for r in plan.of_type("aws:lb/loadBalancer:LoadBalancer") if r.name.startswith("own")
    ]
    assert own.inputs["subnets"] == OUTPUTS["public_subnet_ids"]
    schedule = plan.of_type("aws:scheduler/schedule:Schedule")[0]
    assert schedule.inputs["target"]["arn"] == CLUSTER_ARN


def _bad_then_good(bad: dict[str, Any]) -> str:
    """A run with ``bad`` stack outputs, then a good run in the same process."""
    try:
        _run({**OUTPUTS, **bad})
    except Exception as exc:
        # run_in_mocks cancelled what the failed run left pending: the next run is clean.
        return f"{exc}\nthen {len(_run().resources)} resources"
    return "no error"


def test_list_checks_run_inside_apply() -> None:
    bad, message = {"private_subnet_ids": []}, "Network.existing(private_subnet_ids) = []"
    # In a process of its own (a fork: tests/forked.py): after a run that fails inside an
    # apply, run_in_mocks cancels the registrations it left pending (the next run works:
    # checked below), but CPython 3.11 may then fail a later compile() with "AST constructor
    # recursion depth mismatch" in the same process (seen under pytest), so the failing run
    # stays out of the suite's. The CPython bug: ast2obj's recursion depth lives in state
    # shared by every compile(), so a compile nested in another one (a finalizer of the failed
    # run's coroutines formatting a traceback during pytest's compile) leaves a mismatch
    # (python/cpython gh-106905, fixed by PR #113035 in 3.11.8 and 3.12.2;
    # pytest-dev/pytest#10874). The suite runs 3.11.7: this stays out of the test process
    # until the floor is 3.11.8.
    child = run_forked(lambda: _bad_then_good(bad))
    assert child.raised is None, child.raised
    out = child.returned or ""
    assert message in out
    assert "then " in out and " resources" in out  # no leaked registration


@pytest.mark.parametrize(
    ("public", "private", "message"),
    [
        (["subnet-a"], "subnet-b", "a list of subnet ids"),
        (["subnet-a"], ["subnet-a"], "not also listed as public"),
        ([], ["subnet-b", "subnet-b"], "only once"),
    ],
)
def test_the_same_list_checks_as_plain_lists(public: Any, private: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _check_subnet_lists(public, private)


def test_existing_listener_needs_explicit_priorities() -> None:
    def program() -> None:
        net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
        FargateService(
            "api",
            FargateServiceArgs(
                cluster=FargateCluster.existing(
                    CLUSTER_ARN, default_strategy=CapacityStrategy.on_demand()
                ),
                task_definition=_task("api"),
                network=net,
                load_balancer=LoadBalancer.existing(LISTENER, "sg-1", vpc_id="vpc-1"),
                routing=Routing(path_patterns=["/api/*"]),
            ),
        )

    with pytest.raises(ValidationError, match=r"routing.priority"):
        run_in_mocks(program)


def test_requests_per_target_needs_the_alb_arn_suffix() -> None:
    with pytest.raises(ValidationError, match="requests_per_target"):
        _run(
            autoscaling=Autoscaling(min_capacity=1, max_capacity=4, requests_per_target=500),
        )
