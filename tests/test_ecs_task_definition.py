"""FargateTaskDefinition under mocks: task definition JSON, log group, exact IAM documents,
bring-your-own roles and log groups, and no churn between runs."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

from fargate_components.ecs import (
    CapacityStrategy,
    Container,
    FargateCluster,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    FireLensConfig,
    HealthCheck,
    LogConfiguration,
)
from fargate_components.errors import ValidationError
from fargate_components.iam import statement
from fargate_components.testing import run_in_mocks

TD = "aws:ecs/taskDefinition:TaskDefinition"
ROLE = "aws:iam/role:Role"
POLICY = "aws:iam/rolePolicy:RolePolicy"
ACCOUNT = "123456789012"
ECR_IMAGE = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.4.2"
SECRET = f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:shop/db-AbCdEf"


def _web(**overrides: Any) -> Container:
    kwargs: dict[str, Any] = dict(
        name="web",
        image=ECR_IMAGE,
        port_mappings=[8080],
        environment={"LOG_LEVEL": "info", "APP_ENV": "prod"},
        secrets={"DB_PASSWORD": f"{SECRET}:password::", "API_KEY": "/shop/api-key"},
        health_check=HealthCheck.shell("curl -f http://localhost:8080/health || exit 1"),
    )
    kwargs.update(overrides)
    return Container(**kwargs)


def _args(**overrides: Any) -> FargateTaskDefinitionArgs:
    kwargs: dict[str, Any] = dict(cpu="0.5 vCPU", memory="1 GB", containers=[_web()])
    kwargs.update(overrides)
    return FargateTaskDefinitionArgs(**kwargs)


def _policy(plan: Any, name: str) -> dict[str, Any]:
    return json.loads(plan.named(name).inputs["policy"])


def test_task_definition_wire_inputs() -> None:
    plan = run_in_mocks(lambda: FargateTaskDefinition("web", _args()))
    component = plan.named("web")
    assert component.type == "fargate:ecs:FargateTaskDefinition"
    td = plan.named("web-task-definition")
    assert td.parent == component.urn
    logs = plan.named("web-logs")
    assert logs.inputs["retentionInDays"] == 30
    # Auto-named (known at preview), and a group named by an earlier version is kept.
    assert "name" not in logs.inputs and "namePrefix" not in logs.inputs
    assert logs.options["ignore_changes"] == ["name", "namePrefix"]
    exec_role, task_role = plan.named("web-execution-role"), plan.named("web-task-role")
    assert {k: td.inputs[k] for k in td.inputs if k != "containerDefinitions"} == {
        "family": "web",
        "cpu": "512",
        "memory": "1024",
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "runtimePlatform": {"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"},
        "executionRoleArn": exec_role.outputs["arn"],
        "taskRoleArn": task_role.outputs["arn"],
        "tags": {"Name": "web"},
    }
    assert plan.named("web-execution-policy").urn in td.depends_on
    definitions = json.loads(td.inputs["containerDefinitions"])
    assert definitions == [
        {
            "name": "web",
            "image": ECR_IMAGE,
            "essential": True,
            "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}],
            "environment": [
                {"name": "APP_ENV", "value": "prod"},
                {"name": "LOG_LEVEL", "value": "info"},
            ],
            "secrets": [
                {"name": "API_KEY", "valueFrom": "/shop/api-key"},
                {"name": "DB_PASSWORD", "valueFrom": f"{SECRET}:password::"},
            ],
            "healthCheck": {
                "command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"],
                "interval": 30,
                "timeout": 5,
                "retries": 3,
                "startPeriod": 0,
            },
            "readonlyRootFilesystem": True,
            "logConfiguration": {
                "logDriver": "awslogs",
                "options": {
                    "awslogs-group": logs.outputs["name"],
                    "awslogs-region": "us-east-1",
                    "awslogs-stream-prefix": "ecs",
                },
            },
        }
    ]


def test_exact_iam_documents() -> None:
    plan = run_in_mocks(lambda: FargateTaskDefinition("web", _args()))
    log_arn = plan.named("web-logs").outputs["arn"]
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
            }
        ],
    }
    for role in plan.of_type(ROLE):
        assert json.loads(role.inputs["assumeRolePolicy"]) == trust
    assert _policy(plan, "web-execution-policy") == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "EcrAuth",
                "Effect": "Allow",
                "Action": ["ecr:GetAuthorizationToken"],
                "Resource": "*",
            },
            {
                "Sid": "EcrPull",
                "Effect": "Allow",
                "Action": [
                    "ecr:BatchCheckLayerAvailability",
                    "ecr:BatchGetImage",
                    "ecr:GetDownloadUrlForLayer",
                ],
                "Resource": [f"arn:aws:ecr:us-east-1:{ACCOUNT}:repository/shop/web"],
            },
            {
                "Sid": "Logs",
                "Effect": "Allow",
                "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                "Resource": [log_arn, f"{log_arn}:log-stream:*"],
            },
            {
                "Sid": "Secrets",
                "Effect": "Allow",
                "Action": ["secretsmanager:GetSecretValue"],
                "Resource": [SECRET],
            },
            {
                "Sid": "Parameters",
                "Effect": "Allow",
                "Action": ["ssm:GetParameters"],
                "Resource": [f"arn:aws:ssm:us-east-1:{ACCOUNT}:parameter/shop/api-key"],
            },
        ],
    }
    # No application statements and no Exec: the task role gets no policy at all.
    assert [r.name for r in plan.of_type(POLICY)] == ["web-execution-policy"]
    # The only "*" resource anywhere is ecr:GetAuthorizationToken's.
    stars = [
        s["Action"]
        for r in plan.of_type(POLICY)
        for s in json.loads(r.inputs["policy"])["Statement"]
        if s["Resource"] == "*"
    ]
    assert stars == [["ecr:GetAuthorizationToken"]]


def test_no_churn_between_runs() -> None:
    def program(env: dict[str, str], secrets: dict[str, str]) -> None:
        FargateTaskDefinition("web", _args(containers=[_web(environment=env, secrets=secrets)]))

    env = {"A": "1", "B": "2", "C": "3"}
    secrets = {"X": "/p/x", "Y": SECRET}
    first = run_in_mocks(lambda: program(env, secrets))
    again = run_in_mocks(lambda: program(env, secrets))
    shuffled = run_in_mocks(
        lambda: program(dict(reversed(env.items())), dict(reversed(secrets.items())))
    )
    texts = {
        p.named("web-task-definition").inputs["containerDefinitions"]
        for p in (first, again, shuffled)
    }
    assert len(texts) == 1
    families = {p.named("web-task-definition").inputs["family"] for p in (first, again, shuffled)}
    assert families == {"web"}
    policies = {p.named("web-execution-policy").inputs["policy"] for p in (first, again, shuffled)}
    assert len(policies) == 1
    assert "null" not in texts.pop()


def test_outputs_as_image_and_secret() -> None:
    def program() -> None:
        secret = aws.secretsmanager.Secret("db")
        FargateTaskDefinition(
            "api",
            _args(
                family="shop-api",
                containers=[
                    _web(image=pulumi.Output.from_input(ECR_IMAGE), secrets={"DB": secret.arn})
                ],
            ),
        )

    plan = run_in_mocks(program)
    secret_arn = plan.named("db").outputs["arn"]
    doc = _policy(plan, "api-execution-policy")
    by_sid = {s["Sid"]: s for s in doc["Statement"]}
    assert by_sid["Secrets"]["Resource"] == [secret_arn]
    assert "EcrPull" in by_sid and "Parameters" not in by_sid
    definitions = json.loads(plan.named("api-task-definition").inputs["containerDefinitions"])
    assert definitions[0]["secrets"] == [{"name": "DB", "valueFrom": secret_arn}]
    assert plan.named("api-task-definition").inputs["family"] == "shop-api"


def test_bring_your_own_roles_and_log_group() -> None:
    exec_arn = f"arn:aws:iam::{ACCOUNT}:role/shared-exec"
    task_arn = f"arn:aws:iam::{ACCOUNT}:role/shared-task"
    plan = run_in_mocks(
        lambda: FargateTaskDefinition(
            "web",
            _args(
                execution_role_arn=exec_arn,
                task_role_arn=task_arn,
                log_group_name="/shared/logs",
            ),
        )
    )
    assert not plan.of_type(ROLE) and not plan.of_type(POLICY)
    assert not plan.of_type("aws:cloudwatch/logGroup:LogGroup")
    td = plan.named("web-task-definition")
    assert (td.inputs["executionRoleArn"], td.inputs["taskRoleArn"]) == (exec_arn, task_arn)
    options = json.loads(td.inputs["containerDefinitions"])[0]["logConfiguration"]["options"]
    assert options["awslogs-group"] == "/shared/logs"


def test_byo_log_group_policy_uses_its_arn() -> None:
    plan = run_in_mocks(lambda: FargateTaskDefinition("web", _args(log_group_name="/shared/logs")))
    logs = next(s for s in _policy(plan, "web-execution-policy")["Statement"] if s["Sid"] == "Logs")
    arn = f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/shared/logs"
    assert logs["Resource"] == [arn, f"{arn}:log-stream:*"]


def test_task_role_statements_exec_and_managed_policies() -> None:
    bucket = statement(["s3:GetObject"], ["arn:aws:s3:::shop-assets/*"])
    managed = "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"

    def program() -> None:
        cluster = FargateCluster("apps")
        FargateTaskDefinition(
            "web",
            _args(
                task_policy_statements=[bucket],
                task_managed_policy_arns=[managed],
                enable_exec=True,
                exec_log_group_arn=cluster.exec_log_group_arn,
                secrets_kms_key_arns=[f"arn:aws:kms:us-east-1:{ACCOUNT}:key/k"],
            ),
        )

    plan = run_in_mocks(program)
    doc = _policy(plan, "web-task-policy")
    exec_logs = plan.named("apps-exec-logs").outputs["arn"]
    assert doc["Statement"][0] == bucket
    assert doc["Statement"][1] == {
        "Sid": "EcsExec",
        "Effect": "Allow",
        "Action": [
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
        ],
        "Resource": "*",
    }
    assert doc["Statement"][3]["Resource"] == [exec_logs, f"{exec_logs}:log-stream:*"]
    attachment = plan.named("web-task-policy-0")
    assert attachment.inputs["policyArn"] == managed
    assert attachment.inputs["role"] == plan.named("web-task-role").outputs["name"]
    decrypt = _policy(plan, "web-execution-policy")["Statement"][-1]
    assert decrypt == {
        "Sid": "Decrypt",
        "Effect": "Allow",
        "Action": ["kms:Decrypt"],
        "Resource": [f"arn:aws:kms:us-east-1:{ACCOUNT}:key/k"],
    }


def test_sidecars_firelens_and_platform() -> None:
    router = Container(
        name="log-router",
        image="public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
        firelens=FireLensConfig(),
        memory_reservation=50,
    )
    app = _web(
        image="nginx:1.27",
        secrets={},
        depends_on={"log-router": "START"},
        log_configuration=LogConfiguration(
            log_driver="awsfirelens", options={"Name": "cloudwatch_logs"}
        ),
        memory=1024,
    )
    holder: dict[str, FargateTaskDefinition] = {}

    def program() -> None:
        holder["td"] = FargateTaskDefinition(
            "arm",
            _args(
                cpu=2048,
                memory=4096,
                architecture="ARM64",
                ephemeral_storage_gib=50,
                containers=[router, app],
                intended_strategy=CapacityStrategy.on_demand(),
            ),
        )

    plan = run_in_mocks(program)
    td = plan.named("arm-task-definition")
    assert td.inputs["runtimePlatform"]["cpuArchitecture"] == "ARM64"
    assert td.inputs["ephemeralStorage"] == {"sizeInGib": 50}
    defs = {d["name"]: d for d in json.loads(td.inputs["containerDefinitions"])}
    assert defs["log-router"]["firelensConfiguration"] == {"type": "fluentbit"}
    assert defs["web"]["logConfiguration"] == {
        "logDriver": "awsfirelens",
        "options": {"Name": "cloudwatch_logs"},
    }
    # Only the router logs through awslogs; images are public: no ECR, no secrets.
    sids = [s["Sid"] for s in _policy(plan, "arm-execution-policy")["Statement"]]
    assert sids == ["Logs"]
    tdef = holder["td"]
    assert (tdef.cpu, tdef.memory, tdef.architecture) == (2048, 4096, "ARM64")
    assert tdef.container_ports == {"log-router": [], "web": [8080]}
    assert tdef.essential_container.name == "web"
    assert tdef.load_balancer_target() == ("web", 8080)
    with pytest.raises(ValidationError, match=r"^container_port = 9999"):
        tdef.load_balancer_target("web", 9999)
    with pytest.raises(ValidationError, match=r"^container_name = 'log-router'"):
        tdef.load_balancer_target("log-router")
    with pytest.raises(ValidationError, match="Linux X86_64 tasks only"):
        tdef.check_strategy(CapacityStrategy.default(), "svc.capacity_strategy")


def test_large_and_windows_sizes() -> None:
    plan = run_in_mocks(
        lambda: (
            FargateTaskDefinition("big", _args(cpu="16 vCPU", memory="120 GB")),
            FargateTaskDefinition(
                "win",
                _args(
                    cpu=1024,
                    memory=2048,
                    operating_system="WINDOWS_SERVER_2022_CORE",
                    containers=[_web(image="mcr.microsoft.com/windows/servercore/iis", secrets={})],
                ),
            ),
        )
    )
    big = plan.named("big-task-definition").inputs
    assert (big["cpu"], big["memory"]) == ("16384", "122880")
    win = plan.named("win-task-definition").inputs
    assert win["runtimePlatform"]["operatingSystemFamily"] == "WINDOWS_SERVER_2022_CORE"


def test_plain_secrets_in_environment_warn() -> None:
    plan = run_in_mocks(
        lambda: FargateTaskDefinition(
            "web",
            _args(containers=[_web(environment={"DB_PASSWORD_PLAIN": "hunter2"}, secrets={})]),
        )
    )
    assert any("AVD-AWS-0036" in d.message for d in plan.diagnostics)


def test_family_is_sanitised_from_the_name() -> None:
    plan = run_in_mocks(lambda: FargateTaskDefinition("shop web.v2", _args()))
    assert plan.named("shop web.v2-task-definition").inputs["family"] == "shop-web-v2"
