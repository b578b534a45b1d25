"""``plan --scan checkov``, the pure half: every resource type the examples create, translated
to Terraform-plan JSON as Checkov's plan parser reads it; dedupe, misread and waiver ids.
No Checkov needed (tests/test_checkov_scan.py runs Checkov itself)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from fargate_components.model import Graph, Plan, ResourceRecord
from fargate_components.model import tokens as t
from fargate_components.policy import Finding, load_waivers
from fargate_components.policy.checkov_plan import (
    MAP_ATTRIBUTES,
    attribute_name,
    kubernetes_manifests,
    snake_case,
    terraform_plan,
    terraform_type,
)
from fargate_components.policy.checkov_scan import MISREAD, _misread
from fargate_components.policy.engine import reported_once
from fargate_components.tags import waiver_tag

SNAPSHOTS = Path(__file__).parent / "snapshots"
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


@cache
def example(name: str) -> Plan:
    return Plan.from_json(json.loads((SNAPSHOTS / f"example-{name}.json").read_text()))


@cache
def translated(name: str) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """address -> {values, expressions, after_unknown}, and the document."""
    doc = terraform_plan(example(name)).document
    out: dict[str, dict[str, Any]] = {}
    for r in doc["planned_values"]["root_module"]["resources"]:
        out[r["address"]] = {"values": r["values"]}
    for r in doc["configuration"]["root_module"]["resources"]:
        out[r["address"]]["expressions"] = r["expressions"]
    for r in doc["resource_changes"]:
        out[r["address"]]["after_unknown"] = r["change"]["after_unknown"]
    return out, doc


EXAMPLES = sorted(p.stem.removeprefix("example-") for p in SNAPSHOTS.glob("example-*.json"))
AWS_TYPES = sorted(
    {r.type for name in EXAMPLES for r in example(name) if r.custom and r.type.startswith("aws:")}
)


def first_of(type_: str) -> tuple[str, ResourceRecord]:
    for name in EXAMPLES:
        for r in example(name):
            if r.type == type_:
                return name, r
    raise AssertionError(type_)


def address_of(name: str, record: ResourceRecord) -> str:
    doc = terraform_plan(example(name))
    return next(a for a, u in doc.urns.items() if u == record.urn)


def keys(value: Any, path: str = "") -> list[str]:
    """Every attribute name in a planned value (tags' keys excepted)."""
    found = []
    if isinstance(value, dict):
        for k, v in value.items():
            found.append(k)
            if k not in ("tags", "tags_all", "dimensions", "variables"):
                found += keys(v)
    elif isinstance(value, list):
        for v in value:
            found += keys(v)
    return found


@pytest.mark.parametrize("type_", AWS_TYPES)
def test_every_type_we_create_translates_to_snake_case_blocks(type_: str) -> None:
    name, record = first_of(type_)
    tf_type = terraform_type(type_)
    assert tf_type and SNAKE.match(tf_type) and "ec2_" not in tf_type
    resources, _ = translated(name)
    entry = resources[address_of(name, record)]
    assert all(SNAKE.match(k) for k in keys(entry["values"])), keys(entry["values"])
    for key, raw in record.inputs.items():
        attr = attribute_name(tf_type, key, raw)
        if isinstance(raw, dict) and key not in MAP_ATTRIBUTES:  # a list of one block
            assert isinstance(entry["expressions"][attr], list), (key, attr)
        elif "references" in entry["expressions"].get(attr, {}) and isinstance(raw, str):
            # another resource's id/ARN/name: unknown, with the reference
            assert key in record.property_dependencies
            assert attr not in entry["values"] and entry["after_unknown"][attr] is True
            assert entry["expressions"][attr]["references"][1].startswith("aws_")
        elif raw is not None and attr in entry["values"]:
            assert entry["values"][attr] == raw or isinstance(raw, (list, dict))


def test_blocks_references_and_maps_read_as_a_terraform_plan_does() -> None:
    resources, doc = translated("ecs-web-service")
    assert doc["terraform_version"] and doc["planned_values"]["root_module"]["resources"]
    service = resources["aws_ecs_service.web-service"]
    values, expressions = service["values"], service["expressions"]
    assert values["load_balancer"] == [{"container_port": 80, "container_name": "web"}]
    assert expressions["load_balancer"][0]["target_group_arn"]["references"] == [
        "aws_lb_target_group.web-tg.arn",
        "aws_lb_target_group.web-tg",
    ]
    assert [s["capacity_provider"] for s in values["capacity_provider_strategy"]] == [
        "FARGATE",
        "FARGATE_SPOT",
    ]
    assert values["network_configuration"][0]["assign_public_ip"] is False
    assert values["network_configuration"][0]["subnets"] == [None, None, None]
    assert values["tags"]["project"] == "ecs-web-service"  # a map, not a block
    alb = resources["aws_lb.web-alb"]["values"]
    assert alb["access_logs"][0]["enabled"] is True and alb["enable_deletion_protection"]
    alias = resources["aws_route53_record.web-domain-alias-app-example-com"]
    assert alias["expressions"]["alias"][0]["name"]["references"][0] == "aws_lb.web-alb.dns_name"
    group = resources["aws_cloudwatch_log_group.web-logs"]["values"]
    assert group["retention_in_days"] > 0


def test_names_types_and_plurals() -> None:
    assert snake_case("enableHttp2") == "enable_http2"
    assert snake_case("ipv6CidrBlock") == "ipv6_cidr_block"
    assert terraform_type(t.ECS_SERVICE) == "aws_ecs_service"
    assert terraform_type(t.LOAD_BALANCER) == "aws_lb"
    assert terraform_type(t.SECURITY_GROUP_INGRESS_RULE) == "aws_vpc_security_group_ingress_rule"
    assert terraform_type(t.K8S_DEPLOYMENT) is None
    block = [{"a": 1}]
    assert attribute_name("aws_ecs_service", "capacityProviderStrategies", block) == (
        "capacity_provider_strategy"
    )
    assert attribute_name("aws_route53_record", "aliases", block) == "alias"
    assert attribute_name("aws_lb_listener_rule", "conditions", block) == "condition"
    assert attribute_name("aws_eks_fargate_profile", "selectors", block) == "selector"
    assert attribute_name("aws_ecs_task_definition", "placementConstraints", block) == (
        "placement_constraints"
    )
    assert attribute_name("aws_lb", "securityGroups", ["sg-1"]) == "security_groups"


def test_kubernetes_objects_go_to_the_kubernetes_runner_and_helm_is_listed() -> None:
    plan = example("eks-fargate")
    manifests = {m.manifest["kind"] for m in kubernetes_manifests(plan)}
    assert {"Deployment", "Service", "Ingress", "Namespace"} <= manifests
    skipped = terraform_plan(plan).not_scanned
    helm = [n for n in skipped if t.HELM_RELEASE in n.urn]
    assert helm and "Helm" in helm[0].reason


def test_an_unknown_value_is_left_out_and_marked() -> None:
    record = ResourceRecord(
        urn="urn:pulumi:dev::p::aws:cloudwatch/logGroup:LogGroup::logs",
        type=t.LOG_GROUP,
        name="logs",
        id="logs",
        parent=None,
        custom=True,
        inputs={"kmsKeyId": "[unknown]", "retentionInDays": 365},
        outputs={},
        depends_on=[],
        property_dependencies={},
    )
    doc = terraform_plan([record]).document
    change = doc["resource_changes"][0]["change"]
    assert change["after"] == {"retention_in_days": 365}
    assert change["after_unknown"] == {"kms_key_id": True}


def test_an_unknown_reference_still_names_what_it_came_from() -> None:
    """A first preview: the ARN is unknown, the engine still knows the key it came from."""
    key_urn = "urn:pulumi:dev::p::aws:kms/key:Key::logs-key"
    key = ResourceRecord(
        urn=key_urn, type=t.KMS_KEY, name="logs-key", id=None, parent=None, custom=True,
        inputs={}, outputs={}, depends_on=[], property_dependencies={},
    )  # fmt: skip
    group = ResourceRecord(
        urn="urn:pulumi:dev::p::aws:cloudwatch/logGroup:LogGroup::logs", type=t.LOG_GROUP,
        name="logs", id=None, parent=None, custom=True, inputs={"kmsKeyId": "[unknown]"},
        outputs={}, depends_on=[key_urn], property_dependencies={"kmsKeyId": [key_urn]},
    )  # fmt: skip
    doc = terraform_plan([key, group]).document
    (conf,) = [r for r in doc["configuration"]["root_module"]["resources"] if r["name"] == "logs"]
    assert conf["expressions"]["kms_key_id"]["references"] == [
        "aws_kms_key.logs-key.id",
        "aws_kms_key.logs-key",
    ]


def finding(rule: str, urn: str, checkov: str | None = None) -> Finding:
    return Finding(rule=rule, severity="warning", urn=urn, message="m", checkov=checkov)


def test_a_check_one_of_our_rules_reports_is_reported_once() -> None:
    ours = [finding("FC-ALB-004", "u1", "CKV_AWS_150")]
    scanned = [finding("CKV_AWS_150", "u1", "CKV_AWS_150"), finding("CKV_AWS_150", "u2")]
    assert [f.urn for f in reported_once(ours, scanned)] == ["u2"]


def test_checkov_ids_are_waivable_by_tag_and_file() -> None:
    assert waiver_tag("CKV_AWS_91", "dev stack") == {"fargate:waive:CKV_AWS_91": "dev stack"}
    waivers = load_waivers({"CKV2_AWS_28": [{"resource": "web-*", "reason": "no WAF in dev"}]})
    assert waivers.entries[0].rule == "CKV2_AWS_28"


def test_the_misread_table_only_excuses_the_shape_it_names() -> None:
    def rule(inputs: dict[str, Any]) -> ResourceRecord:
        return ResourceRecord(
            urn="u", type=t.SECURITY_GROUP_INGRESS_RULE, name="r", id="r", parent=None,
            custom=True, inputs=inputs, outputs={}, depends_on=[], property_dependencies={},
        )  # fmt: skip

    graph = Graph([])
    assert MISREAD and _misread("CKV_AWS_260", rule({"referencedSecurityGroupId": "sg-1"}), graph)
    assert _misread("CKV_AWS_260", rule({"cidrIpv4": "0.0.0.0/0"}), graph) is None
    plan = Graph(example("ecs-scheduled-job"))
    (group,) = [r for r in plan.of_type(t.SECURITY_GROUP) if r.name == "nightly-sg"]
    assert _misread("CKV2_AWS_5", group, plan)
    assert _misread("CKV2_AWS_5", group, Graph([group])) is None


def test_scan_without_checkov_is_one_line_and_exit_2_before_the_program_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from fargate_components import cli
    from fargate_components.policy import checkov_scan

    monkeypatch.delenv(checkov_scan.PYTHON_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(checkov_scan, "_importable", lambda: False)
    program = tmp_path / "never-run"
    program.mkdir()
    (program / "Pulumi.yaml").write_text("name: p\nruntime: python\n")
    (program / "__main__.py").write_text("raise SystemExit('the program ran')\n")
    assert cli.main(["plan", str(program), "--scan", "checkov"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pipx install checkov" in err[0]
    assert cli.main(["plan", str(program), "--checkov-python", "python3"]) == 2


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_examples_checkov_waiver_tags_are_well_formed(name: str) -> None:
    from fargate_components.policy import RULES, evaluate

    found = evaluate(example(name), rules=[RULES["FC-WAIVE-001"]])
    assert [f.message for f in found] == []
