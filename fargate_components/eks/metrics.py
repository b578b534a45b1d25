"""CPU and memory metrics of Fargate pods in CloudWatch Container Insights (pure).

On EKS Fargate no DaemonSet runs (so neither the CloudWatch agent nor the
``amazon-cloudwatch-observability`` add-on's node agents collect anything there). What AWS
documents for Fargate is one AWS Distro for OpenTelemetry (ADOT) collector, itself a
Fargate pod, that scrapes each Fargate node's kubelet cAdvisor endpoint through the API
server proxy (``/api/v1/nodes/<node>/proxy/metrics/cadvisor``: a pod can't reach the kubelet
directly on Fargate) and writes pod metrics in the embedded metric format to the log group
``/aws/containerinsights/<cluster>/performance``, from which CloudWatch makes the
``ContainerInsights`` metrics (``pod_cpu_utilization_over_pod_limit``,
``pod_memory_utilization_over_pod_limit``, ...). Sources:

- CloudWatch user guide, "Using AWS Distro for OpenTelemetry" (Container-Insights-EKS-otel):
  the Fargate path;
- ADOT docs, "Container Insights EKS Fargate"
  (https://aws-otel.github.io/docs/getting-started/container-insights/eks-fargate): the
  design, the namespace ``fargate-container-insights`` (which needs a Fargate profile), the
  ``adot-collector`` service account with an IRSA role holding ``CloudWatchAgentServerPolicy``;
- the reference manifest aws-observability/aws-otel-collector
  ``deployment-template/eks/otel-fargate-container-insights.yaml``: the ClusterRole, the
  collector pipeline and the single-replica StatefulSet, which :func:`collector_config`
  and :func:`collector_pod_spec` follow.

Everything here is data; ``EksFargateCluster`` wires it (``metrics=FargateMetrics()``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ValidationError, argument_path
from ..logs import DEFAULT_RETENTION_DAYS, check_retention_days
from .system_pods import check_resources, guaranteed
from .validation import check_service_account

__all__ = [
    "COLLECTOR_IMAGE",
    "COLLECTOR_RESOURCES",
    "CONTAINER_INSIGHTS_POLICY_ARN",
    "POD_METRICS",
    "FargateMetrics",
    "check_metrics",
    "collector_cluster_role_rules",
    "collector_config",
    "collector_pod_spec",
    "performance_log_group",
]

#: The managed policy the ADOT docs give the collector's IRSA role.
CONTAINER_INSIGHTS_POLICY_ARN = "arn:{partition}:iam::aws:policy/CloudWatchAgentServerPolicy"
#: The collector image, pinned (aws-observability/aws-otel-collector VERSION: v0.45.1).
COLLECTOR_IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.45.1"
#: 0.5 vCPU / 1 GB once Fargate adds its 256 MiB (the reference manifest requests 200m /
#: 400Mi with limits of 2 / 2Gi; Fargate bills and caps a pod at its requests' size, so
#: requests = limits sized for a small cluster; raise them for hundreds of pods).
COLLECTOR_RESOURCES = guaranteed("500m", "768Mi")
#: The pod metrics the reference pipeline publishes (its ``metric_declarations``).
POD_METRICS = (
    "pod_cpu_utilization_over_pod_limit",
    "pod_cpu_usage_total",
    "pod_cpu_limit",
    "pod_memory_utilization_over_pod_limit",
    "pod_memory_working_set",
    "pod_memory_limit",
    "pod_network_rx_bytes",
    "pod_network_tx_bytes",
)
COLLECTOR_LABELS = {"app": "aws-adot", "component": "adot-collector"}
CONFIG_KEY = "adot-collector-config.yaml"


@dataclass(frozen=True, kw_only=True)
class FargateMetrics:
    """CloudWatch Container Insights for the cluster's Fargate pods (an ADOT collector)."""

    namespace: str = "fargate-container-insights"
    """Namespace of the collector; the cluster gives it a Fargate profile of its own (one of
    the 10 a cluster may have). Default: ``"fargate-container-insights"``."""
    service_account: str = "adot-collector"
    """Service account of the collector, bound to its IRSA role. Default: ``"adot-collector"``."""
    image: str = COLLECTOR_IMAGE
    """Collector image (pin it). Default: ``public.ecr.aws/aws-observability/aws-otel-collector:v0.45.1``."""
    resources: Mapping[str, Any] = field(default_factory=lambda: dict(COLLECTOR_RESOURCES))
    """Requests (= limits) of the collector pod. Default: 500m / 768Mi, billed as 0.5 vCPU / 1 GB."""
    scrape_interval_seconds: int = 60
    """How often every Fargate node's cAdvisor metrics are scraped (10-3600). Default: 60."""
    retention_days: int = DEFAULT_RETENTION_DAYS
    """Retention of the ``/aws/containerinsights/<cluster>/performance`` log group the
    component creates (the metrics themselves are kept by CloudWatch). Default: 30."""


