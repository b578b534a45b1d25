"""Containers, container-definition JSON, secret references and IAM documents (pure)."""

from __future__ import annotations

import json

import pytest

from fargate_components.ecs import (
    Container,
    FireLensConfig,
    HealthCheck,
    LogConfiguration,
    PortMapping,
)
from fargate_components.ecs.containers import (
    LogSettings,
    container_definition,
    render_container_definitions,
)
from fargate_components.ecs.task_policies import (
    ecr_repository,
    execution_role_policy,
    parse_secret_reference,
    task_role_policy,
    task_trust_policy,
)
from fargate_components.errors import ValidationError

LOGS = LogSettings("/ecs/web", "eu-west-1", "ecs")
SM = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"


def _full(env_order: list[tuple[str, str]]) -> Container:
    return Container(
        name="web",
        image="nginx:1.27",
        port_mappings=[80, PortMapping(container_port=9090, protocol="udp", host_port=9090)],
        environment=dict(env_order),
        secrets={"Z_KEY": "/app/z", "A_KEY": SM},
        command=["nginx", "-g", "daemon off;"],
        health_check=HealthCheck.shell("curl -f http://localhost/ || exit 1", start_period=10),
        depends_on={"migrate": "SUCCESS", "log-router": "START"},
        readonly_root_filesystem=True,
        user="101:101",
        cpu=128,
        memory=512,
        memory_reservation=256,
        stop_timeout=110,
    )


def test_container_definition_shape() -> None:
    d = container_definition(_full([("B", "2"), ("A", "1")]), LOGS)
    assert d["portMappings"] == [
        {"containerPort": 80, "hostPort": 80, "protocol": "tcp"},
        {"containerPort": 9090, "hostPort": 9090, "protocol": "udp"},
    ]
    assert d["environment"] == [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]
    assert [s["name"] for s in d["secrets"]] == ["A_KEY", "Z_KEY"]
    assert d["dependsOn"] == [
        {"containerName": "log-router", "condition": "START"},
        {"containerName": "migrate", "condition": "SUCCESS"},
    ]
    assert d["healthCheck"] == {
        "command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],
        "interval": 30,
        "timeout": 5,
        "retries": 3,
        "startPeriod": 10,
    }
    assert d["logConfiguration"] == {
        "logDriver": "awslogs",
        "options": {
            "awslogs-group": "/ecs/web",
            "awslogs-region": "eu-west-1",
            "awslogs-stream-prefix": "ecs",
        },
    }
    assert d["readonlyRootFilesystem"] is True and d["essential"] is True
    assert (d["cpu"], d["memory"], d["memoryReservation"], d["stopTimeout"]) == (128, 512, 256, 110)


def test_minimal_definition_has_no_nulls_or_defaults() -> None:
    d = container_definition(Container(name="app", image="busybox"), LOGS)
    # A Linux container's root filesystem is read-only unless it opts out.
    assert set(d) == {"name", "image", "essential", "logConfiguration", "readonlyRootFilesystem"}
    text = render_container_definitions([d])
    assert "null" not in text
    windows = container_definition(Container(name="app", image="busybox"), LOGS, linux=False)
    assert "readonlyRootFilesystem" not in windows
    opted_out = Container(name="app", image="busybox", readonly_root_filesystem=False)
    assert "readonlyRootFilesystem" not in container_definition(opted_out, LOGS)


def test_rendering_is_byte_stable_whatever_the_input_order() -> None:
    one = render_container_definitions(
        [container_definition(_full([("A", "1"), ("B", "2")]), LOGS)]
    )
    two = render_container_definitions(
        [container_definition(_full([("B", "2"), ("A", "1")]), LOGS)]
    )
    assert one == two
    assert one == json.dumps(json.loads(one), sort_keys=True, separators=(",", ":"))
    assert render_container_definitions([{"a": None, "b": [None, 1]}]) == '[{"b":[1]}]'


def test_firelens_router_and_routed_app() -> None:
    router = Container(
        name="log-router",
        image="public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
        essential=True,
        firelens=FireLensConfig(type="fluentbit", options={"enable-ecs-log-metadata": "true"}),
    )
    app = Container(
        name="app",
        image="nginx",
        log_configuration=LogConfiguration(
            log_driver="awsfirelens",
            options={"Name": "cloudwatch", "region": "eu-west-1"},
            secret_options={"apikey": "/logs/key"},
        ),
    )
    r = container_definition(router, LOGS)
    a = container_definition(app, LOGS)
    assert r["firelensConfiguration"] == {
        "type": "fluentbit",
        "options": {"enable-ecs-log-metadata": "true"},
    }
    assert r["logConfiguration"]["logDriver"] == "awslogs"
    assert a["logConfiguration"] == {
        "logDriver": "awsfirelens",
        "options": {"Name": "cloudwatch", "region": "eu-west-1"},
        "secretOptions": [{"name": "apikey", "valueFrom": "/logs/key"}],
    }
    assert app.secret_references == {"log:apikey": "/logs/key"}


