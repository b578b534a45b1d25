"""Task storage and ECS Exec under mocks: bind and EFS volumes in the task definition, the
exact EFS and Exec statements of the task role, registry credentials on the execution role."""

from __future__ import annotations

import json
from typing import Any

from fargate_components.ecs import (
    Container,
    FargateCluster,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
)
from fargate_components.ecs.restart_policy import RestartPolicy
from fargate_components.ecs.volumes import MountPoint, Volume, VolumesFrom
from fargate_components.efs import AccessPointSpec, FileSystem, FileSystemArgs
from fargate_components.network import Network
from fargate_components.testing import run_in_mocks

ACCOUNT = "123456789012"
NET = Network.existing("vpc-1", ["subnet-p1"], ["subnet-a", "subnet-b"])
REGISTRY = f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:dockerhub-AbCdEf"


def _policy(plan: Any, name: str) -> dict[str, Any]:
    return json.loads(plan.named(name).inputs["policy"])


def _definitions(plan: Any, name: str) -> list[dict[str, Any]]:
    return json.loads(plan.named(f"{name}-task-definition").inputs["containerDefinitions"])


def _program() -> None:
    shared = FileSystem(
        "shared",
        FileSystemArgs(
            network=NET,
            access_points=[AccessPointSpec(name="jobs", path="/jobs", uid=1000, gid=1000)],
        ),
    )
    FargateTaskDefinition(
        "job",
        FargateTaskDefinitionArgs(
            volumes=[
                shared.volume("jobs", access_point="jobs"),
                shared.volume("archive"),
                Volume.bind("handoff"),
            ],
            containers=[
                Container(
                    name="app",
                    image="busybox",
                    writable_paths=["/tmp"],
                    mount_points=[
                        MountPoint(volume="jobs", path="/data"),
                        MountPoint(volume="archive", path="/archive", read_only=True),
                        MountPoint(volume="handoff", path="/handoff"),
                    ],
                    restart_policy=RestartPolicy(ignored_exit_codes=[0]),
                    repository_credentials=REGISTRY,
                ),
                Container(
                    name="reader",
                    image="busybox",
                    essential=False,
                    volumes_from=[VolumesFrom(container="app", read_only=True)],
                ),
            ],
        ),
    )


def test_volumes_on_the_task_definition() -> None:
    plan = run_in_mocks(_program)
    td = plan.named("job-task-definition")
    fs_id = plan.named("shared-fs").id
    ap_id = plan.named("shared-ap-jobs").id
    assert td.inputs["volumes"] == [
        {
            "name": "jobs",
            "efsVolumeConfiguration": {
                "fileSystemId": fs_id,
                "transitEncryption": "ENABLED",
                "authorizationConfig": {"iam": "ENABLED", "accessPointId": ap_id},
            },
        },
        {
            "name": "archive",
            "efsVolumeConfiguration": {
                "fileSystemId": fs_id,
                "transitEncryption": "ENABLED",
                "authorizationConfig": {"iam": "ENABLED"},
            },
        },
        {"name": "handoff"},
        {"name": "app-tmp"},
    ]
    app, reader = _definitions(plan, "job")
    assert app["readonlyRootFilesystem"] is True
    assert app["mountPoints"] == [
        {"sourceVolume": "app-tmp", "containerPath": "/tmp", "readOnly": False},
        {"sourceVolume": "jobs", "containerPath": "/data", "readOnly": False},
        {"sourceVolume": "archive", "containerPath": "/archive", "readOnly": True},
        {"sourceVolume": "handoff", "containerPath": "/handoff", "readOnly": False},
    ]
    assert app["restartPolicy"] == {
        "enabled": True,
        "ignoredExitCodes": [0],
        "restartAttemptPeriod": 300,
    }
    assert app["repositoryCredentials"] == {"credentialsParameter": REGISTRY}
    assert reader["volumesFrom"] == [{"sourceContainer": "app", "readOnly": True}]


def test_task_role_gets_exactly_the_efs_client_actions() -> None:
    plan = run_in_mocks(_program)
    fs_arn = plan.named("shared-fs").outputs["arn"]
    ap_arn = plan.named("shared-ap-jobs").outputs["arn"]
    assert _policy(plan, "job-task-policy") == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Efs0",
                "Effect": "Allow",
                "Action": ["elasticfilesystem:ClientMount"],
                "Resource": [fs_arn],
            },
            {
                "Sid": "Efs1",
                "Effect": "Allow",
                "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                "Resource": [fs_arn],
                "Condition": {"StringEquals": {"elasticfilesystem:AccessPointArn": ap_arn}},
            },
        ],
    }


def test_registry_credentials_read_by_the_execution_role_only() -> None:
    plan = run_in_mocks(_program)
    secrets = [
        s for s in _policy(plan, "job-execution-policy")["Statement"] if s.get("Sid") == "Secrets"
    ]
    assert secrets == [
        {
            "Sid": "Secrets",
            "Effect": "Allow",
            "Action": ["secretsmanager:GetSecretValue"],
            "Resource": [REGISTRY],
        }
    ]
    assert "secretsmanager" not in json.dumps(_policy(plan, "job-task-policy"))


