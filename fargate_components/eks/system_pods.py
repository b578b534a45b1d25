"""Requests for the pods the cluster itself runs on Fargate: CoreDNS and the AWS Load
Balancer Controller, sized to fill the Fargate size they are billed for (pure).

EKS bills a Fargate pod by its requests + 256 MiB, rounded up to a Fargate size, and runs
it with guaranteed QoS ("requested CPU and memory must be equal to the limit", EKS user
guide, "Understand Fargate Pod configuration details"). A pod that requests less than its
size pays for capacity it may not use; so each system pod requests exactly its size
minus the 256 MiB Fargate reserves, with limits equal to requests:

- CoreDNS: 0.25 vCPU / 0.5 GB (the seeds' EKS blueprint sizing), i.e. 250m / 256Mi. The
  add-on's own default (100m / 70Mi, limit 170Mi) is billed at the same size.
- The controller: 0.25 vCPU / 1 GB, i.e. 250m / 768Mi (its memory grows with the number of
  Ingresses, Services and target groups it reconciles; raise it with
  ``LoadBalancerController.resources`` for large clusters).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import ValidationError
from .pod_sizing import KUBERNETES_OVERHEAD_MIB, ContainerRequests, fargate_pod_size

__all__ = [
    "COREDNS_RESOURCES",
    "LB_CONTROLLER_RESOURCES",
    "check_resources",
    "guaranteed",
]


def guaranteed(cpu: str, memory: str) -> dict[str, dict[str, str]]:
    """``resources`` with requests equal to limits."""
    return {"requests": {"cpu": cpu, "memory": memory}, "limits": {"cpu": cpu, "memory": memory}}


#: 0.25 vCPU / 0.5 GB once Fargate adds its 256 MiB.
COREDNS_RESOURCES = guaranteed("250m", f"{512 - KUBERNETES_OVERHEAD_MIB}Mi")
#: 0.25 vCPU / 1 GB once Fargate adds its 256 MiB.
LB_CONTROLLER_RESOURCES = guaranteed("250m", f"{1024 - KUBERNETES_OVERHEAD_MIB}Mi")


def check_resources(argument: str, resources: Any) -> None:
    """``{"requests": {...}, "limits": {...}}`` with readable quantities, a size Fargate
    has, and requests equal to limits (guaranteed QoS, as Fargate runs pods)."""
    if not isinstance(resources, Mapping):
        raise ValidationError(argument, resources, "a mapping {'requests': {...}, 'limits': {...}}")
    requests = resources.get("requests")
    limits = resources.get("limits", requests)
    if not isinstance(requests, Mapping) or not isinstance(limits, Mapping):
        raise ValidationError(argument, dict(resources), "requests (and limits) as mappings")
    if dict(requests) != dict(limits):
        raise ValidationError(
            argument,
            dict(resources),
            "requests equal to limits: EKS Fargate runs pods with guaranteed QoS and bills "
            "by the requests",
        )
    fargate_pod_size(
        [ContainerRequests(name=argument, cpu=requests.get("cpu"), memory=requests.get("memory"))]
    )
