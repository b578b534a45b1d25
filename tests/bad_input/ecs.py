"""Bad inputs of the ECS area: task size, containers, strategies, cluster."""

from __future__ import annotations

from typing import Any

from fargate_components.ecs import (
    CapacityStrategy,
    Container,
    FargateCluster,
    FargateClusterArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    HealthCheck,
    LogConfiguration,
    PortMapping,
)

from . import BadInput

TD = "FargateTaskDefinitionArgs"
WIN = "WINDOWS_SERVER_2022_CORE"


def _c(name: str = "web", **kwargs: Any) -> Container:
    return Container(name=name, image="nginx:1.27", **kwargs)


def _td(**kwargs: Any) -> FargateTaskDefinition:
    kwargs.setdefault("containers", [_c()])
    return FargateTaskDefinition("bad", FargateTaskDefinitionArgs(**kwargs))


def _strategy(*items: tuple[Any, ...]) -> CapacityStrategy:
    return CapacityStrategy(items)  # type: ignore[arg-type]


CASES = [
    # -- task size -------------------------------------------------------------------------
    BadInput("ecs-task-cpu-memory-pair", lambda: _td(cpu=256, memory=4096), f"{TD}.cpu/memory"),
    BadInput("ecs-task-cpu-not-in-table", lambda: _td(cpu=300, memory=512), f"{TD}.cpu/memory"),
    BadInput("ecs-task-8vcpu-step", lambda: _td(cpu="8 vCPU", memory="18 GB"), f"{TD}.cpu/memory"),
    BadInput("ecs-task-memory-text", lambda: _td(memory="lots"), f"{TD}.memory"),
    BadInput(
        "ecs-task-8vcpu-windows",
        lambda: _td(cpu=8192, memory=16384, operating_system=WIN),
        f"{TD}.cpu/memory",
    ),
    BadInput(
        "ecs-task-16vcpu-windows",
        lambda: _td(cpu=16384, memory=32768, operating_system=WIN),
        f"{TD}.cpu/memory",
    ),
    BadInput(
        "ecs-task-windows-below-1vcpu",
        lambda: _td(cpu=512, memory=1024, operating_system=WIN),
        f"{TD}.cpu/memory",
    ),
    BadInput(
        "ecs-task-windows-arm64",
        lambda: _td(cpu=1024, memory=2048, operating_system=WIN, architecture="ARM64"),
        f"{TD}.architecture",
    ),
    BadInput("ecs-task-architecture", lambda: _td(architecture="AMD64"), f"{TD}.architecture"),
    BadInput("ecs-task-os", lambda: _td(operating_system="MACOS"), f"{TD}.operating_system"),
    BadInput(
        "ecs-task-ephemeral-20",
        lambda: _td(ephemeral_storage_gib=20),
        f"{TD}.ephemeral_storage_gib",
    ),
    BadInput(
        "ecs-task-ephemeral-201",
        lambda: _td(ephemeral_storage_gib=201),
        f"{TD}.ephemeral_storage_gib",
    ),
    BadInput(
        "ecs-task-ephemeral-windows",
        lambda: _td(cpu=1024, memory=2048, operating_system=WIN, ephemeral_storage_gib=30),
        f"{TD}.ephemeral_storage_gib",
    ),
    BadInput("ecs-task-family", lambda: _td(family="my family!"), f"{TD}.family"),
    BadInput(
        "ecs-task-log-retention", lambda: _td(log_retention_days=42), f"{TD}.log_retention_days"
    ),
    # -- containers in the task ----------------------------------------------------------
    BadInput("ecs-task-no-containers", lambda: _td(containers=[]), f"{TD}.containers"),
    BadInput(
        "ecs-task-no-essential-container",
        lambda: _td(containers=[_c(essential=False)]),
        f"{TD}.containers[].essential",
    ),
    BadInput(
        "ecs-task-duplicate-container-names",
        lambda: _td(containers=[_c(), _c()]),
        f"{TD}.containers[].name",
    ),
    BadInput(
        "ecs-task-eleven-containers",
        lambda: _td(containers=[_c(f"c{i}") for i in range(11)]),
        f"{TD}.containers",
    ),
    BadInput(
        "ecs-task-container-memory-over-task",
        lambda: _td(
            cpu=256, memory=512, containers=[_c(memory=256), _c("side", memory_reservation=300)]
        ),
        f"{TD}.containers[].memory",
    ),
    BadInput(
        "ecs-task-container-cpu-over-task",
        lambda: _td(cpu=256, memory=512, containers=[_c(cpu=200), _c("side", cpu=100)]),
        f"{TD}.containers[].cpu",
    ),
    BadInput(
        "ecs-task-depends-on-unknown",
        lambda: _td(containers=[_c(depends_on={"db": "START"})]),
        "Container(name='web').depends_on",
    ),
    BadInput(
        "ecs-task-healthy-without-health-check",
        lambda: _td(containers=[_c(depends_on={"side": "HEALTHY"}), _c("side")]),
        "Container(name='web').depends_on['side']",
    ),
    BadInput(
        "ecs-task-dependency-cycle",
        lambda: _td(
            containers=[_c(depends_on={"side": "START"}), _c("side", depends_on={"web": "START"})]
        ),
        ".depends_on",
    ),
    BadInput(
        "ecs-task-firelens-without-router",
        lambda: _td(containers=[_c(log_configuration=LogConfiguration(log_driver="awsfirelens"))]),
        "Container(name='web').log_configuration.log_driver",
    ),
    BadInput(
        "ecs-task-readonly-root-on-windows",
        lambda: _td(
            cpu=1024,
            memory=2048,
            operating_system=WIN,
            containers=[_c(readonly_root_filesystem=True)],
        ),
        "Container(name='web').readonly_root_filesystem",
    ),
    BadInput(
        "ecs-task-user-on-windows",
        lambda: _td(cpu=1024, memory=2048, operating_system=WIN, containers=[_c(user="app")]),
        "Container(name='web').user",
    ),
    # -- roles -------------------------------------------------------------------------
    BadInput(
        "ecs-task-own-role-with-statements",
        lambda: _td(
            task_role_arn="arn:aws:iam::123456789012:role/app",
            task_policy_statements=[{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
        ),
        f"{TD}.task_policy_statements",
    ),
    BadInput(
        "ecs-task-statement-without-effect",
        lambda: _td(task_policy_statements=[{"Action": "s3:GetObject", "Resource": "*"}]),
        f"{TD}.task_policy_statements[0].Effect",
    ),
    BadInput(
        "ecs-task-role-arn-not-iam",
        lambda: _td(execution_role_arn="my-role"),
        f"{TD}.execution_role_arn",
    ),
    BadInput(
        "ecs-task-exec-log-group-without-exec",
        lambda: _td(exec_log_group_arn="arn:aws:logs:us-east-1:123456789012:log-group:x"),
        f"{TD}.exec_log_group_arn",
    ),
    # -- Spot platform ---------------------------------------------------------------------
    BadInput(
        "ecs-task-spot-with-arm64",
        lambda: _td(architecture="ARM64", intended_strategy=CapacityStrategy.default()),
        f"{TD}.intended_strategy",
    ),
    BadInput(
        "ecs-task-strategy-items",
        lambda: _td(intended_strategy=[("FARGATE", 0, 1), ("FARGATE_SPOT", 0, 2000)]),
        f"{TD}.intended_strategy[1].weight",
    ),
    BadInput(
        "ecs-task-spot-with-windows",
        lambda: _td(
            cpu=1024, memory=2048, operating_system=WIN, intended_strategy=CapacityStrategy.spot()
        ),
        f"{TD}.intended_strategy",
    ),
    # -- single containers ------------------------------------------------------------------
    BadInput(
        "ecs-container-reservation-above-memory",
        lambda: _c(memory=256, memory_reservation=512),
        "Container(name='web').memory_reservation",
    ),
    BadInput(
        "ecs-container-host-port-differs",
        lambda: _c(port_mappings=[PortMapping(container_port=80, host_port=8080)]),
        "Container(name='web').port_mappings[0].host_port",
    ),
    BadInput(
        "ecs-container-protocol",
        lambda: _c(port_mappings=[PortMapping(container_port=80, protocol="http")]),
        "Container(name='web').port_mappings[0].protocol",
    ),
    BadInput(
        "ecs-container-secret-not-a-reference",
        lambda: _c(secrets={"DB": "hunter2 is my password"}),
        "Container(name='web').secrets['DB']",
    ),
    BadInput(
        "ecs-container-secret-wrong-service-arn",
        lambda: _c(secrets={"DB": "arn:aws:s3:::bucket/secret.txt"}),
        "Container(name='web').secrets['DB']",
    ),
    BadInput(
        "ecs-container-secret-also-in-environment",
        lambda: _c(environment={"DB": "x"}, secrets={"DB": "/app/db"}),
        "Container(name='web').secrets",
    ),
    BadInput(
        "ecs-container-stop-timeout",
        lambda: _c(stop_timeout=300),
        "Container(name='web').stop_timeout",
    ),
    BadInput(
        "ecs-container-health-command",
        lambda: _c(health_check=HealthCheck(command=["curl", "-f", "http://localhost"])),
        "Container(name='web').health_check.command",
    ),
    BadInput(
        "ecs-container-health-interval",
        lambda: _c(health_check=HealthCheck.shell("true", interval=1)),
        "Container(name='web').health_check.interval",
    ),
    BadInput("ecs-container-name", lambda: Container(name="-web", image="nginx"), "Container.name"),
    BadInput(
        "ecs-container-log-driver",
        lambda: _c(log_configuration=LogConfiguration(log_driver="syslog")),
        "Container(name='web').log_configuration.log_driver",
    ),
    # -- strategies --------------------------------------------------------------------
    BadInput(
        "ecs-strategy-provider",
        lambda: _strategy(("EC2", 0, 1)),
        "CapacityStrategy.items[0].provider",
    ),
    BadInput(
        "ecs-strategy-two-bases",
        lambda: _strategy(("FARGATE", 1, 1), ("FARGATE_SPOT", 2, 1)),
        "CapacityStrategy.items.base",
    ),
    BadInput(
        "ecs-strategy-base-range",
        lambda: _strategy(("FARGATE", 100_001, 1)),
        "CapacityStrategy.items[0].base",
    ),
    BadInput(
        "ecs-strategy-weight-range",
        lambda: _strategy(("FARGATE", 0, 1001)),
        "CapacityStrategy.items[0].weight",
    ),
    BadInput(
        "ecs-strategy-zero-weights",
        lambda: _strategy(("FARGATE", 1, 0), ("FARGATE_SPOT", 0, 0)),
        "CapacityStrategy.items.weight",
    ),
    BadInput(
        "ecs-strategy-duplicate-provider",
        lambda: _strategy(("FARGATE_SPOT", 0, 1), ("FARGATE_SPOT", 0, 2)),
        "CapacityStrategy.items.provider",
    ),
    BadInput(
        "ecs-strategy-too-many-items",
        lambda: _strategy(*[("FARGATE", 0, 1)] * 21),
        "CapacityStrategy.items",
    ),
    # -- cluster -----------------------------------------------------------------------------
    BadInput(
        "ecs-cluster-insights",
        lambda: FargateCluster("bad", FargateClusterArgs(container_insights="on")),
        "FargateClusterArgs.container_insights",
    ),
    BadInput(
        "ecs-cluster-exec-retention",
        lambda: FargateCluster("bad", FargateClusterArgs(exec_log_retention_days=0)),
        "FargateClusterArgs.exec_log_retention_days",
    ),
    BadInput(
        "cluster-exec-key-not-kms",
        lambda: FargateCluster("bad", FargateClusterArgs(exec_kms_key_arn="alias/mine")),
        "FargateClusterArgs.exec_kms_key_arn",
    ),
    BadInput(
        "cluster-ephemeral-key-alias",
        lambda: FargateCluster(
            "bad",
            FargateClusterArgs(
                ephemeral_storage_kms_key_arn="arn:aws:kms:us-east-1:123456789012:alias/mine"
            ),
        ),
        "FargateClusterArgs.ephemeral_storage_kms_key_arn",
    ),
    BadInput(
        "cluster-ephemeral-key-multi-region",
        lambda: FargateCluster(
            "bad",
            FargateClusterArgs(
                ephemeral_storage_kms_key_arn="arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd"
            ),
        ),
        "FargateClusterArgs.ephemeral_storage_kms_key_arn",
    ),
    BadInput(
        "cluster-data-protection-word",
        lambda: FargateCluster("bad", FargateClusterArgs(data_protection="yes")),  # type: ignore[arg-type]
        "FargateClusterArgs.data_protection",
    ),
    BadInput(
        "ecs-cluster-name",
        lambda: FargateCluster("bad", FargateClusterArgs(cluster_name="my cluster")),
        "FargateClusterArgs.cluster_name",
    ),
    BadInput(
        "ecs-cluster-strategy",
        lambda: FargateCluster("bad", FargateClusterArgs(default_strategy=[("FARGATE", 0, 0)])),
        "FargateClusterArgs.default_strategy.weight",
    ),
]
