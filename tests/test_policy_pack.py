"""The CrossGuard pack: its validators, called directly with pulumi_policy's own args objects
(props wrapped in the SDK's unknown-checking proxy, as the engine sends them). No CLI."""

from __future__ import annotations

import json
import runpy
from pathlib import Path
from typing import Any

import pulumi_aws as aws
import pytest
from pulumi_policy import (
    EnforcementLevel,
    PolicyCustomTimeouts,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UNKNOWN_BOOLEAN_VALUE, UNKNOWN_STRING_VALUE, unknown_checking_proxy

from fargate_components.policy import RULES, WAIVER_TAG, Waivers, evaluate, load_waivers
from fargate_components.policy.crossguard import (
    PACK_NAME,
    UNVERIFIED_POLICY,
    WAIVERS_ENV,
    build_policies,
    default_waivers,
    plain,
)
from fargate_components.testing import UNKNOWN_MARK, run_in_mocks

ROOT = Path(__file__).resolve().parent.parent
LB = "aws:lb/loadBalancer:LoadBalancer"


@pytest.fixture(scope="module")
def policies() -> dict[str, Any]:
    return {p.name: p for p in build_policies(Waivers())}


def _urn(type_: str, name: str) -> str:
    return f"urn:pulumi:dev::app::{type_}::{name}"


OPTS = PolicyResourceOptions(False, [], None, [], PolicyCustomTimeouts(0, 0, 0), [], None)


def validate_resource(
    policy: Any, type_: str, name: str, props: dict[str, Any], urn: str | None = None
) -> list[tuple[str, Any]]:
    reported: list[tuple[str, Any]] = []
    target = urn or _urn(type_, name)
    args = ResourceValidationArgs(type_, unknown_checking_proxy(props), target, name, OPTS, None)
    policy.validate(args, lambda message, urn=None: reported.append((message, urn)))
    return reported


def resource(type_: str, name: str, props: dict[str, Any]) -> PolicyResource:
    return PolicyResource(
        type_, unknown_checking_proxy(props), _urn(type_, name), name, OPTS, None, None, [], {}
    )


def validate_stack(policy: Any, resources: list[PolicyResource]) -> list[tuple[str, Any]]:
    reported: list[tuple[str, Any]] = []
    policy.validate(
        StackValidationArgs(resources), lambda message, urn=None: reported.append((message, urn))
    )
    return reported


def test_one_policy_per_rule_with_the_documented_enforcement(policies: dict[str, Any]) -> None:
    assert list(policies) == [*RULES, UNVERIFIED_POLICY]
    assert policies[UNVERIFIED_POLICY].enforcement_level == EnforcementLevel.ADVISORY
    for rule_id, policy in policies.items():
        if rule_id == UNVERIFIED_POLICY:
            continue
        rule = RULES[rule_id]
        expected = StackValidationPolicy if rule.needs_graph else ResourceValidationPolicy
        assert isinstance(policy, expected)
        level = (
            EnforcementLevel.MANDATORY if rule.severity == "error" else EnforcementLevel.ADVISORY
        )
        assert policy.enforcement_level == level
        assert policy.remediation_steps == rule.fix


def test_plain_unwraps_proxies_and_marks_unknowns() -> None:
    props = unknown_checking_proxy(
        {"a": [{"b": UNKNOWN_BOOLEAN_VALUE}, "x"], "c": UNKNOWN_STRING_VALUE, "d": 1}
    )
    assert plain(props) == {"a": [{"b": UNKNOWN_MARK}, "x"], "c": UNKNOWN_MARK, "d": 1}


def test_resource_policy_reports_on_camelcase_props(policies: dict[str, Any]) -> None:
    alb = policies["FC-ALB-003"]
    bad = validate_resource(alb, LB, "web", {"dropInvalidHeaderFields": False, "internal": False})
    assert len(bad) == 1 and "dropInvalidHeaderFields" in bad[0][0]
    assert validate_resource(alb, LB, "web", {"dropInvalidHeaderFields": True}) == []
    # other types are ignored; an unknown value neither raises nor fails the rule's policy...
    assert validate_resource(alb, "aws:s3/bucket:Bucket", "b", {}) == []
    assert (
        validate_resource(alb, LB, "web", {"dropInvalidHeaderFields": UNKNOWN_BOOLEAN_VALUE}) == []
    )


def test_an_unknown_value_is_reported_unverified_not_passed(policies: dict[str, Any]) -> None:
    # A first preview: the container definitions are unknown, so FC-ECS-003 cannot decide;
    # the advisory FC-UNVERIFIED policy says so (the mandatory rule policies stay quiet).
    td = "aws:ecs/taskDefinition:TaskDefinition"
    props = {"containerDefinitions": UNKNOWN_STRING_VALUE}
    assert validate_resource(policies["FC-ECS-003"], td, "td", props) == []
    reported = validate_stack(policies[UNVERIFIED_POLICY], [resource(td, "td", props)])
    messages = [m for m, _ in reported]
    assert any(
        m.startswith("FC-ECS-003: td: not verified: containerDefinitions is unknown")
        for m in messages
    )
    assert all(urn == _urn(td, "td") for _, urn in reported)
    known = {"containerDefinitions": json.dumps([{"name": "web", "image": "x"}])}
    assert not any(
        "FC-ECS-003" in m
        for m, _ in validate_stack(policies[UNVERIFIED_POLICY], [resource(td, "td", known)])
    )


def test_task_definition_json_is_parsed_in_the_pack(policies: dict[str, Any]) -> None:
    containers = json.dumps([{"name": "web", "image": "x", "privileged": True}])
    found = validate_resource(
        policies["FC-ECS-002"],
        "aws:ecs/taskDefinition:TaskDefinition",
        "td",
        {"containerDefinitions": containers},
    )
    assert len(found) == 1 and "'web' is privileged" in found[0][0]


def test_tag_waiver_silences_the_pack(policies: dict[str, Any]) -> None:
    props = {"enableDeletionProtection": False, "tags": {WAIVER_TAG: "FC-ALB-004: dev stack"}}
    assert validate_resource(policies["FC-ALB-004"], LB, "web", props) == []


def test_file_waiver_silences_the_pack(tmp_path, monkeypatch) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("FC-ALB-004:\n  - resource: 'web*'\n    reason: dev\n")
    monkeypatch.setenv(WAIVERS_ENV, str(path))
    waivers = default_waivers()
    assert waivers.entries[0].reason == "dev"
    policy = next(p for p in build_policies(waivers) if p.name == "FC-ALB-004")
    assert validate_resource(policy, LB, "web", {"enableDeletionProtection": False}) == []
    assert len(validate_resource(policy, LB, "api", {"enableDeletionProtection": False})) == 1


def test_default_waivers_are_package_data_not_a_repository_path(monkeypatch) -> None:
    """Without $FARGATE_POLICY_WAIVERS the pack reads the waiver file shipped in the package
    (importlib.resources), which exists in an installed wheel; it waives nothing.
    tools/package_check.sh runs the same call from a venv outside the repository."""
    from importlib import resources

    monkeypatch.delenv(WAIVERS_ENV, raising=False)
    assert (resources.files("fargate_components.policy") / "waivers.yaml").is_file()
    assert default_waivers().entries == []


def test_stack_policy_follows_property_dependencies_in_a_preview(policies: dict[str, Any]) -> None:
    """In a preview the subnet id is unknown; the engine's property dependency still says
    which subnet the profile uses."""
    igw = resource(
        "aws:ec2/internetGateway:InternetGateway", "igw", {"vpcId": UNKNOWN_STRING_VALUE}
    )
    subnet = resource("aws:ec2/subnet:Subnet", "public", {"cidrBlock": "10.0.0.0/24"})
    table = resource("aws:ec2/routeTable:RouteTable", "rt", {"vpcId": UNKNOWN_STRING_VALUE})
    route = resource(
        "aws:ec2/route:Route",
        "r",
        {"routeTableId": UNKNOWN_STRING_VALUE, "gatewayId": UNKNOWN_STRING_VALUE},
    )
    route.property_dependencies = {"routeTableId": [table], "gatewayId": [igw]}
    assoc = resource("aws:ec2/routeTableAssociation:RouteTableAssociation", "a", {})
    assoc.property_dependencies = {"subnetId": [subnet], "routeTableId": [table]}
    profile = resource(
        "aws:eks/fargateProfile:FargateProfile", "apps", {"subnetIds": [UNKNOWN_STRING_VALUE]}
    )
    profile.property_dependencies = {"subnetIds": [subnet]}
    found = validate_stack(policies["FC-EKS-004"], [igw, subnet, table, route, assoc, profile])
    assert len(found) == 1
    message, urn = found[0]
    assert urn == profile.urn and "'public' is public" in message


def test_same_role_found_in_a_preview(policies: dict[str, Any]) -> None:
    role = resource("aws:iam/role:Role", "role", {"assumeRolePolicy": "{}"})
    td = resource(
        "aws:ecs/taskDefinition:TaskDefinition",
        "td",
        {"executionRoleArn": UNKNOWN_STRING_VALUE, "taskRoleArn": UNKNOWN_STRING_VALUE},
    )
    td.property_dependencies = {"executionRoleArn": [role], "taskRoleArn": [role]}
    assert len(validate_stack(policies["FC-ECS-001"], [role, td])) == 1
    td.property_dependencies = {"executionRoleArn": [role], "taskRoleArn": []}
    assert validate_stack(policies["FC-ECS-001"], [role, td]) == []


def test_pack_and_plan_agree_on_a_mock_program(policies: dict[str, Any]) -> None:
    """The same records through the pack's validators give the plan's unwaived findings."""

    def program() -> None:
        vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
        aws.lb.LoadBalancer(
            "web", subnets=["subnet-1", "subnet-2"], tags={WAIVER_TAG: "FC-ALB-005: no bucket"}
        )
        aws.cloudwatch.LogGroup("logs")
        aws.ec2.Subnet("sub", vpc_id=vpc.id, cidr_block="10.0.0.0/24", map_public_ip_on_launch=True)

    plan = run_in_mocks(program)
    # The pack reports an unverified result under its advisory FC-UNVERIFIED policy (here
    # FC-NET-104's: subnet ids no subnet of the plan has).
    expected = {
        (UNVERIFIED_POLICY if f.unverified else f.rule, f.urn)
        for f in evaluate(plan)
        if not f.waived
    }
    records = [r for r in plan.resources if r.custom]
    stack = []
    for r in records:
        res = resource(r.type, r.name, r.inputs)
        res.urn = r.urn
        stack.append(res)
    by_urn = {r.urn: r for r in stack}
    for r, res in zip(records, stack, strict=True):
        res.property_dependencies = {
            k: [by_urn[u] for u in v if u in by_urn] for k, v in r.property_dependencies.items()
        }
    got: set[tuple[str, str]] = set()
    for name, policy in policies.items():
        if isinstance(policy, StackValidationPolicy):
            got |= {(name, urn) for _, urn in validate_stack(policy, stack)}
        else:
            for r in records:
                if validate_resource(policy, r.type, r.name, r.inputs, urn=r.urn):
                    got.add((name, r.urn))
    assert got == expected
    assert {rule for rule, _ in got} >= {"FC-ALB-003", "FC-ALB-004", "FC-LOG-001", "FC-VPC-001"}


def test_pack_main_builds_the_pack(monkeypatch) -> None:
    import pulumi_policy

    captured: dict[str, Any] = {}
    monkeypatch.setattr(pulumi_policy, "PolicyPack", lambda **kwargs: captured.update(kwargs))
    runpy.run_path(str(ROOT / "policy" / "__main__.py"), run_name="__main__")
    assert captured["name"] == PACK_NAME
    assert [p.name for p in captured["policies"]] == [*RULES, UNVERIFIED_POLICY]
    assert (ROOT / "policy" / "PulumiPolicy.yaml").is_file()
    assert "pulumi-policy" in (ROOT / "policy" / "requirements.txt").read_text()


def test_load_waivers_passes_through_a_waivers_object() -> None:
    waivers = Waivers()
    assert load_waivers(waivers) is waivers
