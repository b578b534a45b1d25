"""FC-NET-101 and FC-NET-102 on planned programs: an internet-facing NLB with the default ingress CIDRs on a
non-web port, and tasks with public IPs open to the world, in both plan modes (a first
preview, where every security-group id is unknown, and a plain mocks plan)."""

from __future__ import annotations

import pulumi_aws as aws
import pytest

from fargate_components import (
    Container,
    DeploymentAlarms,
    Domain,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    LoadBalancer,
    LoadBalancerArgs,
    Network,
    NetworkArgs,
    NetworkListener,
    NetworkLoadBalancer,
    NetworkLoadBalancerArgs,
    Routing,
)
from fargate_components.policy import RULES, Finding, evaluate
from fargate_components.policy.certificate_rules import certificate_covers
from fargate_components.policy.exposure_rules import world_open_ports
from fargate_components.testing import Plan, run_in_mocks
from fargate_components.testing.assertions import assert_no_findings_at_or_above


def _program() -> None:
    net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    cluster = FargateCluster("apps")
    # A user's Postgres behind an internet-facing NLB, ingress_cidrs left at the default.
    pg = NetworkLoadBalancer(
        "pg",
        NetworkLoadBalancerArgs(
            network=net, listeners=[NetworkListener(port=5432), NetworkListener(port=443)]
        ),
    )
    task = FargateTaskDefinition(
        "db",
        FargateTaskDefinitionArgs(
            containers=[Container(name="db", image="postgres:17", port_mappings=[5432])]
        ),
    )
    FargateService(
        "db",
        FargateServiceArgs(
            cluster=cluster, task_definition=task, network=net, load_balancer=pg, listener_port=5432
        ),
    )
    # A task with a public IP and SSH open to the world; the same on a private task is not
    # reachable from the internet and not judged.
    ssh = FargateTaskDefinition(
        "ssh",
        FargateTaskDefinitionArgs(
            containers=[Container(name="ssh", image="sshd:1", port_mappings=[22])]
        ),
    )
    for name, public in (("bastion", True), ("private", False)):
        FargateService(
            name,
            FargateServiceArgs(
                cluster=cluster,
                task_definition=ssh,
                network=net,
                assign_public_ip=public,
                allowed_cidrs=["0.0.0.0/0"],
            ),
        )


@pytest.fixture(scope="module", params=[False, True], ids=["mocks", "preview-faithful"])
def findings(request: pytest.FixtureRequest) -> list[Finding]:
    plan: Plan = run_in_mocks(_program, preview_faithful=request.param)
    return evaluate(plan, rules=[RULES["FC-NET-101"]])


def test_world_open_non_web_ports_on_internet_reachable_groups(findings: list[Finding]) -> None:
    by_name = {f.resource_name: f for f in findings}
    assert set(by_name) == {"pg-nlb-sg-tcp5432-anywhere", "bastion-sg-cidr-0"}, findings
    pg = by_name["pg-nlb-sg-tcp5432-anywhere"]
    assert "opens tcp 5432 to 0.0.0.0/0 on the internet-facing load balancer 'pg-nlb'" in pg.message
    assert (pg.severity, pg.checkov, pg.trivy, pg.unverified) == (
        "warning",
        None,
        "AVD-AWS-0107",
        False,
    )
    ssh = by_name["bastion-sg-cidr-0"]
    assert "the tasks of service 'bastion-service' (public IPs)" in ssh.message
    assert ssh.checkov == "CKV_AWS_24"  # a Checkov scan reports port 22 once


def test_which_ports_count() -> None:
    assert world_open_ports("tcp", 443, 443) is None
    assert world_open_ports("tcp", 80, 80) is None
    assert world_open_ports("udp", 53, 53) == "udp 53"
    assert world_open_ports("tcp", 80, 443) == "tcp 80-443"
    assert world_open_ports("-1", None, None) == "all ports"
    assert world_open_ports("tcp", "[unknown]", 5432) == "[unknown]"


def _tls_program() -> None:
    net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    lean = {"network": net, "access_logs_bucket": None, "waf": None}
    domain = Domain(name="app.example.com", zone_name="example.com", zone_id="Z123")
    alb = LoadBalancer("web", LoadBalancerArgs(**lean, domain=domain))
    bought = LoadBalancer(
        "bought",
        LoadBalancerArgs(
            **lean,
            certificate_arn="arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-1111-2222-333344445555",
        ),
    )
    task = FargateTaskDefinition(
        "web",
        FargateTaskDefinitionArgs(
            containers=[Container(name="web", image="nginx:1.27", port_mappings=[8080])]
        ),
    )
    cluster = FargateCluster("apps")
    for name, lb, hosts in (
        ("api", alb, ["app.example.com", "api.other.com"]),  # the second is not on it
        ("shop", bought, ["shop.example.com"]),  # a certificate made elsewhere: names unknown
    ):
        FargateService(
            name,
            FargateServiceArgs(
                cluster=cluster,
                task_definition=task,
                network=net,
                load_balancer=lb,
                routing=Routing(host_headers=hosts),
                alarms=DeploymentAlarms(default_alarms=False, alarm_names=["x"]),
            ),
        )


