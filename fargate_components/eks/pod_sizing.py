"""What EKS on Fargate bills for a pod spec, and what it cannot run (pure).

EKS sizes a Fargate pod from the pod spec's *requests* ("Understand Fargate Pod configuration
details", EKS user guide, https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html,
checked 2026-11):

- the largest request of any init container is the init requirement;
- the requests of all long-running containers are summed;
- the larger of the two (cpu and memory each) is taken;
- 256 MiB is added to the memory for kubelet, kube-proxy and containerd;
- the result is rounded up to the nearest valid pair of the Fargate table
  (:func:`fargate_components.sizing.round_up_to_task_size`); with no requests at all the
  smallest pair (0.25 vCPU / 0.5 GB) is used.

So ``1 vCPU / 8 Gi`` is billed as ``2 vCPU / 9 GB``.

EKS on Fargate has no Spot capacity and no Arm (Graviton) pods: a pod spec that asks for
either through its ``nodeSelector`` (``kubernetes.io/arch: arm64``,
``eks.amazonaws.com/capacityType: SPOT``) would never be scheduled on Fargate.
:func:`check_pod_placement` rejects such a spec clearly instead.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ValidationError
from ..sizing import TaskSize, round_up_to_task_size

__all__ = [
    "KUBERNETES_OVERHEAD_MIB",
    "ContainerRequests",
    "check_pod_placement",
    "fargate_pod_size",
    "parse_k8s_cpu",
    "parse_k8s_memory",
]

#: Memory Fargate adds to every pod for kubelet, kube-proxy and containerd.
KUBERNETES_OVERHEAD_MIB = 256

_NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\s*([A-Za-z]*)\s*$")

# Kubernetes resource.Quantity suffixes, as multipliers of one byte.
_MEMORY_SUFFIX = {
    "": 1,
    "k": 10**3,
    "M": 10**6,
    "G": 10**9,
    "T": 10**12,
    "Ki": 2**10,
    "Mi": 2**20,
    "Gi": 2**30,
    "Ti": 2**40,
    "m": 10**-3,
}


def parse_k8s_cpu(argument: str, value: Any) -> int:
    """CPU units (1024 = 1 vCPU, rounded up) from a Kubernetes quantity: ``"250m"``,
    ``"0.5"``, ``"1"``, ``2`` or ``0.25``."""
    allowed = "a Kubernetes cpu quantity such as '250m', '0.5' or '2'"
    if isinstance(value, bool):
        raise ValidationError(argument, value, allowed)
    if isinstance(value, (int, float)):
        cores = float(value)
    elif isinstance(value, str) and (match := _NUMBER.match(value)):
        number, suffix = float(match.group(1)), match.group(2)
        if suffix == "":
            cores = number
        elif suffix == "m":
            cores = number / 1000
        else:
            raise ValidationError(argument, value, allowed)
    else:
        raise ValidationError(argument, value, allowed)
    if cores < 0 or math.isinf(cores):
        raise ValidationError(argument, value, allowed)
    return math.ceil(round(cores * 1024, 6))


def parse_k8s_memory(argument: str, value: Any) -> int:
    """Memory MiB (rounded up) from a Kubernetes quantity: ``"512Mi"``, ``"1Gi"``,
    ``"1G"`` (10^9 bytes), ``"128M"``, or a plain number of bytes."""
    allowed = "a Kubernetes memory quantity such as '512Mi', '1Gi', '1G' or bytes"
    if isinstance(value, bool):
        raise ValidationError(argument, value, allowed)
    if isinstance(value, (int, float)):
        number_bytes = float(value)
    elif isinstance(value, str) and (match := _NUMBER.match(value)):
        number, suffix = float(match.group(1)), match.group(2)
        if suffix not in _MEMORY_SUFFIX:
            raise ValidationError(argument, value, allowed)
        number_bytes = number * _MEMORY_SUFFIX[suffix]
    else:
        raise ValidationError(argument, value, allowed)
    if number_bytes < 0 or math.isinf(number_bytes):
        raise ValidationError(argument, value, allowed)
    return math.ceil(round(number_bytes / 2**20, 6))


@dataclass(frozen=True, kw_only=True)
class ContainerRequests:
    """One container's ``resources.requests`` as written in the pod spec."""

    name: str = "container"
    """The container's name (used in error messages). Default: ``"container"``."""
    cpu: str | int | float | None = None
    """The cpu request, e.g. ``"250m"`` or ``"1"``. Default: none (no request)."""
    memory: str | int | None = None
    """The memory request, e.g. ``"512Mi"`` or ``"1Gi"``. Default: none (no request)."""

    def units(self) -> tuple[int, int]:
        """``(cpu units, memory MiB)`` of this container's requests."""
        where = f"ContainerRequests(name={self.name!r})"
        cpu = 0 if self.cpu is None else parse_k8s_cpu(f"{where}.cpu", self.cpu)
        memory = 0 if self.memory is None else parse_k8s_memory(f"{where}.memory", self.memory)
        return cpu, memory


