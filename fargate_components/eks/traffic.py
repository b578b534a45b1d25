"""Traffic that can reach Fargate pods: Services, Ingresses and the ALBs they make (pure).

"Network Load Balancers and Application Load Balancers (ALBs) can be used with Fargate with
IP targets only" and "Fargate exposed services only run on target type IP mode, and not on
node IP mode" (EKS user guide, "AWS Fargate considerations",
https://docs.aws.amazon.com/eks/latest/userguide/fargate.html). A Fargate pod is its own node
with no kube-proxy node port to route through, so:

- a ``NodePort`` Service gives Fargate pods nothing a ``ClusterIP`` one doesn't;
- a ``LoadBalancer`` Service needs the AWS Load Balancer Controller with IP targets:
  ``service.beta.kubernetes.io/aws-load-balancer-type: external`` (or
  ``spec.loadBalancerClass: service.k8s.aws/nlb``) and
  ``service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip`` (the legacy
  ``aws-load-balancer-type: nlb-ip`` also means IP targets); otherwise the in-tree
  controller, or instance targets, route through node ports
  (AWS Load Balancer Controller docs, "Network Load Balancer", guide/service/nlb);
- an ALB Ingress needs ``alb.ingress.kubernetes.io/target-type: ip`` (the controller's
  default is ``instance``), on the Ingress or on the backend Service.

ALBs: the controller makes one ALB per IngressGroup (``alb.ingress.kubernetes.io/group.name``)
and one per Ingress without a group (guide/ingress/annotations, "IngressGroup").

Load balancers of ``LoadBalancer`` Services (:func:`service_load_balancer`): the controller
(v2.2+) makes one NLB per Service, internal unless
``service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing`` ("Secure by
default", guide/service/nlb); from v2.5 its mutating webhook sets
``spec.loadBalancerClass: service.k8s.aws/nlb`` on every new ``LoadBalancer`` Service, so
with the controller installed every such Service gets an NLB unless the chart value
``enableServiceMutatorWebhook`` is false (deploy/installation, "When using AWS Load Balancer
Controller v2.5+"). Without it the in-tree cloud provider makes a Classic Load Balancer
(an NLB for ``aws-load-balancer-type: nlb``), internet-facing unless
``service.beta.kubernetes.io/aws-load-balancer-internal`` is set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .workloads import is_known

__all__ = [
    "ALB_CLASS",
    "INGRESS_TARGET_TYPE",
    "NLB_TARGET_TYPE",
    "NLB_TYPE",
    "IngressAlb",
    "ServiceLoadBalancer",
    "ingress_albs",
    "ingress_class",
    "ingress_problems",
    "service_load_balancer",
    "service_problems",
    "service_selects",
]

ALB_CLASS = "alb"
INGRESS_TARGET_TYPE = "alb.ingress.kubernetes.io/target-type"
INGRESS_GROUP = "alb.ingress.kubernetes.io/group.name"
INGRESS_SCHEME = "alb.ingress.kubernetes.io/scheme"
NLB_TYPE = "service.beta.kubernetes.io/aws-load-balancer-type"
NLB_TARGET_TYPE = "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"
NLB_CLASS = "service.k8s.aws/nlb"
NLB_SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme"
IN_TREE_INTERNAL = "service.beta.kubernetes.io/aws-load-balancer-internal"


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _annotations(inputs: Mapping[str, Any]) -> Mapping[str, Any]:
    return _map(_map(inputs.get("metadata")).get("annotations"))


def service_selects(service: Mapping[str, Any], pod_labels: Mapping[str, str]) -> bool:
    """True when the Service's ``spec.selector`` selects pods with these labels (a Service
    without a selector selects none)."""
    selector = _map(_map(service.get("spec")).get("selector"))
    return bool(selector) and all(pod_labels.get(k) == v for k, v in selector.items())


def service_problems(service: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(severity, problem)`` pairs for a Service whose pods run on Fargate."""
    spec = _map(service.get("spec"))
    kind = spec.get("type") or "ClusterIP"
    annotations = _annotations(service)
    if kind == "NodePort":
        return [
            (
                "warning",
                "type NodePort: Fargate pods have no node port to route through; set "
                f"`spec.type: ClusterIP` and expose it with an Ingress annotated "
                f"`{INGRESS_TARGET_TYPE}: ip`",
            )
        ]
    if kind != "LoadBalancer":
        return []
    lb_type = annotations.get(NLB_TYPE)
    target = annotations.get(NLB_TARGET_TYPE)
    if not (is_known(lb_type) and is_known(target)):
        return []
    by_controller = spec.get("loadBalancerClass") == NLB_CLASS or lb_type in ("external", "nlb-ip")
    if by_controller and (target == "ip" or lb_type == "nlb-ip"):
        return []
    fix = (
        f"annotate it `{NLB_TYPE}: external` and `{NLB_TARGET_TYPE}: ip` (AWS Load Balancer "
        "Controller, IP targets)"
    )
    if not by_controller:
        why = "the in-tree cloud controller would make a load balancer with instance targets"
    else:
        why = f"{NLB_TARGET_TYPE} is {target or 'unset'} (the controller's default: instance)"
    return [("error", f"type LoadBalancer: {why}, which can't reach Fargate pods; {fix}")]


