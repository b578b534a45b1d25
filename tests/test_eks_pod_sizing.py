"""EKS Fargate pod sizing and placement checks (pure)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fargate_components.eks.pod_sizing import (
    ContainerRequests,
    check_pod_placement,
    fargate_pod_size,
    parse_k8s_cpu,
    parse_k8s_memory,
)
from fargate_components.errors import ValidationError
from fargate_components.sizing import FARGATE_TASK_SIZES, TaskSize


@pytest.mark.parametrize(
    ("text", "units"), [("250m", 256), ("0.5", 512), ("1", 1024), (2, 2048), ("100m", 103)]
)
def test_cpu_quantities(text: object, units: int) -> None:
    assert parse_k8s_cpu("cpu", text) == units


@pytest.mark.parametrize(
    ("text", "mib"),
    [("512Mi", 512), ("1Gi", 1024), ("1G", 954), ("128M", 123), (2**30, 1024), ("1.5Gi", 1536)],
)
def test_memory_quantities(text: object, mib: int) -> None:
    assert parse_k8s_memory("memory", text) == mib


@pytest.mark.parametrize("bad", ["lots", "1x", "-1", True, None, "1Gb"])
def test_bad_quantities_are_rejected(bad: object) -> None:
    with pytest.raises(ValidationError):
        parse_k8s_memory("memory", bad)


def test_documented_example_one_vcpu_eight_gib_becomes_two_vcpu_nine_gb() -> None:
    assert fargate_pod_size([ContainerRequests(cpu="1", memory="8Gi")]) == TaskSize(2048, 9216)


def test_no_requests_gives_the_smallest_size() -> None:
    assert fargate_pod_size([ContainerRequests()]) == TaskSize(256, 512)


def test_overhead_pushes_to_the_next_memory_step() -> None:
    # 0.25 vCPU / 512 Mi + 256 Mi overhead -> 0.25 vCPU / 1 GB
    assert fargate_pod_size([{"cpu": "250m", "memory": "512Mi"}]) == TaskSize(256, 1024)


def test_containers_are_summed_and_init_containers_maxed() -> None:
    size = fargate_pod_size(
        [{"cpu": "250m", "memory": "256Mi"}, {"cpu": "250m", "memory": "256Mi"}],
        init_containers=[{"cpu": "2", "memory": "1Gi"}, {"cpu": "500m", "memory": "3Gi"}],
    )
    # cpu max(0.5, 2) = 2 vCPU; memory max(512Mi, 3Gi) + 256 = 3328 -> 4 GB at 2 vCPU
    assert size == TaskSize(2048, 4096)


def test_too_big_a_pod_is_rejected() -> None:
    with pytest.raises(ValidationError, match="containers"):
        fargate_pod_size([{"cpu": "16", "memory": "120Gi"}])


@given(cpu=st.integers(0, 16000), memory=st.integers(0, 120 * 1024 - 256))
def test_size_is_valid_and_covers_the_requests(cpu: int, memory: int) -> None:
    size = fargate_pod_size([{"cpu": f"{cpu}m", "memory": f"{memory}Mi"}])
    assert size.memory in FARGATE_TASK_SIZES[size.cpu]
    assert size.cpu * 1000 >= cpu * 1024  # never below the cpu request
    assert size.memory >= memory + 256


@pytest.mark.parametrize(
    "selector",
    [
        {"kubernetes.io/arch": "arm64"},
        {"eks.amazonaws.com/capacityType": "SPOT"},
        {"karpenter.sh/capacity-type": "spot"},
    ],
)
def test_spot_and_arm_are_rejected(selector: dict[str, str]) -> None:
    with pytest.raises(ValidationError, match="is not allowed"):
        check_pod_placement("nodeSelector", selector)


def test_amd64_and_on_demand_are_fine() -> None:
    check_pod_placement(
        "nodeSelector",
        {"kubernetes.io/arch": "amd64", "eks.amazonaws.com/capacityType": "ON_DEMAND", "x": "y"},
    )


def test_system_pods_fill_their_fargate_size() -> None:
    from fargate_components.eks.fargate_admission import pod_size
    from fargate_components.eks.system_pods import COREDNS_RESOURCES, LB_CONTROLLER_RESOURCES

    def size(resources: dict) -> str:
        return str(pod_size({"containers": [{"name": "c", "resources": resources}]})[0])

    assert size(COREDNS_RESOURCES) == "0.25 vCPU / 0.5 GB"
    assert size(LB_CONTROLLER_RESOURCES) == "0.25 vCPU / 1 GB"
