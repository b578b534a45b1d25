"""Policy rules for EKS on Fargate: what the Fargate scheduler, EKS and the load balancers
would do with the program's Kubernetes objects (FC-K8S-*) and EKS settings (FC-EKS-005..008).

The analysis is :func:`fargate_components.eks.plan_checks.check_plan` (profile coverage,
the scheduler's refusals, traffic, Pod Identity, the dated version calendar; every AWS rule
cited there); it runs once per graph and each rule reports the problems of its resource.
Version support is judged on today's date (UTC), or ``FARGATE_COMPONENTS_TODAY``.
"""

from __future__ import annotations

from collections.abc import Iterator
from weakref import WeakKeyDictionary

from ..eks.plan_checks import INGRESS_TYPES, SERVICE_TYPE, PlanChecks, check_plan
from ..eks.workloads import HELM_RELEASE_TYPES, WORKLOAD_TYPES
from ..model import Graph, ResourceRecord
from ..model.tokens import (
    EKS_ADDON,
    EKS_CLUSTER,
    EKS_POD_IDENTITY_ASSOCIATION,
    FARGATE_PROFILE,
    K8S_JOB,
)
from .model import Check
from .rules import _rule

__all__ = ["eks_checks_of"]

_CACHE: WeakKeyDictionary[Graph, PlanChecks] = WeakKeyDictionary()
_WORKLOADS = (*WORKLOAD_TYPES, EKS_ADDON, *HELM_RELEASE_TYPES)


def eks_checks_of(graph: Graph) -> PlanChecks:
    """The EKS-on-Fargate analysis of ``graph`` (computed once per graph)."""
    cached = _CACHE.get(graph)
    if cached is None:
        cached = _CACHE[graph] = check_plan(graph.resources)
    return cached


def _reporter(rule_id: str) -> Check:
    def check(record: ResourceRecord, graph: Graph) -> Iterator[str]:
        yield from eks_checks_of(graph).of(rule_id, record.urn)

    return check


_rule(
    "FC-K8S-001",
    "error",
    _WORKLOADS,
    "On a Fargate-only cluster, a Fargate profile selects every workload's pods",
    "add a selector for the workload's namespace (and labels) to a Fargate profile "
    "(FargateProfileSpec / TeamNamespace), or move the workload to a namespace a profile selects",
    needs_graph=True,
)(_reporter("FC-K8S-001"))

_rule(
    "FC-K8S-002",
    "error",
    _WORKLOADS,
    "Fargate can run the workload's pods (no DaemonSet, host access, privileged, "
    "unsupported volumes, EBS, GPUs, Arm/Spot, or oversized requests)",
    "change the pod spec as the problem says (see 'AWS Fargate considerations' in the EKS "
    "user guide), or run this workload on EC2 nodes",
    needs_graph=True,
)(_reporter("FC-K8S-002"))

_rule(
    "FC-K8S-003",
    "error",
    (SERVICE_TYPE, *INGRESS_TYPES),
    "Load balancers in front of Fargate pods target pod IPs",
    "use the AWS Load Balancer Controller with IP targets (annotations shown in the problem)",
    needs_graph=True,
)(_reporter("FC-K8S-003"))

_rule(
    "FC-K8S-004",
    "warning",
    SERVICE_TYPE,
    "No NodePort Service in front of Fargate pods",
    "make it a ClusterIP Service and expose it through an Ingress with target-type ip",
    needs_graph=True,
)(_reporter("FC-K8S-004"))

_rule(
    "FC-K8S-005",
    "warning",
    K8S_JOB,
    "Jobs on Fargate delete their finished pods",
    "set `spec.ttlSecondsAfterFinished` (e.g. 3600) so finished pods stop being billed",
    needs_graph=True,
)(_reporter("FC-K8S-005"))

_rule(
    "FC-K8S-006",
    "advisory",
    _WORKLOADS,
    "Fargate pods request what they are limited to",
    "set requests equal to limits: EKS Fargate runs pods with guaranteed QoS and sizes them "
    "by their requests",
    needs_graph=True,
)(_reporter("FC-K8S-006"))

_rule(
    "FC-K8S-007",
    "advisory",
    HELM_RELEASE_TYPES,
    "The pods of every Helm release were checked",
    "review the chart's pods yourself (namespace, labels, requests, host access), or declare "
    "them as Kubernetes objects so the plan checks them",
    needs_graph=True,
)(_reporter("FC-K8S-007"))

_rule(
    "FC-EKS-005",
    "warning",
    FARGATE_PROFILE,
    "Every Fargate profile runs something, and no two profiles compete for the same pods",
    "remove the unused or shadowed profile, narrow its selectors, or waive it when its pods "
    "are deployed outside this program",
    needs_graph=True,
)(_reporter("FC-EKS-005"))

_rule(
    "FC-EKS-006",
    "error",
    (EKS_POD_IDENTITY_ASSOCIATION, EKS_ADDON),
    "No EKS Pod Identity for pods on Fargate",
    "use IRSA instead: EksFargateCluster.irsa_role(...) (or TeamNamespace service_accounts) "
    "and annotate the service account with eks.amazonaws.com/role-arn",
    needs_graph=True,
)(_reporter("FC-EKS-006"))

_rule(
    "FC-EKS-007",
    "error",
    EKS_CLUSTER,
    "The Kubernetes version is offered by EKS and allows the cluster's upgrade policy",
    "choose a Kubernetes version in standard support (see the EKS release calendar)",
    needs_graph=True,
)(_reporter("FC-EKS-007"))

_rule(
    "FC-EKS-008",
    "warning",
    EKS_CLUSTER,
    "The Kubernetes version is pinned and stays in standard support for 90 more days",
    "pin `version` and plan the upgrade before the end of standard support, or choose "
    "upgrade_policy EXTENDED knowingly (it bills the extended rate)",
    needs_graph=True,
)(_reporter("FC-EKS-008"))
