"""The cost estimate of a plan: walks the AWS wire shapes in a
:class:`~fargate_components.testing.Plan` and prices what runs by the hour.

What is costed, per resource (monthly = hourly x ``hours_per_month``):

- ``aws:ecs/service:Service``: tasks x the task definition's size, split between FARGATE and
  FARGATE_SPOT by the service's capacity provider strategy (else the cluster's default
  strategy, else ``launchType``), at ``desiredCount``; with an Application Auto Scaling
  target on the service, ``min_monthly``/``max_monthly`` use ``minCapacity``/``maxCapacity``.
  A service with ``assignPublicIp`` also pays one public IPv4 address per task.
- ``aws:ec2/instance:Instance`` (NAT instances): on-demand hours by instance type + the gp3
  root volume.
- ``aws:ec2/natGateway:NatGateway``: hours + the assumed GB processed. Its Elastic IP is
  costed once, as the ``aws:ec2/eip:Eip`` item (every EIP is a public IPv4 address).
- ``aws:lb/loadBalancer:LoadBalancer`` (application): hours + the assumed LCUs + one public
  IPv4 address per subnet when internet-facing.
- ``aws:eks/cluster:Cluster``: control-plane hours (standard support).
- Kubernetes Deployments, StatefulSets and Pods in namespaces that a Fargate profile in the
  plan selects: replicas x the pod's Fargate size (requests + 256 MiB, rounded up to a
  Fargate size); a HorizontalPodAutoscaler gives the min..max range.
- ``aws:cloudwatch/logGroup:LogGroup``: ``log_ingestion_gb_per_month`` (listed in
  ``not_costed`` when it is 0); a flow log's log group at $0 (its data is the flow log's).
- ``aws:scheduler/schedule:Schedule`` (``ScheduledTask``): runs a month from the schedule x
  ``scheduled_task_run_minutes`` x the task size (:mod:`.schedule_estimate`).
- SQS queues, flow logs, Route 53 records and zones, EFS backups, target tracking alarms,
  ECS clusters: :mod:`.usage_estimate`.
- ``aws:ecr/repository:Repository``: not priced (``not_costed``, with the lifecycle bound);
  a ``docker-build:index:Image`` is a build on the deploying machine, billed by no one.

What cannot be costed is listed in ``not_costed`` with the reason, never dropped silently;
what AWS does not bill is listed in ``free`` with the reason (:mod:`.free`), and a type in
neither is listed in ``not_costed`` as unclassified.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..ecs.capacity import StrategyItem
from ..errors import ValidationError
from ..model import Graph
from ..model.tokens import (
    ACM_CERTIFICATE,
    ALB_LOAD_BALANCER,
    DISCOVERY_SERVICE,
    DYNAMODB_TABLE,
    EC2_INSTANCE,
    ECR_REPOSITORY,
    ECS_CLUSTER,
    ECS_SERVICE,
    EFS_BACKUP_POLICY,
    EFS_FILE_SYSTEM,
    EIP,
    EKS_ADDON,
    EKS_CLUSTER,
    EKS_NODE_GROUP,
    FLOW_LOG,
    HTTP_NAMESPACE,
    K8S_HPA_V1,
    K8S_HPA_V2,
    KMS_KEY,
    LOAD_BALANCER,
    LOG_GROUP,
    METRIC_ALARM,
    NAT_GATEWAY,
    PRIVATE_DNS_NAMESPACE,
    RDS_CLUSTER,
    RDS_INSTANCE,
    ROUTE53_RECORD,
    ROUTE53_ZONE,
    S3_BUCKET,
    S3_BUCKET_V2,
    SCALING_POLICY,
    SCALING_TARGET,
    SCHEDULE,
    SECRET,
    SQS_QUEUE,
    VPC_ENDPOINT,
    WAF_LOGGING,
    WAF_WEB_ACL,
    WAF_WEB_ACL_ASSOCIATION,
)
from ..sizing import LINUX, TaskSize, is_windows, parse_cpu, parse_memory
from .ebs_estimate import price_task_volumes
from .eks_estimate import (
    load_balancer_hourly,
    price_container_insights,
    price_eks_addon,
    price_eks_cluster,
    price_eks_pods,
    price_ingress_albs,
    price_service_nlbs,
)
from .free import UNCLASSIFIED, free_reason
from .model import (
    DEFAULT_ASSUMPTIONS,
    FARGATE,
    FARGATE_SPOT,
    INCLUDED_EPHEMERAL_GB,
    Assumptions,
    PriceBook,
    TaskHourly,
    cents,
    check_assumptions,
    expected_split,
    load_prices,
    task_hourly_cost,
)
from .render import render_cost_markdown, render_cost_text
from .report import CostItem, CostReport, FreeResource, NotCosted, money, num
from .schedule_estimate import price_schedule
from .usage_estimate import (
    flow_log_of,
    price_backup_policy,
    price_ecs_cluster,
    price_flow_log,
    price_route53_record,
    price_route53_zone,
    price_s3_bucket,
    price_scaling_policy,
    price_sqs_queue,
    price_waf_logging,
)

if TYPE_CHECKING:
    from ..model import Plan, ResourceRecord

__all__ = [
    "CostItem",
    "CostReport",
    "FreeResource",
    "NotCosted",
    "estimate_cost",
    "render_cost_markdown",
    "render_cost_text",
]

K8S_HPAS = (
    K8S_HPA_V2,
    K8S_HPA_V1,
)

_MARKS = ("[unknown]", "[secret]")


# --------------------------------------------------------------------------- helpers


def _known(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and value in _MARKS)


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or not _known(value):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _last(value: Any) -> str:
    return str(value).rsplit("/", 1)[-1]


# --------------------------------------------------------------------------- estimator


@dataclass(frozen=True)
class _ServiceTask:
    """One task of an ECS service, as the estimate prices it."""

    size: TaskSize
    operating_system: str
    architecture: str
    ephemeral: int
    strategy: list[StrategyItem]
    strategy_source: str


class _Estimator:
    def __init__(self, plan: Plan, book: PriceBook, assumptions: Assumptions) -> None:
        self.plan = plan
        self.book = book
        self.a = assumptions
        self.hours = assumptions.decimal("hours_per_month")
        self.items: list[CostItem] = []
        self.not_costed: list[NotCosted] = []
        self.free: list[FreeResource] = []
        self.used: set[str] = {"hours_per_month"}
        self.graph = Graph(plan)

    # -- shared

    def price(self, name: str) -> Decimal:
        self.used.add(name)
        return self.book.value(name)

    def assume(self, name: str) -> Decimal:
        self.used.add(name)
        return self.a.decimal(name)

    def skip(self, record: ResourceRecord, reason: str) -> None:
        self.not_costed.append(NotCosted(record.urn, record.type, record.name, reason))

    def mark_free(self, record: ResourceRecord, reason: str) -> None:
        """``record`` costs nothing by itself, for ``reason`` (listed under ``free``)."""
        self.free.append(FreeResource(record.urn, record.type, record.name, reason))

    def add_per_gb(
        self, record: ResourceRecord, description: str, gb_name: str, price_name: str, left_out: str
    ) -> None:
        """``record`` billed per GB-month: the assumed GB ``gb_name`` x the price ``price_name``;
        ``left_out`` says what the formula does not include."""
        gb = self.assume(gb_name)
        price = self.price(price_name)
        self.add(
            record,
            description,
            gb * price / self.hours,
            f"{num(gb)} GB ({gb_name}) x {money(price)} ({price_name}); {left_out}",
            [gb_name, price_name],
        )

    def add(
        self,
        record: ResourceRecord,
        description: str,
        hourly: Decimal,
        formula: str,
        uses: Sequence[str],
        *,
        min_hourly: Decimal | None = None,
        max_hourly: Decimal | None = None,
        tasks: Mapping[str, Any] | None = None,
    ) -> None:
        monthly = cents(hourly * self.hours)
        low = cents(min_hourly * self.hours) if min_hourly is not None else monthly
        high = cents(max_hourly * self.hours) if max_hourly is not None else monthly
        self.items.append(
            CostItem(
                urn=record.urn,
                type=record.type,
                name=record.name,
                component=self.graph.component_of(record),
                description=description,
                monthly=monthly,
                min_monthly=low,
                max_monthly=high,
                formula=formula,
                uses=tuple(dict.fromkeys([*uses, "hours_per_month"])),
                tasks=tasks,
            )
        )

    def run(self) -> None:
        for record in self.plan.resources:
            if not record.custom:
                continue
            handler = _HANDLERS.get(record.type)
            if handler is not None:
                handler(self, record)
        price_eks_pods(self)
        price_ingress_albs(self)
        price_service_nlbs(self)
        price_container_insights(self)
        price_task_volumes(self)
        self.classify_the_rest()

    def classify_the_rest(self) -> None:
        """Every custom resource no price handled: free (with why), else unclassified."""
        seen = {i.urn for i in self.items} | {n.urn for n in self.not_costed}
        seen |= {f.urn for f in self.free}
        for record in self.plan.resources:
            if not record.custom or record.urn in seen:
                continue
            reason = free_reason(record.type)
            if reason is None:
                self.skip(record, UNCLASSIFIED)
            else:
                self.mark_free(record, reason)

    # -- per-task arithmetic shared by ECS tasks and EKS pods

    def task_prices(
        self, size: TaskSize, operating_system: str, architecture: str, ephemeral_gb: int
    ) -> tuple[TaskHourly, TaskHourly, str]:
        """On-demand and Spot hourly prices of one task, and the formula of the on-demand one."""
        vcpu, gb = Decimal(size.cpu) / 1024, Decimal(size.memory) / 1024
        on_demand, spot = (
            task_hourly_cost(
                self.book,
                vcpu=vcpu,
                memory_gb=gb,
                operating_system=operating_system,
                architecture=architecture,
                ephemeral_gb=ephemeral_gb,
                spot_discount=discount,
            )
            for discount in (None, self.a.decimal("fargate_spot_discount"))
        )
        cpu_name, gb_name = on_demand.uses[0], on_demand.uses[1]
        parts = [
            f"{num(vcpu)} vCPU x {money(self.book.value(cpu_name))} ({cpu_name})",
            f"{num(gb)} GB x {money(self.book.value(gb_name))} ({gb_name})",
        ]
        if "fargate_windows_os_license_vcpu_hour" in on_demand.uses:
            fee = self.book.value("fargate_windows_os_license_vcpu_hour")
            parts.append(f"{num(vcpu)} vCPU x {money(fee)} (fargate_windows_os_license_vcpu_hour)")
        if on_demand.storage:
            fee = self.book.value("fargate_ephemeral_storage_gb_hour")
            extra = ephemeral_gb - INCLUDED_EPHEMERAL_GB
            parts.append(f"{extra} GB storage x {money(fee)} (fargate_ephemeral_storage_gb_hour)")
        for name in on_demand.uses:
            self.used.add(name)
        formula = " + ".join(parts) + f" = {money(on_demand.total, 8)}/task-hour"
        return on_demand, spot, formula

    # -- ECS services

    def strategy(self, service: ResourceRecord) -> tuple[list[StrategyItem] | None, str]:
        """The service's strategy (``Graph.capacity_strategy_of``); a plan that names none
        runs on FARGATE: ``launchType FARGATE``, or ECS's default without a cluster default."""
        items, source = self.graph.capacity_strategy_of(service)
        if items == []:
            if service.inputs.get("launchType") != FARGATE:
                source = "assumed FARGATE (no launch type, strategy or cluster default found)"
            return [StrategyItem(FARGATE, 0, 1)], source
        return items, source

    def scaling_range(self, service: ResourceRecord) -> tuple[int, int] | None:
        name = service.outputs.get("name") or service.inputs.get("name") or service.name
        cluster = service.inputs.get("cluster")
        expected = f"service/{_last(cluster)}/{name}" if _known(cluster) else None
        for target in self.plan.of_type(SCALING_TARGET):
            if target.inputs.get("serviceNamespace") not in (None, "ecs"):
                continue
            rid = target.inputs.get("resourceId")
            linked = service.urn in target.property_dependencies.get("resourceId", [])
            if (expected is not None and rid == expected) or linked:
                low, high = (
                    _int(target.inputs.get("minCapacity")),
                    _int(target.inputs.get("maxCapacity")),
                )
                if low is not None and high is not None:
                    return low, high
        return None

    def service_task(self, record: ResourceRecord) -> _ServiceTask | None:
        """What one task of an ECS service is (size, platform, strategy), or ``None`` after
        listing the service in ``not_costed`` with the reason it cannot be priced."""
        launch_type = record.inputs.get("launchType")
        if _known(launch_type) and launch_type != FARGATE:
            self.skip(record, f"launchType {launch_type} does not run on Fargate")
            return None
        td = self.graph.task_definition_of(record)
        if td is None:
            self.skip(record, "its task definition is not in the plan")
            return None
        try:
            cpu = parse_cpu("cpu", td.inputs.get("cpu"))
            memory = parse_memory("memory", td.inputs.get("memory"))
        except ValidationError:
            self.skip(record, f"task definition {td.name} has no known task-level cpu and memory")
            return None
        platform = td.inputs.get("runtimePlatform") or {}
        storage = td.inputs.get("ephemeralStorage") or {}
        strategy, strategy_source = self.strategy(record)
        if strategy is None:
            self.skip(record, f"its capacity provider strategy is not known ({strategy_source})")
            return None
        unknown_providers = [
            i.provider for i in strategy if i.provider not in (FARGATE, FARGATE_SPOT)
        ]
        if unknown_providers:
            self.skip(
                record,
                f"capacity providers {', '.join(unknown_providers)} are not Fargate; "
                "only FARGATE and FARGATE_SPOT tasks are costed",
            )
            return None
        return _ServiceTask(
            size=TaskSize(cpu, memory),
            operating_system=str(platform.get("operatingSystemFamily") or LINUX),
            architecture=str(platform.get("cpuArchitecture") or "X86_64"),
            ephemeral=_int(storage.get("sizeInGib")) or INCLUDED_EPHEMERAL_GB,
            strategy=strategy,
            strategy_source=strategy_source,
        )

    def task_count(self, record: ResourceRecord) -> tuple[int, str, tuple[int, int] | None]:
        """How many tasks a service runs now (and why that number), and its autoscaling
        range when it has one."""
        scaling = self.scaling_range(record)
        desired = _int(record.inputs.get("desiredCount"))
        if desired is not None:
            return desired, "desiredCount", scaling
        if scaling is not None:
            return scaling[0], "autoscaling minCapacity (desiredCount unknown)", scaling
        return 1, "assumed 1 (desiredCount not known)", scaling

    def service(self, record: ResourceRecord) -> None:
        inputs = record.inputs
        task = self.service_task(record)
        if task is None:
            return
        size, strategy, strategy_source = task.size, task.strategy, task.strategy_source
        operating_system, architecture = task.operating_system, task.architecture
        count, count_source, scaling = self.task_count(record)
        on_demand, spot, per_task = self.task_prices(
            size, operating_system, architecture, task.ephemeral
        )
        network = inputs.get("networkConfiguration") or {}
        public_ip = network.get("assignPublicIp") is True
        ipv4 = self.price("public_ipv4_hour") if public_ip else Decimal(0)

        def hourly(n: int) -> tuple[Decimal, dict[str, int]]:
            split = expected_split(n, strategy)
            return (
                split.get(FARGATE, 0) * on_demand.total
                + split.get(FARGATE_SPOT, 0) * spot.total
                + n * ipv4,
                split,
            )

        now, split = hourly(count)
        uses = list(on_demand.uses)
        lines = [f"{count} tasks ({count_source})"]
        if scaling is not None:
            lines[0] += f", autoscaling {scaling[0]}..{scaling[1]}"
        lines.append(
            f"placed {split.get(FARGATE, 0)} FARGATE + {split.get(FARGATE_SPOT, 0)} FARGATE_SPOT "
            f"by {strategy_source} ({_describe_strategy(strategy)})"
        )
        lines.append(f"on-demand: {per_task}")
        if any(i.provider == FARGATE_SPOT for i in strategy):
            discount = self.assume("fargate_spot_discount")
            uses.append("fargate_spot_discount")
            lines.append(
                f"spot: compute x (1 - {num(discount)} fargate_spot_discount) = "
                f"{money(spot.total, 8)}/task-hour"
            )
            if architecture == "ARM64" or is_windows(operating_system):
                lines.append("note: FARGATE_SPOT runs Linux X86_64 only; ECS cannot place these")
        if public_ip:
            uses.append("public_ipv4_hour")
            lines.append(f"+ 1 public IPv4 per task x {money(ipv4)} (public_ipv4_hour)")
        lines.append(f"x {num(self.hours)} h (hours_per_month)")
        min_hourly = max_hourly = None
        if scaling is not None:
            min_hourly, _ = hourly(scaling[0])
            max_hourly, _ = hourly(scaling[1])
        platform_text = f"{'Windows' if is_windows(operating_system) else 'Linux'}/{architecture}"
        name = record.name  # the logical name: the physical one is an auto-name
        self.add(
            record,
            f"ECS service {name}: {count} x {size} {platform_text} Fargate tasks",
            now,
            "; ".join(lines),
            uses,
            min_hourly=min_hourly,
            max_hourly=max_hourly,
            tasks={
                "count": count,
                "source": count_source,
                "min": scaling[0] if scaling else count,
                "max": scaling[1] if scaling else count,
                "on_demand": split.get(FARGATE, 0),
                "spot": split.get(FARGATE_SPOT, 0),
                "vcpu": float(size.vcpu),
                "memory_gb": float(size.memory_gib),
            },
        )

    # -- networking

    def nat_gateway(self, record: ResourceRecord) -> None:
        hour = self.price("nat_gateway_hour")
        per_gb = self.price("nat_gateway_gb_processed")
        gb = self.assume("nat_gateway_gb_processed_per_month")
        hourly = hour + gb * per_gb / self.hours
        kind = record.inputs.get("connectivityType") or "public"
        self.add(
            record,
            f"NAT gateway {record.name} ({kind})",
            hourly,
            f"{num(self.hours)} h x {money(hour)} (nat_gateway_hour) + {num(gb)} GB "
            f"(nat_gateway_gb_processed_per_month) x {money(per_gb)} (nat_gateway_gb_processed); "
            "its Elastic IP is a separate item",
            ["nat_gateway_hour", "nat_gateway_gb_processed", "nat_gateway_gb_processed_per_month"],
        )

    def vpc_endpoint(self, record: ResourceRecord) -> None:
        kind = record.inputs.get("vpcEndpointType") or "Gateway"
        service = record.inputs.get("serviceName", "?")
        if kind == "Gateway":
            self.add(
                record,
                f"Gateway VPC endpoint {record.name} ({service})",
                Decimal(0),
                "gateway endpoints (S3, DynamoDB) have no hourly or data charge",
                [],
            )
            return
        if kind != "Interface":
            self.skip(record, f"no prices modelled for {kind} VPC endpoints")
            return
        subnets = record.inputs.get("subnetIds")
        if not isinstance(subnets, list) or not all(isinstance(s, str) for s in subnets):
            self.skip(record, "its subnets (one billed endpoint-hour per AZ) are not known")
            return
        hour = self.price("vpc_interface_endpoint_az_hour")
        per_gb = self.price("vpc_interface_endpoint_gb_processed")
        gb = self.assume("vpc_endpoint_gb_processed_per_month")
        azs = Decimal(len(subnets))
        self.add(
            record,
            f"Interface VPC endpoint {record.name} ({service}) in {len(subnets)} AZs",
            azs * hour + gb * per_gb / self.hours,
            f"{len(subnets)} AZs x {num(self.hours)} h x {money(hour)} "
            f"(vpc_interface_endpoint_az_hour) + {num(gb)} GB "
            f"(vpc_endpoint_gb_processed_per_month) x {money(per_gb)} "
            "(vpc_interface_endpoint_gb_processed)",
            [
                "vpc_interface_endpoint_az_hour",
                "vpc_interface_endpoint_gb_processed",
                "vpc_endpoint_gb_processed_per_month",
            ],
        )

    def eip(self, record: ResourceRecord) -> None:
        price = self.price("public_ipv4_hour")
        ids = {record.id, record.outputs.get("allocationId")} - {None}
        nat = next(
            (
                n.name
                for n in self.plan.of_type(NAT_GATEWAY)
                if n.inputs.get("allocationId") in ids
                or record.urn in n.property_dependencies.get("allocationId", [])
            ),
            None,
        )
        what = f"Elastic IP {record.name}" + (f" (NAT gateway {nat})" if nat else "")
        self.add(
            record,
            what,
            price,
            f"1 public IPv4 x {money(price)} (public_ipv4_hour) x {num(self.hours)} h",
            ["public_ipv4_hour"],
        )

    def ec2_instance(self, record: ResourceRecord) -> None:
        """An on-demand Linux instance (the NAT instances) + its gp3 root volume."""
        itype = str(record.inputs.get("instanceType", ""))
        name = "ec2_" + itype.replace(".", "_") + "_hour"
        if name not in self.book.prices:
            self.skip(
                record, f"no on-demand price for {itype!r} in the {self.book.region} price file"
            )
            return
        hour = self.price(name)
        root = record.inputs.get("rootBlockDevice") or {}
        gb = Decimal(_int(root.get("volumeSize")) or 8)
        volume = self.price("ebs_gp3_gb_month") if "ebs_gp3_gb_month" in self.book.prices else None
        hourly = hour + (gb * volume / self.hours if volume is not None else Decimal(0))
        storage = (
            f" + {num(gb)} GB gp3 x {money(volume)} (ebs_gp3_gb_month)"
            if volume is not None
            else "; root volume not costed (no gp3 price)"
        )
        self.add(
            record,
            f"EC2 instance {record.name} ({itype}, on-demand)",
            hourly,
            f"{money(hour)} ({name}) x {num(self.hours)} h{storage}; data transfer out not included",
            [name, *(["ebs_gp3_gb_month"] if volume is not None else [])],
        )

    def load_balancer(self, record: ResourceRecord) -> None:
        """An ALB or NLB: hours + the capacity-unit assumption (LCU / NLCU) + the public
        IPv4 addresses AWS assigns an internet-facing one (one per subnet; none for an NLB's
        subnet mappings with Elastic IPs, which are costed as the EIPs themselves)."""
        kind = record.inputs.get("loadBalancerType") or "application"
        if kind not in ("application", "network"):
            self.skip(record, f"no prices modelled for {kind} load balancers")
            return
        internal = record.inputs.get("internal") is True
        no_ipv4 = record.inputs.get("ipAddressType") == "dualstack-without-public-ipv4"
        mappings = record.inputs.get("subnetMappings")
        with_eips = isinstance(mappings, list) and any(
            isinstance(m, dict) and m.get("allocationId") for m in mappings
        )
        hourly, parts, uses = load_balancer_hourly(
            self,
            "alb" if kind == "application" else "nlb",
            public=not internal and not no_ipv4 and not with_eips,
            subnets=record.inputs.get("subnets") or mappings,
        )
        scheme = "internal" if internal else "internet-facing"
        what = "Application" if kind == "application" else "Network"
        self.add(
            record,
            f"{what} Load Balancer {record.name} ({scheme})",
            hourly,
            f"{num(self.hours)} h x (" + " + ".join(parts) + ")",
            uses,
        )

    # -- EKS

    def hpa_range(self, kind: str, name: str, namespace: str) -> tuple[int, int] | None:
        for t in K8S_HPAS:
            for hpa in self.plan.of_type(t):
                metadata = hpa.inputs.get("metadata") or {}
                spec = hpa.inputs.get("spec") or {}
                ref = spec.get("scaleTargetRef") or {}
                if (metadata.get("namespace") or "default") != namespace:
                    continue
                if ref.get("kind") == kind and ref.get("name") == name:
                    high = _int(spec.get("maxReplicas"))
                    low = _int(spec.get("minReplicas"))
                    if high is not None:
                        return (low if low is not None else 1), high
        return None

    # -- logs

    def log_group(self, record: ResourceRecord) -> None:
        flow_log = flow_log_of(self, record)
        if flow_log is not None:
            what, source = (
                ("WAF logs", "WAF logging configuration")
                if flow_log.type == WAF_LOGGING
                else ("flow logs", "flow log")
            )
            self.add(
                record,
                f"CloudWatch log group {record.inputs.get('name') or record.name} ({what})",
                Decimal(0),
                f"its data is costed on {source} {flow_log.name} (vended logs); storage not "
                "included",
                [],
            )
            return
        gb = self.assume("log_ingestion_gb_per_month")
        if gb <= 0:
            self.skip(record, "log ingestion not priced: log_ingestion_gb_per_month is 0")
            return
        self.add_per_gb(
            record,
            f"CloudWatch log group {record.inputs.get('name') or record.name} (ingestion)",
            "log_ingestion_gb_per_month",
            "cloudwatch_logs_ingested_gb",
            "storage not included",
        )

    def metric_alarm(self, record: ResourceRecord) -> None:
        """A CloudWatch metric alarm: the standard-resolution monthly fee (3x when the
        period is under 60 s: high resolution); the free tier is not applied."""
        price = self.price("cloudwatch_alarm_month")
        period = record.inputs.get("period")
        high = isinstance(period, int) and period < 60
        factor = Decimal(3) if high else Decimal(1)
        self.add(
            record,
            f"CloudWatch alarm {record.name}" + (" (high resolution)" if high else ""),
            factor * price / self.hours,
            f"1 alarm x {money(price)} (cloudwatch_alarm_month)"
            + (" x 3 (period < 60 s: high resolution)" if high else "")
            + "; free tier not applied",
            ["cloudwatch_alarm_month"],
        )

    def private_dns_namespace(self, record: ResourceRecord) -> None:
        """A Cloud Map private DNS namespace: its Route 53 private hosted zone's monthly fee
        (DNS queries not included)."""
        price = self.price("route53_hosted_zone_month")
        self.add(
            record,
            f"Cloud Map private DNS namespace {record.name} (a Route 53 hosted zone)",
            price / self.hours,
            f"1 hosted zone x {money(price)} (route53_hosted_zone_month); DNS queries and "
            "Cloud Map instance registrations not included",
            ["route53_hosted_zone_month"],
        )

    def waf_web_acl(self, record: ResourceRecord) -> None:
        """A WAF web ACL: its monthly fee, one rule fee per rule (a managed rule group counts
        as one) and the inspected requests (an assumption)."""
        rules = record.inputs.get("rules")
        count = len(rules) if isinstance(rules, list) else 0
        acl, rule = self.price("waf_web_acl_month"), self.price("waf_rule_month")
        per_million = self.price("waf_requests_million")
        millions = self.assume("waf_requests_million_per_month")
        monthly = acl + count * rule + millions * per_million
        self.add(
            record,
            f"WAF web ACL {record.name} ({count} rules)",
            monthly / self.hours,
            f"{money(acl)} (waf_web_acl_month) + {count} x {money(rule)} (waf_rule_month) + "
            f"{num(millions)} M requests (waf_requests_million_per_month) x "
            f"{money(per_million)} (waf_requests_million)",
            [
                "waf_web_acl_month",
                "waf_rule_month",
                "waf_requests_million",
                "waf_requests_million_per_month",
            ],
        )

    def waf_association(self, record: ResourceRecord) -> None:
        """An association is free; a web ACL this plan doesn't create bills its owner."""
        web_acl = record.inputs.get("webAclArn")
        if self.graph.refs(record, "webAclArn", WAF_WEB_ACL):
            self.mark_free(record, "an association is not billed; its web ACL is costed")
            return
        self.skip(
            record,
            f"associates an existing web ACL ({web_acl if _known(web_acl) else 'unknown'}): "
            f"its fee and its requests ({money(self.book.value('waf_requests_million'))} per "
            "million) are billed to that web ACL, which this plan does not create",
        )

    def kms_key(self, record: ResourceRecord) -> None:
        """A customer managed key: its monthly fee (requests and rotations not included)."""
        price = self.price("kms_key_month")
        self.add(
            record,
            f"KMS key {record.name}",
            price / self.hours,
            f"1 customer managed key x {money(price)} (kms_key_month); rotations and "
            "requests beyond the free tier not included",
            ["kms_key_month"],
        )

    def efs_file_system(self, record: ResourceRecord) -> None:
        """EFS Standard storage at the assumed size; throughput charges (elastic: per GB
        transferred; provisioned: per MiB/s-month), IA access and backups are not included,
        and the formula says so."""
        mode = record.inputs.get("throughputMode") or "bursting"
        left_out = "IA/Archive access (automatic backups: the backup policy's item)"
        if mode == "elastic":
            left_out = "elastic throughput (per GB read/written), " + left_out
        elif mode == "provisioned":
            left_out = "provisioned throughput (per MiB/s-month), " + left_out
        self.add_per_gb(
            record,
            f"EFS file system {record.name} ({mode} throughput)",
            "efs_storage_gb_per_month",
            "efs_standard_gb_month",
            f"not included: {left_out}",
        )

    # -- the report

    def report(self) -> CostReport:
        table: dict[str, dict[str, Any]] = {}
        for name in sorted(self.used):
            if name in self.a.names():
                table[name] = {
                    "kind": "assumption",
                    "value": float(getattr(self.a, name)),
                    "unit": self.a.unit_of(name),
                    "note": self.a.describe(name),
                    "default": float(getattr(DEFAULT_ASSUMPTIONS, name)),
                }
            else:
                table[name] = self.book[name].to_json()
        return CostReport(
            region=self.book.region,
            currency=self.book.currency,
            hours_per_month=float(self.hours),
            prices_as_of=self.book.as_of,
            items=self.items,
            assumptions=table,
            not_costed=self.not_costed,
            free=self.free,
        )


