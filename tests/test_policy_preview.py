"""Every policy rule still speaks at a first ``pulumi preview``: where it fires on a plan with
the mocks' values, it fires (or reports an explicit *unverified* result) on the preview of
the same resources, and it raises no false alarm there.

A first preview knows no id and no computed attribute (ARNs, generated ids), so an input
built from one is ``[unknown]`` and the engine only records which resource it came from (a
property dependency). :func:`first_preview_of` turns a plan with values into that shape, as
strictly as a preview can be: every handle (id, ARN, name output) of another resource in an
input becomes unknown with a property dependency on that resource, and a document holding
one (an IAM policy over a queue's ARN, container definitions with a log group's name) is
unknown as a whole. Each rule's failing case of tests/test_policy_rules.py (every rule has
one) is checked through it; the examples and a program of raw resources are planned both
ways by the mocks themselves.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

from fargate_components.model import UNKNOWN_MARK, Graph, ResourceRecord
from fargate_components.model.graph import handles
from fargate_components.policy import RULES, evaluate
from fargate_components.testing import run_in_mocks
from tests.example_plans import EXAMPLES, IDS, example_plan
from tests.test_policy_rules import CASES, CLUSTER, LB, LISTENER, SPOT, SVC, TD, rec

_EMBEDDED = "\0embedded"


def _swap(value: Any, table: dict[str, set[str]], hits: set[str]) -> Any:
    if isinstance(value, str):
        if value in table:
            hits |= table[value]
            return UNKNOWN_MARK
        inside = [h for h in table if len(h) >= 8 and h in value]
        for handle in inside:
            hits |= table[handle]
        return _EMBEDDED if inside else value
    if isinstance(value, dict):
        return {k: _swap(v, table, hits) for k, v in value.items()}
    if isinstance(value, list):
        return [_swap(v, table, hits) for v in value]
    return value


def _holds_embedded(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_holds_embedded(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_embedded(v) for v in value)
    return value == _EMBEDDED


def first_preview_of(records: list[ResourceRecord]) -> list[ResourceRecord]:
    """``records`` as the first preview of a new stack sees them (module docstring)."""
    out = []
    for record in records:
        table: dict[str, set[str]] = {}
        for other in records:
            if other.urn != record.urn:
                for handle in handles(other):
                    table.setdefault(handle, set()).add(other.urn)
        inputs: dict[str, Any] = {}
        deps = {k: list(v) for k, v in record.property_dependencies.items()}
        for key, value in record.inputs.items():
            hits: set[str] = set()
            swapped = _swap(value, table, hits)
            inputs[key] = UNKNOWN_MARK if _holds_embedded(swapped) else swapped
            if hits:
                deps[key] = sorted(set(deps.get(key, [])) | hits)
        outputs = {k: UNKNOWN_MARK for k in record.outputs}
        out.append(
            replace(record, id=None, inputs=inputs, outputs=outputs, property_dependencies=deps)
        )
    return out


def _said(findings: Any) -> dict[tuple[str, str], bool]:
    """(rule, resource) -> unverified, for every finding."""
    return {(f.rule, f.resource_name): f.unverified for f in findings}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_every_rule_fires_or_is_unverified_at_a_first_preview(
    case: tuple[str, list[ResourceRecord], list[ResourceRecord], str],
) -> None:
    rule_id, good, bad, _ = case
    rule = [RULES[rule_id]]
    fired = _said(evaluate(bad, rules=rule))
    assert fired, f"{rule_id}: the failing case finds nothing"
    at_preview = _said(evaluate(first_preview_of(bad), rules=rule))
    missing = sorted(set(fired) - set(at_preview))
    assert not missing, f"{rule_id} is blind at preview for {missing}"
    false_alarms = [
        f.message for f in evaluate(first_preview_of(good), rules=rule) if not f.unverified
    ]
    assert not false_alarms, f"{rule_id} fires at preview on its passing case: {false_alarms}"


def test_the_preview_of_a_plan_keeps_references_as_property_dependencies() -> None:
    role = ResourceRecord.from_json(
        {"urn": "urn:r", "type": "aws:iam/role:Role", "name": "r", "id": "role-0a1b2c"}
    )
    policy = ResourceRecord.from_json(
        {
            "urn": "urn:p",
            "type": "aws:iam/rolePolicy:RolePolicy",
            "name": "p",
            "inputs": {"role": "role-0a1b2c", "policy": json.dumps({"Resource": "x:role-0a1b2c"})},
        }
    )
    seen = Graph(first_preview_of([role, policy]))
    after = seen.by_urn("urn:p")
    assert after is not None and after.inputs == {"role": UNKNOWN_MARK, "policy": UNKNOWN_MARK}
    assert [r.name for r in seen.refs(after, "role")] == ["r"]


@pytest.mark.parametrize("directory", EXAMPLES, ids=IDS)
def test_what_a_rule_finds_in_an_example_it_finds_at_preview_too(directory: Any) -> None:
    plain = _said(evaluate(example_plan(directory)))
    faithful = _said(evaluate(example_plan(directory, preview_faithful=True)))
    assert sorted(set(plain) - set(faithful)) == []
    # and nothing the values prove fine turns into a failure at preview
    assert (
        sorted(k for k, unverified in faithful.items() if not unverified and k not in plain) == []
    )


def _worker_on_computed_arn() -> None:
    """A worker whose policy names its queue by the queue's computed ARN (not built from
    the name): a first preview can't read the document."""
    queue = aws.sqs.Queue("jobs", visibility_timeout_seconds=30)
    role = aws.iam.Role("task", assume_role_policy=json.dumps({"Version": "2012-10-17"}))
    aws.iam.RolePolicy(
        "consume",
        role=role.id,
        policy=queue.arn.apply(
            lambda arn: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Action": "sqs:ReceiveMessage", "Resource": arn}
                    ],
                }
            )
        ),
    )
    container = {"name": "worker", "image": "w", "stopTimeout": 120}
    aws.ecs.TaskDefinition(
        "worker",
        family="worker",
        cpu="256",
        memory="512",
        network_mode="awsvpc",
        requires_compatibilities=["FARGATE"],
        execution_role_arn="arn:aws:iam::123456789012:role/exec",
        task_role_arn=role.arn,
        container_definitions=pulumi.Output.from_input(json.dumps([container])),
    )


