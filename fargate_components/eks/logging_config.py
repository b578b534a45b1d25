"""The ``aws-logging`` ConfigMap of Fargate's built-in log router (pure).

EKS on Fargate runs a Fluent Bit log router for every pod; it is configured by a ConfigMap
named ``aws-logging`` in a namespace ``aws-observability`` labelled
``aws-observability: enabled``. The ConfigMap holds ``output.conf`` (required),
``filters.conf`` and ``parsers.conf``, and may not exceed 5300 characters
(EKS user guide, "Start AWS Fargate logging for your cluster",
https://docs.aws.amazon.com/eks/latest/userguide/fargate-logging.html, checked 2026-11).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ValidationError

__all__ = [
    "CONFIG_MAP_NAME",
    "MAX_CONFIG_MAP_CHARS",
    "NAMESPACE",
    "NAMESPACE_LABELS",
    "FargateLogging",
    "logging_config_data",
]

NAMESPACE = "aws-observability"
NAMESPACE_LABELS = {"aws-observability": "enabled"}
CONFIG_MAP_NAME = "aws-logging"
MAX_CONFIG_MAP_CHARS = 5300


@dataclass(frozen=True, kw_only=True)
class FargateLogging:
    """Fargate's built-in log router: where pod logs go."""

    enabled: bool = True
    """Create the ``aws-observability`` namespace and ``aws-logging`` ConfigMap. Default: True."""
    log_stream_prefix: str = "fargate-"
    """Prefix of each pod's CloudWatch log stream. Default: ``"fargate-"``."""
    retention_days: int = 30
    """Retention of the log group the component creates. Default: 30."""
    kubernetes_metadata: bool = True
    """Add pod/namespace/container metadata to each record (the ``kubernetes`` filter). Default: True."""
    extra_filters: str | None = None
    """Extra Fluent Bit ``[FILTER]`` sections appended to ``filters.conf``. Default: none."""
    parsers: str | None = None
    """Fluent Bit ``[PARSER]`` sections for ``parsers.conf``. Default: none."""


def logging_config_data(
    region: str, log_group_name: str, settings: FargateLogging
) -> dict[str, str]:
    """The ``data`` of the ``aws-logging`` ConfigMap sending pod logs to CloudWatch Logs.

    The log group is created (with retention) by the component, so the router is told not
    to create it (``auto_create_group false``) and needs no ``logs:CreateLogGroup``.
    """
    output = "\n".join(
        [
            "[OUTPUT]",
            "    Name cloudwatch_logs",
            "    Match *",
            f"    region {region}",
            f"    log_group_name {log_group_name}",
            f"    log_stream_prefix {settings.log_stream_prefix}",
            "    auto_create_group false",
            "",
        ]
    )
    data = {"output.conf": output}
    filters = []
    if settings.kubernetes_metadata:
        filters.append(
            "\n".join(
                [
                    "[FILTER]",
                    "    Name kubernetes",
                    "    Match kube.*",
                    "    Merge_Log On",
                    "    Buffer_Size 0",
                    "    Kube_Meta_Cache_TTL 300s",
                    "",
                ]
            )
        )
    if settings.extra_filters:
        filters.append(settings.extra_filters.rstrip("\n") + "\n")
    if filters:
        data["filters.conf"] = "".join(filters)
    if settings.parsers:
        data["parsers.conf"] = settings.parsers.rstrip("\n") + "\n"
    size = sum(len(k) + len(v) for k, v in data.items())
    if size > MAX_CONFIG_MAP_CHARS:
        raise ValidationError(
            "FargateLogging",
            f"{size} characters",
            f"an aws-logging ConfigMap of at most {MAX_CONFIG_MAP_CHARS} characters",
        )
    return data
