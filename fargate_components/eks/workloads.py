"""The pods a program runs on EKS, read from Kubernetes objects, add-ons and Helm values (pure).

A :class:`Workload` is what Fargate sees: a namespace, the pod's labels, its pod spec and how
many pods run. It is read from the wire shapes (camelCase inputs) of

- Kubernetes workload objects (:data:`WORKLOAD_TYPES`: Deployment, StatefulSet, ReplicaSet,
  DaemonSet, Job, CronJob, Pod);
- the ``coredns`` EKS add-on (its Deployment, sized by the add-on's configuration values);
- the AWS Load Balancer Controller Helm release (its Deployment, from the chart's values).

Values a preview cannot know are the plan's marks (``"[unknown]"``, ``"[secret]"``) and are
reported as unknown, never guessed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model.tokens import (
    HELM_CHART_V4,
    HELM_RELEASE,
    K8S_CRON_JOB,
    K8S_DAEMON_SET,
    K8S_DEPLOYMENT,
    K8S_JOB,
    K8S_POD,
    K8S_REPLICA_SET,
    K8S_STATEFUL_SET,
)
from .pod_sizing import ContainerRequests

__all__ = [
    "COREDNS_DEFAULT_REPLICAS",
    "COREDNS_DEFAULT_RESOURCES",
    "COREDNS_LABELS",
    "HELM_RELEASE_TYPES",
    "LB_CONTROLLER_CHART",
    "LB_CONTROLLER_DEFAULT_REPLICAS",
    "UNKNOWN_MARKS",
    "WORKLOAD_TYPES",
    "Workload",
    "addon_workload",
    "container_requests",
    "helm_workload",
    "is_known",
    "object_workload",
    "pod_containers",
]

#: The plan's marks for values a preview cannot see (unknown until deploy, secret).
UNKNOWN_MARKS = ("[unknown]", "[secret]")

#: Kubernetes workload type tokens and their kinds.
WORKLOAD_TYPES = {
    K8S_DEPLOYMENT: "Deployment",
    K8S_STATEFUL_SET: "StatefulSet",
    K8S_REPLICA_SET: "ReplicaSet",
    K8S_DAEMON_SET: "DaemonSet",
    K8S_JOB: "Job",
    K8S_CRON_JOB: "CronJob",
    K8S_POD: "Pod",
}
HELM_RELEASE_TYPES = (HELM_RELEASE, HELM_CHART_V4)

#: The labels of the CoreDNS pods EKS's add-on creates (the add-on's Deployment template).
COREDNS_LABELS = {"k8s-app": "kube-dns", "eks.amazonaws.com/component": "coredns"}
#: The add-on's defaults when its configuration values say nothing (EKS CoreDNS manifest:
#: 2 replicas, requests 100m cpu / 70Mi, limit 170Mi memory).
COREDNS_DEFAULT_REPLICAS = 2
COREDNS_DEFAULT_RESOURCES: Mapping[str, Any] = {
    "requests": {"cpu": "100m", "memory": "70Mi"},
    "limits": {"memory": "170Mi"},
}
#: The AWS Load Balancer Controller chart (eks-charts) and its default replica count.
LB_CONTROLLER_CHART = "aws-load-balancer-controller"
LB_CONTROLLER_DEFAULT_REPLICAS = 2


def is_known(value: Any) -> bool:
    """False for the plan's unknown/secret marks (anywhere a plain value is expected)."""
    return not (isinstance(value, str) and value in UNKNOWN_MARKS)


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _labels(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in _map(value).items() if is_known(v)}


