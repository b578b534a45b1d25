"""Replacements of resources whose physical name (or key) the program fixes (issue 14 item 8):
the order the engine and its providers choose, what the diff says about it, and the
simulator replaying it."""

from __future__ import annotations

from typing import Any

import pulumi_aws as aws

from fargate_components.model import tokens
from fargate_components.plan import plan_document
from fargate_components.plan.diff import diff_plans
from fargate_components.plan.diff_render import render_diff_text
from fargate_components.plan.replacement import replacement_order
from fargate_components.testing import run_in_mocks
from fargate_components.testing.simulate.replay import render_change_text, simulate_change


def _rec(inputs: dict[str, Any], **options: Any) -> dict[str, Any]:
    return {"inputs": inputs, "options": options}


def test_a_name_the_program_sets_makes_pulumi_aws_delete_first() -> None:
    named = replacement_order(tokens.LOG_GROUP, _rec({"name": "/a"}), _rec({"name": "/a"}))
    assert named.delete_first and named.kept == "/a" and named.conflict is None
    assert "pulumi-aws deletes first" in named.why and "'/a' is absent" in named.text()
    auto = replacement_order(tokens.LOG_GROUP, _rec({}), _rec({}))
    assert not auto.delete_first and auto.kept is None and auto.text() == ""
    profile = tokens.FARGATE_PROFILE  # its name input is fargateProfileName
    assert replacement_order(profile, _rec({}), _rec({"fargateProfileName": "p"})).delete_first
    unknown = replacement_order(tokens.LOG_GROUP, _rec({}), _rec({"name": "[unknown]"}))
    assert not unknown.delete_first


def test_the_option_and_kubernetes_names_delete_first_helm_does_not() -> None:
    option = replacement_order(tokens.SQS_QUEUE, _rec({}), _rec({}, delete_before_replace=True))
    assert option.delete_first and option.why == "delete_before_replace"
    meta = {"metadata": {"name": "cfg", "namespace": "kube-system"}}
    k8s = replacement_order(tokens.K8S_CONFIG_MAP, _rec(meta), _rec(meta))
    assert k8s.delete_first and k8s.kept == "kube-system/cfg"
    release = {"name": "aws-load-balancer-controller", "namespace": "kube-system"}
    helm = replacement_order(tokens.HELM_RELEASE, _rec(release), _rec(release))
    assert not helm.delete_first and helm.conflict and "cannot re-use a name" in helm.conflict
    fixed = replacement_order(
        tokens.HELM_RELEASE, _rec(release), _rec(release, delete_before_replace=True)
    )
    assert fixed.delete_first and fixed.conflict is None


def test_a_kept_key_or_a_retained_name_is_a_conflict() -> None:
    key = {"clusterName": "c", "principalArn": "arn:aws:iam::1:role/r", "policyArn": "p"}
    assoc = tokens.EKS_ACCESS_POLICY_ASSOCIATION
    bad = replacement_order(assoc, _rec(key), _rec(key))
    assert bad.conflict and "without the policy" in bad.conflict
    assert (
        replacement_order(assoc, _rec(key), _rec(key, delete_before_replace=True)).conflict is None
    )
    moved = replacement_order(assoc, _rec(key), _rec({**key, "policyArn": "q"}))
    assert moved.conflict is None
    kept = replacement_order(
        tokens.LOG_GROUP, _rec({"name": "/a"}, retain_on_delete=True), _rec({"name": "/a"})
    )
    assert kept.conflict and "retained" in kept.conflict and "already exists" in kept.conflict


def _doc(type_: str, inputs: dict[str, Any], **options: Any) -> dict[str, Any]:
    urn = f"urn:pulumi:dev::p::{type_}::r"
    record = {"urn": urn, "type": type_, "name": "r", "inputs": inputs, "options": options}
    return {"format_version": 1, "resources": [record]}


def test_the_diff_says_which_order_and_what_it_costs() -> None:
    base = _doc(tokens.LOG_GROUP, {"name": "/aws/eks/c/cluster", "logGroupClass": "STANDARD"})
    head = _doc(tokens.LOG_GROUP, {"name": "/aws/eks/c/cluster", "logGroupClass": "DELIVERY"})
    diff = diff_plans(base, head)
    (change,) = diff.changes
    assert change.action == "replace" and change.order is not None and change.order.delete_first
    assert diff.to_json()["changes"][0]["replacement"]["kept"] == "/aws/eks/c/cluster"
    assert "deleted before its replacement is created" in render_diff_text(diff)
    (impact,) = diff.data_loss
    assert "absent in between" in impact.order and impact.to_json()["order"] == impact.order
    retained = diff_plans(
        _doc(tokens.LOG_GROUP, {"name": "/x", "logGroupClass": "STANDARD"}, retain_on_delete=True),
        _doc(tokens.LOG_GROUP, {"name": "/x", "logGroupClass": "DELIVERY"}),
    )
    assert "already exists" in render_diff_text(retained)


def test_the_simulator_replaces_fixed_names_in_the_right_order() -> None:
    """The components' fixed names, replaced in moto: a Cloud Map namespace with its
    discovery service (Service Connect's: the service is deleted first, as the engine takes
    down the replaced dependants of a delete-first replacement) and a named log group (the
    EKS ones) are deleted before they are re-created, and succeed."""

    def program(suffix: str) -> None:
        ns = aws.servicediscovery.HttpNamespace("ns", name="apps", description=f"apps {suffix}")
        aws.servicediscovery.Service(
            "svc",
            name="web",
            namespace_id=ns.id,
            type="HTTP" if suffix == "a" else None,
        )
        aws.cloudwatch.LogGroup(
            "logs",
            name="/aws/eks/c/fargate",
            log_group_class="STANDARD" if suffix == "a" else "INFREQUENT_ACCESS",
        )

    result = simulate_change(run_in_mocks(lambda: program("a")), run_in_mocks(lambda: program("b")))
    assert result.ok, render_change_text(result)
    order = [(s.action, s.urn.rsplit("::", 1)[-1]) for s in result.steps]
    for name in ("ns", "logs", "svc"):
        assert order.index(("delete", name)) < order.index(("replace", name)), order
    assert order.index(("delete", "svc")) < order.index(("delete", "ns"))


def test_a_new_logical_name_for_a_fixed_name_is_a_conflict_the_simulator_confirms() -> None:
    """Renaming a resource (or its component) without an alias creates the new one before the
    old is deleted: with a name the program fixes, AWS refuses the create."""

    def program(logical: str) -> None:
        aws.cloudwatch.LogGroup(logical, name="/aws/eks/dev/cluster")

    base, head = run_in_mocks(lambda: program("logs")), run_in_mocks(lambda: program("eks-logs"))
    diff = diff_plans(*(plan_document(p, "inline") for p in (base, head)))
    conflicts = {c.action: c.order for c in diff.changes}
    assert set(conflicts) == {"create", "delete"}
    for order in conflicts.values():
        assert order is not None and order.kept == "/aws/eks/dev/cluster"
        assert order.conflict and "already exists" in order.conflict and "alias" in order.conflict
    assert "alias instead" in render_diff_text(diff)
    result = simulate_change(base, head)
    (create,) = [s for s in result.steps if s.action == "create"]
    assert create.outcome == "failed" and "ResourceAlreadyExistsException" in create.detail