#: Billable types this estimate has no price file entry for: listed in ``not_costed`` with why.
_NOT_PRICED = {
    HTTP_NAMESPACE: "Cloud Map bills registered instances and discovery API calls (usage, "
    "not the namespace); no price for them in the price files",
    DISCOVERY_SERVICE: "Cloud Map bills each registered task and DNS queries (usage); no "
    "price for them in the price files",
    SECRET: "Secrets Manager bills each secret per month and API calls per 10,000; no price "
    "for them in the price files",
    ECR_REPOSITORY: "ECR bills the images stored, per GB-month (USD 0.10 in us-east-1 per "
    "third-party guides; not in the price files, so not priced): a repository the library "
    "creates keeps at most its lifecycle policy's images_kept built images (default 10) plus "
    "one build cache, so e.g. 11 x 0.2 GB of compressed layers is about USD 0.22 a month; "
    "pulls in the same region are free, basic scanning is free",
    DYNAMODB_TABLE: "DynamoDB bills requests or capacity and stored GB; no price model here",
    RDS_INSTANCE: "RDS bills instance hours, storage and I/O; no price model here",
    RDS_CLUSTER: "Aurora bills instances, storage and I/O; no price model here",
    EKS_NODE_GROUP: "EC2 nodes (instance hours, EBS) are not priced; this estimate prices Fargate",
}


