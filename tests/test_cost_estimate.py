"""The cost estimator over Plans of raw pulumi_aws / pulumi_kubernetes resources."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pulumi
import pulumi_aws as aws
import pulumi_kubernetes as k8s
import pytest

from fargate_components.errors import ValidationError
from fargate_components.pricing import (
    Assumptions,
    estimate_cost,
    load_prices,
    render_cost_markdown,
    render_cost_text,
)
from fargate_components.pricing.model import cents
from fargate_components.testing import Plan, run_in_mocks

CONTAINERS = json.dumps([{"name": "app", "image": "nginx", "essential": True}])


class App(pulumi.ComponentResource):
    """A tiny component so items can be attributed to it."""

    def __init__(self, name: str, build: Any) -> None:
        super().__init__("fargate:test:App", name, None)
        build(pulumi.ResourceOptions(parent=self))
        self.register_outputs({})


def _ecs(
    opts: pulumi.ResourceOptions,
    *,
    service: dict[str, Any] | None = None,
    task: dict[str, Any] | None = None,
    scaling: tuple[int, int] | None = (2, 10),
    default_strategy: bool = True,
) -> None:
    cluster = aws.ecs.Cluster("cluster", opts=opts)
    aws.ecs.ClusterCapacityProviders(
        "providers",
        cluster_name=cluster.name,
        capacity_providers=["FARGATE", "FARGATE_SPOT"],
        default_capacity_provider_strategies=[
            {"capacity_provider": "FARGATE", "base": 1, "weight": 1},
            {"capacity_provider": "FARGATE_SPOT", "weight": 3},
        ]
        if default_strategy
        else None,
        opts=opts,
    )
    td = aws.ecs.TaskDefinition(
        "task",
        **(
            {
                "family": "web",
                "cpu": "256",
                "memory": "512",
                "network_mode": "awsvpc",
                "requires_compatibilities": ["FARGATE"],
                "container_definitions": CONTAINERS,
            }
            | (task or {})
        ),
        opts=opts,
    )
    svc = aws.ecs.Service(
        "web",
        cluster=cluster.arn,
        task_definition=td.arn,
        **({"desired_count": 5} | (service or {})),
        opts=opts,
    )
    if scaling:
        aws.appautoscaling.Target(
            "scaling",
            service_namespace="ecs",
            scalable_dimension="ecs:service:DesiredCount",
            resource_id=pulumi.Output.concat("service/", cluster.name, "/", svc.name),
            min_capacity=scaling[0],
            max_capacity=scaling[1],
            opts=opts,
        )


def _plan(build: Any, **kwargs: Any) -> Plan:
    return run_in_mocks(lambda: App("app", build), **kwargs)


def _item(report: Any, type_: str) -> Any:
    (item,) = [i for i in report.items if i.type == type_]
    return item


@pytest.fixture(scope="module")
def ecs_report() -> Any:
    return estimate_cost(_plan(_ecs))


def test_service_uses_cluster_default_strategy_and_autoscaling(ecs_report: Any) -> None:
    item = _item(ecs_report, "aws:ecs/service:Service")
    # 5 tasks: FARGATE base 1, then 1:3 -> 2 on-demand + 3 spot.
    od, spot = Decimal("0.0123425"), Decimal("0.0123425") * Decimal("0.3")
    assert item.tasks["on_demand"] == 2 and item.tasks["spot"] == 3
    assert item.tasks["count"] == 5 and (item.tasks["min"], item.tasks["max"]) == (2, 10)
    assert item.monthly == ((2 * od + 3 * spot) * 730).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert item.min_monthly == ((od + spot) * 730).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )  # 1 + 1
    # 10 tasks: base 1, then 9 split 1:3 (2.25 : 6.75) -> 3 on-demand + 7 spot.
    assert item.max_monthly == ((3 * od + 7 * spot) * 730).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert item.component is not None and item.component.endswith("fargate:test:App::app")
    for text in ("0.7 fargate_spot_discount", "$0.04048", "$0.004445", "730 h", "2..10"):
        assert text in item.formula


def test_json_shape_and_total_is_the_sum_of_items(ecs_report: Any) -> None:
    doc = ecs_report.to_json()
    assert doc["currency"] == "USD" and doc["region"] == "us-east-1"
    assert doc["hours_per_month"] == 730
    assert doc["total_monthly"] == round(sum(i["monthly"] for i in doc["items"]), 2)
    for item in doc["items"]:
        assert {"urn", "component", "description", "monthly", "min_monthly", "max_monthly"} <= set(
            item
        )
        assert item["min_monthly"] <= item["monthly"] <= item["max_monthly"]
    assumptions = doc["assumptions"]
    assert assumptions["fargate_linux_x86_vcpu_hour"]["value"] == 0.04048
    assert assumptions["fargate_spot_discount"] == {
        "kind": "assumption",
        "value": 0.7,
        "unit": "fraction off on-demand",
        "note": assumptions["fargate_spot_discount"]["note"],
        "default": 0.7,
    }
    # Every name an item used is in the assumptions, and nothing unused is.
    used = {name for item in doc["items"] for name in item["uses"]}
    assert used == set(assumptions)
    json.dumps(doc)  # plain JSON


def test_assumption_override_changes_the_figure() -> None:
    plan = _plan(_ecs)
    base = _item(estimate_cost(plan), "aws:ecs/service:Service")
    half = _item(
        estimate_cost(plan, assumptions={"fargate_spot_discount": 0.5}), "aws:ecs/service:Service"
    )
    assert half.monthly > base.monthly
    assert "0.5 fargate_spot_discount" in half.formula
    with pytest.raises(ValidationError, match="assumptions"):
        estimate_cost(plan, assumptions={"spot": 1})
    with pytest.raises(ValidationError, match="fargate_spot_discount"):
        estimate_cost(plan, assumptions=Assumptions(fargate_spot_discount=-1))


def test_service_strategy_launch_type_and_public_ip() -> None:
    def build(opts: pulumi.ResourceOptions) -> None:
        _ecs(
            opts,
            scaling=None,
            service={
                "desired_count": 3,
                "launch_type": "FARGATE",
                "network_configuration": {"subnets": ["subnet-1"], "assign_public_ip": True},
            },
            task={
                "runtime_platform": {
                    "cpu_architecture": "ARM64",
                    "operating_system_family": "LINUX",
                },
                "ephemeral_storage": {"size_in_gib": 30},
            },
        )

    report = estimate_cost(_plan(build))
    item = _item(report, "aws:ecs/service:Service")
    assert item.tasks == {
        "count": 3,
        "source": "desiredCount",
        "min": 3,
        "max": 3,
        "on_demand": 3,
        "spot": 0,
        "vcpu": 0.25,
        "memory_gb": 0.5,
    }
    per_task = (
        Decimal("0.25") * Decimal("0.03238")
        + Decimal("0.5") * Decimal("0.00356")
        + 10 * Decimal("0.000111")
        + Decimal("0.005")
    )
    assert item.monthly == (3 * per_task * 730).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert item.min_monthly == item.max_monthly == item.monthly
    assert "launchType FARGATE" in item.formula and "public_ipv4_hour" in item.uses
    assert "fargate_spot_discount" not in report.assumptions


def test_explicit_strategy_wins_and_ec2_is_not_costed() -> None:
    def build(opts: pulumi.ResourceOptions) -> None:
        _ecs(
            opts,
            scaling=None,
            service={
                "capacity_provider_strategies": [{"capacity_provider": "FARGATE_SPOT", "weight": 1}]
            },
        )
        cluster = aws.ecs.Cluster("other", opts=opts)
        aws.ecs.Service("legacy", cluster=cluster.arn, launch_type="EC2", opts=opts)

    report = estimate_cost(_plan(build))
    item = _item(report, "aws:ecs/service:Service")
    assert item.tasks["spot"] == 5 and item.tasks["on_demand"] == 0
    (skipped,) = report.not_costed
    assert skipped.name == "legacy" and "EC2" in skipped.reason


def _network(opts: pulumi.ResourceOptions) -> None:
    eip = aws.ec2.Eip("nat-ip", domain="vpc", opts=opts)
    aws.ec2.NatGateway("nat", allocation_id=eip.id, subnet_id="subnet-1", opts=opts)
    aws.lb.LoadBalancer("public", subnets=["subnet-1", "subnet-2", "subnet-3"], opts=opts)
    aws.lb.LoadBalancer("private", internal=True, subnets=["subnet-4", "subnet-5"], opts=opts)
    aws.lb.LoadBalancer("nlb", load_balancer_type="network", subnets=["subnet-1"], opts=opts)
    aws.cloudwatch.LogGroup("logs", retention_in_days=30, opts=opts)


def test_network_items_and_nat_ip_counted_once() -> None:
    plan = _plan(_network)
    report = estimate_cost(plan)
    nat = _item(report, "aws:ec2/natGateway:NatGateway")
    assert nat.monthly == Decimal("0.045") * 730 + 100 * Decimal("0.045")  # 37.35
    eip = _item(report, "aws:ec2/eip:Eip")
    assert eip.monthly == Decimal("3.65") and "NAT gateway nat" in eip.description
    assert "public_ipv4_hour" not in nat.uses
    albs = {i.name: i for i in report.items if i.type == "aws:lb/loadBalancer:LoadBalancer"}
    assert albs["public"].monthly == cents_of(
        (Decimal("0.0225") + Decimal("0.008") + 3 * Decimal("0.005")) * 730
    )
    assert albs["private"].monthly == cents_of((Decimal("0.0225") + Decimal("0.008")) * 730)
    # An NLB: hours + 1 NLCU (nlb_nlcu_per_hour) + one public IPv4 per subnet.
    assert albs["nlb"].monthly == cents_of(
        (Decimal("0.0225") + Decimal("0.006") + Decimal("0.005")) * 730
    )
    assert albs["nlb"].description.startswith("Network Load Balancer nlb")
    assert report.not_costed == []
    # 1 GB a month per log group by default (log_ingestion_gb_per_month); 0 lists it instead.
    assert _item(report, "aws:cloudwatch/logGroup:LogGroup").monthly == Decimal("0.50")
    none = estimate_cost(plan, assumptions={"log_ingestion_gb_per_month": 0})
    assert [n.reason for n in none.not_costed] == [
        "log ingestion not priced: log_ingestion_gb_per_month is 0"
    ]

    more = estimate_cost(
        plan,
        assumptions={"log_ingestion_gb_per_month": 10, "nat_gateway_gb_processed_per_month": 0},
    )
    logs = _item(more, "aws:cloudwatch/logGroup:LogGroup")
    assert logs.monthly == Decimal("5.00")
    assert _item(more, "aws:ec2/natGateway:NatGateway").monthly == Decimal("32.85")
    assert not more.assumptions["cloudwatch_logs_ingested_gb"]["confirmed"]


def test_nlb_with_elastic_ips_alarms_and_dns_namespaces() -> None:
    def build(opts: pulumi.ResourceOptions) -> None:
        eip = aws.ec2.Eip("nlb-ip", domain="vpc", opts=opts)
        aws.lb.LoadBalancer(
            "static",
            load_balancer_type="network",
            subnet_mappings=[{"subnet_id": "subnet-1", "allocation_id": eip.id}],
            opts=opts,
        )
        for name, period in (("errors", 60), ("fast", 10)):
            aws.cloudwatch.MetricAlarm(
                name,
                comparison_operator="GreaterThanThreshold",
                evaluation_periods=1,
                metric_name="HTTPCode_Target_5XX_Count",
                namespace="AWS/ApplicationELB",
                period=period,
                statistic="Sum",
                threshold=10,
                opts=opts,
            )
        aws.servicediscovery.PrivateDnsNamespace(
            "internal", name="svc.local", vpc="vpc-1", opts=opts
        )
        aws.servicediscovery.HttpNamespace("mesh", name="mesh", opts=opts)

    report = estimate_cost(_plan(build))
    nlb = next(i for i in report.items if i.name == "static")
    # The Elastic IP is costed as itself, not again as the NLB's public address.
    assert nlb.monthly == cents_of((Decimal("0.0225") + Decimal("0.006")) * 730)
    alarms = {
        i.name: i.monthly for i in report.items if i.type.startswith("aws:cloudwatch/metricAlarm")
    }
    assert alarms == {"errors": Decimal("0.10"), "fast": Decimal("0.30")}
    zone = next(i for i in report.items if i.name == "internal")
    assert zone.monthly == Decimal("0.50") and "route53_hosted_zone_month" in zone.uses
    assert [s.name for s in report.not_costed] == ["mesh"]


def cents_of(amount: Decimal) -> Decimal:
    return cents(amount)  # half up, as every reported figure


def _eks(opts: pulumi.ResourceOptions) -> None:
    cluster = aws.eks.Cluster(
        "eks", role_arn="arn:aws:iam::123456789012:role/eks", vpc_config={"subnet_ids": ["a"]}
    )
    aws.eks.FargateProfile(
        "apps",
        cluster_name=cluster.name,
        pod_execution_role_arn="arn:aws:iam::123456789012:role/pods",
        subnet_ids=["subnet-1"],
        selectors=[{"namespace": "apps-*"}, {"namespace": "jobs", "labels": {"tier": "batch"}}],
        opts=opts,
    )

    def deployment(name: str, namespace: str, requests: dict | None, **spec: Any) -> None:
        container: dict[str, Any] = {"name": "c", "image": "nginx"}
        if requests is not None:
            container["resources"] = {"requests": requests}
        k8s.apps.v1.Deployment(
            name,
            metadata={"name": name, "namespace": namespace},
            spec={
                "selector": {"match_labels": {"app": name}},
                "template": {
                    "metadata": {"labels": {"app": name, **spec.pop("labels", {})}},
                    "spec": {"containers": [container]},
                },
                **spec,
            },
            opts=opts,
        )

    deployment("api", "apps-prod", {"cpu": "1", "memory": "8Gi"}, replicas=3)
    deployment("tiny", "apps-dev", None)
    deployment("elsewhere", "default", {"cpu": "250m", "memory": "256Mi"}, replicas=2)
    deployment("batch", "jobs", {"cpu": "500m", "memory": "512Mi"}, replicas=1)
    k8s.autoscaling.v2.HorizontalPodAutoscaler(
        "api-hpa",
        metadata={"namespace": "apps-prod"},
        spec={
            "scale_target_ref": {"api_version": "apps/v1", "kind": "Deployment", "name": "api"},
            "min_replicas": 2,
            "max_replicas": 6,
        },
        opts=opts,
    )


def test_eks_control_plane_and_fargate_pods() -> None:
    report = estimate_cost(_plan(_eks, config={"aws:region": "ap-northeast-2"}))
    assert report.region == "ap-northeast-2"
    control = _item(report, "aws:eks/cluster:Cluster")
    assert control.monthly == Decimal("73.00") and control.component is None
    pods = {i.name: i for i in report.items if i.type == "kubernetes:apps/v1:Deployment"}
    # 1 vCPU / 8 GiB + 256 MiB does not fit 1 vCPU (max 8 GB): 2 vCPU / 9 GB (Seoul prices).
    api = pods["api"]
    assert (api.tasks["vcpu"], api.tasks["memory_gb"]) == (2.0, 9.0)
    per_pod = 2 * Decimal("0.04656") + 9 * Decimal("0.00511")
    assert api.monthly == cents_of(3 * per_pod * 730)
    assert api.min_monthly == cents_of(2 * per_pod * 730)
    assert api.max_monthly == cents_of(6 * per_pod * 730)
    # No requests: the smallest size, 0.25 vCPU / 0.5 GB, one replica.
    assert (pods["tiny"].tasks["vcpu"], pods["tiny"].tasks["memory_gb"]) == (0.25, 0.5)
    # jobs needs the label tier=batch, which the pod template lacks; default is not selected.
    assert {s.name for s in report.not_costed} == {"elsewhere", "batch"}
    assert pods.keys() == {"api", "tiny"}


def test_renderers_print_each_assumption_next_to_its_figure(ecs_report: Any) -> None:
    text = render_cost_text(ecs_report)
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("ECS service"))
    assert "$26.13" in lines[row] and "$11.71..$45.95" in lines[row]
    assert "fargate_spot_discount" in lines[row + 1] and "$0.04048" in lines[row + 1]
    assert any(line.startswith("TOTAL") and "$26.13" in line for line in lines)
    assert "fargate_spot_discount = 0.7 fraction off on-demand [assumption]" in text
    markdown = render_cost_markdown(ecs_report)
    assert markdown.startswith("### Cost estimate: $26.13 / month")
    assert "| **Total** | | **$26.13** | $11.71..$45.95 | |" in markdown
    assert "| `fargate_spot_discount` | 0.7 |" in markdown


def test_unconfirmed_prices_are_flagged() -> None:
    def build(opts: pulumi.ResourceOptions) -> None:
        _ecs(
            opts,
            scaling=None,
            default_strategy=False,
            service={"desired_count": 1},
            task={
                "cpu": "1024",
                "memory": "2048",
                "runtime_platform": {"operating_system_family": "WINDOWS_SERVER_2022_CORE"},
            },
        )

    report = estimate_cost(_plan(build), prices=load_prices("ap-northeast-2"))
    assert "fargate_windows_vcpu_hour" in report.unconfirmed
    text = render_cost_text(report)
    assert "[NOT CONFIRMED]" in text and "not confirmed from an AWS source" in text
    assert "not confirmed" in render_cost_markdown(report)
    assert "assumed FARGATE" in report.items[0].formula


def test_vpc_endpoints_interface_per_az_hour_and_gateway_free() -> None:
    from fargate_components import Network, NetworkArgs

    plan = run_in_mocks(lambda: Network("net", NetworkArgs(az_count=2, vpc_endpoints=True)))
    report = estimate_cost(plan).to_json()
    items = {i["description"].split(" (")[0]: i for i in report["items"]}
    logs = items["Interface VPC endpoint net-vpce-logs"]
    assert logs["monthly"] == round(2 * 730 * 0.01, 2)  # 2 AZs x 730 h x $0.01
    assert items["Gateway VPC endpoint net-vpce-s3"]["monthly"] == 0
    assert "vpc_interface_endpoint_az_hour" in report["unconfirmed"]


def test_a_scheduled_tasks_runs_are_priced_from_its_schedule() -> None:

    from fargate_components.model.tokens import SCHEDULE
    from tests.example_plans import example_plan

    report = estimate_cost(example_plan("examples/ecs-scheduled-job"))
    (schedule,) = [i for i in report.items if i.type == SCHEDULE]
    assert "runs a month" in schedule.formula and schedule.monthly > 0


def test_a_scheduled_tasks_hours_are_printed_rounded() -> None:
    # A user's rate(1 hour) job read "121.6666666666666666666666667 h a month" in its formula.
    from fargate_components.model.tokens import SCHEDULE
    from tests.example_plans import example_plan

    plan = example_plan("examples/ecs-scheduled-job")
    (record,) = plan.of_type(SCHEDULE)
    record.inputs["scheduleExpression"] = "rate(1 hour)"
    (schedule,) = [i for i in estimate_cost(plan).items if i.type == SCHEDULE]
    assert "121.67 h a month" in schedule.formula, schedule.formula
