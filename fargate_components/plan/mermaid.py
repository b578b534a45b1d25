"""An architecture picture of a plan as a Mermaid ``flowchart``.

Drawn from the AWS wire shapes of the plan (resource types and inputs), not from our
component classes, so it works for any Pulumi program: the VPC with its subnets grouped by
tier, NAT gateways in their subnets, the internet gateway, load balancers with their
listeners, target groups and the ECS services behind them, ECS clusters with services and
task definitions, EKS clusters with their Fargate profiles, and SQS queues.

References are resolved through the mock ids and ARNs (``id`` / ``outputs.arn`` of a plan
record), exactly as the inputs of other resources refer to them. The output is
deterministic: the same plan always gives the same text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..ecs.rule_conditions import RuleMatch
from ..model import Graph, handles, records_of, strings
from ..model.tokens import (
    ECS_CLUSTER,
    ECS_SERVICE,
    ECS_TASK_DEFINITION,
    EKS_CLUSTER,
    FARGATE_PROFILE,
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    INTERNET_GATEWAY,
    LISTENER_RULES,
    LISTENERS,
    LOAD_BALANCERS,
    NAT_GATEWAY,
    ROUTE,
    ROUTE_TABLE,
    ROUTE_TABLE_ASSOCIATION,
    SQS_QUEUE,
    SUBNET,
    TARGET_GROUPS,
    VPC,
)

__all__ = ["Architecture", "architecture", "plan_records", "render_mermaid"]


TIER_TAG = "fargate:tier"
ANYWHERE = "0.0.0.0/0"


def plan_records(source: Any) -> list[dict[str, Any]]:
    """The resources of a :class:`~fargate_components.model.Plan`, a plan JSON document
    (``{"resources": [...]}``) or a list of records, as plain JSON records."""
    return [r.to_json() for r in records_of(source)]


def _escape(text: Any) -> str:
    return (
        str(text)
        .replace("&", "#amp;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
    )


def _label(*lines: Any) -> str:
    return "<br/>".join(_escape(line) for line in lines if line not in (None, ""))


@dataclass
class _Group:
    id: str
    label: str
    parent: str | None
    nodes: list[str] = field(default_factory=list)


@dataclass
class Architecture:
    """The picture as data: nodes (id -> declaration), nested groups, and edges
    ``(source, target, label, style)`` with style ``"-->"``, ``"-.->"`` or ``"---"``."""

    nodes: dict[str, str] = field(default_factory=dict)
    groups: dict[str, _Group] = field(default_factory=dict)
    top: list[str] = field(default_factory=list)
    edges: list[tuple[str, str, str, str]] = field(default_factory=list)

    def edge_pairs(self) -> set[tuple[str, str]]:
        """``{(source, target)}``: handy in tests."""
        return {(a, b) for a, b, _, _ in self.edges}

    def render(self, direction: str = "LR") -> str:
        lines = [f"flowchart {direction}"]
        children: dict[str | None, list[str]] = {}
        for group in self.groups.values():
            children.setdefault(group.parent, []).append(group.id)

        def emit_group(gid: str, depth: int) -> None:
            group = self.groups[gid]
            pad = "  " * depth
            lines.append(f'{pad}subgraph {gid}["{group.label}"]')
            for node in group.nodes:
                lines.append(f"{pad}  {self.nodes[node]}")
            for child in children.get(gid, []):
                emit_group(child, depth + 1)
            lines.append(f"{pad}end")

        for node in self.top:
            lines.append(f"  {self.nodes[node]}")
        for gid in children.get(None, []):
            emit_group(gid, 1)
        for a, b, label, style in self.edges:
            if label:
                lines.append(f'  {a} {style}|"{_escape(label)}"| {b}')
            else:
                lines.append(f"  {a} {style} {b}")
        return "\n".join(lines) + "\n"


class _Builder:
    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = records
        self.arch = Architecture()
        self.taken: set[str] = set()
        self.node_of: dict[str, str] = {}  # urn -> node or group id
        self.graph = Graph(records)  # the one reference index
        self.by_urn = {str(r.get("urn")): r for r in records}
        self.internet: str | None = None
        self.tier_of: dict[str, tuple[str, str]] = {}  # subnet id -> (vpc group, tier group)
        self.tier_members: dict[str, set[str]] = {}  # tier group -> subnet ids
        self.lb_home: dict[str, str | None] = {}  # load balancer urn -> its group

    # -- helpers ----------------------------------------------------------------------
    def _handles(self, r: Mapping[str, Any]) -> list[str]:
        record = self.graph.by_urn(str(r.get("urn")))
        return handles(record, ("arn", "arnWithoutRevision")) if record else []

    def of_type(self, *types: str) -> list[dict[str, Any]]:
        return [r for r in self.records if r.get("type") in types]

    def lookup(self, value: Any, *types: str) -> dict[str, Any] | None:
        """The record (of ``types``) whose id, ARN or name is ``value``."""
        found = self.graph.first(value, *types)
        return self.by_urn.get(found.urn) if found else None

    def new_id(self, kind: str, name: str) -> str:
        base = f"{kind}_{re.sub(r'[^A-Za-z0-9_]', '_', name)}".strip("_")
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}_{n}", n + 1
        self.taken.add(candidate)
        return candidate

    def node(
        self, record: Mapping[str, Any], kind: str, shape: str, label: str, group: str | None
    ) -> str:
        nid = self.new_id(kind, str(record.get("name")))
        opening, closing = shape.split("|")
        self.arch.nodes[nid] = f'{nid}{opening}"{label}"{closing}'
        (self.arch.groups[group].nodes if group else self.arch.top).append(nid)
        self.node_of[str(record.get("urn"))] = nid
        return nid

    def group(self, gid: str, label: str, parent: str | None) -> str:
        self.arch.groups[gid] = _Group(gid, label, parent)
        return gid

    def edge(self, a: str | None, b: str | None, label: str = "", style: str = "-->") -> None:
        if a and b and a != b and (a, b, label, style) not in self.arch.edges:
            self.arch.edges.append((a, b, label, style))

    # -- the network --------------------------------------------------------------------
    def default_routes(self) -> dict[str, list[dict[str, Any]]]:
        """route table id -> the records its 0.0.0.0/0 route goes to (IGW or NAT)."""
        routes: dict[str, list[dict[str, Any]]] = {}

        def add(table: Any, spec: Mapping[str, Any]) -> None:
            if spec.get("destinationCidrBlock", spec.get("cidrBlock")) != ANYWHERE:
                return
            for key in ("gatewayId", "natGatewayId"):
                target = self.lookup(spec.get(key), INTERNET_GATEWAY, NAT_GATEWAY)
                if target is not None and isinstance(table, str):
                    routes.setdefault(table, []).append(target)

        for r in self.of_type(ROUTE):
            add(r["inputs"].get("routeTableId"), r["inputs"])
        for r in self.of_type(ROUTE_TABLE):
            for spec in r["inputs"].get("routes") or []:
                if isinstance(spec, Mapping):
                    add(r.get("id"), spec)
        return routes

    def subnet_routes(self) -> dict[str, list[dict[str, Any]]]:
        """subnet id -> the targets of its default route."""
        by_table = self.default_routes()
        out: dict[str, list[dict[str, Any]]] = {}
        for a in self.of_type(ROUTE_TABLE_ASSOCIATION):
            subnet, table = a["inputs"].get("subnetId"), a["inputs"].get("routeTableId")
            if isinstance(subnet, str) and isinstance(table, str):
                out.setdefault(subnet, []).extend(by_table.get(table, []))
        return out

    @staticmethod
    def tier(subnet: Mapping[str, Any], targets: list[dict[str, Any]]) -> str:
        tag = ((subnet.get("inputs") or {}).get("tags") or {}).get(TIER_TAG)
        if tag in ("public", "private"):
            return str(tag)
        if (subnet.get("inputs") or {}).get("mapPublicIpOnLaunch") is True:
            return "public"
        if any(t.get("type") == INTERNET_GATEWAY for t in targets):
            return "public"
        if any(t.get("type") == NAT_GATEWAY for t in targets):
            return "private"
        return "other"

    def build_network(self) -> None:
        routes = self.subnet_routes()
        nat_in: dict[str, list[dict[str, Any]]] = {}
        for nat in self.of_type(NAT_GATEWAY):
            nat_in.setdefault(str(nat["inputs"].get("subnetId")), []).append(nat)
        vpc_group: dict[str, str] = {}
        for vpc in self.of_type(VPC):
            cidr = vpc["inputs"].get("cidrBlock")
            gid = self.new_id("vpc", vpc["name"])
            self.group(gid, _label(f"VPC {vpc['name']}", cidr), None)
            self.node_of[vpc["urn"]] = gid
            vpc_group[str(vpc.get("id"))] = gid
        for igw in self.of_type(INTERNET_GATEWAY):
            parent = vpc_group.get(str(igw["inputs"].get("vpcId")))
            nid = self.node(igw, "igw", "([|])", _label("Internet gateway", igw["name"]), parent)
            self.edge(self.internet_node(), nid, style="---")
        tiers: dict[tuple[str, str], str] = {}
        labels = {"public": "public subnets", "private": "private subnets", "other": "subnets"}
        for subnet in self.of_type(SUBNET):
            vgid = vpc_group.get(str(subnet["inputs"].get("vpcId")))
            if vgid is None:
                vgid = vpc_group.setdefault(
                    "", self.group(self.new_id("vpc", "other"), "VPC", None)
                )
            sid = str(subnet.get("id"))
            tier = self.tier(subnet, routes.get(sid, []))
            if (vgid, tier) not in tiers:
                tiers[(vgid, tier)] = self.group(self.new_id(vgid, tier), labels[tier], vgid)
            tgid = tiers[(vgid, tier)]
            self.tier_of[sid] = (vgid, tgid)
            self.tier_members.setdefault(tgid, set()).add(sid)
            inputs = subnet["inputs"]
            label = _label(subnet["name"], inputs.get("cidrBlock"), inputs.get("availabilityZone"))
            if sid in nat_in:  # a subnet that hosts NAT gateways is drawn as a box around them
                gid = self.group(self.new_id("subnet", subnet["name"]), label, tgid)
                self.node_of[subnet["urn"]] = gid
                for nat in nat_in[sid]:
                    self.node(nat, "nat", "{{|}}", _label("NAT gateway", nat["name"]), gid)
            else:
                self.node(subnet, "subnet", "[|]", label, tgid)
        for nat in self.of_type(NAT_GATEWAY):  # NAT gateways in subnets the plan does not hold
            if nat["urn"] not in self.node_of:
                self.node(nat, "nat", "{{|}}", _label("NAT gateway", nat["name"]), None)
        # default routes: one edge from a whole tier when all its subnets share the target
        by_target: dict[tuple[str, str], list[str]] = {}
        for subnet in self.of_type(SUBNET):
            for target in routes.get(str(subnet.get("id")), []):
                key = (str(target["urn"]), str(subnet.get("id")))
                by_target.setdefault((key[0], self.tier_of[key[1]][1]), []).append(key[1])
        for (target_urn, tgid), sids in by_target.items():
            target_node = self.node_of.get(target_urn)
            if set(sids) == self.tier_members[tgid] and len(sids) > 1:
                self.edge(tgid, target_node, ANYWHERE)
            else:
                for sid in sids:
                    self.edge(self.subnet_node(sid), target_node, ANYWHERE)

    def internet_node(self) -> str:
        if self.internet is None:
            self.internet = "internet"
            self.taken.add("internet")
            self.arch.nodes["internet"] = 'internet(("Internet"))'
            self.arch.top.append("internet")
        return self.internet

    def subnet_node(self, subnet_id: str) -> str | None:
        record = self.lookup(subnet_id, SUBNET)
        return self.node_of.get(str(record["urn"])) if record else None

    def placement(self, subnet_ids: Any) -> tuple[str | None, list[str]]:
        """Where a resource spread over ``subnet_ids`` lives (the VPC or tier group that
        holds all of them), and what to link it to (that tier, or each subnet)."""
        ids = [s for s in subnet_ids or [] if isinstance(s, str) and s in self.tier_of]
        if not ids:
            return None, []
        tiers = {self.tier_of[s][1] for s in ids}
        vpcs = {self.tier_of[s][0] for s in ids}
        if len(tiers) == 1:
            tier = next(iter(tiers))
            if set(ids) == self.tier_members[tier]:
                return tier, [tier]
            return tier, [n for n in (self.subnet_node(s) for s in ids) if n]
        home = next(iter(vpcs)) if len(vpcs) == 1 else None
        targets = [t for t in dict.fromkeys(self.tier_of[s][1] for s in ids)]
        return home, targets

    # -- load balancing and ECS -----------------------------------------------------------
    def build_load_balancing(self) -> None:
        for lb in self.of_type(*LOAD_BALANCERS):
            inputs = lb["inputs"]
            subnets = inputs.get("subnets") or [
                m.get("subnetId")
                for m in inputs.get("subnetMappings") or []
                if isinstance(m, Mapping)
            ]
            home, _ = self.placement(subnets)
            kind = {"network": "NLB", "gateway": "GWLB"}.get(
                str(inputs.get("loadBalancerType")), "ALB"
            )
            scheme = "internal" if inputs.get("internal") else "internet-facing"
            nid = self.node(lb, "lb", "[[|]]", _label(kind, lb["name"], scheme), home)
            if not inputs.get("internal"):
                self.edge(self.internet_node(), nid)
            self.lb_home[lb["urn"]] = home
        for tg in self.of_type(*TARGET_GROUPS):
            inputs = tg["inputs"]
            vpc = self.lookup(inputs.get("vpcId"), VPC)
            home = self.node_of.get(vpc["urn"]) if vpc else None
            proto = " ".join(str(x) for x in (inputs.get("protocol"), inputs.get("port")) if x)
            self.node(
                tg,
                "tg",
                "[|]",
                _label("Target group", tg["name"], proto, inputs.get("targetType")),
                home,
            )
        for listener in self.of_type(*LISTENERS):
            inputs = listener["inputs"]
            record = self.graph.by_urn(listener["urn"])
            owner = self.graph.load_balancer_of_listener(record) if record else None
            home = self.lb_home.get(owner.urn) if owner else None
            text = " ".join(str(x) for x in (inputs.get("protocol"), inputs.get("port")) if x)
            actions = inputs.get("defaultActions") or []
            if any(isinstance(a, Mapping) and a.get("type") == "redirect" for a in actions):
                text += " (redirect)"
            nid = self.node(
                listener, "listener", "([|])", _label("Listener", text or listener["name"]), home
            )
            if owner:
                self.edge(self.node_of.get(owner.urn), nid)
            for target in self.graph.forwarded_groups(record) if record else []:
                self.edge(nid, self.node_of.get(target.urn), "default")
        for rule in self.of_type(*LISTENER_RULES):
            inputs = rule["inputs"]
            record = self.graph.by_urn(rule["urn"])
            parent = self.graph.listener_of(record) if record else None
            if not parent or record is None:
                continue
            # The conditions, not just "rule N": a reviewer reads the routing off the picture.
            conditions = RuleMatch.from_wire(inputs.get("conditions")).describe()
            priority = inputs.get("priority")
            label = f"{priority}: {conditions}" if priority is not None else conditions
            for target in self.graph.forwarded_groups(record):
                self.edge(self.node_of.get(parent.urn), self.node_of.get(target.urn), label)

    def build_ecs(self) -> None:
        cluster_group: dict[str, str] = {}
        for cluster in self.of_type(ECS_CLUSTER):
            gid = self.group(
                self.new_id("ecs", cluster["name"]), _label(f"ECS cluster {cluster['name']}"), None
            )
            self.node_of[cluster["urn"]] = gid
            for key in self._handles(cluster):
                cluster_group[key] = gid
        placed: set[str] = set()
        for svc in self.of_type(ECS_SERVICE):
            inputs = svc["inputs"]
            home = cluster_group.get(str(inputs.get("cluster")))
            desired = inputs.get("desiredCount")
            extra = f"desired {desired}" if isinstance(desired, int) else None
            nid = self.node(svc, "svc", "(|)", _label("ECS service", svc["name"], extra), home)
            for lb in inputs.get("loadBalancers") or []:
                if not isinstance(lb, Mapping):
                    continue
                tg = self.lookup(lb.get("targetGroupArn"), *TARGET_GROUPS)
                if tg:
                    port = ":".join(
                        str(x) for x in (lb.get("containerName"), lb.get("containerPort")) if x
                    )
                    self.edge(self.node_of.get(tg["urn"]), nid, port)
            network = inputs.get("networkConfiguration") or {}
            _, targets = self.placement(
                network.get("subnets") if isinstance(network, Mapping) else None
            )
            for target in targets:
                self.edge(nid, target, "tasks", "-.->")
            service = self.graph.by_urn(svc["urn"])
            found = self.graph.task_definition_of(service) if service else None
            td = self.by_urn.get(found.urn) if found else None
            if td:
                if td["urn"] not in placed:
                    placed.add(td["urn"])
                    self.task_definition(td, home)
                self.edge(nid, self.node_of.get(td["urn"]))
        for td in self.of_type(ECS_TASK_DEFINITION):
            if td["urn"] not in placed:
                self.task_definition(td, None)

    def task_definition(self, td: Mapping[str, Any], group: str | None) -> None:
        inputs = td.get("inputs") or {}
        size = None
        if inputs.get("cpu") and inputs.get("memory"):
            size = f"{inputs['cpu']} CPU units / {inputs['memory']} MiB"
        self.node(
            td,
            "td",
            "[/|/]",
            _label("Task definition", inputs.get("family") or td.get("name"), size),
            group,
        )

    # -- EKS ------------------------------------------------------------------------------------
    def build_eks(self) -> None:
        cluster_group: dict[str, str] = {}
        for cluster in self.of_type(EKS_CLUSTER):
            version = cluster["inputs"].get("version")
            physical = cluster["inputs"].get("name") or (cluster.get("outputs") or {}).get("name")
            label = _label(
                f"EKS cluster {physical or cluster['name']}",
                f"Kubernetes {version}" if version else None,
            )
            gid = self.group(self.new_id("eks", cluster["name"]), label, None)
            self.node_of[cluster["urn"]] = gid
            for key in [*self._handles(cluster), (cluster.get("outputs") or {}).get("name")]:
                if isinstance(key, str):
                    cluster_group[key] = gid
        for profile in self.of_type(FARGATE_PROFILE):
            inputs = profile["inputs"]
            home = cluster_group.get(str(inputs.get("clusterName")))
            namespaces = [
                s.get("namespace") for s in inputs.get("selectors") or [] if isinstance(s, Mapping)
            ]
            name = inputs.get("fargateProfileName") or profile["name"]
            ns = "ns: " + ", ".join(str(n) for n in namespaces if n) if namespaces else None
            nid = self.node(profile, "fp", "(|)", _label("Fargate profile", name, ns), home)
            _, targets = self.placement(inputs.get("subnetIds"))
            for target in targets:
                self.edge(nid, target, "pods", "-.->")

    # -- SQS ------------------------------------------------------------------------------------
    def build_queues(self) -> None:
        queues = self.of_type(SQS_QUEUE)
        if not queues:
            return
        handles = {
            h: q
            for q in queues
            for h in [*self._handles(q), (q.get("outputs") or {}).get("url")]
            if isinstance(h, str)
        }
        for q in queues:
            self.node(q, "sqs", "[(|)]", _label("SQS queue", q["name"]), None)
        for q in queues:  # dead-letter queues
            for text in strings(q.get("inputs"), documents=True):
                dlq = handles.get(text)
                if dlq is not None and dlq is not q:
                    self.edge(
                        self.node_of[q["urn"]], self.node_of[dlq["urn"]], "dead letters", "-.->"
                    )
        # who uses a queue: task definitions naming it, or whose task role's policies do
        role_docs: dict[str, list[Any]] = {}
        roles = {
            h: r
            for r in self.of_type(IAM_ROLE)
            for h in [*self._handles(r), (r.get("outputs") or {}).get("name")]
            if isinstance(h, str)
        }
        policies = {h: p for p in self.of_type(IAM_POLICY) for h in self._handles(p)}
        for r in self.of_type(IAM_ROLE):
            role_docs.setdefault(r["urn"], []).append(r["inputs"].get("inlinePolicies"))
        for rp in self.of_type(IAM_ROLE_POLICY):
            role = roles.get(str(rp["inputs"].get("role")))
            if role:
                role_docs.setdefault(role["urn"], []).append(rp["inputs"].get("policy"))
        for att in self.of_type(IAM_ROLE_POLICY_ATTACHMENT):
            role, policy = (
                roles.get(str(att["inputs"].get("role"))),
                policies.get(str(att["inputs"].get("policyArn"))),
            )
            if role and policy:
                role_docs.setdefault(role["urn"], []).append(policy["inputs"].get("policy"))
        for td in self.of_type(ECS_TASK_DEFINITION):
            inputs = td["inputs"]
            seen = list(strings(inputs.get("containerDefinitions"), documents=True))
            role = roles.get(str(inputs.get("taskRoleArn")))
            if role:
                seen += list(strings(role_docs.get(role["urn"], []), documents=True))
            for text in dict.fromkeys(seen):
                used = handles.get(text)
                if used is not None:
                    self.edge(self.node_of.get(td["urn"]), self.node_of[used["urn"]], "uses")

    def build(self) -> Architecture:
        self.build_network()
        self.build_load_balancing()
        self.build_ecs()
        self.build_eks()
        self.build_queues()
        return self.arch


def architecture(source: Any) -> Architecture:
    """The architecture of a plan (a Plan, a plan JSON document or its records)."""
    return _Builder(plan_records(source)).build()


def render_mermaid(source: Any, *, direction: str = "LR") -> str:
    """A Mermaid ``flowchart`` of the plan's architecture (GitHub renders it in a
    ```` ```mermaid ```` block). ``direction``: ``LR`` (default) or ``TB``."""
    if direction not in ("LR", "RL", "TB", "BT"):
        from ..errors import ValidationError

        raise ValidationError("direction", direction, "one of LR, RL, TB, BT")
    return architecture(source).render(direction)