@pytest.mark.parametrize(
    ("value", "kind", "resources"),
    [
        (SM, "secretsmanager", (SM,)),
        (f"{SM}:password::", "secretsmanager", (SM,)),
        (f"{SM}:password:AWSCURRENT:", "secretsmanager", (SM,)),
        (
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db",
            "secretsmanager",
            (
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????",
            ),
        ),
        (
            "arn:aws:ssm:eu-west-1:123456789012:parameter/app/key",
            "ssm",
            ("arn:aws:ssm:eu-west-1:123456789012:parameter/app/key",),
        ),
        (
            "arn:aws-cn:ssm:cn-north-1:123456789012:parameter/key",
            "ssm",
            ("arn:aws-cn:ssm:cn-north-1:123456789012:parameter/key",),
        ),
    ],
)
def test_secret_references(value: str, kind: str, resources: tuple[str, ...]) -> None:
    ref = parse_secret_reference("x", value)
    assert (ref.kind, ref.resources) == (kind, resources)


def test_ssm_parameter_names_resolve_in_the_account() -> None:
    ref = parse_secret_reference("x", "/app/db/password")
    assert ref.resources == () and ref.parameter_name == "/app/db/password"
    assert ref.resources_in("aws", "eu-west-1", "123456789012") == (
        "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db/password",
    )


@pytest.mark.parametrize(
    "value",
    [
        "",
        "arn:aws:s3:::bucket/key",
        "arn:aws:secretsmanager:eu-west-1:123:secret:short-account",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db:only-one-extra",
        "not a parameter",
        42,
    ],
)
def test_bad_secret_references(value: object) -> None:
    with pytest.raises(ValidationError, match="Secrets Manager"):
        parse_secret_reference("Container(name='web').secrets['X']", value)


def test_ecr_repositories() -> None:
    repo = ecr_repository("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web:1.2")
    assert repo is not None and repo.arn == "arn:aws:ecr:eu-west-1:123456789012:repository/team/web"
    digest = ecr_repository("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web@sha256:abc")
    assert digest is not None and digest.name == "web"
    china = ecr_repository("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web")
    assert china is not None and china.arn.startswith("arn:aws-cn:ecr:cn-north-1:")
    for other in ("nginx:1.27", "public.ecr.aws/nginx/nginx", "ghcr.io/org/app:1"):
        assert ecr_repository(other) is None


def test_execution_policy_is_exact() -> None:
    doc = execution_role_policy(
        images=["123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1", "nginx:1.27"],
        log_group_arns=["arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web"],
        secrets=[parse_secret_reference("x", f"{SM}:pw::"), parse_secret_reference("y", "key")],
        kms_key_arns=["arn:aws:kms:eu-west-1:123456789012:key/k"],
        partition="aws",
        region="eu-west-1",
        account="123456789012",
    )
    assert doc == {
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
                "Resource": ["arn:aws:ecr:eu-west-1:123456789012:repository/web"],
            },
            {
                "Sid": "Logs",
                "Effect": "Allow",
                "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                "Resource": [
                    "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web",
                    "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:log-stream:*",
                ],
            },
            {
                "Sid": "Secrets",
                "Effect": "Allow",
                "Action": ["secretsmanager:GetSecretValue"],
                "Resource": [SM],
            },
            {
                "Sid": "Parameters",
                "Effect": "Allow",
                "Action": ["ssm:GetParameters"],
                "Resource": ["arn:aws:ssm:eu-west-1:123456789012:parameter/key"],
            },
            {
                "Sid": "Decrypt",
                "Effect": "Allow",
                "Action": ["kms:Decrypt"],
                "Resource": ["arn:aws:kms:eu-west-1:123456789012:key/k"],
            },
        ],
    }


def test_public_images_need_no_ecr_permission() -> None:
    doc = execution_role_policy(
        images=["nginx:1.27"],
        log_group_arns=["arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web"],
        secrets=[],
        kms_key_arns=[],
        partition="aws",
        region="eu-west-1",
        account="123456789012",
    )
    assert doc is not None
    assert [s["Sid"] for s in doc["Statement"]] == ["Logs"]
    assert execution_role_policy(
        images=["nginx"], log_group_arns=[], secrets=[], kms_key_arns=[],
        partition="aws", region="eu-west-1", account="123456789012",
    ) is None  # fmt: skip


def test_task_role_policy() -> None:
    assert task_role_policy() is None
    app = {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::b/*"]}
    doc = task_role_policy(
        statements=[app],
        exec_enabled=True,
        exec_log_group_arn="arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/exec/x",
    )
    assert doc is not None
    sids = [s.get("Sid") for s in doc["Statement"]]
    assert sids == [None, "EcsExec", "EcsExecLogGroups", "EcsExecLogs"]
    assert doc["Statement"][0] == app
    assert doc["Statement"][2]["Resource"] == ["arn:aws:logs:eu-west-1:123456789012:log-group:*"]


def test_trust_policy() -> None:
    assert task_trust_policy("123456789012") == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
            }
        ],
    }


def test_start_and_stop_timeouts_are_written_out() -> None:
    # startTimeout bounds how long a dependent waits for this container (2-120 s on Fargate).
    d = container_definition(
        Container(name="init", image="busybox", essential=False, start_timeout=30, stop_timeout=5),
        LOGS,
    )
    assert (d["startTimeout"], d["stopTimeout"]) == (30, 5)
