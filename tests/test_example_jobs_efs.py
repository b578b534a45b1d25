"""The jobs-style starter (issue 13's "done when"): its IAM documents are exact, its file
system admits only the tasks that mount it, and every root filesystem is read-only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fargate_components.testing import Plan
from tests.example_plans import example_plan

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ecs-jobs-efs"


def _plan() -> Plan:
    return example_plan(EXAMPLE)


def _policy(name: str) -> dict[str, Any]:
    return json.loads(_plan().named(name).inputs["policy"])


def _exec_statements() -> list[dict[str, Any]]:
    logs = _plan().named("jobs-exec-logs").outputs["arn"]
    prefix = ":".join(logs.split(":")[:5])
    return [
        {
            "Sid": "EcsExec",
            "Effect": "Allow",
            "Action": [
                "ssmmessages:CreateControlChannel",
                "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel",
                "ssmmessages:OpenDataChannel",
            ],
            "Resource": "*",
        },
        {
            "Sid": "EcsExecLogGroups",
            "Effect": "Allow",
            "Action": ["logs:DescribeLogGroups"],
            "Resource": [f"{prefix}:log-group:*"],
        },
        {
            "Sid": "EcsExecLogs",
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
            "Resource": [logs, f"{logs}:log-stream:*"],
        },
        {
            # Exec sessions are encrypted with the cluster's key (FargateCluster default).
            "Sid": "EcsExecDecrypt",
            "Effect": "Allow",
            "Action": ["kms:Decrypt"],
            "Resource": [_plan().named("jobs-exec-key").outputs["arn"]],
        },
    ]


def _efs(write: bool) -> dict[str, Any]:
    plan = _plan()
    actions = ["elasticfilesystem:ClientMount"]
    if write:
        actions.append("elasticfilesystem:ClientWrite")
    return {
        "Sid": "Efs0",
        "Effect": "Allow",
        "Action": actions,
        "Resource": [plan.named("shared-fs").outputs["arn"]],
        "Condition": {
            "StringEquals": {
                "elasticfilesystem:AccessPointArn": plan.named("shared-ap-jobs").outputs["arn"]
            }
        },
    }


def test_worker_task_role_is_exact() -> None:
    queue = _plan().named("work-queue").outputs["arn"]
    doc = _policy("worker-task-policy")
    assert doc["Statement"][0]["Resource"] == [queue]
    assert doc["Statement"][1:] == [_efs(write=True), *_exec_statements()]


def test_nightly_task_role_is_exact() -> None:
    assert _policy("nightly-task-policy")["Statement"] == [_efs(write=True), *_exec_statements()]


def test_web_task_role_reads_only_and_ships_logs() -> None:
    app_logs = _plan().named("web-app-logs").outputs["arn"]
    assert _policy("web-task-policy")["Statement"] == [
        {
            "Sid": "FireLensLogs",
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": [app_logs, f"{app_logs}:log-stream:*"],
        },
        _efs(write=False),
        *_exec_statements(),
    ]


def test_file_system_admits_exactly_the_three_workloads() -> None:
    plan = _plan()
    efs_sg = plan.named("shared-sg").id
    rules = [
        r
        for r in plan.of_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        if r.inputs.get("securityGroupId") == efs_sg
    ]
    sources = sorted(r.inputs["referencedSecurityGroupId"] for r in rules)
    assert sources == sorted(plan.named(n).id for n in ("worker-sg", "nightly-sg", "web-sg"))
    assert {(r.inputs["fromPort"], r.inputs["toPort"]) for r in rules} == {(2049, 2049)}


def test_every_container_has_a_read_only_root() -> None:
    for td in _plan().of_type("aws:ecs/taskDefinition:TaskDefinition"):
        for container in json.loads(td.inputs["containerDefinitions"]):
            assert container.get("readonlyRootFilesystem") is True, (td.name, container["name"])
