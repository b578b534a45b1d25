"""The plan diff: pure over two plan JSON documents, plus the `diff` command and `plan --diff`."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from fargate_components.cli import main
from fargate_components.errors import ValidationError
from fargate_components.plan.diff import (
    REPLACE_KEYS,
    changed_paths,
    diff_plans,
    render_diff_markdown,
    render_diff_text,
)

ROOT = Path(__file__).resolve().parent.parent
NETWORK = str(ROOT / "examples" / "network")
P = "urn:pulumi:dev::proj::"


def res(
    type_: str, name: str, rid: str | None, inputs: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    outputs = {**inputs, "arn": f"arn:aws:x:us-east-1:123456789012:{rid}"} if rid else {}
    record = {
        "urn": f"{P}{type_}::{name}", "type": type_, "name": name, "id": rid, "parent": None,
        "custom": True, "inputs": inputs, "outputs": outputs, "depends_on": [],
        "options": {"protect": False, "ignore_changes": [], "retain_on_delete": False,
                    "delete_before_replace": False, "replace_on_changes": [], "aliases": [],
                    "provider": None},
    }  # fmt: skip
    for key, value in extra.items():
        record["options"][key] = value
    return record


SUBNET = "aws:ec2/subnet:Subnet"
NAT = "aws:ec2/natGateway:NatGateway"
ROUTE = "aws:ec2/route:Route"
RTA = "aws:ec2/routeTableAssociation:RouteTableAssociation"
TD = "aws:ec2/taskDefinition:TaskDefinition".replace("ec2", "ecs")
SVC = "aws:ecs/service:Service"
TG = "aws:lb/targetGroup:TargetGroup"
PROFILE = "aws:eks/fargateProfile:FargateProfile"
EKS = "aws:eks/cluster:Cluster"


def base_doc() -> dict[str, Any]:
    containers = json.dumps([{"name": "web", "image": "nginx:1.27", "essential": True},
                             {"name": "log", "image": "fluent-bit:3"}])  # fmt: skip
    resources = [
        res("pulumi:pulumi:Stack", "proj-dev", None, {}),
        res(SUBNET, "pub-a", "subnet-0a1b2c3d4e5f60718", {"cidrBlock": "10.0.0.0/24", "vpcId": "vpc-0123456789abcdef0", "tags": {"Name": "pub-a"}}),
        res(NAT, "nat-a", "nat-0a1b2c3d4e5f60718", {"subnetId": "subnet-0a1b2c3d4e5f60718", "allocationId": "eipalloc-0123456789"}),
        res(ROUTE, "priv-default", "r-rtb-1", {"routeTableId": "rtb-0123456789", "destinationCidrBlock": "0.0.0.0/0", "natGatewayId": "nat-0a1b2c3d4e5f60718"}),
        res(RTA, "pub-a", "rtbassoc-0123456789", {"subnetId": "subnet-0a1b2c3d4e5f60718", "routeTableId": "rtb-0123456789"}),
        res(TD, "web-td", "web", {"family": "web", "cpu": "256", "memory": "512", "containerDefinitions": containers}),
        res(SVC, "web", "arn:aws:ecs:us-east-1:123456789012:service/apps/web", {"name": "web-1", "cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/apps", "taskDefinition": "arn:aws:x:us-east-1:123456789012:web", "desiredCount": 2}),
        res(TG, "web-tg", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/0", {"port": 8080, "protocol": "HTTP", "targetType": "ip", "vpcId": "vpc-0123456789abcdef0", "healthCheck": {"path": "/"}}),
        res(PROFILE, "prof", "c:prof", {"clusterName": "c", "fargateProfileName": "prof", "selectors": [{"namespace": "apps"}], "subnetIds": ["subnet-a"], "tags": {}}),
        res(EKS, "eks", "fargate-eks-dev", {"name": "fargate-eks-dev", "roleArn": "arn:aws:iam::123456789012:role/r", "vpcConfig": {"subnetIds": ["subnet-a", "subnet-b"]}}),
    ]  # fmt: skip
    return {
        "format_version": 1, "program": "p", "project": "proj", "stack": "dev", "region": "us-east-1",
        "resources": resources, "outputs": {"url": {"value": "x", "known": True, "secret": False}},
        "diagnostics": [],
        "cost": {"currency": "USD", "total_monthly": 41.0, "items": [
            {"urn": f"{P}{NAT}::nat-a", "description": "NAT gateway nat-a", "monthly": 37.35, "type": NAT}]},
        "findings": [{"rule": "FG-1", "severity": "warning", "urn": f"{P}{SVC}::web", "message": "old"}],
    }  # fmt: skip


def by_name(doc: dict[str, Any], name: str, type_: str) -> dict[str, Any]:
    return next(r for r in doc["resources"] if r["name"] == name and r["type"] == type_)


def change_of(diff: Any, name: str, type_: str) -> Any:
    return next(c for c in diff.changes if c.name == name and c.type == type_)


def test_identical_plans_have_no_changes() -> None:
    diff = diff_plans(base_doc(), base_doc())
    assert diff.changes == [] and diff.summary["same"] == 9
    assert diff.cost["delta_monthly"] == 0 and diff.cost["items"] == []
    assert "No resource changes." in render_diff_text(diff)


def test_subnet_replacement_cascades_to_what_refers_to_it() -> None:
    head = base_doc()
    by_name(head, "pub-a", SUBNET)["inputs"]["cidrBlock"] = "10.0.1.0/24"
    diff = diff_plans(base_doc(), head)
    subnet = change_of(diff, "pub-a", SUBNET)
    assert subnet.action == "replace" and subnet.replace_keys == ["cidrBlock"]
    nat = change_of(diff, "nat-a", NAT)  # subnetId is ForceNew: the NAT gateway is replaced too
    assert nat.action == "replace" and nat.keys[0].cause == "cascade"
    assert nat.keys[0].via == [f"{P}{SUBNET}::pub-a"]
    assert change_of(diff, "pub-a", RTA).action == "replace"
    route = change_of(diff, "priv-default", ROUTE)  # natGatewayId updates in place
    assert route.action == "update" and route.keys[0].key == "natGatewayId"
    assert [c.action for c in diff.changes] == ["replace"] * 3 + ["update"]  # replacements first
    assert "cidrBlock (forces replacement)" in render_diff_text(diff)


def test_container_definitions_are_compared_parsed() -> None:
    head = base_doc()
    td = by_name(head, "web-td", TD)
    containers = json.loads(td["inputs"]["containerDefinitions"])
    containers[0]["image"] = "nginx:1.28"
    td["inputs"]["containerDefinitions"] = json.dumps(list(reversed(containers)), indent=2)
    diff = diff_plans(base_doc(), head)
    change = change_of(diff, "web-td", TD)
    assert change.action == "replace"  # a task definition change is a new revision
    assert change.keys[0].paths == ["containerDefinitions[web].image"]
    # the service refers to the task definition's ARN: updated in place, not replaced
    svc = change_of(diff, "web", SVC)
    assert svc.action == "update" and svc.keys[0].key == "taskDefinition"


def test_update_versus_replace_by_type() -> None:
    head = base_doc()
    tg = by_name(head, "web-tg", TG)["inputs"]
    tg["healthCheck"]["path"] = "/health"
    profile = by_name(head, "prof", PROFILE)["inputs"]
    profile["tags"] = {"team": "a"}
    eks = by_name(head, "eks", EKS)["inputs"]
    eks["vpcConfig"]["subnetIds"] = ["subnet-a", "subnet-c"]
    diff = diff_plans(base_doc(), head)
    assert change_of(diff, "web-tg", TG).action == "update"
    assert change_of(diff, "prof", PROFILE).action == "update"  # tags only
    eks_change = change_of(diff, "eks", EKS)
    assert eks_change.action == "update" and eks_change.keys[0].paths == ["vpcConfig.subnetIds[1]"]
    tg["port"] = 9090
    profile["selectors"] = [{"namespace": "apps"}, {"namespace": "jobs"}]
    eks["roleArn"] = "arn:aws:iam::123456789012:role/other"
    diff = diff_plans(base_doc(), head)
    assert change_of(diff, "web-tg", TG).replace_keys == ["port"]
    assert change_of(diff, "prof", PROFILE).replace_keys == ["selectors"]
    assert change_of(diff, "eks", EKS).replace_keys == ["roleArn"]
    assert change_of(diff, "prof", PROFILE).keys[0].via == []


def test_options_ignore_changes_replace_on_changes_and_protect() -> None:
    head = base_doc()
    svc = by_name(head, "web", SVC)
    svc["inputs"]["desiredCount"] = 5
    svc["options"]["ignore_changes"] = ["desiredCount"]
    tg = by_name(head, "web-tg", TG)
    tg["inputs"]["healthCheck"]["path"] = "/health"
    tg["options"]["replace_on_changes"] = ["healthCheck.path"]
    base = base_doc()
    by_name(base, "nat-a", NAT)["options"]["protect"] = True
    head["resources"] = [r for r in head["resources"] if r["name"] != "nat-a"]
    diff = diff_plans(base, head)
    assert all(c.name != "web" for c in diff.changes)  # the ignored change is no change
    assert change_of(diff, "web-tg", TG).action == "replace"
    nat = change_of(diff, "nat-a", NAT)
    assert nat.action == "delete" and nat.protected
    assert "PROTECTED" in render_diff_text(diff)
    head2 = base_doc()
    by_name(head2, "web-tg", TG)["options"]["protect"] = True
    (change,) = diff_plans(base_doc(), head2).changes
    assert change.action == "update" and change.keys[0].key == "options.protect"


def test_aliases_and_unknown_types_and_other_stacks() -> None:
    head = base_doc()
    for r in head["resources"]:  # another stack of the same program still matches
        r["urn"] = r["urn"].replace("urn:pulumi:dev::", "urn:pulumi:prod::")
    nat = by_name(head, "nat-a", NAT)
    nat["options"]["aliases"] = [nat["urn"].replace("prod", "dev")]
    nat["urn"] = nat["urn"].replace("::nat-a", "::nat-renamed")
    nat["name"] = "nat-renamed"
    head["resources"].append(res("aws:foo/bar:Bar", "bar", "bar-0123456789", {"a": 1}))
    base = base_doc()
    base["resources"].append(res("aws:foo/bar:Bar", "bar", "bar-0123456789", {"a": 0}))
    diff = diff_plans(base, head)
    assert [(c.name, c.action) for c in diff.changes] == [("bar", "update")]
    assert diff.changes[0].known_type is False
    assert "the provider decides" in render_diff_text(diff)


def test_cost_findings_outputs_and_json_shape() -> None:
    head = base_doc()
    head["cost"] = {"currency": "USD", "total_monthly": 78.35, "items": [
        {"urn": f"{P}{NAT}::nat-a", "description": "NAT gateway nat-a", "monthly": 37.35, "type": NAT},
        {"urn": f"{P}{NAT}::nat-b", "description": "NAT gateway nat-b", "monthly": 37.35, "type": NAT},
        {"urn": f"{P}x::eip", "description": "EIP", "monthly": 3.65, "type": "x"}]}  # fmt: skip
    head["findings"] = [
        {"rule": "FG-2", "severity": "error", "urn": f"{P}{SVC}::web", "message": "new"}
    ]
    head["outputs"]["url"]["value"] = "y"
    diff = diff_plans(base_doc(), head)
    assert diff.cost["delta_monthly"] == 37.35
    assert [i["description"] for i in diff.cost["items"]] == ["NAT gateway nat-b", "EIP"]
    assert diff.cost["items"][0]["base_monthly"] is None
    assert [f["rule"] for f in diff.findings["new"]] == ["FG-2"]
    assert [f["rule"] for f in diff.findings["resolved"]] == ["FG-1"]
    assert diff.outputs == {"added": [], "removed": [], "changed": ["url"]}
    data = json.loads(json.dumps(diff.to_json()))
    assert set(data) == {
        "format_version",
        "kind",
        "base",
        "head",
        "summary",
        "changes",
        "cost",
        "findings",
        "outputs",
        "critical_path",
        "data_loss",
        "downtime",
    }
    assert data["critical_path"]["delta_seconds"] is None  # these plans carry no critical path
    assert data["summary"] == {"create": 0, "update": 0, "replace": 0, "delete": 0, "same": 9}
    md = render_diff_markdown(diff)
    assert "| NAT gateway nat-b | - | $37.35 | +$37.35 |" in md
    assert "$41.00 → $78.35 (+$37.35)" in md and ":new: **error** FG-2" in md


def test_bad_documents_are_refused() -> None:
    with pytest.raises(ValidationError, match=r"head.format_version = 2"):
        diff_plans(base_doc(), {**base_doc(), "format_version": 2})
    with pytest.raises(ValidationError, match="base"):
        diff_plans([], base_doc())  # type: ignore[arg-type]
    empty = {"format_version": 1, "resources": []}
    diff = diff_plans(empty, base_doc())  # a base without the program: everything is new
    assert diff.summary["create"] == 9 and diff.cost["base_monthly"] is None


def test_changed_paths() -> None:
    assert changed_paths({"a": {"b": [1, 2]}}, {"a": {"b": [1, 3]}}) == ["a.b[1]"]
    assert changed_paths(
        '{"Statement": [{"Sid": "S", "Action": "x"}]}',
        '{"Statement": [{"Sid": "S", "Action": "y"}]}',
    ) == ["Statement[S].Action"]
    assert changed_paths([1], [1, 2], "k") == ["k"]
    assert changed_paths("same", "same") == []
    assert all(isinstance(v, tuple) for v in REPLACE_KEYS.values())


def test_cli_diff_and_plan_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, head = tmp_path / "base.json", tmp_path / "head.json"
    base.write_text(json.dumps(base_doc()))
    changed = base_doc()
    by_name(changed, "web-tg", TG)["inputs"]["port"] = 9090
    head.write_text(json.dumps(changed))
    assert main(["diff", str(base), str(head)]) == 0
    assert "+- replace" in capsys.readouterr().out
    assert main(["diff", str(base), str(head), "--fail-on-replace"]) == 5
    out = tmp_path / "diff.json"
    assert (
        main(
            ["diff", str(base), str(base), "--format", "json", "-o", str(out), "--fail-on-replace"]
        )
        == 0
    )
    assert json.loads(out.read_text())["kind"] == "plan-diff"
    assert main(["diff", str(base), str(tmp_path / "missing.json")]) == 2
    (tmp_path / "bad.json").write_text(json.dumps({"format_version": 9}))
    assert main(["diff", str(base), str(tmp_path / "bad.json")]) == 2
    capsys.readouterr()
    # plan --diff: the network example against a copy of itself with one subnet changed
    plan_json = tmp_path / "net.json"
    assert main(["plan", NETWORK, "--format", "json", "-o", str(plan_json)]) == 0
    doc = json.loads(plan_json.read_text())
    old = copy.deepcopy(doc)
    subnet = next(
        r for r in old["resources"] if r["name"] == "net-private-a" and r["type"] == SUBNET
    )
    subnet["inputs"]["cidrBlock"] = "10.0.224.0/19"
    plan_json.write_text(json.dumps(old))
    assert main(["plan", NETWORK, "--diff", str(plan_json), "--format", "markdown"]) == 0
    text = capsys.readouterr().out
    assert "cidrBlock (forces replacement)" in text and "`net-private-a`" in text
    assert main(["plan", NETWORK, "--diff", str(plan_json), "--fail-on-replace"]) == 5
    assert main(["plan", NETWORK, "--diff", str(plan_json), "--format", "mermaid"]) == 2


def test_a_deployment_controller_change_is_named_as_the_cause_of_re_creating_a_service() -> None:
    head = base_doc()
    service = by_name(head, "web", SVC)["inputs"]
    service["deploymentController"] = {"type": "CODE_DEPLOY"}
    diff = diff_plans(base_doc(), head)
    assert change_of(diff, "web", SVC).action == "replace"
    (impact,) = diff.downtime
    assert "deployment controller changed" in impact.cause
    assert "deploymentController.type: ECS (default) -> CODE_DEPLOY" in impact.cause
    assert "BLUE_GREEN" in (impact.alternative or "")
    assert "deployment controller changed" in render_diff_text(diff)
    # The ECS controller's native strategies change in place: an update, no downtime.
    head = base_doc()
    strategy = {"strategy": "BLUE_GREEN", "bakeTimeInMinutes": 15}
    by_name(head, "web", SVC)["inputs"]["deploymentConfiguration"] = strategy
    diff = diff_plans(base_doc(), head)
    assert change_of(diff, "web", SVC).action == "update" and diff.downtime == []


CLOUD_MAP = "aws:servicediscovery/service:Service"
HTTP_NS = "aws:servicediscovery/httpNamespace:HttpNamespace"
REGISTRY_ARN = "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-0a1b2c3d4e5f"
NS_ARN = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-0a1b2c3d4e5f"


def cloud_map_doc(
    *, retain: bool = False, wait: bool = False, namespace_id: str = "ns-0a1b2c3d4e5f"
) -> dict[str, Any]:
    """An ECS service registering in a Cloud Map service, another using Service Connect in
    a namespace (``namespace_id`` of the auto-named Cloud Map service: a replacement
    trigger)."""
    doc = base_doc()
    cloud_map = res(CLOUD_MAP, "api", "srv-0a1b2c3d4e5f", {"namespaceId": namespace_id})
    cloud_map["outputs"]["arn"] = REGISTRY_ARN
    namespace = res(HTTP_NS, "ns", "ns-0a1b2c3d4e5f", {"name": "shop"})
    namespace["outputs"]["arn"] = NS_ARN
    registered = res(
        SVC,
        "api",
        "arn:aws:ecs:us-east-1:123456789012:service/apps/api",
        {
            "name": "api-1",
            "serviceRegistries": {"registryArn": REGISTRY_ARN},
            "waitForSteadyState": wait,
        },
        retain_on_delete=retain,
    )
    connect = {"enabled": True, "namespace": NS_ARN, "services": [{"portName": "http"}]}
    cart = res(
        SVC,
        "cart",
        "arn:aws:ecs:us-east-1:123456789012:service/apps/cart",
        {"name": "cart-1", "serviceConnectConfiguration": connect},
    )
    doc["resources"] += [namespace, cloud_map, registered, cart]
    return doc  # fmt: skip


def _conflicts(base: dict[str, Any], head: dict[str, Any]) -> dict[str, str | None]:
    return {
        c.name + ":" + c.action: c.order.conflict if c.order else None
        for c in diff_plans(base, head).changes
        if c.type in (CLOUD_MAP, HTTP_NS)
    }


def test_a_cloud_map_delete_while_ecs_still_uses_it_is_named_in_the_diff() -> None:
    base = cloud_map_doc(retain=True)
    head = cloud_map_doc()
    head["resources"] = [r for r in head["resources"] if r["type"] not in (CLOUD_MAP, HTTP_NS)]
    head["resources"] = [r for r in head["resources"] if r["name"] not in ("api", "cart")]
    # the ECS services go too; 'api' stays in AWS (retain_on_delete), still registered
    found = _conflicts(base, head)
    assert "ECS service(s) 'api'" in str(found["api:delete"]) and "ResourceInUse" in str(
        found["api:delete"]
    )
    assert found["ns:delete"] is None  # cart's Service Connect goes with it
    # the namespace deleted while cart keeps using it
    head["resources"] += [r for r in base["resources"] if r["name"] == "cart"]
    assert "Service Connect service(s) 'cart'" in str(_conflicts(base, head)["ns:delete"])
    # nothing retained, nothing kept: every delete can succeed
    clean = cloud_map_doc()
    assert set(_conflicts(clean, {**head, "resources": head["resources"][:-1]}).values()) == {None}


@pytest.mark.parametrize("wait", [False, True])
def test_replacing_a_cloud_map_service_an_ecs_service_registers_in(wait: bool) -> None:
    """The new one is created and the ECS service moved to it; the old one's delete fails
    while the old deployment's tasks are registered, unless the update waits for them."""
    moved = cloud_map_doc(wait=wait, namespace_id="ns-9f8e7d6c5b4a")
    found = _conflicts(cloud_map_doc(wait=wait), moved)
    assert ("ResourceInUse" in str(found["api:replace"])) is not wait
    # a name the program sets: the old one is deleted first, while ECS still registers in it
    named = [cloud_map_doc(wait=wait), moved]
    for doc in named:
        by_name(doc, "api", CLOUD_MAP)["inputs"]["name"] = "api"
    assert "ResourceInUse" in str(_conflicts(*named)["api:replace"])