@pytest.mark.parametrize("faithful", [False, True], ids=["mocks", "preview-faithful"])
def test_routed_hosts_the_certificate_does_not_cover(faithful: bool) -> None:
    plan = run_in_mocks(_tls_program, preview_faithful=faithful)
    found = {f.resource_name: f for f in evaluate(plan, rules=[RULES["FC-NET-102"]])}
    assert set(found) == {"api-rule", "shop-rule"}, found
    assert not found["api-rule"].unverified
    assert "routes host 'api.other.com' on listener 'web-https'" in found["api-rule"].message
    assert "whose certificates cover only app.example.com" in found["api-rule"].message
    assert found["shop-rule"].unverified  # said, not passed: the names are not in the plan
    assert certificate_covers("*.example.com", "API.example.com.")
    assert not certificate_covers("*.example.com", "a.b.example.com")
    assert not certificate_covers("*.example.com", "example.com")


def _two_vpcs() -> None:
    """A Network component for the load balancer, Network.existing for the service: each
    side alone is fine, construction can't compare them (the Network's VPC id is AWS's)."""
    edge = Network("edge", NetworkArgs(az_count=2, nat_gateways="single", flow_logs=False))
    apps = Network.existing("vpc-0apps", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    lb = LoadBalancer("lb", LoadBalancerArgs(network=edge, access_logs_bucket=None, waf=None))
    task = FargateTaskDefinition(
        "web",
        FargateTaskDefinitionArgs(
            containers=[Container(name="web", image="nginx:1.27", port_mappings=[8080])]
        ),
    )
    FargateService(
        "web",
        FargateServiceArgs(
            cluster=FargateCluster("c"), task_definition=task, network=apps, load_balancer=lb
        ),
    )


@pytest.mark.parametrize("faithful", [False, True], ids=["mocks", "preview-faithful"])
def test_target_group_in_another_vpc(faithful: bool) -> None:
    plan = run_in_mocks(_two_vpcs, preview_faithful=faithful)
    found = evaluate(plan, rules=[RULES["FC-NET-103"]])
    assert [(f.resource_name, f.severity, f.unverified) for f in found] == [
        ("web-service", "error", False)
    ]
    assert (
        "(security group 'web-sg', VPC vpc-0apps) in target group 'web-tg' of VPC 'edge-vpc'"
        in (found[0].message)
    )


def test_an_unverified_result_fails_an_assertion_only_when_asked_like_fail_on_unverified() -> None:
    plan = run_in_mocks(_tls_program)
    # the errors-only assertion passes: its unverified results (FC-NET-102 on "shop", a
    # certificate made elsewhere; FC-NET-104 on each ALB, subnets of an existing VPC) are
    # returned, as `plan --fail-on error` reports them
    found = assert_no_findings_at_or_above(plan, "error")
    assert [f.resource_name for f in found if f.unverified and f.rule == "FC-NET-102"] == [
        "shop-rule"
    ]
    assert {f.rule for f in found if f.unverified} == {"FC-NET-102", "FC-NET-104"}
    with pytest.raises(AssertionError, match=r"and no unverified result, found 3:") as err:
        assert_no_findings_at_or_above(plan, "error", unverified=True)
    assert "shop-rule" in str(err.value)
    with pytest.raises(AssertionError, match=r"at or above warning, found 2:"):
        assert_no_findings_at_or_above(plan, "warning")  # FC-ECS-012 and FC-NET-102 on api


def _target_group_of_an_unknown_vpc() -> None:
    """Raw resources: the target group's vpcId is an id unknown at a first preview that is
    no VPC of the plan, so the rule can't tell which VPC it is."""
    other = aws.ec2.SecurityGroup("other", vpc_id="vpc-0apps")
    group = aws.lb.TargetGroup("tg", port=8080, protocol="HTTP", target_type="ip", vpc_id=other.id)
    tasks = aws.ec2.SecurityGroup("sg", vpc_id="vpc-0apps")
    aws.ecs.Service(
        "svc",
        cluster="c",
        task_definition="t",
        network_configuration={"subnets": ["subnet-a"], "security_groups": [tasks.id]},
        load_balancers=[
            {"target_group_arn": group.arn, "container_name": "web", "container_port": 8080}
        ],
    )


def test_a_target_group_vpc_unknown_at_preview_is_unverified_not_passed() -> None:
    plan = run_in_mocks(_target_group_of_an_unknown_vpc, preview_faithful=True)
    found = evaluate(plan, rules=[RULES["FC-NET-103"]])
    assert [(f.resource_name, f.unverified) for f in found] == [("svc", True)]
    assert "the VPC of 'tg' is not in the plan" in found[0].message