def _count(value: Any, default: int) -> int | None:
    """An integer count, ``default`` when absent, ``None`` when unknown."""
    if value is None:
        return default
    if isinstance(value, bool) or not is_known(value):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Workload:
    """The pods one object runs, as Fargate's scheduler sees them."""

    kind: str
    """``Deployment``, ``StatefulSet``, ..., or ``CoreDNS add-on`` / ``Helm release``."""
    name: str
    namespace: str | None
    """``None`` when the namespace is not known at preview."""
    pod_labels: Mapping[str, str]
    pod_spec: Mapping[str, Any]
    replicas: int | None
    """Pods running at steady state (``None``: not known; a DaemonSet: one per node)."""
    replicas_source: str
    schedule: str | None = None
    """A CronJob's ``spec.schedule``."""
    time_zone: str | None = None
    job_spec: Mapping[str, Any] = field(default_factory=dict)
    """A Job's or CronJob's job spec (``parallelism``, ``ttlSecondsAfterFinished``, ...)."""
    pod_annotations: Mapping[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        where = self.namespace if self.namespace is not None else "<namespace unknown>"
        return f"{self.kind} {where}/{self.name}"


def _from_template(
    kind: str, metadata: Mapping[str, Any], template: Mapping[str, Any], **extra: Any
) -> Workload:
    namespace = metadata.get("namespace") or "default"
    meta = _map(template.get("metadata"))
    return Workload(
        kind=kind,
        name=str(metadata.get("name") or ""),
        namespace=str(namespace) if is_known(namespace) else None,
        pod_labels=_labels(meta.get("labels")),
        pod_annotations=_labels(meta.get("annotations")),
        pod_spec=_map(template.get("spec")),
        **extra,
    )


def object_workload(type_: str, inputs: Mapping[str, Any], name: str = "") -> Workload | None:
    """The workload of a Kubernetes object (``None`` for a type that runs no pods).
    ``name`` is used when ``metadata.name`` is absent (Pulumi auto-names the object)."""
    kind = WORKLOAD_TYPES.get(type_)
    if kind is None:
        return None
    metadata = dict(_map(inputs.get("metadata")))
    metadata.setdefault("name", name)
    spec = _map(inputs.get("spec"))
    if kind == "Pod":
        template = {"metadata": metadata, "spec": spec}
        return _from_template(kind, metadata, template, replicas=1, replicas_source="a Pod")
    if kind == "DaemonSet":
        return _from_template(
            kind,
            metadata,
            _map(spec.get("template")),
            replicas=None,
            replicas_source="one pod per node",
        )
    if kind in ("Job", "CronJob"):
        job = _map(_map(spec.get("jobTemplate")).get("spec")) if kind == "CronJob" else spec
        return _from_template(
            kind,
            metadata,
            _map(job.get("template")),
            replicas=_count(job.get("parallelism"), 1),
            replicas_source="spec.parallelism (default 1)",
            schedule=str(spec["schedule"]) if kind == "CronJob" and "schedule" in spec else None,
            time_zone=str(spec["timeZone"]) if spec.get("timeZone") else None,
            job_spec=job,
        )
    return _from_template(
        kind,
        metadata,
        _map(spec.get("template")),
        replicas=_count(spec.get("replicas"), 1),
        replicas_source="spec.replicas" if "replicas" in spec else "spec.replicas (default 1)",
    )


def _configuration(value: Any) -> Mapping[str, Any]:
    if isinstance(value, Mapping):
        return value
    if isinstance(value, str) and is_known(value):
        try:
            parsed = json.loads(value)
        except ValueError:
            return {}
        return parsed if isinstance(parsed, Mapping) else {}
    return {}


def addon_workload(inputs: Mapping[str, Any]) -> Workload | None:
    """The CoreDNS Deployment of a ``coredns`` add-on (other add-ons: ``None``).

    Its ``configurationValues`` (JSON) may set ``replicaCount``, ``resources`` and
    ``computeType``; without ``computeType: Fargate`` the add-on's pods carry the
    ``eks.amazonaws.com/compute-type: ec2`` annotation and Fargate never takes them.
    """
    if inputs.get("addonName") != "coredns":
        return None
    config = _configuration(inputs.get("configurationValues"))
    resources = config.get("resources", COREDNS_DEFAULT_RESOURCES)
    annotations = {} if config.get("computeType") == "Fargate" else {_COMPUTE_TYPE: "ec2"}
    return Workload(
        kind="CoreDNS add-on",
        name="coredns",
        namespace="kube-system",
        pod_labels=dict(COREDNS_LABELS),
        pod_annotations=annotations,
        pod_spec={"containers": [{"name": "coredns", "resources": resources}]},
        replicas=_count(config.get("replicaCount"), COREDNS_DEFAULT_REPLICAS),
        replicas_source=(
            "configurationValues.replicaCount"
            if "replicaCount" in config
            else f"the add-on's default ({COREDNS_DEFAULT_REPLICAS})"
        ),
    )


#: The annotation through which the CoreDNS add-on keeps its pods off Fargate.
_COMPUTE_TYPE = "eks.amazonaws.com/compute-type"


def helm_workload(inputs: Mapping[str, Any]) -> Workload | None:
    """The controller Deployment of an AWS Load Balancer Controller Helm release (other
    charts: ``None``; their templates are not rendered offline)."""
    if inputs.get("chart") != LB_CONTROLLER_CHART:
        return None
    values = _map(inputs.get("values"))
    name = str(inputs.get("name") or LB_CONTROLLER_CHART)
    namespace = inputs.get("namespace") or "default"
    labels = {"app.kubernetes.io/name": LB_CONTROLLER_CHART, "app.kubernetes.io/instance": name}
    labels.update(_labels(values.get("podLabels")))
    spec: dict[str, Any] = {
        "containers": [
            {"name": "aws-load-balancer-controller", "resources": values.get("resources") or {}}
        ]
    }
    for key in ("nodeSelector", "affinity", "hostNetwork"):
        if key in values:
            spec[key] = values[key]
    return Workload(
        kind="Helm release",
        name=name,
        namespace=str(namespace) if is_known(namespace) else None,
        pod_labels=labels,
        pod_spec=spec,
        replicas=_count(values.get("replicaCount"), LB_CONTROLLER_DEFAULT_REPLICAS),
        replicas_source=(
            "values.replicaCount"
            if "replicaCount" in values
            else f"the chart's default ({LB_CONTROLLER_DEFAULT_REPLICAS})"
        ),
    )


def pod_containers(pod_spec: Mapping[str, Any], key: str = "containers") -> list[Mapping[str, Any]]:
    """The containers (or ``initContainers`` / ``ephemeralContainers``) of a pod spec."""
    items = pod_spec.get(key)
    return [c for c in items if isinstance(c, Mapping)] if isinstance(items, list) else []


def container_requests(container: Mapping[str, Any]) -> ContainerRequests | None:
    """What the scheduler sees as a container's requests: ``resources.requests``, each
    defaulting to its limit when only a limit is given (Kubernetes' defaulting). ``None``
    when a value is unknown at preview."""
    resources = _map(container.get("resources"))
    requests, limits = _map(resources.get("requests")), _map(resources.get("limits"))
    cpu = requests.get("cpu", limits.get("cpu"))
    memory = requests.get("memory", limits.get("memory"))
    if not (is_known(cpu) and is_known(memory)):
        return None
    return ContainerRequests(name=str(container.get("name") or "container"), cpu=cpu, memory=memory)
