"""Spot interruption budgets: pure arithmetic on the two-minute notice."""

from __future__ import annotations

import pytest

from fargate_components.ecs.spot_interruption import (
    spot_drain,
    stop_timeout_of,
    visibility_problem,
)


def test_unset_stop_timeout_is_ecs_default() -> None:
    assert stop_timeout_of([None]) == 30
    assert stop_timeout_of([None, 90]) == 90


def test_drain_fits_inside_the_notice() -> None:
    assert spot_drain(30, [30]).problem() is None
    assert spot_drain(10, [110]).problem() is None  # exactly 120 s


def test_drain_too_long_names_the_numbers_and_the_fix() -> None:
    problem = spot_drain(300, [None]).problem()
    assert problem is not None
    assert "330 s" in problem and "deregistration delay 300 s" in problem
    assert "stopTimeout 30 s" in problem and "Fix:" in problem


def test_visibility_shorter_than_stop_timeout() -> None:
    assert visibility_problem(600, [110]) is None
    problem = visibility_problem(60, [110])
    assert problem is not None and "60 s" in problem and "110 s" in problem


@pytest.mark.parametrize("preview_faithful", [False, True], ids=["mock-values", "preview"])
def test_both_spot_checks_are_policy_rules_over_a_planned_program(preview_faithful: bool) -> None:
    # Under mocks, as `fargate-components plan` sees it: the worker's queue is found through
    # its task role's ReceiveMessage statement; the web service's 300 s drain on Spot. At
    # preview (the plan's default) the queue's ARN is unknown but the policy names it: a user
    # saw FC-ECS-011 vanish from the default plan and come back with --no-preview-faithful.
    from fargate_components import (
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
        WorkQueue,
        WorkQueueArgs,
    )
    from fargate_components.policy import evaluate
    from fargate_components.testing import run_in_mocks

    def program() -> None:
        net = Network.existing("vpc-1", ["subnet-p1", "subnet-p2"], ["subnet-a", "subnet-b"])
        cluster = FargateCluster("apps")
        jobs = WorkQueue("jobs", WorkQueueArgs(visibility_timeout_seconds=60))
        worker = FargateTaskDefinition(
            "worker",
            FargateTaskDefinitionArgs(
                containers=[Container(name="worker", image="busybox", stop_timeout=110)],
                task_policy_statements=[jobs.consumer_statement()],
            ),
        )
        web = FargateTaskDefinition(
            "web",
            FargateTaskDefinitionArgs(
                containers=[
                    Container(
                        name="web", image="nginx", port_mappings=[80], writable_paths=["/tmp"]
                    )
                ]
            ),
        )
        alb = LoadBalancer(
            "web", LoadBalancerArgs(network=net, internal=True, ingress_cidrs=["10.0.0.0/8"])
        )
        FargateService(
            "web",
            FargateServiceArgs(
                cluster=cluster,
                task_definition=web,
                network=net,
                load_balancer=alb,
                deregistration_delay=300,
                capacity_strategy=CapacityStrategy.spot_from(2),
            ),
        )
        FargateService(
            "worker",
            FargateServiceArgs(cluster=cluster, task_definition=worker, network=net),
        )

    findings = evaluate(run_in_mocks(program, preview_faithful=preview_faithful))
    by_rule = {f.rule: f for f in findings if f.rule in ("FC-ECS-010", "FC-ECS-011")}
    assert "330 s" in by_rule["FC-ECS-010"].message
    assert "visibility timeout is 60 s" in by_rule["FC-ECS-011"].message
    assert "'jobs-queue'" in by_rule["FC-ECS-011"].message
