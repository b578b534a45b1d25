"""The architecture diagram: derived from AWS wire shapes, deterministic, valid ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pulumi
import pulumi_aws as aws
import pytest

from fargate_components.plan.mermaid import architecture, render_mermaid
from fargate_components.testing import Plan, run_in_mocks
from tests.example_plans import example_plan

ROOT = Path(__file__).resolve().parent.parent
ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _example(name: str) -> Plan:
    return example_plan(ROOT / "examples" / name, None)


@pytest.fixture(scope="module")
def network() -> Plan:
    return _example("network")


@pytest.fixture(scope="module")
def eks() -> Plan:
    return _example("eks-fargate")


def _alb_ecs_program() -> None:
    """A raw pulumi_aws program: VPC, 2 public + 2 private subnets, IGW, NAT, ALB with an
    HTTP listener and a rule, a target group, an ECS service with a queue and its DLQ."""
    vpc = aws.ec2.Vpc("vpc", cidr_block="10.1.0.0/16")
    igw = aws.ec2.InternetGateway("igw", vpc_id=vpc.id)
    public = [
        aws.ec2.Subnet(f"pub-{z}", vpc_id=vpc.id, cidr_block=f"10.1.{i}.0/24",
                       availability_zone=f"us-east-1{z}", map_public_ip_on_launch=True)
        for i, z in enumerate("ab")
    ]  # fmt: skip
    private = [
        aws.ec2.Subnet(f"priv-{z}", vpc_id=vpc.id, cidr_block=f"10.1.{10 + i}.0/24",
                       availability_zone=f"us-east-1{z}")
        for i, z in enumerate("ab")
    ]  # fmt: skip
    eip = aws.ec2.Eip("nat-eip", domain="vpc")
    nat = aws.ec2.NatGateway("nat", subnet_id=public[0].id, allocation_id=eip.id)
    pub_rt = aws.ec2.RouteTable(
        "pub-rt", vpc_id=vpc.id, routes=[{"cidr_block": "0.0.0.0/0", "gateway_id": igw.id}]
    )
    priv_rt = aws.ec2.RouteTable("priv-rt", vpc_id=vpc.id)
    aws.ec2.Route(
        "priv-default",
        route_table_id=priv_rt.id,
        destination_cidr_block="0.0.0.0/0",
        nat_gateway_id=nat.id,
    )
    for s in public:
        aws.ec2.RouteTableAssociation(f"{s._name}-rta", subnet_id=s.id, route_table_id=pub_rt.id)
    for s in private:
        aws.ec2.RouteTableAssociation(f"{s._name}-rta", subnet_id=s.id, route_table_id=priv_rt.id)
    lb = aws.lb.LoadBalancer("web-alb", subnets=[s.id for s in public])
    tg = aws.lb.TargetGroup("web-tg", port=8080, protocol="HTTP", target_type="ip", vpc_id=vpc.id)
    api_tg = aws.lb.TargetGroup(
        "api-tg", port=9090, protocol="HTTP", target_type="ip", vpc_id=vpc.id
    )
    listener = aws.lb.Listener("http", load_balancer_arn=lb.arn, port=80, protocol="HTTP",
                               default_actions=[{"type": "forward", "target_group_arn": tg.arn}])  # fmt: skip
    aws.lb.ListenerRule("api-rule", listener_arn=listener.arn, priority=10,
                        actions=[{"type": "forward", "target_group_arn": api_tg.arn}],
                        conditions=[{"path_pattern": {"values": ["/api/*"]}}])  # fmt: skip
    dlq = aws.sqs.Queue("jobs-dlq")
    queue = aws.sqs.Queue("jobs", redrive_policy=dlq.arn.apply(
        lambda arn: json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": 5})))  # fmt: skip
    role = aws.iam.Role(
        "task-role", assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": []})
    )
    aws.iam.RolePolicy("task-sqs", role=role.id, policy=queue.arn.apply(lambda arn: json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": arn}]})))  # fmt: skip
    cluster = aws.ecs.Cluster("apps")
    td = aws.ecs.TaskDefinition("web-td", family="web", cpu="256", memory="512", network_mode="awsvpc",
                                requires_compatibilities=["FARGATE"], task_role_arn=role.arn,
                                container_definitions=json.dumps([{"name": "web", "image": "nginx"}]))  # fmt: skip
    aws.ecs.Service("web", cluster=cluster.arn, task_definition=td.arn, desired_count=2, launch_type="FARGATE",
                    network_configuration={"subnets": [s.id for s in private]},
                    load_balancers=[{"target_group_arn": tg.arn, "container_name": "web", "container_port": 8080}])  # fmt: skip
    pulumi.export("url", lb.dns_name)


@pytest.fixture(scope="module")
def alb_ecs() -> Plan:
    return run_in_mocks(_alb_ecs_program)


def _ids_and_edges(text: str) -> tuple[set[str], set[tuple[str, str]]]:
    ids: set[str] = set()
    edges: set[tuple[str, str]] = set()
    for line in text.splitlines()[1:]:
        line = line.strip()
        m = re.match(r"^(\w+) (-->|-\.->|---)(\|[^|]*\|)? (\w+)$", line)
        if m:
            edges.add((m.group(1), m.group(4)))
            continue
        if line == "end":
            continue
        m = re.match(r"^(?:subgraph )?([^\s\[\(\{>]+)", line)
        assert m, line
        ids.add(m.group(1))
    return ids, edges


def test_network_example_edges(network: Plan) -> None:
    text = render_mermaid(network)
    assert text.startswith("flowchart LR\n")
    ids, edges = _ids_and_edges(text)
    assert all(ID.match(i) for i in ids), ids
    assert {("internet", "igw_net_igw")} <= edges
    # every private subnet leaves through the single NAT (one edge from the whole tier)
    assert ("vpc_net_vpc_private", "nat_net_nat_a") in edges
    assert ("vpc_net_vpc_public", "igw_net_igw") in edges
    # the NAT gateway sits in its public subnet
    arch = architecture(network)
    assert "nat_net_nat_a" in arch.groups["subnet_net_public_a"].nodes
    assert arch.groups["subnet_net_public_a"].parent == "vpc_net_vpc_public"
    assert "subnet_net_private_a" in arch.groups["vpc_net_vpc_private"].nodes


def test_eks_example_profiles_point_at_private_subnets(eks: Plan) -> None:
    arch = architecture(eks)
    profiles = {"fp_eks_profile_kube_system", "fp_eks_profile_default", "fp_eks_profile_apps"}
    (group,) = [
        g for g in arch.groups.values() if g.label.startswith("EKS cluster fargate-eks-dev")
    ]
    assert set(group.nodes) == profiles
    assert {(p, "vpc_net_vpc_private") for p in profiles} <= arch.edge_pairs()
    assert "ns: default, game-2048" in render_mermaid(eks)


def test_raw_alb_ecs_program(alb_ecs: Plan) -> None:
    arch = architecture(alb_ecs)
    pairs = arch.edge_pairs()
    assert ("internet", "lb_web_alb") in pairs
    assert ("lb_web_alb", "listener_http") in pairs
    assert ("listener_http", "tg_web_tg") in pairs
    assert ("listener_http", "tg_api_tg") in pairs  # the /api/* rule
    assert ("tg_web_tg", "svc_web") in pairs
    assert ("svc_web", "td_web_td") in pairs
    assert ("svc_web", "vpc_vpc_private") in pairs  # tasks in the private tier (by route)
    assert ("vpc_vpc_private", "nat_nat") in pairs
    assert ("vpc_vpc_public", "igw_igw") in pairs
    assert ("td_web_td", "sqs_jobs") in pairs  # through the task role's policy
    assert ("sqs_jobs", "sqs_jobs_dlq") in pairs
    assert "lb_web_alb" in arch.groups["vpc_vpc_public"].nodes
    assert {"svc_web", "td_web_td"} <= set(arch.groups["ecs_apps"].nodes)
    ids, edges = _ids_and_edges(render_mermaid(alb_ecs))
    assert all(ID.match(i) for i in ids)
    assert edges == pairs


def test_deterministic_and_same_from_json(network: Plan, alb_ecs: Plan) -> None:
    from fargate_components.plan import plan_document

    for plan in (network, alb_ecs):
        doc = json.loads(json.dumps(plan_document(plan, "x")))
        assert render_mermaid(plan) == render_mermaid(doc) == render_mermaid(doc["resources"])
    assert render_mermaid(_example("network")) == render_mermaid(network)


def test_labels_are_escaped_and_direction_checked() -> None:
    doc = {"resources": [{"urn": "u", "type": "aws:sqs/queue:Queue", "name": 'q"<x>', "id": "q",
                          "inputs": {}, "outputs": {}}]}  # fmt: skip
    text = render_mermaid(doc, direction="TB")
    assert text.startswith("flowchart TB") and "#quot;" in text and "<x>" not in text
    from fargate_components.errors import ValidationError

    with pytest.raises(ValidationError, match="direction"):
        render_mermaid(doc, direction="sideways")