def _acm_certificate(estimator: _Estimator, record: ResourceRecord) -> None:
    """Public ACM certificates cost nothing (https://aws.amazon.com/certificate-manager/pricing/;
    the official page is not in the stored docs, secondary sources agree); shown at $0 so the
    reader sees it was considered, with what its Route 53 records cost."""
    estimator.add(
        record,
        f"ACM public certificate {record.name}",
        Decimal(0),
        "public ACM certificates are free; its Route 53 records: alias queries to a load "
        "balancer are free, validation CNAME queries are billed per million (not costed: "
        "negligible); the hosted zone is yours (USD 0.50 a month, not in this plan)",
        [],
    )


def _not_priced(estimator: _Estimator, record: ResourceRecord) -> None:
    estimator.skip(record, _NOT_PRICED[record.type])


_HANDLERS = {
    **{token: _not_priced for token in _NOT_PRICED},
    ECS_SERVICE: _Estimator.service,
    ACM_CERTIFICATE: _acm_certificate,
    NAT_GATEWAY: _Estimator.nat_gateway,
    EC2_INSTANCE: _Estimator.ec2_instance,
    VPC_ENDPOINT: _Estimator.vpc_endpoint,
    EIP: _Estimator.eip,
    LOAD_BALANCER: _Estimator.load_balancer,
    ALB_LOAD_BALANCER: _Estimator.load_balancer,
    S3_BUCKET: price_s3_bucket,
    S3_BUCKET_V2: price_s3_bucket,
    EKS_CLUSTER: price_eks_cluster,
    LOG_GROUP: _Estimator.log_group,
    EFS_FILE_SYSTEM: _Estimator.efs_file_system,
    KMS_KEY: _Estimator.kms_key,
    METRIC_ALARM: _Estimator.metric_alarm,
    PRIVATE_DNS_NAMESPACE: _Estimator.private_dns_namespace,
    SCHEDULE: price_schedule,
    SQS_QUEUE: price_sqs_queue,
    FLOW_LOG: price_flow_log,
    ROUTE53_RECORD: price_route53_record,
    ROUTE53_ZONE: price_route53_zone,
    EFS_BACKUP_POLICY: price_backup_policy,
    SCALING_POLICY: price_scaling_policy,
    ECS_CLUSTER: price_ecs_cluster,
    EKS_ADDON: price_eks_addon,
    WAF_WEB_ACL: _Estimator.waf_web_acl,
    WAF_WEB_ACL_ASSOCIATION: _Estimator.waf_association,
    WAF_LOGGING: price_waf_logging,
}


def _describe_strategy(strategy: Sequence[StrategyItem]) -> str:
    return ", ".join(f"{i.provider} base {i.base} weight {i.weight}" for i in strategy)


def estimate_cost(
    plan: Plan,
    prices: PriceBook | None = None,
    assumptions: Assumptions | Mapping[str, Any] | None = None,
) -> CostReport:
    """Estimate the monthly cost of everything in ``plan`` that AWS bills by the hour.

    Args:
        plan: a plan from :func:`~fargate_components.testing.run_in_mocks`.
        prices: the price book. Default: :func:`load_prices` for ``plan.region``.
        assumptions: an :class:`Assumptions`, or a mapping of assumption names to values
            that override the defaults (e.g. ``{"fargate_spot_discount": 0.5}``).

    Raises ``ValidationError`` for an unknown assumption name or a value out of range, or a
    region without prices.
    """
    book = prices if prices is not None else load_prices(plan.region)
    if isinstance(assumptions, Assumptions):
        check_assumptions(assumptions)
        chosen = assumptions
    else:
        chosen = DEFAULT_ASSUMPTIONS.with_overrides(assumptions)
    estimator = _Estimator(plan, book, chosen)
    estimator.run()
    return estimator.report()