def _as_requests(item: ContainerRequests | Mapping[str, Any]) -> ContainerRequests:
    if isinstance(item, ContainerRequests):
        return item
    return ContainerRequests(
        name=str(item.get("name", "container")), cpu=item.get("cpu"), memory=item.get("memory")
    )


def fargate_pod_size(
    containers: Iterable[ContainerRequests | Mapping[str, Any]],
    init_containers: Iterable[ContainerRequests | Mapping[str, Any]] = (),
) -> TaskSize:
    """The Fargate size EKS provisions (and bills) for a pod with these requests.

    Example::

        >>> str(fargate_pod_size([ContainerRequests(cpu="1", memory="8Gi")]))
        '2 vCPU / 9 GB'

    Containers may also be given as mappings ``{"name":..., "cpu":..., "memory":...}``.
    Raises ``ValidationError`` for an unreadable quantity or a pod larger than 16 vCPU /
    120 GB (Fargate's largest size).
    """
    regular = [_as_requests(c).units() for c in containers]
    init = [_as_requests(c).units() for c in init_containers]
    cpu = max(sum(c for c, _ in regular), max((c for c, _ in init), default=0))
    memory = max(sum(m for _, m in regular), max((m for _, m in init), default=0))
    try:
        return round_up_to_task_size(cpu, memory + KUBERNETES_OVERHEAD_MIB)
    except ValidationError as error:
        raise ValidationError(
            "containers",
            {"cpu_units": cpu, "memory_mib": memory + KUBERNETES_OVERHEAD_MIB},
            "requests (plus 256 MiB Fargate overhead) of at most 16 vCPU and 120 GB",
        ) from error


#: nodeSelector / label keys through which a pod spec asks for Arm or Spot capacity.
_ARCH_KEYS = ("kubernetes.io/arch", "beta.kubernetes.io/arch")
_CAPACITY_KEYS = ("eks.amazonaws.com/capacityType", "karpenter.sh/capacity-type")


def check_pod_placement(argument: str, selector: Mapping[str, Any] | None) -> None:
    """Reject a ``nodeSelector`` (or label map) that asks for what EKS Fargate lacks:
    Arm64 (``kubernetes.io/arch`` other than ``amd64``) or Spot capacity
    (``eks.amazonaws.com/capacityType`` / ``karpenter.sh/capacity-type`` other than
    on-demand). Such pods would stay Pending forever on a Fargate-only cluster."""
    for key, value in (selector or {}).items():
        text = str(value).lower()
        if key in _ARCH_KEYS and text != "amd64":
            raise ValidationError(
                f"{argument}[{key!r}]",
                value,
                "'amd64' only: EKS on Fargate runs x86_64 pods, there is no Arm64 Fargate for EKS",
            )
        if key in _CAPACITY_KEYS and text not in ("on_demand", "on-demand"):
            raise ValidationError(
                f"{argument}[{key!r}]",
                value,
                "on-demand only: EKS on Fargate has no Spot capacity (use ECS FARGATE_SPOT)",
            )
