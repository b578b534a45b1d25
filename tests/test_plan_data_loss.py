"""Data loss and downtime in a plan diff: a renamed queue (and its whole component), a
replaced queue, a deleted log group, a re-created ECS service — with cause and alternative."""

from __future__ import annotations

import copy
from typing import Any

from fargate_components import WorkQueue, WorkQueueArgs
from fargate_components.data_protection import (
    STATEFUL,
    data_protection_enabled,
    protection_options,
)
from fargate_components.plan.data_loss import render_impacts_markdown
from fargate_components.plan.diff import diff_plans
from fargate_components.plan.render import plan_document
from fargate_components.testing import run_in_mocks


def _doc(name: str, **kwargs: Any) -> dict[str, Any]:
    plan = run_in_mocks(lambda: WorkQueue(name, WorkQueueArgs(**kwargs)))
    return plan_document(plan, "test")


def test_component_rename_is_data_loss_with_a_component_alias() -> None:
    base, head = _doc("jobs"), _doc("orders")
    found = diff_plans(base, head).impacts
    queues = [i for i in found if i.type == "aws:sqs/queue:Queue"]
    assert {i.name for i in queues} == {"jobs-queue", "jobs-dlq"}
    for item in queues:
        assert item.kind == "data_loss" and item.action == "delete"
        assert item.lost == "every message waiting in the queue"
        assert "component 'jobs'" in item.cause and "renamed to 'orders'" in item.cause
        assert "aliases=[pulumi.Alias(name='jobs')]" in (item.alternative or "")
        assert f"DATA LOSS: delete {item.name} (aws:sqs/queue:Queue)" in item.line()


def test_replaced_queue_names_the_input() -> None:
    base = _doc("jobs")
    head = copy.deepcopy(base)
    for record in head["resources"]:
        if record["name"] == "jobs-queue":
            record["inputs"]["fifoQueue"] = True  # SQS cannot turn a queue into a FIFO queue
    found = diff_plans(base, head).impacts
    (item,) = [i for i in found if i.name == "jobs-queue"]
    assert item.action == "replace"
    assert "`fifoQueue`" in item.cause and "cannot update in place" in item.cause


def test_retained_and_protected_are_said() -> None:
    base, head = _doc("jobs"), _doc("orders")
    for record in base["resources"]:
        if record["name"] == "jobs-queue":
            record["options"]["retain_on_delete"] = True
        if record["name"] == "jobs-dlq":
            record["options"]["protect"] = True
    found = {i.name: i for i in diff_plans(base, head).impacts}
    assert found["jobs-queue"].retained and "stay in AWS" in found["jobs-queue"].line()
    assert found["jobs-dlq"].protected and "deploy fails" in found["jobs-dlq"].line()
    table = render_impacts_markdown(found.values())
    assert "| **data loss** | `jobs-queue` (delete) (retained in AWS) |" in table


def test_plain_delete_and_downtime() -> None:
    base = _doc("jobs")
    head = copy.deepcopy(base)
    head["resources"] = [r for r in head["resources"] if r["name"] != "jobs-dlq"]
    found = diff_plans(base, head).impacts
    (item,) = found
    assert item.cause == "no longer declared by the program" and item.alternative is None


def test_protection_table_and_switch() -> None:
    assert protection_options("aws:sqs/queue:Queue", True) == {"retain_on_delete": True}
    assert protection_options("aws:eks/cluster:Cluster", True) == {"protect": True}
    assert protection_options("aws:sqs/queue:Queue", False) == {}
    assert protection_options("aws:ecs/service:Service", True) == {}
    assert all(row.protection in ("retain_on_delete", "protect") for row in STATEFUL.values())
    assert data_protection_enabled(None) is True  # outside a program: on
    assert data_protection_enabled(False) is False


def test_stack_config_turns_protection_off() -> None:
    seen: list[bool] = []
    run_in_mocks(lambda: seen.append(data_protection_enabled()))
    run_in_mocks(
        lambda: seen.append(data_protection_enabled()), config={"fargate:dataProtection": "false"}
    )
    assert seen == [True, False]


def test_service_recreate_is_downtime() -> None:
    def doc(cluster: str) -> dict[str, Any]:
        record = {
            "urn": "urn:pulumi:dev::p::aws:ecs/service:Service::web-service",
            "type": "aws:ecs/service:Service",
            "name": "web-service",
            "custom": True,
            "inputs": {"cluster": cluster, "desiredCount": 2},
            "options": {},
        }
        return {"format_version": 1, "resources": [record]}

    base, head = doc("arn:cluster/a"), doc("arn:cluster/b")
    (item,) = diff_plans(base, head).impacts
    assert item.kind == "downtime" and item.action == "replace"
    assert "running tasks are stopped" in item.lost
    assert "`cluster`" in item.cause
    assert item.line().startswith("DOWNTIME: replace web-service")


def test_cli_fails_on_data_loss_and_downtime(tmp_path: Any, capsys: Any) -> None:
    import json

    from fargate_components.cli import main

    base, head = tmp_path / "base.json", tmp_path / "head.json"
    base.write_text(json.dumps(_doc("jobs")))
    head.write_text(json.dumps(_doc("orders")))
    assert main(["diff", str(base), str(head)]) == 0
    out = capsys.readouterr().out
    assert "Data loss: 2, downtime: 0" in out
    assert "DATA LOSS: delete jobs-queue" in out
    assert main(["diff", str(base), str(head), "--fail-on-data-loss"]) == 6
    assert main(["diff", str(base), str(head), "--fail-on-downtime"]) == 0
    assert main(["diff", str(base), str(base), "--fail-on-data-loss"]) == 0
    data = json.loads(_json_diff(main, base, head, capsys))
    assert [i["name"] for i in data["data_loss"]] == ["jobs-dlq", "jobs-queue"]
    assert data["downtime"] == []


