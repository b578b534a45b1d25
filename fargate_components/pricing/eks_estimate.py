"""The EKS part of the estimate: the control plane at the price its version and upgrade
policy lead to, every Fargate pod the program runs (workloads, CoreDNS, the load balancer
controller, Jobs and CronJobs by schedule) and the ALBs the controller makes for Ingresses, and the NLBs (or Classic Load Balancers) made for
``LoadBalancer`` Services.

Pods are placed and sized by :func:`fargate_components.eks.coverage.analyse` (the profile EKS
picks, requests + 256 MiB rounded up to a Fargate size); what cannot be priced is listed in
``not_costed`` with the reason. EKS on Fargate has no Spot and no Arm: every pod is priced
on-demand x86_64.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..eks.coverage import Placement, analyse
from ..eks.cron_schedule import parse_cron, runs_per_month
from ..eks.metrics import POD_METRICS
from ..eks.plan_checks import upgrade_policy_of
from ..eks.support_calendar import support_status
from ..eks.traffic import ingress_albs, service_load_balancer
from ..eks.workloads import HELM_RELEASE_TYPES, LB_CONTROLLER_CHART
from ..errors import ValidationError
from ..model import ResourceRecord
from ..model.tokens import K8S_INGRESS, K8S_SERVICE, LOG_GROUP
from ..sizing import LINUX
from ..timefmt import day
from .model import INCLUDED_EPHEMERAL_GB
from .report import money, num

__all__ = [
    "DAEMONSET_ADDONS",
    "price_container_insights",
    "price_eks_addon",
    "price_eks_cluster",
    "price_eks_pods",
    "price_ingress_albs",
    "price_service_nlbs",
]


def price_eks_cluster(est: Any, record: ResourceRecord) -> None:
    """The control plane: standard or extended support per its version today, and what the
    upgrade policy does when standard support ends."""
    standard = est.price("eks_cluster_hour")
    extended = est.book.value("eks_cluster_extended_support_hour")
    version = record.inputs.get("version")
    policy = upgrade_policy_of(record.inputs) or "unknown"
    status = support_status(str(version)) if isinstance(version, str) else None
    name = record.outputs.get("name") or record.name
    row = status.row if status else None
    if status is not None and status.phase == "extended" and policy == "EXTENDED":
        est.used.add("eks_cluster_extended_support_hour")
        est.add(
            record,
            f"EKS control plane {name} (Kubernetes {version}, extended support)",
            extended,
            f"{num(est.hours)} h x {money(extended)} (eks_cluster_extended_support_hour): "
            f"{version} left standard support on {day(row.end_of_standard) if row else '?'}; "
            f"{money(extended - standard)}/h more than standard support",
            ["eks_cluster_extended_support_hour"],
        )
        return
    if row is None:
        then = f"upgrade policy {policy}; version {version or 'not pinned'}: support dates unknown"
    elif policy == "EXTENDED":
        then = (
            f"upgrade policy EXTENDED: from {day(row.end_of_standard)} "
            f"{money(extended)}/h (eks_cluster_extended_support_hour, "
            f"+{money((extended - standard) * est.hours)}/month) until upgraded"
        )
    else:
        then = f"upgrade policy {policy}: EKS auto-upgrades it on {day(row.end_of_standard)}"
    est.add(
        record,
        f"EKS control plane {name}",
        standard,
        f"{num(est.hours)} h x {money(standard)} (eks_cluster_hour, standard support); {then}",
        ["eks_cluster_hour"],
    )


def _runs(est: Any, placement: Placement) -> tuple[Decimal, str] | None:
    """Pod-hours a month per pod of a Job / CronJob, and how they were found."""
    minutes = est.assume("eks_job_run_minutes")
    workload = placement.workload
    if workload.kind == "Job":
        runs, why = Decimal(1), "a one-off Job, counted as 1 run a month"
    else:
        try:
            schedule = parse_cron(f"{workload.title}.spec.schedule", workload.schedule or "")
        except ValidationError as error:
            est.skip(est.graph.by_urn(placement.urn), str(error))
            return None
        runs = Decimal(str(round(runs_per_month(schedule), 2)))
        why = f"schedule {workload.schedule!r}: {num(runs)} runs a month"
    hours = runs * minutes / 60
    return hours, f"{why} x {num(minutes)} min (eks_job_run_minutes)"


#: EKS add-ons whose pods are DaemonSets: Fargate runs no DaemonSets ("AWS Fargate
#: considerations": "DaemonSets aren't supported on Fargate",
#: https://docs.aws.amazon.com/eks/latest/userguide/fargate.html).
DAEMONSET_ADDONS = frozenset({"vpc-cni", "kube-proxy", "eks-pod-identity-agent"})


def price_eks_addon(est: Any, record: ResourceRecord) -> None:
    """An EKS add-on: CoreDNS's pods are priced with the other pods; a DaemonSet add-on
    runs no pod on Fargate ($0); any other add-on's pods are listed in ``not_costed``."""
    name = record.inputs.get("addonName")
    if name == "coredns":
        return  # its Deployment is a workload: price_eks_pods
    if name in DAEMONSET_ADDONS:
        est.mark_free(
            record,
            "EKS add-ons are free; its pods are a DaemonSet, which Fargate does not run (on "
            "EC2 nodes they use the nodes, not priced here)",
        )
        return
    est.skip(
        record,
        f"EKS add-on {name}: the add-on is free, but the pods it runs are not modelled, so "
        "their Fargate cost is not priced",
    )


