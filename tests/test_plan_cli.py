"""The offline plan command, end to end (no CLI, no credentials, no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fargate_components.cli import main

ROOT = Path(__file__).resolve().parent.parent
NETWORK = str(ROOT / "examples" / "network")
FIXTURES = ROOT / "tests" / "fixtures"


def _json(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "plan.json"
    assert main(["plan", *args, "--format", "json", "-o", str(out)]) == 0
    return json.loads(out.read_text())


def test_tree_shows_components_children_counts_and_outputs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", NETWORK]) == 0
    text = capsys.readouterr().out
    assert "pulumi:pulumi:Stack" in text
    assert "└─ fargate:network:Network" in text
    assert "├─ aws:ec2:Vpc" in text and "net-vpc" in text
    assert "+ 25 to create" in text  # dev stack: 2 AZs, single NAT, the flow-log key
    assert "4  aws:ec2:Subnet" in text
    assert "vpc_id:" in text and "[unknown until deploy]" in text
    assert 'availability_zones: ["us-east-1a", "us-east-1b"]' in text


def test_json_contract(tmp_path: Path) -> None:
    doc = _json(tmp_path, NETWORK)
    assert {"format_version", "program", "project", "stack", "resources", "outputs"} <= set(doc)
    assert doc["stack"] == "dev" and doc["project"] == "fargate-network"
    by_name = {(r["name"], r["type"]): r for r in doc["resources"]}
    keys = {
        "urn",
        "type",
        "name",
        "id",
        "parent",
        "custom",
        "inputs",
        "outputs",
        "depends_on",
        "property_dependencies",
        "options",
    }
    assert all(set(r) == keys for r in doc["resources"])
    subnet = by_name[("net-private-a", "aws:ec2/subnet:Subnet")]
    vpc = by_name[("net-vpc", "aws:ec2/vpc:Vpc")]
    # The default: as the first `pulumi preview` of a new stack, ids are known after apply,
    # and the engine still records which resource an input came from.
    assert doc["preview_faithful"] is True
    assert vpc["id"] is None and subnet["inputs"]["vpcId"] == "[unknown]"
    assert vpc["urn"] in subnet["depends_on"]
    assert subnet["property_dependencies"]["vpcId"] == [vpc["urn"]]  # which input came from it
    assert subnet["parent"] == by_name[("net", "fargate:network:Network")]["urn"]
    assert set(subnet["options"]) >= {
        "ignore_changes",
        "protect",
        "retain_on_delete",
        "aliases",
        "provider",
    }
    nat = by_name[("net-nat-a", "aws:ec2/natGateway:NatGateway")]
    assert (
        by_name[("net-igw", "aws:ec2/internetGateway:InternetGateway")]["urn"] in nat["depends_on"]
    )
    assert doc["outputs"]["availability_zones"] == {
        "value": ["us-east-1a", "us-east-1b"],
        "known": True,
        "secret": False,
    }
    assert doc["outputs"]["vpc_id"]["known"] is False


def test_no_preview_faithful_gives_mock_values(tmp_path: Path) -> None:
    doc = _json(tmp_path, NETWORK, "--no-preview-faithful")
    by_name = {(r["name"], r["type"]): r for r in doc["resources"]}
    subnet = by_name[("net-private-a", "aws:ec2/subnet:Subnet")]
    vpc = by_name[("net-vpc", "aws:ec2/vpc:Vpc")]
    assert doc["preview_faithful"] is False and "preview_gaps" not in doc
    assert subnet["inputs"]["vpcId"] == vpc["id"] and vpc["id"].startswith("vpc-")


def test_plans_are_deterministic(tmp_path: Path) -> None:
    assert _json(tmp_path, NETWORK) == _json(tmp_path, NETWORK)


def test_config_layers_stack_file_then_flags(tmp_path: Path) -> None:
    doc = _json(tmp_path, NETWORK, "--config", "azCount=3", "--config", "natGateways=one_per_az")
    types = [r["type"] for r in doc["resources"]]
    assert types.count("aws:ec2/subnet:Subnet") == 6
    assert types.count("aws:ec2/natGateway:NatGateway") == 3


def test_secrets_are_masked_everywhere(tmp_path: Path) -> None:
    doc = _json(
        tmp_path, str(FIXTURES / "secret_program"), "--secret", "apiToken=s3cr3t-token-value"
    )
    text = json.dumps(doc)
    assert "s3cr3t-token-value" not in text
    assert "cipherText" not in text
    param = next(r for r in doc["resources"] if r["type"] == "aws:ssm/parameter:Parameter")
    assert param["inputs"]["value"] == "[secret]"
    assert doc["outputs"]["password"] == {"value": "[secret]", "known": True, "secret": True}
    assert doc["outputs"]["token"]["secret"] is True
    assert doc["outputs"]["greeting"]["value"] == "hello"  # project-level default
    assert doc["region"] == "eu-west-1"  # from the stack file


def test_failing_program_shows_its_error_not_our_internals(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", str(FIXTURES / "failing_program")]) == 1
    err = capsys.readouterr().err
    assert "RuntimeError: the program broke on purpose" in err
    assert "__main__.py:2 in build" in err
    assert "site-packages" not in err and "fargate_components" not in err


def test_validation_error_is_reported_with_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", NETWORK, "--config", "natGateways=two"]) == 1
    assert "NetworkArgs.nat_gateways = 'two' is not allowed" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "/nonexistent-dir"], "no Pulumi.yaml"),
        (["plan", NETWORK, "--config", "novalue"], "--config expects KEY=VALUE"),
    ],
)
def test_usage_errors_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_repository_root_is_a_project_planning_the_default_example(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", str(ROOT)]) == 0
    assert "fargate-components-example-dev" in capsys.readouterr().out


def test_findings_are_in_the_json_and_fail_on_sets_the_exit_code(tmp_path: Path) -> None:
    doc = _json(tmp_path, NETWORK)
    assert isinstance(doc["findings"], list)
    keys = {"rule", "severity", "urn", "message", "checkov", "trivy"}
    assert all(keys <= set(f) for f in doc["findings"])
    assert not [f for f in doc["findings"] if f["severity"] == "error"]
    assert main(["plan", NETWORK, "--fail-on", "error", "-o", str(tmp_path / "t.txt")]) == 0


def test_cost_section_and_a_region_without_prices(tmp_path: Path) -> None:
    doc = _json(tmp_path, NETWORK)
    cost = doc["cost"]
    assert cost["currency"] == "USD" and cost["hours_per_month"] == 730
    assert cost["total_monthly"] == round(sum(i["monthly"] for i in cost["items"]), 2)
    assert {i["description"].split()[0] for i in cost["items"]} >= {"NAT", "Elastic"}
    other = _json(tmp_path, NETWORK, "--config", "aws:region=eu-north-1")
    assert other["cost"]["total_monthly"] is None
    assert "eu-north-1" in other["cost"]["unavailable"]


def test_critical_path_in_the_plan_and_in_the_diff(tmp_path: Path) -> None:
    from fargate_components.plan import diff_plans

    small = _json(tmp_path, NETWORK)
    cp = small["critical_path"]
    assert cp["total_seconds"] == sum(s["seconds"] for s in cp["steps"]) > 0
    assert any(s["type"] == "aws:ec2/natGateway:NatGateway" for s in cp["steps"])
    web = _json(tmp_path, str(ROOT / "examples" / "ecs-web-service"))
    diff = diff_plans(small, web).to_json()["critical_path"]
    assert diff["delta_seconds"] == web["critical_path"]["total_seconds"] - cp["total_seconds"]
