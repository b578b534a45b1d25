"""The deployment strategy and surge of each ECS service, as the plan shows it."""

from __future__ import annotations

from decimal import Decimal

import pulumi
import pulumi_aws as aws

from fargate_components.plan.deployments import render_deployments_markdown, service_deployments
from fargate_components.plan.review import build_review
from fargate_components.testing import run_in_mocks


def _program() -> None:
    cluster = aws.ecs.Cluster("apps")
    task = aws.ecs.TaskDefinition(
        "web",
        family="web",
        cpu="256",
        memory="512",
        network_mode="awsvpc",
        requires_compatibilities=["FARGATE"],
        container_definitions='[{"name": "web", "image": "nginx", "essential": true}]',
    )
    for name, config in (
        ("rolling", None),
        ("bluegreen", {"strategy": "BLUE_GREEN", "bake_time_in_minutes": "15"}),
    ):
        aws.ecs.Service(
            name,
            cluster=cluster.arn,
            task_definition=task.arn,
            desired_count=3,
            launch_type="FARGATE",
            deployment_maximum_percent=150,
            deployment_configuration=config,
            network_configuration={"subnets": ["subnet-a"]},
            opts=pulumi.ResourceOptions(),
        )


def test_strategy_and_surge_from_the_wire_shapes_and_the_task_price() -> None:
    plan = run_in_mocks(_program)
    review = build_review(plan)
    by_name = {d.name: d for d in review.deployments}
    rolling, blue = by_name["rolling"], by_name["bluegreen"]
    assert (rolling.strategy, rolling.surge_tasks) == ("ROLLING", 1)  # 150 % of 3, rounded down
    assert (blue.strategy, blue.surge_tasks, blue.bake_minutes) == ("BLUE_GREEN", 3, 15)
    assert blue.surge_hourly is not None and rolling.surge_hourly is not None
    assert blue.surge_hourly == 3 * rolling.surge_hourly > Decimal(0)
    assert "BLUE_GREEN: +3 tasks (2x) for the deploy + 15 min bake" in blue.summary()
    assert review.tree_info()[blue.urn] == blue.summary()
    table = render_deployments_markdown(review.deployments)
    assert "| bluegreen | BLUE_GREEN | 3 | +3 tasks (2x), +3 private IPs | 15 min |" in table
    assert {d["name"]: d["surge_tasks"] for d in review.json_sections()["deployments"]} == {
        "rolling": 1,
        "bluegreen": 3,
    }
    # Without a cost estimate the surge is still shown, its price "not costed".
    assert service_deployments(plan)[0].surge_hourly is None