def price_eks_pods(est: Any) -> None:
    """Every workload's Fargate pods, or why they are not priced."""
    coverage = analyse(est.plan.resources)
    for urn, reason in coverage.not_analysed.items():
        record = est.graph.by_urn(urn)
        if record is not None:
            est.skip(record, f"{reason}: their Fargate cost is not priced")
    for placement in coverage.placements:
        record = est.graph.by_urn(placement.urn)
        workload = placement.workload
        if placement.profile is None:
            if placement.choice is None:
                est.skip(record, f"{workload.title}: its namespace is not known at preview")
            elif placement.fargate_only:
                est.skip(
                    record, f"{workload.title}: no Fargate profile selects it, its pods never run"
                )
            else:
                est.skip(
                    record,
                    f"{workload.title}: runs on EC2 nodes, which this estimate does not price",
                )
            continue
        if placement.refusals:
            est.skip(
                record,
                f"{workload.title}: Fargate refuses its pods ({placement.refusals[0].reason})",
            )
            continue
        if workload.replicas is None or placement.size is None:
            why = placement.size_note if placement.size is None else workload.replicas_source
            est.skip(record, f"{workload.title}: pod count or size not known ({why})")
            continue
        _price_placement(est, record, placement)


def _price_placement(est: Any, record: ResourceRecord, placement: Placement) -> None:
    workload, size = placement.workload, placement.size
    assert size is not None and workload.replicas is not None
    on_demand, _spot, per_pod = est.task_prices(size, LINUX, "X86_64", INCLUDED_EPHEMERAL_GB)
    pods = workload.replicas
    share, share_why = Decimal(1), f"x {num(est.hours)} h"
    uses = list(on_demand.uses)
    if workload.kind in ("Job", "CronJob"):
        runs = _runs(est, placement)
        if runs is None:
            return
        share = runs[0] / est.hours
        share_why = runs[1]
        uses.append("eks_job_run_minutes")
    hpa = est.hpa_range(workload.kind, workload.name, workload.namespace or "default")
    count = f"{pods} pods ({workload.replicas_source})"
    if hpa is not None:
        count += f", HorizontalPodAutoscaler {hpa[0]}..{hpa[1]}"
    lines = [
        count,
        f"profile {placement.profile}",
        f"pod size {size}: {placement.size_note}",
        f"on-demand: {per_pod}",
        share_why,
    ]
    hourly = pods * on_demand.total * share
    est.add(
        record,
        f"EKS Fargate {workload.title}: {pods} x {size} pods",
        hourly,
        "; ".join(lines),
        uses,
        min_hourly=hpa[0] * on_demand.total * share if hpa else None,
        max_hourly=hpa[1] * on_demand.total * share if hpa else None,
        tasks={
            "count": pods,
            "source": workload.replicas_source,
            "min": hpa[0] if hpa else pods,
            "max": hpa[1] if hpa else pods,
            "on_demand": pods,
            "spot": 0,
            "vcpu": float(size.vcpu),
            "memory_gb": float(size.memory_gib),
        },
    )


def load_balancer_hourly(
    est: Any, kind: str, *, public: bool, subnets: Any = None
) -> tuple[Decimal, list[str], list[str]]:
    """The hourly price of one ALB (``kind="alb"``) or NLB (``"nlb"``): its hour, the
    assumed capacity units (LCU / NLCU) and, when ``public``, its public IPv4 addresses (one
    per subnet when ``subnets`` is a known list, else the ``<kind>_public_ipv4_per_lb``
    assumption). Returns the hourly amount, the formula's parts and the price and
    assumption names used."""
    unit = {"alb": "lcu", "nlb": "nlcu"}[kind]
    hour, unit_price = est.price(f"{kind}_hour"), est.price(f"{kind}_{unit}_hour")
    units = est.assume(f"{kind}_{unit}_per_hour")
    uses = [f"{kind}_hour", f"{kind}_{unit}_hour", f"{kind}_{unit}_per_hour"]
    parts = [
        f"{money(hour)} ({kind}_hour)",
        f"{num(units)} {unit.upper()} ({kind}_{unit}_per_hour) x {money(unit_price)} "
        f"({kind}_{unit}_hour)",
    ]
    hourly = hour + units * unit_price
    if public:
        if isinstance(subnets, list) and subnets:
            ips, why = Decimal(len(subnets)), "one per subnet"
        else:
            why = f"{kind}_public_ipv4_per_lb"
            ips = est.assume(why)
            uses.append(why)
        ipv4 = est.price("public_ipv4_hour")
        uses.append("public_ipv4_hour")
        hourly += ips * ipv4
        parts.append(f"{num(ips)} public IPv4 ({why}) x {money(ipv4)} (public_ipv4_hour)")
    return hourly, parts, uses