def check_metrics(argument: str, metrics: Any) -> None:
    """Validate a :class:`FargateMetrics` (names, resources, interval, retention)."""
    if not isinstance(metrics, FargateMetrics):
        raise ValidationError(argument, metrics, "a FargateMetrics(...) or None")
    with argument_path(argument):
        check_service_account(metrics.namespace, metrics.service_account)
    if not isinstance(metrics.image, str) or not metrics.image or metrics.image.endswith(":latest"):
        raise ValidationError(f"{argument}.image", metrics.image, "a pinned image (not :latest)")
    check_resources(f"{argument}.resources", metrics.resources)
    interval = metrics.scrape_interval_seconds
    if isinstance(interval, bool) or not isinstance(interval, int) or not 10 <= interval <= 3600:
        raise ValidationError(
            f"{argument}.scrape_interval_seconds", interval, "an integer from 10 to 3600"
        )
    check_retention_days(f"{argument}.retention_days", metrics.retention_days)


def performance_log_group(cluster_name: str) -> str:
    """The log group the collector's EMF exporter writes to."""
    return f"/aws/containerinsights/{cluster_name}/performance"


def collector_cluster_role_rules() -> list[dict[str, Any]]:
    """What the collector reads: nodes (discovery) and their kubelet through the API proxy."""
    return [
        {
            "apiGroups": [""],
            "resources": [
                "nodes",
                "nodes/proxy",
                "nodes/metrics",
                "services",
                "endpoints",
                "pods",
                "pods/proxy",
            ],
            "verbs": ["get", "list", "watch"],
        },
        {"nonResourceURLs": ["/metrics/cadvisor"], "verbs": ["get", "list", "watch"]},
    ]


def _rename(source: str, target: str, labels: Mapping[str, str]) -> dict[str, Any]:
    return {
        "include": source,
        "new_name": target,
        "action": "insert",
        "match_type": "regexp",
        "experimental_match_labels": {**labels, "LaunchType": "fargate"},
    }


_POD = {"image": "^$", "container": "^$", "pod": "\\S"}
_SOURCES = {
    "pod_cpu_limit_raw": ("container_spec_cpu_quota", _POD),
    "pod_cpu_usage_seconds_total": ("container_cpu_usage_seconds_total", _POD),
    "pod_memory_limit": ("container_spec_memory_limit_bytes", _POD),
    "pod_memory_working_set": ("container_memory_working_set_bytes", _POD),
    "pod_network_rx_bytes": ("container_network_receive_bytes_total", {"pod": "\\S"}),
    "pod_network_tx_bytes": ("container_network_transmit_bytes_total", {"pod": "\\S"}),
}
_RATES = ["pod_cpu_usage_seconds_total", "pod_network_rx_bytes", "pod_network_tx_bytes"]


def _processors() -> dict[str, Any]:
    """The reference pipeline's processors, narrowed to the pod metrics it publishes."""
    return {
        "metricstransform/label_1": {
            "transforms": [
                {
                    "include": ".*",
                    "match_type": "regexp",
                    "action": "update",
                    "operations": [
                        {"action": "update_label", "label": old, "new_label": new}
                        for old, new in (
                            ("name", "container_id"),
                            ("kubernetes_io_hostname", "NodeName"),
                            ("eks_amazonaws_com_compute_type", "LaunchType"),
                        )
                    ],
                }
            ]
        },
        "resourcedetection": {"detectors": ["env", "eks"]},
        "metricstransform/rename": {
            "transforms": [_rename(src, dst, labels) for dst, (src, labels) in _SOURCES.items()]
        },
        "filter": {"metrics": {"include": {"match_type": "regexp", "metric_names": ["pod_.*"]}}},
        "cumulativetodelta": {"metrics": _RATES},
        "deltatorate": {"metrics": _RATES},
        "experimental_metricsgeneration/1": {"rules": _generated()},
        "experimental_metricsgeneration/2": {
            "rules": [
                {
                    "name": "pod_cpu_utilization_over_pod_limit",
                    "type": "calculate",
                    "unit": "Percent",
                    "metric1": "pod_cpu_usage_total",
                    "metric2": "pod_cpu_limit",
                    "operation": "percent",
                }
            ]
        },
        "metricstransform/label_2": {
            "transforms": [
                {
                    "include": ".*",
                    "match_type": "regexp",
                    "action": "update",
                    "operations": [
                        {"action": "add_label", "new_label": "Type", "new_value": "Pod"},
                        {"action": "update_label", "label": "namespace", "new_label": "Namespace"},
                        {"action": "update_label", "label": "pod", "new_label": "PodName"},
                    ],
                }
            ]
        },
        "batch": {"timeout": "60s"},
    }


