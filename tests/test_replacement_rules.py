"""Every resource type the library creates has its replacement rule (issue 14 item 8).

The types are read from the source, not from the example plans (which don't create every
type): each call ``aws.<module>.<Class>(...)`` / ``k8s.<...>.<Class>(...)`` /
``docker_build.<Class>(...)`` in the package, through the module aliases it uses
(``sched = aws.scheduler``), resolved to its type token with the provider SDK's own
class-to-token table. A type must either list its ForceNew inputs or say ``()`` (all inputs
update in place) in :data:`~fargate_components.plan.replacement.REPLACE_KEYS`; a type
without a rule would be reported as "an update, the provider decides"."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pulumi_aws

from fargate_components.model import tokens
from fargate_components.plan.diff import classify, match
from fargate_components.plan.replacement import REPLACE_KEYS, REPLACE_WHEN, replace_triggers

PACKAGE = Path(__file__).resolve().parent.parent / "fargate_components"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
#: Root modules of the providers whose resources the library creates.
PROVIDERS = {"pulumi_aws": "aws", "pulumi_kubernetes": "kubernetes", "pulumi_docker_build": "db"}


@cache
def _aws_classes() -> dict[tuple[str, str], str]:
    """(python module, class name) -> token, from pulumi_aws's registration table."""
    source = (Path(pulumi_aws.__file__).parent / "__init__.py").read_text()
    table = re.search(r'resource_modules="""(.*?)"""', source, re.S)
    assert table, "pulumi_aws no longer registers its resource modules as expected"
    out = {}
    for entry in json.loads(table.group(1)):
        for token, cls in entry["classes"].items():
            out[(entry["fqn"], cls)] = token
    return out


def _dotted(node: ast.AST) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    return None


def _aliases(nodes: Sequence[ast.AST]) -> dict[str, list[str]]:
    """Local names bound to a provider module: ``import pulumi_aws as aws`` and
    ``sched = aws.scheduler`` (a name assigned an attribute of one)."""
    names: dict[str, list[str]] = {}
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in PROVIDERS:
                    names[alias.asname or alias.name] = alias.name.split(".")
    for node in nodes:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], _dotted(node.value)
            if isinstance(target, ast.Name) and value and value[0] in names:
                names[target.id] = names[value[0]] + value[1:]
    return names


def _token(path: list[str]) -> str | None:
    """The type token of a provider class given as ``[root, module..., Class]``, or None
    when it is not a resource (an ``...Args`` class, an invoke)."""
    cls = path[-1]
    if not cls[:1].isupper() or cls.endswith("Args") or cls == "Provider":
        return None  # Args classes, invokes, and providers (never replaced by a diff)
    if path[0] == "pulumi_aws":
        return _aws_classes().get((".".join(path[:-1]), cls))
    if path[0] == "pulumi_kubernetes":  # kubernetes:<group>/<version>:<Kind>
        group = {"core": "core", "apps": "apps", "rbac": "rbac.authorization.k8s.io"}
        module = path[1:-1]
        if module[0] == "helm":
            return f"kubernetes:helm.sh/{module[1]}:{cls}"
        return f"kubernetes:{group.get(module[0], module[0])}/{module[1]}:{cls}"
    return tokens.DOCKER_BUILD_IMAGE if cls == "Image" else None


@cache
def created_types() -> frozenset[str]:
    found = set()
    for path in PACKAGE.rglob("*_component.py"):  # only these wire (tests/test_layout.py)
        text = path.read_text()
        if not any(root in text for root in PROVIDERS):
            continue
        nodes = [
            n
            for n in ast.walk(ast.parse(text))
            if isinstance(n, (ast.Import, ast.Assign, ast.Call))
        ]
        names = _aliases(nodes)
        for node in nodes:
            dotted = _dotted(node.func) if isinstance(node, ast.Call) else None
            if dotted and dotted[0] in names and len(dotted) > 1:
                token = _token(names[dotted[0]] + dotted[1:])
                if token:
                    found.add(token)
    return frozenset(found)


def test_the_scan_finds_what_the_examples_create() -> None:
    """The static scan is not silently empty: every AWS type in an example plan is found."""
    planned = {
        r["type"]
        for snap in SNAPSHOTS.glob("*.json")
        for r in json.loads(snap.read_text())["resources"]
        if r["type"].startswith("aws:")
    }
    assert planned and planned <= created_types(), sorted(planned - created_types())
    assert tokens.SCHEDULE in created_types() and tokens.EIP_ASSOCIATION in created_types()


def test_every_created_type_is_classified() -> None:
    unclassified = sorted(t for t in created_types() if replace_triggers(t) is None)
    assert not unclassified, f"add these to REPLACE_KEYS (ForceNew fields or ()): {unclassified}"


def test_every_rule_is_a_known_token() -> None:
    defined = {v for v in vars(tokens).values() if isinstance(v, str)}
    assert set(REPLACE_KEYS) <= defined and set(REPLACE_WHEN) <= set(REPLACE_KEYS)


def _pair(type_: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    urn = f"urn:pulumi:dev::p::{type_}::r"
    base = {"resources": [{"urn": urn, "type": type_, "name": "r", "inputs": old}]}
    head = {"resources": [{"urn": urn, "type": type_, "name": "r", "inputs": new}]}
    return classify(match(base, head))[urn.split("::", 2)[2]].action


def test_named_rules_decide_replace_or_update() -> None:
    policy = tokens.EKS_ACCESS_POLICY_ASSOCIATION
    scope = {"accessScope": {"type": "cluster"}, "policyArn": "a", "principalArn": "p"}
    assert _pair(policy, scope, {**scope, "accessScope": {"type": "namespace"}}) == "replace"
    entry = {"clusterName": "c", "principalArn": "p", "kubernetesGroups": ["a"]}
    assert _pair(tokens.EKS_ACCESS_ENTRY, entry, {**entry, "kubernetesGroups": ["b"]}) == "update"
    assert _pair(tokens.EKS_ACCESS_ENTRY, entry, {**entry, "principalArn": "q"}) == "replace"
    point = {"fileSystemId": "fs", "posixUser": {"uid": 1, "gid": 1}}
    assert _pair(tokens.EFS_ACCESS_POINT, point, {**point, "posixUser": {"uid": 2, "gid": 1}}) == (
        "replace"
    )
    assert _pair(tokens.EFS_ACCESS_POINT, point, {**point, "tags": {"a": "b"}}) == "update"
    image = {"tags": ["r:1"], "context": {"location": "."}}
    assert _pair(tokens.DOCKER_BUILD_IMAGE, image, {**image, "tags": ["r:2"]}) == "update"


def test_instance_user_data_replaces_only_when_asked() -> None:
    data = {"subnetId": "s", "userData": "a", "userDataReplaceOnChange": True}
    assert _pair(tokens.EC2_INSTANCE, data, {**data, "userData": "b"}) == "replace"
    quiet = {**data, "userDataReplaceOnChange": False}
    assert _pair(tokens.EC2_INSTANCE, quiet, {**quiet, "userData": "b"}) == "update"
