"""Every AWS type the library creates updates in place, is replaced and is deleted in the
simulator, or says explicitly why a step is not replayed (issue 14 item 7).

The table test enumerates the types (every example's frozen plan and every create handler)
and fails on one without an update and a delete handler. The replay tests take a frozen
example plan (``tests/snapshots``, no program run), change every resource's tags (an
in-place update of every type through its tagging API), replace everything, and delete
everything, as ``pulumi destroy`` would, in reverse dependency order.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

import pytest

from fargate_components.model import Plan
from fargate_components.model.tokens import KUBERNETES_PREFIX, PROVIDER_PREFIX, PULUMI_PREFIX
from fargate_components.testing.simulate import HANDLERS
from fargate_components.testing.simulate.handlers import DELETERS, UPDATERS, lookup
from fargate_components.testing.simulate.handlers.updates import InPlace, changed_inputs
from fargate_components.testing.simulate.replay import render_change_text, simulate_change

SNAPSHOTS = Path(__file__).parent / "snapshots"


@cache
def _snapshot(name: str) -> Plan:
    return Plan.from_json(json.loads((SNAPSHOTS / f"example-{name}.json").read_text()))


def _example_types() -> set[str]:
    types: set[str] = set()
    for path in SNAPSHOTS.glob("example-*.json"):
        for record in json.loads(path.read_text())["resources"]:
            if record["custom"] and not record["type"].startswith((PULUMI_PREFIX, PROVIDER_PREFIX)):
                types.add(record["type"])
    return types


def test_every_type_has_a_create_update_and_delete_handler() -> None:
    types = _example_types() | set(HANDLERS)
    missing = {
        step: sorted(t for t in types if lookup(table, t) is None)
        for step, table in (("create", HANDLERS), ("update", UPDATERS), ("delete", DELETERS))
    }
    assert missing == {"create": [], "update": [], "delete": []}


def test_an_update_handler_names_what_it_cannot_replay() -> None:
    role = UPDATERS["aws:iam/role:Role"]
    assert isinstance(role, InPlace)
    assert {"assumeRolePolicy", "inlinePolicies", "tags"} <= role.handled("aws:iam/role:Role")
    assert "path" not in role.handled("aws:iam/role:Role")  # path forces a replacement
    assert changed_inputs({"a": '{"x": 1}', "tagsAll": {}}, {"a": '{"x":1}', "tagsAll": 1}) == []


def _unprotected(plan: Plan) -> Plan:
    """The plan with data protection off (a protected resource can't be deleted)."""
    out = copy.deepcopy(plan)
    for record in out.resources:
        record.options = {**record.options, "protect": False, "retain_on_delete": False}
    return out


def _retagged(plan: Plan) -> Plan:
    """Every taggable resource gets one more tag and loses none: an in-place update."""
    out = copy.deepcopy(plan)
    for record in out.resources:
        tags = record.inputs.get("tags")
        if (
            record.custom
            and isinstance(tags, dict)
            and not record.type.startswith(KUBERNETES_PREFIX)
        ):
            record.inputs = {**record.inputs, "tags": {**tags, "simulated": "update"}}
    return out


def _nothing(plan: Plan) -> Plan:
    stack = [r for r in plan.resources if r.type.startswith(PULUMI_PREFIX)][:1]
    return Plan(plan.project, plan.stack, plan.region, copy.deepcopy(stack))


def test_every_resource_updates_its_tags_in_place() -> None:
    base = _snapshot("ecs-web-service")  # ECS, ELBv2, ACM, S3, IAM, KMS, logs, network
    result = simulate_change(base, _retagged(base))
    assert result.ok and result.base.unsupported == [], render_change_text(result)
    updates = [s for s in result.steps if s.action == "update"]
    assert updates and all(s.outcome == "ok" for s in updates), render_change_text(result)


def test_every_resource_is_replaced_create_before_delete() -> None:
    """Every resource replaced at once (``replace_on_changes=["*"]``): each new one is created
    under a new auto-name beside the old, then the old ones are deleted, dependants first."""
    base = _unprotected(_snapshot("ecs-web-service"))
    head = _retagged(base)
    for record in head.resources:
        record.options = {**record.options, "replace_on_changes": ["*"]}
    result = simulate_change(base, head)
    assert result.ok, render_change_text(result)
    actions = [s.action for s in result.steps]
    replaced = sum(1 for r in base.resources if r.urn in set(result.base.created))
    assert actions.count("replace") == actions.count("delete") == replaced
    # a log group the program names (WAF's aws-waf-logs-... prefix) can't have its new copy
    # beside the old one: it goes first, after what depends on it (its logging configuration)
    early = [
        s.urn.rsplit("::", 1)[-1]
        for i, s in enumerate(result.steps)
        if s.action == "delete" and "replace" in actions[i + 1 :]
    ]
    assert early == ["web-waf-logging", "web-waf-logs"]


def test_everything_deletes_in_reverse_dependency_order() -> None:
    base = _unprotected(_snapshot("eks-fargate"))  # EKS (emulated APIs), Kubernetes, network
    result = simulate_change(base, _nothing(base))
    assert result.ok and result.base.unsupported == [], render_change_text(result)
    deleted = {s.urn for s in result.steps if s.action == "delete" and s.outcome == "ok"}
    deployable = {r.urn for r in base.resources if r.urn in set(result.base.created)}
    assert deployable - deleted == set(), render_change_text(result)


def _eks(version: str, mode: str) -> None:
    import pulumi_aws as aws

    vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
    subnets = [
        aws.ec2.Subnet(f"s{i}", vpc_id=vpc.id, cidr_block=f"10.0.{i}.0/24",
                       availability_zone=f"us-east-1{'ab'[i]}")
        for i in range(2)
    ]  # fmt: skip
    role = aws.iam.Role(
        "role",
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "sts:AssumeRole",
                        "Principal": {"Service": "eks.amazonaws.com"},
                    }
                ],
            }
        ),
    )
    aws.eks.Cluster(
        "eks",
        role_arn=role.arn,
        version=version,
        access_config={"authentication_mode": mode},
        vpc_config={"subnet_ids": [s.id for s in subnets]},
    )


@pytest.mark.parametrize(
    ("version", "mode", "error"),
    [
        ("1.32", "API", None),
        ("1.33", "API", "one minor version at a time"),
        ("1.31", "API_AND_CONFIG_MAP", "cannot be disabled"),
    ],
)
def test_emulated_eks_updates_make_aws_checks(version: str, mode: str, error: str | None) -> None:
    from fargate_components.testing import run_in_mocks

    base = run_in_mocks(lambda: _eks("1.31", "API"))
    result = simulate_change(base, run_in_mocks(lambda: _eks(version, mode)))
    (step,) = [s for s in result.steps if s.urn.endswith("::eks")]
    assert (step.action, step.outcome) == ("update", "failed" if error else "ok"), step
    assert error is None or error in step.detail
