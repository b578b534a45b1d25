"""Sidecars that need AWS access, with exactly that access: a FireLens (Fluent Bit) log router
shipping the task's logs to a CloudWatch log group, and an X-Ray daemon or ADOT collector
sending traces to X-Ray. Pure: no Pulumi resources.

Sources (checked 2026-12):

* FireLens: one log router per task, ``firelensConfiguration.type`` ``fluentbit``; the
  routed containers use the ``awsfirelens`` log driver whose options configure the Fluent
  Bit output ("Send Amazon ECS logs to an AWS service or AWS Partner", ECS developer guide).
  The core ``cloudwatch_logs`` output needs ``logs:CreateLogStream`` and ``logs:PutLogEvents``
  (plus ``logs:CreateLogGroup`` only with ``auto_create_group``, which we leave off: the log
  group is ours, with a retention) - Fluent Bit manual, "Amazon CloudWatch" output; the older
  Go ``cloudwatch`` plugin also needs ``logs:DescribeLogStreams`` (fluent/fluent-bit-docs #913),
  which is why we configure ``cloudwatch_logs``. The router runs in the *task role*: the
  statement goes there, scoped to the log group and its streams.
* X-Ray: ``AWSXRayDaemonWriteAccess`` (AWS managed policy reference) allows exactly
  ``xray:PutTraceSegments``, ``xray:PutTelemetryRecords``, ``xray:GetSamplingRules``,
  ``xray:GetSamplingTargets``, ``xray:GetSamplingStatisticSummaries`` on ``"*"`` (these
  actions take no resource ARN); we write those five inline. The daemon listens on UDP 2000;
  the ADOT collector's bundled ``/etc/ecs/ecs-xray.yaml`` receives OTLP (4317 gRPC, 4318
  HTTP) and exports only traces to X-Ray, so it needs the same five actions.
* Images: ``public.ecr.aws/aws-observability/aws-for-fluent-bit:stable``,
  ``public.ecr.aws/xray/aws-xray-daemon:3.x`` and
  ``public.ecr.aws/aws-observability/aws-otel-collector:v0.41.1`` are AWS's public images
  (tags as used in AWS's own samples; **pin your own digest for production** with ``image=``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi

from ..errors import ValidationError, check_choice, check_int_range
from ..iam import Statement, statement
from ..logs import check_retention_days
from .containers import Container, FireLensConfig, LogConfiguration, PortMapping

__all__ = [
    "COLLECTOR_KINDS",
    "XRAY_WRITE_ACTIONS",
    "LogRouter",
    "TraceCollector",
    "check_sidecars",
    "collector_container",
    "collector_statements",
    "log_router_statements",
    "route_to_cloudwatch",
    "router_container",
]

FLUENT_BIT_IMAGE = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"
XRAY_DAEMON_IMAGE = "public.ecr.aws/xray/aws-xray-daemon:3.x"
ADOT_IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.41.1"
COLLECTOR_KINDS = ("xray", "adot")
XRAY_WRITE_ACTIONS = (
    "xray:GetSamplingRules",
    "xray:GetSamplingStatisticSummaries",
    "xray:GetSamplingTargets",
    "xray:PutTelemetryRecords",
    "xray:PutTraceSegments",
)
FIRELENS_LOG_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")
_PREFIX = re.compile(r"^[A-Za-z0-9_./-]{1,128}$")


@dataclass(frozen=True, kw_only=True)
class LogRouter:
    """A FireLens (Fluent Bit) log router: every container without its own
    ``log_configuration`` ships through it to a CloudWatch log group created for the task,
    and the task role may write exactly there.

    Example::

        # fragment: `containers=[...]` stands for your containers
        FargateTaskDefinitionArgs(containers=[...], log_router=LogRouter())
    """

    name: str = "log-router"
    """The router container's name. Default: "log-router"."""
    image: pulumi.Input[str] = FLUENT_BIT_IMAGE
    """Fluent Bit image. Default: AWS for Fluent Bit, ``stable``."""
    retention_days: int = 30
    """Retention of the application log group. Default: 30."""
    stream_prefix: str = "app-"
    """Prefix of the log streams (the container's tag follows). Default: "app-"."""
    memory_reservation: int = 50
    """Soft memory limit of the router (MiB), as AWS's FireLens examples reserve. Default: 50."""


