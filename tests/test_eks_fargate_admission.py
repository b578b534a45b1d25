"""What the Fargate scheduler refuses, checked on pod specs offline (pure)."""

from __future__ import annotations

from typing import Any

import pytest

from fargate_components.eks.fargate_admission import claim_backing, pod_size, refusals
from fargate_components.eks.workloads import (
    addon_workload,
    container_requests,
    helm_workload,
    object_workload,
)


def _deployment(pod: dict[str, Any], kind: str = "Deployment", **spec: Any) -> Any:
    api = {"Job": "batch/v1", "CronJob": "batch/v1"}.get(kind, "apps/v1")
    template = {"metadata": {"labels": {"app": "x"}}, "spec": pod}
    if kind == "CronJob":
        spec = {"schedule": "0 2 * * *", "jobTemplate": {"spec": {"template": template}}, **spec}
    else:
        spec = {"template": template, **spec}
    workload = object_workload(
        f"kubernetes:{api}:{kind}", {"metadata": {"name": "w", "namespace": "apps"}, "spec": spec}
    )
    assert workload is not None
    return workload


def _fields(pod: dict[str, Any], kind: str = "Deployment") -> list[str]:
    return [r.field for r in refusals(_deployment(pod, kind))]


WEB = {
    "name": "web",
    "image": "nginx",
    "resources": {"requests": {"cpu": "250m", "memory": "512Mi"}},
}


def test_a_plain_pod_is_admitted() -> None:
    assert _fields({"containers": [WEB], "volumes": [{"name": "tmp", "emptyDir": {}}]}) == []


def test_daemonsets_are_refused_with_the_sidecar_fix() -> None:
    (refusal,) = refusals(_deployment({"containers": [WEB]}, "DaemonSet"))
    assert refusal.field == "kind" and "sidecar" in refusal.fix


def test_host_namespaces_privileged_and_host_ports() -> None:
    pod = {
        "hostNetwork": True,
        "hostPID": True,
        "hostIPC": True,
        "initContainers": [{"name": "init", "securityContext": {"privileged": True}}],
        "containers": [{**WEB, "ports": [{"containerPort": 80, "hostPort": 80}]}],
    }
    assert _fields(pod) == [
        "spec.hostNetwork",
        "spec.hostPID",
        "spec.hostIPC",
        "initContainers[init].securityContext.privileged",
        "containers[web].ports[80]",
    ]


def test_volume_types() -> None:
    pod = {
        "containers": [WEB],
        "volumes": [
            {"name": "root", "hostPath": {"path": "/"}},
            {"name": "disk", "awsElasticBlockStore": {"volumeID": "vol-1"}},
            {"name": "cfg", "configMap": {"name": "c"}},
            {"name": "token", "projected": {"sources": []}},
        ],
    }
    found = refusals(_deployment(pod))
    assert [r.field for r in found] == ["spec.volumes[root]", "spec.volumes[disk]"]
    assert "hostPath" in found[0].reason and "awsElasticBlockStore" in found[1].reason


def test_gpus_arm_and_spot() -> None:
    pod = {
        "containers": [{**WEB, "resources": {"limits": {"nvidia.com/gpu": 1}}}],
        "nodeSelector": {"kubernetes.io/arch": "arm64", "eks.amazonaws.com/capacityType": "SPOT"},
    }
    assert _fields(pod) == [
        "spec.nodeSelector[kubernetes.io/arch]",
        "spec.nodeSelector[eks.amazonaws.com/capacityType]",
        "containers[web].resources[nvidia.com/gpu]",
    ]
    affinity = {
        "containers": [WEB],
        "affinity": {
            "nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": {
                    "nodeSelectorTerms": [
                        {
                            "matchExpressions": [
                                {"key": "kubernetes.io/arch", "operator": "In", "values": ["arm64"]}
                            ]
                        }
                    ]
                }
            }
        },
    }
    assert _fields(affinity) == ["spec.affinity.nodeAffinity[kubernetes.io/arch]"]
    assert _fields({**affinity, "nodeSelector": {"kubernetes.io/arch": "amd64"}}) == [
        "spec.affinity.nodeAffinity[kubernetes.io/arch]"
    ]


