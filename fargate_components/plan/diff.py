"""What changes between two offline plans: resources created, deleted, updated or replaced,
the monthly cost delta, new and resolved findings, changed stack outputs.

A pure function over two plan JSON documents (``format_version`` 1, see README "Plan
JSON"). Resources are matched by URN (without the ``urn:pulumi:<stack>::<project>::``
prefix, so two stacks of one program can be compared too; a URN listed in a resource's
``aliases`` matches its old URN, as in Pulumi). Mock ids derive from a resource's type and
name, so the same resource has the same id in both plans and references compare equal.

A resource is *changed* when its inputs differ (string inputs holding JSON documents, such
as container definitions and IAM policies, are compared parsed, and the change is reported
down to the leaf, e.g. ``containerDefinitions[web].image``) or its options do. It is
*replaced* when a changed input is one the provider cannot update in place
(:data:`REPLACE_KEYS`), is listed in ``replace_on_changes``, or refers to a resource that
is itself replaced (its id is only known after the new one exists): the cascade pulumi
preview shows too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ValidationError
from ..model.tokens import (
    ALB_PREFIX,
    ECS_CLUSTER,
    ECS_SERVICE,
    ECS_TASK_DEFINITION,
    EIP,
    EKS_ADDON,
    EKS_CLUSTER,
    FARGATE_PROFILE,
    FLOW_LOG,
    HELM_PREFIX,
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    INTERNET_GATEWAY,
    KMS_ALIAS,
    KMS_KEY,
    KUBERNETES_PREFIX,
    LB_PREFIX,
    LISTENER,
    LISTENER_RULE,
    LOAD_BALANCER,
    LOG_GROUP,
    NAT_GATEWAY,
    ROUTE,
    ROUTE_TABLE,
    ROUTE_TABLE_ASSOCIATION,
    SECURITY_GROUP,
    SQS_QUEUE,
    STACK,
    SUBNET,
    TARGET_GROUP,
    VPC,
)
from .data_loss import DATA_LOSS, Impact, impacts, render_impacts_markdown, render_impacts_text
from .render import FORMAT_VERSION, display_type

__all__ = [
    "DIFF_FORMAT_VERSION",
    "REPLACE_KEYS",
    "PlanDiff",
    "ResourceChange",
    "diff_plans",
    "render_diff_markdown",
    "render_diff_text",
    "replace_triggers",
]

#: Version of the diff JSON (README "Plan diff JSON"); bumped only when a key is removed
#: or changes meaning.
DIFF_FORMAT_VERSION = 1

ALL = "*"

#: Input paths (wire names; ``a.b`` is a nested key) whose change forces a replacement, per
#: resource type: the ``ForceNew`` fields of the Terraform AWS provider that pulumi-aws
#: bridges (hashicorp/terraform-provider-aws, ``internal/service/<svc>/<resource>.go``).
#: ``"*"`` means every input except those in :data:`_UPDATABLE`. Types not listed here are
#: reported as updates, with a note that the provider decides.
REPLACE_KEYS: dict[str, tuple[str, ...]] = {
    # eks/fargate_profile.go: every argument but tags is ForceNew (profiles are immutable)
    FARGATE_PROFILE: (ALL,),
    # eks/cluster.go: name, role_arn, bootstrap_self_managed_addons,
    # access_config.bootstrap_cluster_creator_admin_permissions,
    # kubernetes_network_config.{ip_family,service_ipv4_cidr}, outpost_config,
    # remote_network_config. vpc_config.subnet_ids is NOT ForceNew in current
    # providers (EKS updates subnets in place).
    EKS_CLUSTER: (
        "name",
        "roleArn",
        "bootstrapSelfManagedAddons",
        "accessConfig.bootstrapClusterCreatorAdminPermissions",
        "kubernetesNetworkConfig.ipFamily",
        "kubernetesNetworkConfig.serviceIpv4Cidr",
        "outpostConfig",
        "remoteNetworkConfig",
    ),
    # eks/addon.go
    EKS_ADDON: ("clusterName", "addonName"),
    # elbv2/target_group.go
    TARGET_GROUP: (
        "name",
        "namePrefix",
        "port",
        "protocol",
        "protocolVersion",
        "vpcId",
        "targetType",
        "ipAddressType",
    ),
    # elbv2/load_balancer.go (subnets and security groups update in place)
    LOAD_BALANCER: (
        "name",
        "namePrefix",
        "internal",
        "loadBalancerType",
        "customerOwnedIpv4Pool",
    ),
    # elbv2/listener.go
    LISTENER: ("loadBalancerArn",),
    LISTENER_RULE: ("listenerArn",),
    # ec2/vpc_subnet.go
    SUBNET: (
        "cidrBlock",
        "availabilityZone",
        "availabilityZoneId",
        "vpcId",
        "ipv4IpamPoolId",
        "ipv4NetmaskLength",
        "ipv6IpamPoolId",
        "ipv6Native",
        "ipv6NetmaskLength",
        "outpostArn",
    ),
    # ec2/vpc_.go
    VPC: ("cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"),
    # ec2/vpc_security_group.go
    SECURITY_GROUP: ("name", "namePrefix", "description", "vpcId"),
    # ec2/vpc_nat_gateway.go, vpc_eip.go, vpc_route.go, vpc_route_table_association.go
    NAT_GATEWAY: (
        "allocationId",
        "subnetId",
        "connectivityType",
        "privateIp",
    ),
    EIP: ("domain", "address", "networkBorderGroup", "publicIpv4Pool"),
    ROUTE: (
        "routeTableId",
        "destinationCidrBlock",
        "destinationIpv6CidrBlock",
        "destinationPrefixListId",
    ),
    ROUTE_TABLE_ASSOCIATION: ("subnetId", "gatewayId"),
    ROUTE_TABLE: ("vpcId",),
    INTERNET_GATEWAY: (),
    FLOW_LOG: (ALL,),
    # ecs/service.go
    ECS_SERVICE: (
        "name",
        "cluster",
        "launchType",
        "iamRole",
        "schedulingStrategy",
        "deploymentController.type",
    ),
    # ecs/task_definition.go: every argument but tags is ForceNew (a new revision)
    ECS_TASK_DEFINITION: (ALL,),
    ECS_CLUSTER: ("name",),
    # iam/role.go, role_policy.go, role_policy_attachment.go, policy.go
    IAM_ROLE: ("name", "namePrefix", "path"),
    IAM_ROLE_POLICY: ("name", "namePrefix", "role"),
    IAM_ROLE_POLICY_ATTACHMENT: ("role", "policyArn"),
    IAM_POLICY: ("name", "namePrefix", "path", "description"),
    # logs/group.go
    LOG_GROUP: ("name", "namePrefix", "logGroupClass"),
    # sqs/queue.go
    SQS_QUEUE: ("name", "namePrefix", "fifoQueue"),
    # kms/key.go
    KMS_KEY: ("customerMasterKeySpec", "keySpec", "keyUsage", "multiRegion", "xksKeyId"),
    KMS_ALIAS: ("name", "namePrefix"),
}

#: Inputs that never force a replacement, even for ``"*"`` types.
_UPDATABLE = frozenset({"tags", "tagsAll", "skipDestroy", "trackLatest"})

#: For Kubernetes objects the provider replaces on a new name or namespace.
_K8S_REPLACE_KEYS = ("metadata.name", "metadata.namespace")

_NAME_KEYS = ("name", "Sid", "containerName", "namespace", "key", "Key")


def replace_triggers(type_: str) -> tuple[str, ...] | None:
    """The replace-triggering input paths of a type, or None when we do not know them."""
    if type_ in REPLACE_KEYS:
        return REPLACE_KEYS[type_]
    if type_.startswith(ALB_PREFIX):  # the aws.alb module is an alias of aws.lb
        return REPLACE_KEYS.get(type_.replace(ALB_PREFIX, LB_PREFIX, 1))
    if type_.startswith(KUBERNETES_PREFIX) and not type_.startswith(HELM_PREFIX):
        return _K8S_REPLACE_KEYS
    return None


# -- comparing values ---------------------------------------------------------------------


def _parsed(value: Any) -> Any:
    if isinstance(value, str) and value.strip()[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _list_key(items: list[Any]) -> str | None:
    if not items or not all(isinstance(i, Mapping) for i in items):
        return None
    for key in _NAME_KEYS:
        names = [i.get(key) for i in items]
        if all(isinstance(n, str) for n in names) and len(set(names)) == len(names):
            return key
    return None


def changed_paths(old: Any, new: Any, prefix: str = "") -> list[str]:
    """Paths (``a.b[2].c``, ``containerDefinitions[web].image``) where ``old`` and ``new``
    differ. JSON documents in strings are compared parsed; list items that all carry a
    distinct ``name`` (or ``Sid``, …) are matched by it."""
    old, new = _parsed(old), _parsed(new)
    if old == new:
        return []
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        out: list[str] = []
        for key in sorted(set(old) | set(new), key=str):
            path = f"{prefix}.{key}" if prefix else str(key)
            if key not in old or key not in new:
                out.append(path)
            else:
                out += changed_paths(old[key], new[key], path)
        return out
    if isinstance(old, list) and isinstance(new, list):
        key = _list_key(old)
        if key is not None and key == _list_key(new):
            by_old = {i[key]: i for i in old}
            by_new = {i[key]: i for i in new}
            out = []
            for name in sorted(set(by_old) | set(by_new)):
                path = f"{prefix}[{name}]"
                if name not in by_old or name not in by_new:
                    out.append(path)
                else:
                    out += changed_paths(by_old[name], by_new[name], path)
            return out or [prefix]  # same items, another order
        if len(old) == len(new):
            out = []
            for i, (a, b) in enumerate(zip(old, new, strict=True)):
                out += changed_paths(a, b, f"{prefix}[{i}]")
            return out
    return [prefix] if prefix else ["(value)"]


def _covers(rule: str, path: str) -> bool:
    """True when a change at ``path`` touches the input ``rule`` names."""
    bare = re.sub(r"\[[^\]]*\]", "", path)
    return any(a == b or a.startswith(b + ".") for a, b in ((bare, rule), (rule, bare)))


def _forces(path: str, triggers: Iterable[str], replace_on_changes: Iterable[str]) -> bool:
    """True when a change at ``path`` forces a replacement."""
    rules = [*triggers, *replace_on_changes]
    top = re.split(r"[.\[]", path, maxsplit=1)[0]
    if ALL in replace_on_changes or (ALL in triggers and top not in _UPDATABLE):
        return True
    return any(_covers(rule, path) for rule in rules if rule != ALL)


# -- the diff -----------------------------------------------------------------------------


@dataclass
class KeyChange:
    """One changed top-level input (or option) of a resource."""

    key: str
    paths: list[str]
    replaces: bool = False
    cause: str = "input"  # "input", "cascade" (refers to a replaced resource), "option"
    via: list[str] = field(default_factory=list)
    ignored: bool = False  # listed in ignore_changes: pulumi will not apply it

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "paths": self.paths,
            "replaces": self.replaces,
            "cause": self.cause,
            "via": self.via,
            "ignored": self.ignored,
        }


@dataclass
class ResourceChange:
    """A resource that is created, deleted, updated or replaced."""

    urn: str
    type: str
    name: str
    action: str  # "create", "delete", "update", "replace"
    keys: list[KeyChange] = field(default_factory=list)
    known_type: bool = True
    protected: bool = False
    custom: bool = True

    @property
    def replace_keys(self) -> list[str]:
        return [k.key for k in self.keys if k.replaces and not k.ignored]

    def to_json(self) -> dict[str, Any]:
        return {
            "urn": self.urn,
            "type": self.type,
            "name": self.name,
            "action": self.action,
            "custom": self.custom,
            "replace_keys": self.replace_keys,
            "keys": [k.to_json() for k in self.keys],
            "known_type": self.known_type,
            "protected": self.protected,
        }


@dataclass
class PlanDiff:
    """Two plans compared. ``to_json()`` is the documented diff JSON."""

    base: dict[str, Any]
    head: dict[str, Any]
    changes: list[ResourceChange]
    unchanged: int
    cost: dict[str, Any]
    findings: dict[str, list[dict[str, Any]]]
    outputs: dict[str, list[str]]
    critical_path: dict[str, Any] = field(default_factory=dict)
    impacts: list[Impact] = field(default_factory=list)
    """Replacements and deletes that lose data or interrupt service (``data_loss`` module)."""

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    @property
    def summary(self) -> dict[str, int]:
        counts = {a: self.count(a) for a in ("create", "update", "replace", "delete")}
        return {**counts, "same": self.unchanged}

    @property
    def has_changes(self) -> bool:
        return bool(self.changes)

    @property
    def data_loss(self) -> list[Impact]:
        return [i for i in self.impacts if i.kind == DATA_LOSS]

    @property
    def downtime(self) -> list[Impact]:
        return [i for i in self.impacts if i.kind != DATA_LOSS]

    def to_json(self) -> dict[str, Any]:
        return {
            "format_version": DIFF_FORMAT_VERSION,
            "kind": "plan-diff",
            "base": self.base,
            "head": self.head,
            "summary": self.summary,
            "changes": [c.to_json() for c in self.changes],
            "cost": self.cost,
            "findings": self.findings,
            "outputs": self.outputs,
            "critical_path": self.critical_path,
            "data_loss": [i.to_json() for i in self.data_loss],
            "downtime": [i.to_json() for i in self.downtime],
        }


def _critical_path(base: Mapping[str, Any], head: Mapping[str, Any]) -> dict[str, Any]:
    """Base and head critical-path lengths (seconds) and the change; None where a plan
    carries no critical path (plans written before it was added)."""
    b = (base.get("critical_path") or {}).get("total_seconds")
    h = (head.get("critical_path") or {}).get("total_seconds")
    delta = h - b if isinstance(b, (int, float)) and isinstance(h, (int, float)) else None
    return {"base_seconds": b, "head_seconds": h, "delta_seconds": delta}


def _critical_path_line(diff: PlanDiff) -> str:
    cp = diff.critical_path
    if cp.get("delta_seconds") is None:
        return "n/a"
    return (
        f"{cp['base_seconds']:.0f} s -> {cp['head_seconds']:.0f} s ({cp['delta_seconds']:+.0f} s)"
    )


def _check(doc: Any, which: str) -> Mapping[str, Any]:
    if not isinstance(doc, Mapping):
        raise ValidationError(which, type(doc).__name__, "a plan JSON document (an object)")
    version = doc.get("format_version")
    if version != FORMAT_VERSION:
        raise ValidationError(
            f"{which}.format_version",
            version,
            f"{FORMAT_VERSION} (write plans with `fargate-components plan --format json`)",
        )
    return doc


def _key(urn: str) -> str:
    """The URN without ``urn:pulumi:<stack>::<project>::``."""
    parts = urn.split("::", 2)
    return parts[2] if len(parts) == 3 else urn


def _names(record: Mapping[str, Any]) -> list[str]:
    """The old names an alias of ``record`` gives it: string URN aliases' last part and alias
    specs' ``name`` (a spec without a name keeps the record's)."""
    out = []
    for alias in (record.get("options") or {}).get("aliases") or []:
        if isinstance(alias, str):
            out.append(alias.rsplit("::", 1)[-1])
        elif isinstance(alias, Mapping) and isinstance(alias.get("name"), str):
            out.append(alias["name"])
    return out


def _alias_keys(
    record: Mapping[str, Any], by_urn: Mapping[str, Mapping[str, Any]], depth: int = 0
) -> list[str]:
    """The keys ``record`` had before, through its aliases: URN aliases as given, alias specs
    (``{"name": ...}``) and the aliases it inherits from its parents — a child whose name
    starts with its parent's name is aliased with the parent's old name in its place, as the
    engine does for a renamed component."""
    key = _key(record["urn"])
    prefix = key[: -len(record["name"])] if key.endswith(record["name"]) else None
    out = [
        _key(a) for a in (record.get("options") or {}).get("aliases") or [] if isinstance(a, str)
    ]
    if prefix is None:
        return out
    out += [prefix + name for name in _names(record) if name != record["name"]]
    parent = by_urn.get(str(record.get("parent")))
    if parent is not None and depth < 16 and parent.get("type") != STACK:
        parent_name = str(parent.get("name"))
        old_parents = _names(parent) + [
            k.rsplit("::", 1)[-1] for k in _alias_keys(parent, by_urn, depth + 1)
        ]
        if record["name"].startswith(parent_name):
            rest = record["name"][len(parent_name) :]
            out += [prefix + old + rest for old in dict.fromkeys(old_parents)]
    return list(dict.fromkeys(out))


def _about(doc: Mapping[str, Any]) -> dict[str, Any]:
    cost = doc.get("cost") or {}
    return {
        "program": doc.get("program"),
        "project": doc.get("project"),
        "stack": doc.get("stack"),
        "region": doc.get("region"),
        "resources": sum(1 for r in doc.get("resources") or [] if r.get("type") != STACK),
        "total_monthly": cost.get("total_monthly"),
    }


def _handles(record: Mapping[str, Any]) -> set[str]:
    """How other resources refer to ``record``: its ARN, and its id when the id is
    distinctive (``subnet-0a1b…``, a name with dashes, an ARN or URL; not ``web``)."""
    outputs = record.get("outputs") or {}
    arn = outputs.get("arn")
    handles: set[str] = {arn} if isinstance(arn, str) else set()
    rid = record.get("id")
    if isinstance(rid, str) and len(rid) >= 8 and re.search(r"[-:/]", rid):
        handles.add(rid)
    return handles


def _strings(value: Any) -> Iterable[str]:
    value = _parsed(value)
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _ignored(path: str, ignore_changes: Iterable[str]) -> bool:
    return any(_covers(str(rule), path) or rule == ALL for rule in ignore_changes)


_OPTION_KEYS = ("protect", "retain_on_delete", "delete_before_replace", "provider")


def _compare(base: Mapping[str, Any], head: Mapping[str, Any]) -> list[KeyChange]:
    options = head.get("options") or {}
    triggers = replace_triggers(str(head.get("type"))) or ()
    extra = [str(p) for p in options.get("replace_on_changes") or []]
    ignore = [str(p) for p in options.get("ignore_changes") or []]
    by_key: dict[str, KeyChange] = {}
    for path in changed_paths(base.get("inputs") or {}, head.get("inputs") or {}):
        top = re.split(r"[.\[]", path, maxsplit=1)[0]
        change = by_key.setdefault(top, KeyChange(top, []))
        change.paths.append(path)
        change.replaces = change.replaces or _forces(path, triggers, extra)
    for change in by_key.values():
        change.ignored = all(_ignored(p, ignore) for p in change.paths)
    old_options = base.get("options") or {}
    for name in _OPTION_KEYS:
        if old_options.get(name) != options.get(name):
            by_key[f"options.{name}"] = KeyChange(f"options.{name}", [name], cause="option")
    return list(by_key.values())


def _cost(base: Mapping[str, Any], head: Mapping[str, Any]) -> dict[str, Any]:
    b, h = base.get("cost") or {}, head.get("cost") or {}
    bt, ht = b.get("total_monthly"), h.get("total_monthly")
    delta = (
        round(ht - bt, 2) if isinstance(bt, (int, float)) and isinstance(ht, (int, float)) else None
    )
    items: dict[str, dict[str, Any]] = {}
    for side, report in (("base", b), ("head", h)):
        for item in report.get("items") or []:
            entry = items.setdefault(
                _key(str(item.get("urn"))),
                {
                    "urn": item.get("urn"),
                    "description": item.get("description"),
                    "type": item.get("type"),
                },
            )
            entry[f"{side}_monthly"] = round(
                entry.get(f"{side}_monthly", 0) + item.get("monthly", 0), 2
            )
            if side == "head":
                entry["urn"], entry["description"] = item.get("urn"), item.get("description")
    changed = []
    for key in sorted(items):
        entry = items[key]
        old, new = entry.get("base_monthly"), entry.get("head_monthly")
        if old == new:
            continue
        entry.setdefault("base_monthly", None)
        entry.setdefault("head_monthly", None)
        entry["delta_monthly"] = round((new or 0) - (old or 0), 2)
        changed.append(entry)
    changed.sort(key=lambda e: (-abs(e["delta_monthly"]), str(e["urn"])))
    return {
        "currency": h.get("currency") or b.get("currency") or "USD",
        "base_monthly": bt,
        "head_monthly": ht,
        "delta_monthly": delta,
        "items": changed,
    }


def _findings(base: Mapping[str, Any], head: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    def index(doc: Mapping[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
        return {
            (str(f.get("rule")), _key(str(f.get("urn"))), str(f.get("message"))): f
            for f in doc.get("findings") or []
        }

    old, new = index(base), index(head)
    return {
        "new": [new[k] for k in new if k not in old],
        "resolved": [old[k] for k in old if k not in new],
    }


def _outputs(base: Mapping[str, Any], head: Mapping[str, Any]) -> dict[str, list[str]]:
    old, new = base.get("outputs") or {}, head.get("outputs") or {}
    return {
        "added": sorted(set(new) - set(old)),
        "removed": sorted(set(old) - set(new)),
        "changed": sorted(k for k in set(old) & set(new) if old[k] != new[k]),
    }


_ORDER = {"replace": 0, "delete": 1, "create": 2, "update": 3}


def diff_plans(base: Mapping[str, Any], head: Mapping[str, Any]) -> PlanDiff:
    """Compare two plan JSON documents (``base`` before the change, ``head`` after).

    Raises :class:`~fargate_components.errors.ValidationError` when either is not a
    ``format_version`` 1 plan. Only ``format_version`` and ``resources`` are required;
    ``cost``, ``findings`` and ``outputs`` are compared when present.
    """
    base, head = _check(base, "base"), _check(head, "head")
    old = {_key(r["urn"]): r for r in base.get("resources") or [] if r.get("type") != STACK}
    new = {_key(r["urn"]): r for r in head.get("resources") or [] if r.get("type") != STACK}
    renamed: dict[str, str] = {}  # head key -> base key, through aliases
    by_urn = {r["urn"]: r for r in head.get("resources") or []}
    for key, record in new.items():
        if key in old:
            continue
        for alias in _alias_keys(record, by_urn):
            if alias in old and alias not in new:
                renamed[key] = alias
                break
    matched = {k: (old[renamed.get(k, k)], new[k]) for k in new if renamed.get(k, k) in old}
    gone = set(old) - {renamed.get(k, k) for k in matched}

    changes: dict[str, ResourceChange] = {}
    for key, (b, h) in matched.items():
        keys = _compare(b, h)
        if keys:
            changes[key] = ResourceChange(
                h["urn"],
                h["type"],
                h["name"],
                "update",
                keys,
                known_type=replace_triggers(h["type"]) is not None,
                protected=bool((b.get("options") or {}).get("protect")),
                custom=bool(h.get("custom", True)),
            )

    def refresh(change: ResourceChange) -> None:
        change.action = "replace" if change.replace_keys else "update"
        if all(k.ignored for k in change.keys):
            change.action = "same"

    for change in changes.values():
        refresh(change)
    # Replacing a resource gives it a new id: whatever refers to it changes too.
    done: set[str] = set()
    while True:
        replaced = [k for k, c in changes.items() if c.action == "replace" and k not in done]
        if not replaced:
            break
        for key in replaced:
            done.add(key)
            source = matched[key][0]
            handles = _handles(source)
            if not handles:
                continue
            for other, (b, h) in matched.items():
                if other == key:
                    continue
                inputs = h.get("inputs") or {}
                hits = [
                    k
                    for k, v in inputs.items()
                    if k not in _UPDATABLE and handles & set(_strings(v))
                ]
                if not hits:
                    continue
                change = changes.setdefault(
                    other,
                    ResourceChange(
                        h["urn"],
                        h["type"],
                        h["name"],
                        "update",
                        known_type=replace_triggers(h["type"]) is not None,
                        protected=bool((b.get("options") or {}).get("protect")),
                        custom=bool(h.get("custom", True)),
                    ),
                )
                triggers = replace_triggers(h["type"]) or ()
                extra = [str(p) for p in (h.get("options") or {}).get("replace_on_changes") or []]
                ignore = [str(p) for p in (h.get("options") or {}).get("ignore_changes") or []]
                for hit in hits:
                    existing = next((k for k in change.keys if k.key == hit), None)
                    if existing is None:
                        existing = KeyChange(hit, [hit], cause="cascade")
                        change.keys.append(existing)
                        existing.ignored = _ignored(hit, ignore)
                    existing.via.append(source["urn"])
                    existing.replaces = existing.replaces or _forces(hit, triggers, extra)
                refresh(change)

    result = [c for c in changes.values() if c.action != "same"]
    for key in sorted(set(new) - set(matched)):
        r = new[key]
        result.append(
            ResourceChange(
                r["urn"], r["type"], r["name"], "create", custom=bool(r.get("custom", True))
            )
        )
    for key in sorted(gone):
        r = old[key]
        result.append(
            ResourceChange(
                r["urn"],
                r["type"],
                r["name"],
                "delete",
                protected=bool((r.get("options") or {}).get("protect")),
                custom=bool(r.get("custom", True)),
            )
        )
    result.sort(key=lambda c: (_ORDER[c.action], c.urn))
    unchanged = len(matched) - sum(1 for c in result if c.action in ("update", "replace"))
    return PlanDiff(
        base=_about(base),
        head=_about(head),
        changes=result,
        unchanged=unchanged,
        cost=_cost(base, head),
        findings=_findings(base, head),
        outputs=_outputs(base, head),
        critical_path=_critical_path(base, head),
        impacts=impacts(result, base, head),
    )


# -- rendering ------------------------------------------------------------------------------

_SYMBOL = {"create": "+", "delete": "-", "update": "~", "replace": "+-"}


def _money(value: Any, missing: str = "n/a") -> str:
    return f"${value:,.2f}" if isinstance(value, (int, float)) else missing


def _signed(value: Any) -> str:
    if not isinstance(value, (int, float)):
        return "n/a"
    return f"{'+' if value >= 0 else '-'}${abs(value):,.2f}"


def _describe(change: ResourceChange, limit: int = 6) -> str:
    parts = []
    for k in change.keys:
        paths = [p for p in k.paths if p != k.key][:limit]
        text = k.key if not paths else ", ".join(paths)
        notes = []
        if k.replaces and not k.ignored:
            notes.append("forces replacement")
        if k.cause == "cascade":
            notes.append("refers to a replaced resource")
        if k.ignored:
            notes.append("ignored (ignore_changes)")
        parts.append(text + (f" ({'; '.join(notes)})" if notes else ""))
    if change.action in ("update", "replace") and not change.known_type and change.custom:
        parts.append("[replacement rules for this type unknown: the provider decides]")
    if change.protected and change.action in ("replace", "delete"):
        parts.append("[PROTECTED: pulumi will refuse this]")
    return "; ".join(parts)


def _headline(diff: PlanDiff) -> str:
    s = diff.summary
    return (
        f"{s['create']} to create, {s['update']} to update, {s['replace']} to replace, "
        f"{s['delete']} to delete, {s['same']} unchanged"
    )


def _cost_line(diff: PlanDiff) -> str:
    c = diff.cost
    return f"{_money(c['base_monthly'])} -> {_money(c['head_monthly'])} ({_signed(c['delta_monthly'])})"


def render_diff_text(diff: PlanDiff) -> str:
    """The diff as plain text (one line per changed resource)."""
    b, h = diff.base, diff.head
    lines = [
        f"Plan diff: {b.get('program')} ({b.get('stack')}) -> {h.get('program')} ({h.get('stack')})",
        "",
    ]
    if not diff.changes:
        lines.append("No resource changes.")
    width_t = max((len(display_type(c.type)) for c in diff.changes), default=4) + 2
    width_n = max((len(c.name) for c in diff.changes), default=4) + 2
    for c in diff.changes:
        detail = _describe(c)
        lines.append(
            f" {_SYMBOL[c.action]:<3}{c.action:<8} {display_type(c.type):<{width_t}}{c.name:<{width_n}}{detail}".rstrip()
        )
    if diff.impacts:
        lines += [
            "",
            f"Data loss: {len(diff.data_loss)}, downtime: {len(diff.downtime)}",
            render_impacts_text(diff.impacts),
        ]
    lines += [
        "",
        f"Resources: {_headline(diff)}",
        f"Deployment critical path: {_critical_path_line(diff)}",
        f"Monthly cost: {_cost_line(diff)}",
    ]
    for item in diff.cost["items"]:
        lines.append(f"    {_signed(item['delta_monthly']):>12}  {item['description']}")
    new, resolved = diff.findings["new"], diff.findings["resolved"]
    lines.append(f"Findings: {len(new)} new, {len(resolved)} resolved")
    for f in new:
        waived = " (waived)" if f.get("waived") else ""
        lines.append(
            f"    + {str(f.get('severity')).upper():<8} {f.get('rule')}  {f.get('message')}{waived}"
        )
    for f in resolved:
        lines.append(
            f"    - {str(f.get('severity')).upper():<8} {f.get('rule')}  {f.get('message')}"
        )
    out = diff.outputs
    if any(out.values()):
        lines.append("Outputs: " + "; ".join(f"{k} {', '.join(v)}" for k, v in out.items() if v))
    return "\n".join(lines) + "\n"


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_diff_markdown(diff: PlanDiff, *, max_rows: int = 200) -> str:
    """The diff as GitHub Markdown: headline, a table of changed resources (replacements
    first), the cost delta per item, new and resolved findings."""
    marker = "<!-- fargate-components-diff -->"
    s = diff.summary
    icon = ":warning: " if s["replace"] or s["delete"] else ""
    lines = [
        marker,
        f"## Plan diff against `{diff.base.get('program')}` (base)",
        "",
        f"{icon}**{s['create']} to create · {s['update']} to update · {s['replace']} to replace · "
        f"{s['delete']} to delete** ({s['same']} unchanged) · monthly cost {_cost_line(diff).replace('->', '→')}",
        "",
        f"Deployment critical path: {_critical_path_line(diff).replace('->', '→')}",
        "",
    ]
    if diff.impacts:
        lines += [
            f":rotating_light: **{len(diff.data_loss)} data loss · {len(diff.downtime)} downtime**",
            "",
            render_impacts_markdown(diff.impacts),
            "",
        ]
    if diff.changes:
        lines += ["| | Resource | Type | What changes |", "|---|---|---|---|"]
        for c in diff.changes[:max_rows]:
            lines.append(
                f"| {_SYMBOL[c.action]} {c.action} | `{_cell(c.name)}` | `{display_type(c.type)}` "
                f"| {_cell(_describe(c)) or '-'} |"
            )
        if len(diff.changes) > max_rows:
            lines.append(f"\n… {len(diff.changes) - max_rows} more changes (see the JSON diff)")
    else:
        lines.append("No resource changes.")
    if diff.cost["items"]:
        lines += ["", "| Cost item | Before | After | Delta |", "|---|--:|--:|--:|"]
        for item in diff.cost["items"][:max_rows]:
            lines.append(
                f"| {_cell(item['description'])} | {_money(item['base_monthly'], '-')} "
                f"| {_money(item['head_monthly'], '-')} | {_signed(item['delta_monthly'])} |"
            )
    new, resolved = diff.findings["new"], diff.findings["resolved"]
    if new or resolved:
        lines += ["", f"**Findings:** {len(new)} new, {len(resolved)} resolved", ""]
        for f in new:
            waived = " (waived)" if f.get("waived") else ""
            lines.append(
                f"- :new: **{f.get('severity')}** {f.get('rule')}: {_cell(f.get('message'))}{waived}"
            )
        for f in resolved:
            lines.append(f"- :white_check_mark: ~~{f.get('rule')}~~: {_cell(f.get('message'))}")
    out = diff.outputs
    if any(out.values()):
        lines += [
            "",
            "**Outputs:** "
            + "; ".join(f"{k}: {', '.join(f'`{x}`' for x in v)}" for k, v in out.items() if v),
        ]
    return "\n".join(lines) + "\n"