def test_exec_one_switch_from_the_cluster() -> None:
    def program() -> None:
        cluster = FargateCluster("apps")
        FargateTaskDefinition(
            "web",
            FargateTaskDefinitionArgs(
                exec_cluster=cluster,
                containers=[Container(name="web", image="nginx", writable_paths=["/tmp"])],
            ),
        )

    plan = run_in_mocks(program)
    (web,) = _definitions(plan, "web")
    assert web["linuxParameters"] == {"initProcessEnabled": True}
    logs = plan.named("apps-exec-logs").outputs["arn"]
    doc = _policy(plan, "web-task-policy")
    assert [s["Sid"] for s in doc["Statement"]] == [
        "EcsExec",
        "EcsExecLogGroups",
        "EcsExecLogs",
        "EcsExecDecrypt",
    ]
    assert doc["Statement"][2]["Resource"] == [logs, f"{logs}:log-stream:*"]
    # Sessions are encrypted with the cluster's key: the task decrypts them.
    assert doc["Statement"][3]["Resource"] == [plan.named("apps-exec-key").outputs["arn"]]


def _service_program(**service: Any) -> Any:
    from fargate_components.ecs import FargateService, FargateServiceArgs

    def program() -> None:
        cluster = FargateCluster("apps")
        shared = FileSystem("shared", FileSystemArgs(network=NET))
        task = FargateTaskDefinition(
            "web",
            FargateTaskDefinitionArgs(
                exec_cluster=cluster,
                volumes=[shared.volume("data")],
                containers=[
                    Container(
                        name="web",
                        image="nginx",
                        mount_points=[MountPoint(volume="data", path="/data", read_only=True)],
                    )
                ],
            ),
        )
        FargateService(
            "web",
            FargateServiceArgs(cluster=cluster, task_definition=task, network=NET, **service),
        )

    return program


def test_service_admits_its_tasks_on_nfs_and_turns_exec_on() -> None:
    plan = run_in_mocks(_service_program())
    rule = plan.named("web-sg-nfs-0")
    assert rule.parent == next(r.urn for r in plan.of_type("fargate:ecs:FargateService"))
    assert rule.inputs["securityGroupId"] == plan.named("shared-sg").id
    assert rule.inputs["referencedSecurityGroupId"] == plan.named("web-sg").id
    assert (rule.inputs["fromPort"], rule.inputs["toPort"], rule.inputs["ipProtocol"]) == (
        2049,
        2049,
        "tcp",
    )
    assert plan.named("web-service").inputs["enableExecuteCommand"] is True


def test_service_exec_explicitly_off() -> None:
    plan = run_in_mocks(_service_program(enable_execute_command=False))
    assert plan.named("web-service").inputs["enableExecuteCommand"] is False


def test_readme_task_storage_example_runs() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    block = text.split("<!-- example:task-storage -->", 1)[1].split("<!-- /example", 1)[0]
    code = block.split("```python", 1)[1].split("```", 1)[0]
    plan = run_in_mocks(lambda: exec(code, {}))
    doc = _policy(plan, "worker-task-policy")
    assert [s["Sid"] for s in doc["Statement"]] == [
        "Efs0",
        "EcsExec",
        "EcsExecLogGroups",
        "EcsExecLogs",
        "EcsExecDecrypt",
    ]


def test_exec_on_a_windows_service_on_platform_1_0_0() -> None:
    from fargate_components.ecs import CapacityStrategy, FargateService, FargateServiceArgs

    def program() -> None:
        cluster = FargateCluster("apps")
        task = FargateTaskDefinition(
            "win",
            FargateTaskDefinitionArgs(
                cpu=1024,
                memory=2048,
                operating_system="WINDOWS_SERVER_2022_CORE",
                exec_cluster=cluster,
                containers=[
                    Container(
                        name="iis",
                        image="mcr.microsoft.com/windows/servercore/iis",
                        readonly_root_filesystem=False,
                    )
                ],
            ),
        )
        FargateService(
            "win",
            FargateServiceArgs(
                cluster=cluster,
                task_definition=task,
                network=NET,
                platform_version="1.0.0",
                capacity_strategy=CapacityStrategy.on_demand(),
            ),
        )

    plan = run_in_mocks(program)
    (iis,) = _definitions(plan, "win")
    assert "linuxParameters" not in iis  # initProcessEnabled is a Linux parameter
    assert plan.named("win-service").inputs["enableExecuteCommand"] is True
    doc = _policy(plan, "win-task-policy")
    assert [s["Sid"] for s in doc["Statement"]][:3] == [
        "EcsExec",
        "EcsExecLogGroups",
        "EcsExecLogs",
    ]