@pytest.mark.parametrize(
    ("cpu", "memory", "refused"),
    [("16", "119Gi", False), ("16", "120Gi", True), ("17", "8Gi", True)],
)
def test_largest_eks_pod_is_16_vcpu_120_gb(cpu: str, memory: str, refused: bool) -> None:
    pod = {
        "containers": [{"name": "big", "resources": {"requests": {"cpu": cpu, "memory": memory}}}]
    }
    assert ("resources.requests" in _fields(pod)) is refused


def test_ephemeral_storage_up_to_175_gib() -> None:
    def pod(amount: str) -> dict[str, Any]:
        return {
            "containers": [
                {**WEB, "resources": {"requests": {"ephemeral-storage": amount}}},
                {"name": "b", "resources": {"limits": {"ephemeral-storage": amount}}},
            ]
        }

    assert _fields(pod("87Gi")) == []
    assert _fields(pod("88Gi")) == ["resources.ephemeral-storage"]


def test_limits_stand_in_for_missing_requests() -> None:
    requests = container_requests(
        {"name": "c", "resources": {"limits": {"cpu": "1", "memory": "2Gi"}}}
    )
    assert requests is not None and (requests.cpu, requests.memory) == ("1", "2Gi")
    size, _ = pod_size(
        {"containers": [{"name": "c", "resources": {"limits": {"cpu": "1", "memory": "2Gi"}}}]}
    )
    assert str(size) == "1 vCPU / 3 GB"
    unknown, why = pod_size(
        {"containers": [{"name": "c", "resources": {"requests": {"cpu": "[unknown]"}}}]}
    )
    assert unknown is None and "not known" in why


def test_claims_backed_by_ebs_or_dynamic_provisioning_are_refused() -> None:
    classes = {
        "gp3": {"provisioner": "ebs.csi.aws.com"},
        "efs-dyn": {"provisioner": "efs.csi.aws.com"},
    }
    volumes = {"shared": {"spec": {"csi": {"driver": "efs.csi.aws.com"}}}}
    assert claim_backing({"spec": {"storageClassName": "gp3"}}, classes, volumes) == "ebs"
    assert claim_backing({"spec": {"storageClassName": "efs-dyn"}}, classes, volumes) == "dynamic"
    assert claim_backing({"spec": {"volumeName": "shared"}}, classes, volumes) == "efs-static"
    assert claim_backing(None, classes, volumes) == "unknown"
    pod = {
        "containers": [WEB],
        "volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": "d"}}],
    }
    found = refusals(_deployment(pod), lambda namespace, claim: "ebs")
    assert [r.field for r in found] == ["spec.volumes[data]"] and "EBS" in found[0].reason
    assert refusals(_deployment(pod), lambda namespace, claim: "efs-static") == []


def test_job_and_cronjob_pods() -> None:
    job = _deployment({"containers": [WEB]}, "CronJob")
    assert job.schedule == "0 2 * * *" and job.replicas == 1 and job.namespace == "apps"


def test_coredns_addon_off_fargate_without_compute_type() -> None:
    plain = addon_workload({"addonName": "coredns"})
    assert plain is not None and plain.replicas == 2
    assert [r.field for r in refusals(plain)] == [
        "metadata.annotations[eks.amazonaws.com/compute-type]"
    ]
    sized = addon_workload(
        {
            "addonName": "coredns",
            "configurationValues": '{"computeType": "Fargate", "replicaCount": 3, '
            '"resources": {"requests": {"cpu": "250m", "memory": "256Mi"}}}',
        }
    )
    assert sized is not None and sized.replicas == 3 and refusals(sized) == []
    assert str(pod_size(sized.pod_spec)[0]) == "0.25 vCPU / 0.5 GB"
    assert addon_workload({"addonName": "vpc-cni"}) is None


def test_load_balancer_controller_release() -> None:
    release = helm_workload(
        {
            "chart": "aws-load-balancer-controller",
            "name": "lbc",
            "namespace": "kube-system",
            "values": {"replicaCount": 3},
        }
    )
    assert release is not None and release.replicas == 3
    assert release.pod_labels["app.kubernetes.io/name"] == "aws-load-balancer-controller"
    assert helm_workload({"chart": "nginx"}) is None
