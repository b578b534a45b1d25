"""The EKS estimate: system pods, CronJobs by schedule, Ingress ALBs by group, upgrade policy."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_kubernetes as k8s

from fargate_components.eks import EksFargateCluster, EksFargateClusterArgs, FargateProfileSpec
from fargate_components.pricing import estimate_cost
from fargate_components.testing import run_in_mocks
from tests.bad_input.eks import FakeNetwork

POD = {
    "containers": [
        {"name": "c", "image": "x", "resources": {"requests": {"cpu": "1", "memory": "1792Mi"}}}
    ]
}


def _ingress(name: str, group: str | None, opts: Any) -> None:
    annotations = {
        "alb.ingress.kubernetes.io/target-type": "ip",
        "alb.ingress.kubernetes.io/scheme": "internet-facing",
    }
    if group:
        annotations["alb.ingress.kubernetes.io/group.name"] = group
    k8s.networking.v1.Ingress(
        name,
        metadata={"name": name, "namespace": "apps", "annotations": annotations},
        spec={
            "ingressClassName": "alb",
            "defaultBackend": {"service": {"name": "web", "port": {"number": 80}}},
        },
        opts=opts,
    )


def _program(policy: str = "STANDARD", version: str = "1.35") -> None:
    eks = EksFargateCluster(
        "k8s",
        EksFargateClusterArgs(
            network=FakeNetwork(),
            version=version,
            upgrade_policy=policy,
            profiles=[FargateProfileSpec(name="apps", selectors=["apps"])],
        ),
    )
    opts = pulumi.ResourceOptions(provider=eks.provider)
    k8s.batch.v1.CronJob(
        "nightly",
        metadata={"name": "nightly", "namespace": "apps"},
        spec={"schedule": "0 2 * * *", "jobTemplate": {"spec": {"template": {"spec": POD}}}},
        opts=opts,
    )
    _ingress("a", "shared", opts)
    _ingress("b", "shared", opts)
    _ingress("c", None, opts)


def _items(**kwargs: Any) -> dict[str, Any]:
    report = estimate_cost(run_in_mocks(lambda: _program(**kwargs)))
    return {item.description: item for item in report.items}


def test_coredns_cronjob_and_one_alb_per_group() -> None:
    items = _items()
    (coredns,) = [i for d, i in items.items() if "CoreDNS" in d]
    assert "2 x 0.25 vCPU / 0.5 GB" in coredns.description
    (cron,) = [i for d, i in items.items() if "CronJob apps/nightly" in d]
    # 1 vCPU / 2 GB pods, 365/12 runs x 10 min
    assert "30.42 runs a month x 10 min (eks_job_run_minutes)" in cron.formula
    albs = sorted(d for d in items if d.startswith("Application Load Balancer of"))
    assert albs == [
        "Application Load Balancer of Ingress apps/c (internet-facing, made by the AWS Load Balancer Controller)",
        "Application Load Balancer of IngressGroup shared (internet-facing, made by the AWS Load Balancer Controller)",
    ]


def test_control_plane_price_follows_version_and_upgrade_policy() -> None:
    standard = next(i for d, i in _items().items() if d.startswith("EKS control plane"))
    assert "EKS auto-upgrades it on 2027-03-27" in standard.formula
    extended = next(
        i for d, i in _items(policy="EXTENDED").items() if d.startswith("EKS control plane")
    )
    assert "from 2027-03-27" in extended.formula and "/month" in extended.formula
    billed = next(
        i
        for d, i in _items(policy="EXTENDED", version="1.33").items()
        if d.startswith("EKS control plane")
    )
    assert "extended support" in billed.description and float(billed.monthly) == 438.0


def _services(controller: bool) -> None:
    provider = k8s.Provider("k8s", kubeconfig="{}")
    opts = pulumi.ResourceOptions(provider=provider)
    if controller:
        k8s.helm.v3.Release(
            "lbc",
            name="aws-load-balancer-controller",
            chart="aws-load-balancer-controller",
            namespace="kube-system",
            opts=opts,
        )
    for name, kind, notes in [
        (
            "public",
            "LoadBalancer",
            {"service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing"},
        ),
        ("private", "LoadBalancer", {}),
        ("ports", "NodePort", {}),
        ("inside", "ClusterIP", {}),
    ]:
        k8s.core.v1.Service(
            name,
            metadata={"name": name, "namespace": "apps", "annotations": notes},
            spec={"type": kind, "selector": {"app": name}, "ports": [{"port": 80}]},
            opts=opts,
        )


def test_load_balancer_services_priced_as_nlbs_node_ports_listed() -> None:
    report = estimate_cost(run_in_mocks(lambda: _services(controller=True)))
    nlbs = {i.description: i for i in report.items if i.description.startswith("Network Load")}
    public = nlbs["Network Load Balancer of Service apps/public (internet-facing)"]
    # 730 h x (0.0225 + 1 NLCU x 0.006 + 2 public IPv4 x 0.005)
    assert float(public.monthly) == 28.11 and "public_ipv4_hour" in public.uses
    private = nlbs["Network Load Balancer of Service apps/private (internal)"]
    assert float(private.monthly) == 20.81 and "webhook" in private.formula
    skipped = {n.name: n.reason for n in report.not_costed}
    assert "no AWS charge of its own" in skipped["ports"]
    assert "inside" not in skipped
    # without the controller the in-tree provider makes Classic Load Balancers: not priced
    report = estimate_cost(run_in_mocks(lambda: _services(controller=False)))
    skipped = {n.name: n.reason for n in report.not_costed}
    assert "a Classic Load Balancer" in skipped["public"] and "a Classic" in skipped["private"]
