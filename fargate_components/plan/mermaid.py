"""An architecture picture of a plan as a Mermaid ``flowchart``.

Drawn from the AWS wire shapes of the plan (resource types and inputs), not from our
component classes, so it works for any Pulumi program: the VPC with its subnets grouped by
tier, NAT gateways in their subnets, the internet gateway, load balancers with their
listeners, target groups and the ECS services behind them, ECS clusters with services and
task definitions, EKS clusters with their Fargate profiles, and SQS queues.

References are resolved through the one reference index (:class:`~fargate_components.model.Graph`):
the property dependencies the engine records, else the ids and ARNs the inputs hold. So the
picture is the same for an offline plan with mock ids and for a preview-faithful one, where
every id is ``[unknown]``. The output is deterministic: the same plan always gives the same
text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..ecs.rule_conditions import RuleMatch
from ..model import Graph, is_known, records_of, strings
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
        self.tier_of: dict[str, tuple[str, str]] = {}  # subnet urn -> (vpc group, tier group)
        self.tier_members: dict[str, set[str]] = {}  # tier group -> subnet urns
        self.lb_home: dict[str, str | None] = {}  # load balancer urn -> its group
        self.queue_urls: dict[str, dict[str, Any]] = {}  # a queue's URL -> the queue

    # -- helpers ----------------------------------------------------------------------
    def of_type(self, *types: str) -> list[dict[str, Any]]:
        return [r for r in self.records if r.get("type") in types]

    def lookup(self, value: Any, *types: str) -> dict[str, Any] | None:
        """The record (of ``types``) whose id, ARN or name is ``value``."""
        found = self.graph.first(value, *types)
        return self.by_urn.get(found.urn) if found else None

    def refs(
        self, r: Mapping[str, Any], prop: str, *types: str, documents: bool = False
    ) -> list[dict[str, Any]]:
        """The records (of ``types``) that ``r``'s top-level input ``prop`` refers to: by
        recorded property dependency (ids unknown at preview), else by value."""
        record = self.graph.by_urn(str(r.get("urn")))
        found = self.graph.refs(record, prop, *types, documents=documents) if record else []
        return [self.by_urn[t.urn] for t in found if t.urn in self.by_urn]

    def ref(self, r: Mapping[str, Any], prop: str, *types: str) -> dict[str, Any] | None:
        found = self.refs(r, prop, *types)
        return found[0] if found else None

    def nested_ref(
        self, r: Mapping[str, Any], prop: str, value: Any, *types: str
    ) -> list[dict[str, Any]]:
        """What a value nested in the input ``prop`` refers to: the record it names when it
        is known, else (unknown at preview) every record of ``types`` that ``prop``
        depends on."""
        if isinstance(value, str) and is_known(value):
            found = self.lookup(value, *types)
            return [found] if found else []
        if value is None:
            return []
        return self.refs(r, prop, *types)

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
        """route table urn -> the records its 0.0.0.0/0 route goes to (IGW or NAT)."""
        routes: dict[str, list[dict[str, Any]]] = {}

        def add(
            owner: Mapping[str, Any], table: Any, spec: Mapping[str, Any], nested: bool
        ) -> None:
            if table is None or spec.get("destinationCidrBlock", spec.get("cidrBlock")) != ANYWHERE:
                return
            for key in ("gatewayId", "natGatewayId"):  # inline routes depend as "routes"
                prop = "routes" if nested else key
                for target in self.nested_ref(
                    owner, prop, spec.get(key), INTERNET_GATEWAY, NAT_GATEWAY
                ):
                    routes.setdefault(str(table["urn"]), []).append(target)

        for r in self.of_type(ROUTE):
            add(r, self.ref(r, "routeTableId", ROUTE_TABLE), r["inputs"], False)
        for r in self.of_type(ROUTE_TABLE):
            for spec in r["inputs"].get("routes") or []:
                if isinstance(spec, Mapping):
                    add(r, r, spec, True)
        return routes

    def subnet_routes(self) -> dict[str, list[dict[str, Any]]]:
        """subnet urn -> the targets of its default route."""
        by_table = self.default_routes()
        out: dict[str, list[dict[str, Any]]] = {}
        for a in self.of_type(ROUTE_TABLE_ASSOCIATION):
            subnet, table = (
                self.ref(a, "subnetId", SUBNET),
                self.ref(a, "routeTableId", ROUTE_TABLE),
            )
            if subnet is not None and table is not None:
                out.setdefault(str(subnet["urn"]), []).extend(by_table.get(str(table["urn"]), []))
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
            home = self.ref(nat, "subnetId", SUBNET)
            nat_in.setdefault(str(home["urn"]) if home else "", []).append(nat)
        vpc_group: dict[str, str] = {}  # vpc urn -> its group
        for vpc in self.of_type(VPC):
            cidr = vpc["inputs"].get("cidrBlock")
            gid = self.new_id("vpc", vpc["name"])
            self.group(gid, _label(f"VPC {vpc['name']}", cidr), None)
            self.node_of[vpc["urn"]] = gid
            vpc_group[str(vpc["urn"])] = gid
        for igw in self.of_type(INTERNET_GATEWAY):
            home_vpc = self.ref(igw, "vpcId", VPC)
            parent = vpc_group.get(str(home_vpc["urn"])) if home_vpc else None
            nid = self.node(igw, "igw", "([|])", _label("Internet gateway", igw["name"]), parent)
            self.edge(self.internet_node(), nid, style="---")
        tiers: dict[tuple[str, str], str] = {}
        labels = {"public": "public subnets", "private": "private subnets", "other": "subnets"}
        for subnet in self.of_type(SUBNET):
            home_vpc = self.ref(subnet, "vpcId", VPC)
            vgid = vpc_group.get(str(home_vpc["urn"])) if home_vpc else None
            if vgid is None:
                vgid = vpc_group.setdefault(
                    "", self.group(self.new_id("vpc", "other"), "VPC", None)
                )
            sid = str(subnet["urn"])
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
            for target in routes.get(str(subnet["urn"]), []):
                key = (str(target["urn"]), str(subnet["urn"]))
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

    def subnet_node(self, subnet_urn: str) -> str | None:
        return self.node_of.get(subnet_urn)

    def placement(self, subnets: list[dict[str, Any]]) -> tuple[str | None, list[str]]:
        """Where a resource spread over ``subnets`` lives (the VPC or tier group that
        holds all of them), and what to link it to (that tier, or each subnet)."""
        urns = dict.fromkeys(str(s["urn"]) for s in subnets)
        ids = [s for s in urns if s in self.tier_of]
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
            subnets = self.refs(lb, "subnets", SUBNET) or self.refs(lb, "subnetMappings", SUBNET)
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
            vpc = self.ref(tg, "vpcId", VPC)
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
            cluster_group[str(cluster["urn"])] = gid
        placed: set[str] = set()
        for svc in self.of_type(ECS_SERVICE):
            inputs = svc["inputs"]
            owner = self.ref(svc, "cluster", ECS_CLUSTER)
            home = cluster_group.get(str(owner["urn"])) if owner else None
            desired = inputs.get("desiredCount")
            extra = f"desired {desired}" if isinstance(desired, int) else None
            nid = self.node(svc, "svc", "(|)", _label("ECS service", svc["name"], extra), home)
            for tg, port in self.service_targets(svc):
                self.edge(self.node_of.get(tg["urn"]), nid, port)
            _, targets = self.placement(self.refs(svc, "networkConfiguration", SUBNET))
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

    def service_targets(self, svc: Mapping[str, Any]) -> list[tuple[dict[str, Any], str]]:
        """The target groups an ECS service registers in, each with ``container:port``.
        A target group ARN unknown at preview is paired through the recorded dependencies:
        the one target group, or the one whose port is the container port."""
        entries = [e for e in svc["inputs"].get("loadBalancers") or [] if isinstance(e, Mapping)]
        out: list[tuple[dict[str, Any], str]] = []
        for entry in entries:
            port = ":".join(
                str(x) for x in (entry.get("containerName"), entry.get("containerPort")) if x
            )
            found = self.nested_ref(
                svc, "loadBalancers", entry.get("targetGroupArn"), *TARGET_GROUPS
            )
            if len(found) > 1:  # unknown at preview: pick by port
                found = [t for t in found if t["inputs"].get("port") == entry.get("containerPort")][
                    :1
                ]
            out += [(tg, port) for tg in found]
        return out

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
            cluster_group[str(cluster["urn"])] = gid
        for profile in self.of_type(FARGATE_PROFILE):
            inputs = profile["inputs"]
            owner = self.ref(profile, "clusterName", EKS_CLUSTER)
            home = cluster_group.get(str(owner["urn"])) if owner else None
            namespaces = [
                s.get("namespace") for s in inputs.get("selectors") or [] if isinstance(s, Mapping)
            ]
            name = inputs.get("fargateProfileName") or profile["name"]
            ns = "ns: " + ", ".join(str(n) for n in namespaces if n) if namespaces else None
            nid = self.node(profile, "fp", "(|)", _label("Fargate profile", name, ns), home)
            _, targets = self.placement(self.refs(profile, "subnetIds", SUBNET))
            for target in targets:
                self.edge(nid, target, "pods", "-.->")

    # -- SQS ------------------------------------------------------------------------------------
    def queues_in(self, r: Mapping[str, Any], *props: str) -> list[dict[str, Any]]:
        """The queues the inputs ``props`` of ``r`` name (by dependency, ARN or URL)."""
        found: dict[str, dict[str, Any]] = {}
        for prop in props:
            for q in self.refs(r, prop, SQS_QUEUE, documents=True):
                found.setdefault(str(q["urn"]), q)
            for text in strings((r.get("inputs") or {}).get(prop), documents=True):
                by_url = self.queue_urls.get(text)
                if by_url is not None:
                    found.setdefault(str(by_url["urn"]), by_url)
        return list(found.values())

    def role_documents(self) -> dict[str, list[tuple[dict[str, Any], str]]]:
        """role urn -> (record, input) of every policy document attached to it."""
        docs: dict[str, list[tuple[dict[str, Any], str]]] = {}
        for r in self.of_type(IAM_ROLE):
            docs.setdefault(r["urn"], []).append((r, "inlinePolicies"))
        for rp in self.of_type(IAM_ROLE_POLICY):
            role = self.ref(rp, "role", IAM_ROLE)
            if role:
                docs.setdefault(role["urn"], []).append((rp, "policy"))
        for att in self.of_type(IAM_ROLE_POLICY_ATTACHMENT):
            role, policy = self.ref(att, "role", IAM_ROLE), self.ref(att, "policyArn", IAM_POLICY)
            if role and policy:
                docs.setdefault(role["urn"], []).append((policy, "policy"))
        return docs

    def build_queues(self) -> None:
        queues = self.of_type(SQS_QUEUE)
        if not queues:
            return
        self.queue_urls = {
            url: q for q in queues if isinstance(url := (q.get("outputs") or {}).get("url"), str)
        }
        for q in queues:
            self.node(q, "sqs", "[(|)]", _label("SQS queue", q["name"]), None)
        for q in queues:  # dead-letter queues
            for dlq in self.queues_in(q, *(q.get("inputs") or {})):
                if dlq is not q:
                    self.edge(
                        self.node_of[q["urn"]], self.node_of[dlq["urn"]], "dead letters", "-.->"
                    )
        # who uses a queue: task definitions naming it, or whose task role's policies do
        role_docs = self.role_documents()
        for td in self.of_type(ECS_TASK_DEFINITION):
            used = self.queues_in(td, "containerDefinitions")
            role = self.ref(td, "taskRoleArn", IAM_ROLE)
            for record, prop in role_docs.get(str(role["urn"]), []) if role else []:
                used += self.queues_in(record, prop)
            for q in used:
                self.edge(self.node_of.get(td["urn"]), self.node_of[q["urn"]], "uses")

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
