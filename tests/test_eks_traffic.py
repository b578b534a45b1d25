"""Services and Ingresses that can (or can't) reach Fargate pods; the ALBs Ingresses make."""

from __future__ import annotations

from typing import Any

from fargate_components.eks.traffic import (
    INGRESS_TARGET_TYPE,
    NLB_TARGET_TYPE,
    NLB_TYPE,
    ingress_albs,
    ingress_problems,
    service_problems,
    service_selects,
)


def _service(kind: str, annotations: dict[str, str] | None = None, **spec: Any) -> dict[str, Any]:
    return {
        "metadata": {"name": "web", "annotations": annotations or {}},
        "spec": {"type": kind, "selector": {"app": "web"}, **spec},
    }


def test_cluster_ip_is_fine_and_node_port_is_a_warning() -> None:
    assert service_problems(_service("ClusterIP")) == []
    ((severity, problem),) = service_problems(_service("NodePort"))
    assert severity == "warning" and "ClusterIP" in problem and INGRESS_TARGET_TYPE in problem


def test_load_balancer_services_need_ip_targets_by_the_controller() -> None:
    ((severity, problem),) = service_problems(_service("LoadBalancer"))
    assert severity == "error" and "in-tree" in problem and NLB_TARGET_TYPE in problem
    ((_, instance),) = service_problems(_service("LoadBalancer", {NLB_TYPE: "external"}))
    assert "instance" in instance
    assert (
        service_problems(_service("LoadBalancer", {NLB_TYPE: "external", NLB_TARGET_TYPE: "ip"}))
        == []
    )
    assert service_problems(_service("LoadBalancer", {NLB_TYPE: "nlb-ip"})) == []
    by_class = _service(
        "LoadBalancer", {NLB_TARGET_TYPE: "ip"}, loadBalancerClass="service.k8s.aws/nlb"
    )
    assert service_problems(by_class) == []


def test_service_selection() -> None:
    assert service_selects(_service("ClusterIP"), {"app": "web", "tier": "x"})
    assert not service_selects(_service("ClusterIP"), {"app": "api"})
    assert not service_selects({"spec": {}}, {"app": "web"})


def _ingress(
    annotations: dict[str, str], klass: str | None = "alb", backend: str = "web"
) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "rules": [{"http": {"paths": [{"path": "/", "backend": {"service": {"name": backend}}}]}}]
    }
    if klass:
        spec["ingressClassName"] = klass
    return {"metadata": {"annotations": annotations}, "spec": spec}


def test_alb_ingress_needs_ip_target_type() -> None:
    (problem,) = ingress_problems(_ingress({}), {})
    assert "instance (the default)" in problem and f"{INGRESS_TARGET_TYPE}: ip" in problem
    assert ingress_problems(_ingress({INGRESS_TARGET_TYPE: "ip"}), {}) == []
    on_service = {"web": {"metadata": {"annotations": {INGRESS_TARGET_TYPE: "ip"}}}}
    assert ingress_problems(_ingress({}), on_service) == []
    assert ingress_problems(_ingress({}, klass="nginx"), {}) == []


def test_one_alb_per_group_and_per_ungrouped_ingress() -> None:
    group = "alb.ingress.kubernetes.io/group.name"
    scheme = "alb.ingress.kubernetes.io/scheme"
    albs = ingress_albs(
        [
            ("a/one", _ingress({group: "shared"})),
            ("b/two", _ingress({group: "shared", scheme: "internet-facing"})),
            ("c/three", _ingress({})),
            ("d/nginx", _ingress({}, klass="nginx")),
        ]
    )
    assert [(a.group, a.ingresses, a.internet_facing) for a in albs] == [
        ("shared", ("a/one", "b/two"), True),
        (None, ("c/three",), False),
    ]


def test_which_load_balancer_a_service_makes() -> None:
    from fargate_components.eks.traffic import NLB_CLASS, NLB_SCHEME, service_load_balancer

    assert service_load_balancer(_service("ClusterIP"), True) is None
    assert service_load_balancer(_service("NodePort"), True) is None
    # the controller's webhook (v2.5+) takes every new LoadBalancer Service: an internal NLB
    lb = service_load_balancer(_service("LoadBalancer"), True)
    assert lb is not None and (lb.kind, lb.internet_facing) == ("network", False)
    assert "webhook" in lb.made_by
    public = service_load_balancer(
        _service("LoadBalancer", {NLB_SCHEME: "internet-facing"}, loadBalancerClass=NLB_CLASS),
        False,
    )
    assert public is not None and (public.kind, public.internet_facing) == ("network", True)
    # no controller: the in-tree provider, internet-facing unless told otherwise
    classic = service_load_balancer(_service("LoadBalancer"), False)
    assert classic is not None and (classic.kind, classic.internet_facing) == ("classic", True)
    internal = service_load_balancer(
        _service("LoadBalancer", {"service.beta.kubernetes.io/aws-load-balancer-internal": "true"}),
        False,
    )
    assert internal is not None and internal.internet_facing is False
    in_tree_nlb = service_load_balancer(_service("LoadBalancer", {NLB_TYPE: "nlb"}), True)
    assert in_tree_nlb is not None and in_tree_nlb.kind == "network"
    assert "in-tree" in in_tree_nlb.made_by
    other = service_load_balancer(
        _service("LoadBalancer", loadBalancerClass="example.com/lb"), True
    )
    assert other is not None and other.kind is None and "another controller" in other.made_by
    unknown = service_load_balancer(_service("LoadBalancer", {NLB_SCHEME: "[unknown]"}), True)
    assert unknown is not None and unknown.kind is None