def _json_diff(main: Any, base: Any, head: Any, capsys: Any) -> str:
    capsys.readouterr()
    assert main(["diff", str(base), str(head), "--format", "json"]) == 0
    return str(capsys.readouterr().out)


def test_the_suggested_component_alias_removes_the_data_loss() -> None:
    import pulumi

    base = _doc("jobs")
    plan = run_in_mocks(
        lambda: WorkQueue(
            "orders",
            WorkQueueArgs(),
            opts=pulumi.ResourceOptions(aliases=[pulumi.Alias(name="jobs")]),
        )
    )
    head = plan_document(plan, "test")
    diff = diff_plans(base, head)
    assert diff.impacts == []
    assert diff.count("delete") == 0 and diff.count("create") == 0


def test_components_protect_their_stateful_children_by_default() -> None:
    from fargate_components import Network, NetworkArgs

    def options(plan: Any, type_: str) -> list[dict[str, Any]]:
        return [r.options for r in plan.of_type(type_)]

    queues = run_in_mocks(lambda: WorkQueue("jobs"))
    assert [o["retain_on_delete"] for o in options(queues, "aws:sqs/queue:Queue")] == [True, True]
    off = run_in_mocks(lambda: WorkQueue("jobs", WorkQueueArgs(data_protection=False)))
    assert not any(o["retain_on_delete"] for o in options(off, "aws:sqs/queue:Queue"))
    dev = run_in_mocks(lambda: WorkQueue("jobs"), config={"fargate:dataProtection": "false"})
    assert not any(o["retain_on_delete"] for o in options(dev, "aws:sqs/queue:Queue"))
    net = run_in_mocks(lambda: Network("net", NetworkArgs(az_count=2, nat_gateways="single")))
    (flow_logs,) = options(net, "aws:cloudwatch/logGroup:LogGroup")
    assert flow_logs["retain_on_delete"] is True


def test_queue_rename_with_default_protection_is_still_data_loss(tmp_path: Any) -> None:
    import json

    from fargate_components.cli import main

    base, head = _doc("jobs"), _doc("orders")
    diff = diff_plans(base, head)
    assert {i.name for i in diff.data_loss} == {"jobs-queue", "jobs-dlq"}
    assert all(i.retained for i in diff.data_loss)  # messages stay in AWS, out of reach
    (tmp_path / "b.json").write_text(json.dumps(base))
    (tmp_path / "h.json").write_text(json.dumps(head))
    args = ["diff", str(tmp_path / "b.json"), str(tmp_path / "h.json"), "--fail-on-data-loss"]
    assert main(args) == 6


def _snapshot(example: str) -> dict[str, Any]:
    import json
    from pathlib import Path

    path = Path(__file__).parent / "snapshots" / f"example-{example}.json"
    doc: dict[str, Any] = json.loads(path.read_text())
    return doc


def _without(doc: dict[str, Any], *names: str) -> dict[str, Any]:
    head = copy.deepcopy(doc)
    head["resources"] = [r for r in head["resources"] if r["name"] not in names]
    return head


def test_waf_logging_off_names_the_retained_group_and_its_import() -> None:
    """WebAcl(logging=False) on a deployed stack drops the fixed-name request-log group,
    which data protection keeps in AWS: turning logging on again would collide with it."""
    base = _snapshot("ecs-web-service")
    head = _without(base, "web-waf-logs", "web-waf-logging")
    found = {i.name: i for i in diff_plans(base, head).impacts}
    item = found["web-waf-logs"]
    assert item.retained and item.retained_name == "aws-waf-logs-ecs-web-service-dev-web"
    group = next(r for r in base["resources"] if r["name"] == "web-waf-logs")
    parent = next(r for r in base["resources"] if r["urn"] == group["parent"])
    assert parent["type"] == "fargate:ecs:LoadBalancer"
    assert item.reimport.startswith(
        "`pulumi import aws:cloudwatch/logGroup:LogGroup web-waf-logs "
        f"aws-waf-logs-ecs-web-service-dev-web --parent 'web={parent['urn']}'`"
    )
    assert "keeps the name 'aws-waf-logs-ecs-web-service-dev-web'" in item.line()
    assert "already exists" in item.line()
    as_json = item.to_json()
    assert as_json["retained_name"] == item.retained_name and as_json["reimport"]
    assert "first import it" in render_impacts_markdown([item])


def test_eks_log_group_dropped_is_named_but_auto_named_and_renamed_ones_are_not() -> None:
    base = _snapshot("eks-fargate")
    head = _without(base, "eks-control-plane-logs")
    (item,) = [i for i in diff_plans(base, head).impacts if i.name == "eks-control-plane-logs"]
    assert item.retained_name == "/aws/eks/fargate-eks-dev/cluster"
    # an auto-named retained group (the flow logs) gets a new name when declared again
    flows = diff_plans(base, _without(base, "net-flow-logs")).impacts
    (flow,) = [i for i in flows if i.name == "net-flow-logs"]
    assert flow.retained and flow.retained_name is None and flow.reimport == ""
    # re-created under the same name in the same change: the create's conflict says it
    renamed = copy.deepcopy(base)
    for record in renamed["resources"]:
        if record["name"] == "eks-control-plane-logs":
            record["urn"] = record["urn"].replace("eks-control-plane-logs", "eks-cp-logs")
            record["name"] = "eks-cp-logs"
    (moved,) = [i for i in diff_plans(base, renamed).impacts if i.name == "eks-control-plane-logs"]
    assert moved.retained_name is None