@pytest.mark.parametrize("preview_faithful", [False, True])
def test_a_queue_worker_whose_policy_is_unknown_at_preview_is_unverified(
    preview_faithful: bool,
) -> None:
    plan = run_in_mocks(_worker_on_computed_arn, preview_faithful=preview_faithful)
    (found,) = evaluate(plan, rules=[RULES["FC-ECS-011"]])
    assert found.unverified is preview_faithful
    assert "'jobs'" in found.message
    if preview_faithful:
        assert "policy is unknown at preview" in found.message


def test_an_input_unknown_at_preview_is_unverified_never_a_pass() -> None:
    """The value a rule decides on, given as an Output unknown at preview (not a reference:
    the user's own input), is reported unverified by each rule that reads it."""
    u = UNKNOWN_MARK
    records = [
        rec(SVC, "svc", {"networkConfiguration": {"assignPublicIp": u}, "platformVersion": u}),
        rec(CLUSTER, "c", {"configuration": {"executeCommandConfiguration": {"logging": u}}}),
        rec(TD, "td", {"runtimePlatform": {"cpuArchitecture": u}}, outputs={"arn": "arn:td"}),
        rec(SVC, "spot", {"taskDefinition": "arn:td", "capacityProviderStrategies": SPOT}),
        rec(LISTENER, "l", {"protocol": u}),
        rec(LB, "lb", {"accessLogs": u, "dropInvalidHeaderFields": True}),
        rec("aws:eks/cluster:Cluster", "eks", {"vpcConfig": {"endpointPublicAccess": u}}),
        rec("aws:cloudwatch/logGroup:LogGroup", "lg", {"retentionInDays": u}),
    ]
    said = {(f.rule, f.resource_name) for f in evaluate(records) if f.unverified}
    expected = {
        ("FC-ECS-005", "svc"),
        ("FC-ECS-006", "svc"),
        ("FC-ECS-008", "c"),
        ("FC-ECS-009", "spot"),
        ("FC-ALB-001", "l"),
        ("FC-ALB-002", "l"),
        ("FC-ALB-005", "lb"),
        ("FC-EKS-001", "eks"),
        ("FC-LOG-001", "lg"),
    }
    assert expected <= said, sorted(expected - said)