def price_ingress_albs(est: Any) -> None:
    """One ALB per IngressGroup and per ungrouped ALB Ingress (AWS Load Balancer
    Controller), priced on the Ingress that names it first."""
    ingresses = []
    by_key: dict[str, ResourceRecord] = {}
    for record in est.plan.of_type(K8S_INGRESS):
        metadata = record.inputs.get("metadata") or {}
        key = f"{metadata.get('namespace') or 'default'}/{metadata.get('name') or record.name}"
        by_key[key] = record
        ingresses.append((key, record.inputs))
    for alb in ingress_albs(ingresses):
        record = by_key[alb.ingresses[0]]
        hourly, parts, uses = load_balancer_hourly(est, "alb", public=alb.internet_facing)
        group = f"IngressGroup {alb.group}" if alb.group else f"Ingress {alb.ingresses[0]}"
        scheme = "internet-facing" if alb.internet_facing else "internal"
        est.add(
            record,
            f"Application Load Balancer of {group} ({scheme}, made by the AWS Load Balancer Controller)",
            hourly,
            f"{num(est.hours)} h x (" + " + ".join(parts) + f"); serves {', '.join(alb.ingresses)}",
            uses,
        )


def _controller_installed(est: Any) -> bool:
    """An AWS Load Balancer Controller release with its Service webhook on (the chart's
    default, ``enableServiceMutatorWebhook: true``)."""
    for record in est.plan.resources:
        if record.type in HELM_RELEASE_TYPES and record.inputs.get("chart") == LB_CONTROLLER_CHART:
            values = record.inputs.get("values")
            webhook = (
                values.get("enableServiceMutatorWebhook") if isinstance(values, dict) else None
            )
            if webhook is not False and str(webhook).lower() != "false":
                return True
    return False


def price_service_nlbs(est: Any) -> None:
    """The load balancer of every ``LoadBalancer`` Service: an NLB priced per hour + NLCU
    (+ public IPv4 when internet-facing); a Classic Load Balancer, a NodePort Service or one
    a preview can't read are listed in ``not_costed`` with the reason."""
    installed = _controller_installed(est)
    for record in est.plan.of_type(K8S_SERVICE):
        metadata = record.inputs.get("metadata") or {}
        key = f"{metadata.get('namespace') or 'default'}/{metadata.get('name') or record.name}"
        spec = record.inputs.get("spec") or {}
        if isinstance(spec, dict) and spec.get("type") == "NodePort":
            est.skip(
                record,
                f"Service {key} (NodePort): makes no load balancer, so no AWS charge of its "
                "own; the node port reaches no Fargate pod (see findings)",
            )
            continue
        lb = service_load_balancer(record.inputs, installed)
        if lb is None:
            continue
        if lb.kind != "network":
            what = "a Classic Load Balancer" if lb.kind == "classic" else "its load balancer"
            est.skip(
                record,
                f"Service {key} (LoadBalancer): {what}, made by {lb.made_by}; no price for it "
                "in the price files",
            )
            continue
        _price_nlb(est, record, key, lb.internet_facing is True, lb.made_by)


def _price_nlb(est: Any, record: ResourceRecord, key: str, public: bool, made_by: str) -> None:
    hourly, parts, uses = load_balancer_hourly(est, "nlb", public=public)
    scheme = "internet-facing" if public else "internal"
    est.add(
        record,
        f"Network Load Balancer of Service {key} ({scheme})",
        hourly,
        f"{num(est.hours)} h x (" + " + ".join(parts) + f"); made by {made_by}",
        uses,
    )


def price_container_insights(est: Any) -> None:
    """The metrics a Container Insights collector publishes: listed in ``not_costed`` (the
    collector's pod is priced with the other pods, its log group's ingestion as any log
    group's)."""
    for record in est.plan.of_type(LOG_GROUP):
        name = record.inputs.get("name")
        if isinstance(name, str) and name.startswith("/aws/containerinsights/"):
            est.skip(
                record,
                f"Container Insights metrics written to {name}: CloudWatch bills each metric "
                f"({len(POD_METRICS)} pod metrics x 3 dimension sets, per pod and namespace) "
                "per month; no CloudWatch metric price in the price files",
            )