def _generated() -> list[dict[str, Any]]:
    return [
        {
            "name": "pod_memory_utilization_over_pod_limit",
            "unit": "Percent",
            "type": "calculate",
            "metric1": "pod_memory_working_set",
            "metric2": "pod_memory_limit",
            "operation": "percent",
        },
        {
            "name": "pod_cpu_usage_total",
            "unit": "Millicore",
            "type": "scale",
            "metric1": "pod_cpu_usage_seconds_total",
            "operation": "multiply",
            "scale_by": 1000,
        },
        {
            "name": "pod_cpu_limit",
            "unit": "Millicore",
            "type": "scale",
            "metric1": "pod_cpu_limit_raw",
            "operation": "divide",
            "scale_by": 100,
        },
    ]


def _scrape_config(interval: int) -> dict[str, Any]:
    return {
        "global": {"scrape_interval": f"{interval}s", "scrape_timeout": f"{min(40, interval)}s"},
        "scrape_configs": [
            {
                "job_name": "kubelets-cadvisor-metrics",
                "sample_limit": 10000,
                "scheme": "https",
                "kubernetes_sd_configs": [{"role": "node"}],
                "tls_config": {"ca_file": "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt"},
                "bearer_token_file": "/var/run/secrets/kubernetes.io/serviceaccount/token",
                "relabel_configs": [
                    {"action": "labelmap", "regex": "__meta_kubernetes_node_label_(.+)"},
                    {"target_label": "__address__", "replacement": "kubernetes.default.svc:443"},
                    {
                        "source_labels": ["__meta_kubernetes_node_name"],
                        "regex": "(.+)",
                        "target_label": "__metrics_path__",
                        "replacement": "/api/v1/nodes/$${1}/proxy/metrics/cadvisor",
                    },
                ],
            }
        ],
    }


def collector_config(region: str, settings: FargateMetrics) -> str:
    """The collector's configuration (JSON, which is YAML): the kubelet scrape, the pod
    metric pipeline and the EMF exporter to CloudWatch in ``region``."""
    processors = _processors()
    config = {
        "receivers": {"prometheus": {"config": _scrape_config(settings.scrape_interval_seconds)}},
        "processors": processors,
        "exporters": {
            "awsemf": {
                "log_group_name": "/aws/containerinsights/{ClusterName}/performance",
                "log_stream_name": "{PodName}",
                "namespace": "ContainerInsights",
                "region": region,
                "resource_to_telemetry_conversion": {"enabled": True},
                "eks_fargate_container_insights_enabled": True,
                "parse_json_encoded_attr_values": ["kubernetes"],
                "dimension_rollup_option": "NoDimensionRollup",
                "metric_declarations": [
                    {
                        "dimensions": [
                            ["ClusterName", "LaunchType"],
                            ["ClusterName", "Namespace", "LaunchType"],
                            ["ClusterName", "Namespace", "PodName", "LaunchType"],
                        ],
                        "metric_name_selectors": list(POD_METRICS),
                    }
                ],
            }
        },
        "extensions": {"health_check": {}},
        "service": {
            "pipelines": {
                "metrics": {
                    "receivers": ["prometheus"],
                    "processors": list(processors),
                    "exporters": ["awsemf"],
                }
            },
            "extensions": ["health_check"],
        },
    }
    return json.dumps(config, indent=2)


def collector_pod_spec(
    cluster_name: str, settings: FargateMetrics, config_map: str
) -> dict[str, Any]:
    """The collector's pod template spec (non-root, read-only root filesystem, no
    capabilities: the collector only reads the API and writes to CloudWatch)."""
    return {
        "serviceAccountName": settings.service_account,
        "securityContext": {
            "runAsNonRoot": True,
            "runAsUser": 65534,
            "fsGroup": 65534,
            "seccompProfile": {"type": "RuntimeDefault"},
        },
        "containers": [
            {
                "name": "adot-collector",
                "image": settings.image,
                "command": ["/awscollector", f"--config=/conf/{CONFIG_KEY}"],
                "env": [
                    {"name": "OTEL_RESOURCE_ATTRIBUTES", "value": f"ClusterName={cluster_name}"}
                ],
                "resources": dict(settings.resources),
                "securityContext": {
                    "allowPrivilegeEscalation": False,
                    "readOnlyRootFilesystem": True,
                    "capabilities": {"drop": ["ALL"]},
                },
                "volumeMounts": [{"name": "config", "mountPath": "/conf"}],
            }
        ],
        "volumes": [
            {
                "name": "config",
                "configMap": {
                    "name": config_map,
                    "items": [{"key": CONFIG_KEY, "path": CONFIG_KEY}],
                },
            }
        ],
    }