def _wrong_everywhere() -> None:
    """Raw resources wired by references only (ids and ARNs unknown at preview), each rule
    that follows references broken once."""
    role = aws.iam.Role("shared", assume_role_policy=json.dumps({"Version": "2012-10-17"}))
    vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")  # no flow log: FC-VPC-001
    igw = aws.ec2.InternetGateway("igw", vpc_id=vpc.id)
    public = aws.ec2.Subnet("public", vpc_id=vpc.id, cidr_block="10.0.0.0/24")
    table = aws.ec2.RouteTable("rt", vpc_id=vpc.id)
    aws.ec2.Route(
        "out", route_table_id=table.id, destination_cidr_block="0.0.0.0/0", gateway_id=igw.id
    )
    aws.ec2.RouteTableAssociation("assoc", subnet_id=public.id, route_table_id=table.id)
    eks = aws.eks.Cluster("eks", role_arn=role.arn, vpc_config={"subnet_ids": [public.id]})
    aws.eks.FargateProfile(  # FC-EKS-004: a public subnet
        "apps",
        cluster_name=eks.name,
        pod_execution_role_arn=role.arn,
        subnet_ids=[public.id],
        selectors=[{"namespace": "apps"}],
    )
    lb = aws.lb.LoadBalancer("lb", subnets=[public.id])  # FC-ALB-003/004/005, FC-WAF-001
    group = aws.lb.TargetGroup("tg", port=80, protocol="HTTP", target_type="ip", vpc_id=vpc.id)
    aws.lb.Listener(  # FC-ALB-001 (HTTP served), FC-ALB-007 (plain HTTP to targets)
        "http",
        load_balancer_arn=lb.arn,
        port=80,
        protocol="HTTP",
        default_actions=[{"type": "forward", "target_group_arn": group.arn}],
    )
    cluster = aws.ecs.Cluster("apps")
    task = aws.ecs.TaskDefinition(  # FC-ECS-001: one role for both
        "web",
        family="web",
        cpu="256",
        memory="512",
        network_mode="awsvpc",
        requires_compatibilities=["FARGATE"],
        execution_role_arn=role.arn,
        task_role_arn=role.arn,
        container_definitions=json.dumps([{"name": "web", "image": "nginx", "stopTimeout": 120}]),
        runtime_platform={"cpu_architecture": "ARM64", "operating_system_family": "LINUX"},
    )
    aws.ecs.Service(  # FC-ECS-009 (Spot + ARM64), FC-ECS-010 (300 s + 120 s > 120 s)
        "web", cluster=cluster.arn, task_definition=task.arn, desired_count=1,
        capacity_provider_strategies=[{"capacity_provider": "FARGATE_SPOT", "weight": 1}],
        load_balancers=[{"target_group_arn": group.arn, "container_name": "web", "container_port": 80}],
        network_configuration={"subnets": [public.id]},
    )  # fmt: skip


def test_a_program_of_references_finds_the_same_at_its_first_preview() -> None:
    plain = _said(evaluate(run_in_mocks(_wrong_everywhere)))
    faithful = _said(evaluate(run_in_mocks(_wrong_everywhere, preview_faithful=True)))
    graph_rules = {
        ("FC-VPC-001", "vpc"),
        ("FC-EKS-004", "apps"),
        ("FC-WAF-001", "lb"),
        ("FC-ALB-001", "http"),
        ("FC-ALB-007", "tg"),
        ("FC-ECS-001", "web"),
        ("FC-ECS-009", "web"),
        ("FC-ECS-010", "web"),
    }
    assert graph_rules <= {k for k, unverified in plain.items() if not unverified}
    assert sorted(set(plain) - set(faithful)) == []
    assert graph_rules <= {k for k, unverified in faithful.items() if not unverified}