@dataclass(frozen=True, kw_only=True)
class TraceCollector:
    """A trace collector sidecar (X-Ray daemon, or ADOT collector with its X-Ray config) and
    the five X-Ray write actions on the task role.

    Example::

        # fragment: `containers=[...]` stands for your containers
        FargateTaskDefinitionArgs(containers=[...], trace_collector=TraceCollector(kind="adot"))
    """

    kind: str = "xray"
    """``"xray"`` (daemon, UDP 2000) or ``"adot"`` (OTLP 4317/4318). Default: "xray"."""
    name: str | None = None
    """The sidecar's container name. Default: None ("xray-daemon" / "adot-collector")."""
    image: pulumi.Input[str] | None = None
    """Image. Default: None (AWS's public image for ``kind``)."""
    cpu: int = 32
    """CPU units reserved for the sidecar. Default: 32."""
    memory_reservation: int = 256
    """Soft memory limit (MiB). Default: 256."""


def check_sidecars(router: Any, collector: Any, containers: Sequence[Container]) -> None:
    """Validate the sidecar settings against the task's own containers. Raises under
    ``log_router`` / ``trace_collector``; the task definition re-raises under its own path
    (``errors.argument_path``)."""
    if router is not None:
        if not isinstance(router, LogRouter):
            raise ValidationError("log_router", router, "a LogRouter")
        check_retention_days("log_router.retention_days", router.retention_days)
        if not isinstance(router.stream_prefix, str) or not _PREFIX.match(router.stream_prefix):
            raise ValidationError(
                "log_router.stream_prefix",
                router.stream_prefix,
                "1-128 letters, digits, '-', '_', '.', '/'",
            )
        check_int_range("log_router.memory_reservation", router.memory_reservation, 6, 122880)
        own = [c.name for c in containers if c.firelens is not None]
        if own:
            raise ValidationError(
                "log_router",
                own,
                "unset when a container is already a FireLens router (firelens=...)",
            )
    if collector is not None:
        if not isinstance(collector, TraceCollector):
            raise ValidationError("trace_collector", collector, "a TraceCollector")
        check_choice("trace_collector.kind", collector.kind, COLLECTOR_KINDS)
        check_int_range("trace_collector.cpu", collector.cpu, 0, 16384)
        check_int_range(
            "trace_collector.memory_reservation",
            collector.memory_reservation,
            6,
            122880,
        )


def router_container(router: LogRouter) -> Container:
    """The Fluent Bit container: essential (no router, no logs), logging itself with
    ``awslogs`` to the task's log group, read-only root with a scratch ``/tmp``."""
    return Container(
        name=router.name,
        image=router.image,
        essential=True,
        firelens=FireLensConfig(type="fluentbit", options={"enable-ecs-log-metadata": "true"}),
        memory_reservation=router.memory_reservation,
        writable_paths=["/tmp"],
    )


def collector_container(collector: TraceCollector) -> Container:
    """The trace collector container: not essential (tracing must never stop the task)."""
    if collector.kind == "xray":
        return Container(
            name=collector.name or "xray-daemon",
            image=collector.image or XRAY_DAEMON_IMAGE,
            essential=False,
            cpu=collector.cpu,
            memory_reservation=collector.memory_reservation,
            port_mappings=[PortMapping(container_port=2000, protocol="udp")],
        )
    return Container(
        name=collector.name or "adot-collector",
        image=collector.image or ADOT_IMAGE,
        essential=False,
        cpu=collector.cpu,
        memory_reservation=collector.memory_reservation,
        command=["--config=/etc/ecs/ecs-xray.yaml"],
        port_mappings=[4317, 4318],
    )


def is_routed(container: Container, router: LogRouter | None) -> bool:
    """Whether the router ships this container's logs (it has no log configuration of its
    own and is not the router)."""
    return (
        router is not None
        and container.name != router.name
        and container.log_configuration is None
        and container.firelens is None
    )


def route_to_cloudwatch(
    container: Container,
    *,
    region: pulumi.Input[str],
    log_group_name: pulumi.Input[str],
    stream_prefix: str,
) -> Container:
    """The container with an ``awsfirelens`` log configuration for Fluent Bit's
    ``cloudwatch_logs`` output (no group auto-creation: the group is ours)."""
    options: Mapping[str, pulumi.Input[str]] = {
        "Name": "cloudwatch_logs",
        "region": region,
        "log_group_name": log_group_name,
        "log_stream_prefix": stream_prefix,
        "auto_create_group": "false",
    }
    return dataclasses.replace(
        container, log_configuration=LogConfiguration(log_driver="awsfirelens", options=options)
    )


def log_router_statements(log_group_arn: str) -> list[Statement]:
    """Exactly what the router's ``cloudwatch_logs`` output needs on the task role."""
    arn = log_group_arn.removesuffix(":*")
    return [statement(FIRELENS_LOG_ACTIONS, [arn, f"{arn}:log-stream:*"], sid="FireLensLogs")]


def collector_statements() -> list[Statement]:
    """The X-Ray write actions (``AWSXRayDaemonWriteAccess``); they take no resource ARN."""
    return [statement(XRAY_WRITE_ACTIONS, "*", sid="XRayWrite")]
