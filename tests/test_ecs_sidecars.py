"""Sidecars with exactly their permissions: FireLens to CloudWatch, X-Ray / ADOT collectors."""

from __future__ import annotations

import json
from typing import Any

from fargate_components.ecs import Container, FargateTaskDefinition, FargateTaskDefinitionArgs
from fargate_components.ecs.containers import LogConfiguration
from fargate_components.ecs.sidecars import LogRouter, TraceCollector
from fargate_components.testing import run_in_mocks


def _plan(**kwargs: Any) -> Any:
    kwargs.setdefault("containers", [Container(name="web", image="nginx", writable_paths=["/tmp"])])
    return run_in_mocks(
        lambda: FargateTaskDefinition(
            "web", FargateTaskDefinitionArgs(cpu=512, memory=1024, **kwargs)
        )
    )


def _defs(plan: Any) -> dict[str, dict[str, Any]]:
    raw = json.loads(plan.named("web-task-definition").inputs["containerDefinitions"])
    return {d["name"]: d for d in raw}


def _task_policy(plan: Any) -> dict[str, Any]:
    return json.loads(plan.named("web-task-policy").inputs["policy"])


def test_firelens_router_ships_to_its_own_log_group_with_exact_permissions() -> None:
    plan = _plan(log_router=LogRouter())
    app_logs = plan.named("web-app-logs")
    assert app_logs.inputs["retentionInDays"] == 30
    defs = _defs(plan)
    assert defs["log-router"]["firelensConfiguration"] == {
        "type": "fluentbit",
        "options": {"enable-ecs-log-metadata": "true"},
    }
    # The router logs itself with awslogs to the task's log group (execution role).
    assert defs["log-router"]["logConfiguration"]["logDriver"] == "awslogs"
    assert defs["web"]["logConfiguration"] == {
        "logDriver": "awsfirelens",
        "options": {
            "Name": "cloudwatch_logs",
            "auto_create_group": "false",
            "log_group_name": app_logs.outputs["name"],
            "log_stream_prefix": "app-",
            "region": "us-east-1",
        },
    }
    arn = app_logs.outputs["arn"]
    assert _task_policy(plan)["Statement"] == [
        {
            "Sid": "FireLensLogs",
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": [arn, f"{arn}:log-stream:*"],
        }
    ]


def test_container_with_its_own_logs_is_not_routed() -> None:
    own = Container(
        name="web",
        image="nginx",
        log_configuration=LogConfiguration(log_driver="awslogs", options={"awslogs-group": "x"}),
    )
    plan = _plan(containers=[own], log_router=LogRouter())
    assert _defs(plan)["web"]["logConfiguration"]["logDriver"] == "awslogs"


def test_xray_daemon_and_its_five_actions() -> None:
    plan = _plan(trace_collector=TraceCollector())
    daemon = _defs(plan)["xray-daemon"]
    assert daemon["essential"] is False
    assert daemon["portMappings"] == [{"containerPort": 2000, "hostPort": 2000, "protocol": "udp"}]
    assert _task_policy(plan)["Statement"] == [
        {
            "Sid": "XRayWrite",
            "Effect": "Allow",
            "Action": [
                "xray:GetSamplingRules",
                "xray:GetSamplingStatisticSummaries",
                "xray:GetSamplingTargets",
                "xray:PutTelemetryRecords",
                "xray:PutTraceSegments",
            ],
            "Resource": "*",
        }
    ]


def test_adot_collector_uses_the_xray_config() -> None:
    plan = _plan(trace_collector=TraceCollector(kind="adot"))
    adot = _defs(plan)["adot-collector"]
    assert adot["command"] == ["--config=/etc/ecs/ecs-xray.yaml"]
    assert [p["containerPort"] for p in adot["portMappings"]] == [4317, 4318]


def test_no_sidecar_no_sidecar_permissions() -> None:
    plan = _plan()
    assert not plan.of_type("aws:iam/rolePolicy:RolePolicy") or "web-task-policy" not in {
        r.name for r in plan.of_type("aws:iam/rolePolicy:RolePolicy")
    }