def ingress_class(ingress: Mapping[str, Any]) -> str | None:
    """``spec.ingressClassName`` or the legacy ``kubernetes.io/ingress.class`` annotation."""
    name = _map(ingress.get("spec")).get("ingressClassName")
    if name is None:
        name = _annotations(ingress).get("kubernetes.io/ingress.class")
    return str(name) if name is not None and is_known(name) else None


def _backend_services(ingress: Mapping[str, Any]) -> list[str]:
    spec = _map(ingress.get("spec"))
    names: list[str] = []
    backends = [_map(spec.get("defaultBackend"))]
    for rule in spec.get("rules") or []:
        for path in _map(_map(rule).get("http")).get("paths") or []:
            backends.append(_map(_map(path).get("backend")))
    for backend in backends:
        name = _map(backend.get("service")).get("name")
        if isinstance(name, str) and is_known(name) and name not in names:
            names.append(name)
    return names


def ingress_problems(
    ingress: Mapping[str, Any], services: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    """Problems of an ALB Ingress whose backends run on Fargate. ``services`` maps the
    names of the Services in the Ingress's namespace to their inputs."""
    if ingress_class(ingress) != ALB_CLASS:
        return []
    own = _annotations(ingress).get(INGRESS_TARGET_TYPE)
    if not is_known(own):
        return []
    problems = []
    for name in _backend_services(ingress) or [""]:
        service = services.get(name, {})
        target = _annotations(service).get(INGRESS_TARGET_TYPE, own)
        if target != "ip":
            shown = f"backend Service {name!r}" if name else "the Ingress"
            problems.append(
                f"{shown} gets target type {target or 'instance (the default)'}: the ALB would "
                f"route through node ports, which Fargate pods don't have; annotate the Ingress "
                f"`{INGRESS_TARGET_TYPE}: ip`"
            )
    return problems


@dataclass(frozen=True)
class IngressAlb:
    """One ALB the AWS Load Balancer Controller makes for Ingresses."""

    group: str | None
    """The IngressGroup name, ``None`` for an Ingress of its own."""
    ingresses: tuple[str, ...]
    """``namespace/name`` of each Ingress it serves."""
    internet_facing: bool


def ingress_albs(ingresses: Iterable[tuple[str, Mapping[str, Any]]]) -> list[IngressAlb]:
    """The ALBs a set of ``(namespace/name, inputs)`` Ingresses makes: one per
    ``group.name``, one per ungrouped ALB Ingress. Scheme: ``internal`` unless an Ingress of
    the group says ``internet-facing`` (the controller's default is internal)."""
    groups: dict[str, list[tuple[str, bool]]] = {}
    alone: list[IngressAlb] = []
    for key, ingress in ingresses:
        if ingress_class(ingress) != ALB_CLASS:
            continue
        annotations = _annotations(ingress)
        public = annotations.get(INGRESS_SCHEME) == "internet-facing"
        group = annotations.get(INGRESS_GROUP)
        if isinstance(group, str) and group and is_known(group):
            groups.setdefault(group, []).append((key, public))
        else:
            alone.append(IngressAlb(None, (key,), public))
    grouped = [
        IngressAlb(name, tuple(k for k, _ in members), any(p for _, p in members))
        for name, members in sorted(groups.items())
    ]
    return grouped + alone


@dataclass(frozen=True)
class ServiceLoadBalancer:
    """The load balancer AWS makes for one ``LoadBalancer`` Service."""

    kind: str | None
    """``"network"`` or ``"classic"``; ``None`` when a preview can't tell (unknown values)
    or another controller owns it (``other_class``)."""
    internet_facing: bool | None
    made_by: str
    """Who makes it and why, in words."""


def service_load_balancer(
    service: Mapping[str, Any], controller_installed: bool
) -> ServiceLoadBalancer | None:
    """What a Service makes on AWS: ``None`` for a type that makes no load balancer
    (ClusterIP, NodePort, ExternalName). ``controller_installed``: the AWS Load Balancer
    Controller (v2.5+, webhook on) runs in the cluster."""
    spec = _map(service.get("spec"))
    if (spec.get("type") or "ClusterIP") != "LoadBalancer":
        return None
    annotations = _annotations(service)
    lb_class, lb_type = spec.get("loadBalancerClass"), annotations.get(NLB_TYPE)
    scheme, internal = annotations.get(NLB_SCHEME), annotations.get(IN_TREE_INTERNAL)
    if not all(is_known(v) for v in (lb_class, lb_type, scheme, internal)):
        return ServiceLoadBalancer(None, None, "not known at preview (unknown annotations)")
    if lb_class is not None and lb_class != NLB_CLASS:
        return ServiceLoadBalancer(
            None, None, f"loadBalancerClass {lb_class!r}: another controller makes it"
        )
    by_controller = lb_class == NLB_CLASS or lb_type in ("external", "nlb-ip")
    if by_controller or (controller_installed and lb_type != "nlb"):
        why = "the AWS Load Balancer Controller" + (
            "" if by_controller else " (its webhook sets loadBalancerClass service.k8s.aws/nlb)"
        )
        return ServiceLoadBalancer("network", scheme == "internet-facing", why)
    public = internal is None or str(internal).lower() == "false"
    if lb_type == "nlb":
        return ServiceLoadBalancer("network", public, "the in-tree cloud provider (type nlb)")
    return ServiceLoadBalancer("classic", public, "the in-tree cloud provider")
