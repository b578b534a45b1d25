"""The one reference index over a plan: what refers to what, read the same way by policy,
pricing, the diff, the diagram and the simulator.

References between resources are resolved two ways, so the same question gets the same
answer on an offline plan (ids and ARNs known from the mocks), on a plan JSON file and on a
real ``pulumi preview`` (ids unknown, but the engine still knows which resource an input
came from): first the property dependencies the engine recorded, then the values
themselves (the :func:`handles` of the resources in the graph).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .plan import records_of
from .records import ResourceRecord, is_known, strings
from .tokens import (
    ECS_CLUSTER,
    ECS_CLUSTER_CAPACITY_PROVIDERS,
    ECS_SERVICE,
    ECS_TASK_DEFINITION,
    LISTENER_RULES,
    LISTENERS,
    LOAD_BALANCERS,
    STACK,
    TARGET_GROUPS,
)

if TYPE_CHECKING:
    from ..ecs.capacity import StrategyItem

__all__ = ["IDENTITY_KEYS", "Graph", "distinctive_handles", "handles"]

#: Output keys whose values identify a resource when another resource refers to it.
IDENTITY_KEYS = ("id", "arn", "arnWithoutRevision", "name")


def handles(record: ResourceRecord, keys: Iterable[str] = IDENTITY_KEYS) -> list[str]:
    """The known values by which other resources may refer to ``record``: its id and the
    ``keys`` of its outputs (id, ARN, ARN without revision, name by default)."""
    values = [record.id, *(record.outputs.get(k) for k in keys if k != "id")]
    return [v for v in dict.fromkeys(values) if isinstance(v, str) and v and is_known(v)]


def distinctive_handles(record: ResourceRecord) -> set[str]:
    """The handles that cannot be mistaken for an ordinary value: the ARN, and the id when
    it looks like a physical id (``subnet-0a1b…``, a dashed name, an ARN or URL; not
    ``web``). What a value-based match of two plans may rely on."""
    arn = record.outputs.get("arn")
    found: set[str] = {arn} if isinstance(arn, str) else set()
    rid = record.id
    if isinstance(rid, str) and len(rid) >= 8 and re.search(r"[-:/]", rid):
        found.add(rid)
    return found


def _last(value: Any) -> str:
    """The last path segment of an ARN or a name (``.../cluster/apps`` -> ``apps``)."""
    return str(value).rsplit("/", 1)[-1]


def _as_list(value: Any) -> list[Any]:
    if value is None or not is_known(value):
        return []
    return value if isinstance(value, list) else [value]


def _region_of(source: Any) -> str | None:
    region = source.get("region") if isinstance(source, dict) else getattr(source, "region", None)
    return region if isinstance(region, str) and region and region != "None" else None


class Graph:
    """The resources of one plan (or one preview), indexed by URN, type and identity.

    Accepts a :class:`~fargate_components.model.Plan`, a plan JSON document or records.

    Example::

        from fargate_components import Network
        from fargate_components.model import Graph
        from fargate_components.model.tokens import SUBNET, VPC
        from fargate_components.testing import run_in_mocks

        graph = Graph(run_in_mocks(lambda: Network("net")))
        for subnet in graph.of_type(SUBNET):
            assert [vpc.name for vpc in graph.refs(subnet, "vpcId", VPC)] == ["net-vpc"]
    """

    def __init__(self, source: Any) -> None:
        self.resources = records_of(source)
        #: The region the plan was made for (a Plan's or plan document's), else ``None``.
        self.region: str | None = _region_of(source)
        self._by_urn = {r.urn: r for r in self.resources}
        self._by_type: dict[str, list[ResourceRecord]] = defaultdict(list)
        self._by_value: dict[str, list[ResourceRecord]] = defaultdict(list)
        self._children: dict[str, list[ResourceRecord]] = defaultdict(list)
        for r in self.resources:
            self._by_type[r.type].append(r)
            if r.parent:
                self._children[r.parent].append(r)
            for value in handles(r):
                self._by_value[value].append(r)

    def __iter__(self) -> Iterator[ResourceRecord]:
        return iter(self.resources)

    # -- lookups -------------------------------------------------------------------------
    def of_type(self, *types: str) -> list[ResourceRecord]:
        """All resources of these type tokens, in registration order."""
        if len(types) == 1:
            return list(self._by_type.get(types[0], []))
        return [r for r in self.resources if r.type in types]

    def by_urn(self, urn: str | None) -> ResourceRecord | None:
        return self._by_urn.get(urn) if urn else None

    def lookup(self, value: Any, *types: str) -> list[ResourceRecord]:
        """Resources whose id, ARN or name is ``value`` (optionally only of ``types``)."""
        if not isinstance(value, str):
            return []
        found = self._by_value.get(value, [])
        return [r for r in found if not types or r.type in types]

    def first(self, value: Any, *types: str) -> ResourceRecord | None:
        """The first resource (registration order) :meth:`lookup` finds, or ``None``."""
        found = self.lookup(value, *types)
        return found[0] if found else None

    # -- references ----------------------------------------------------------------------
    def refs(
        self, record: ResourceRecord, prop: str, *types: str, documents: bool = False
    ) -> list[ResourceRecord]:
        """The resources (of ``types``, when given) that ``record``'s top-level input ``prop``
        refers to: by recorded property dependency, else by id / ARN / name value (with
        ``documents``, also inside JSON documents held in strings)."""
        found: dict[str, ResourceRecord] = {}
        for urn in record.property_dependencies.get(prop, []):
            target = self._by_urn.get(urn)
            if target is not None and (not types or target.type in types):
                found[target.urn] = target
        for text in strings(record.inputs.get(prop), documents=documents):
            for target in self.lookup(text, *types):
                found.setdefault(target.urn, target)
        return list(found.values())

    def referrers(
        self, target: ResourceRecord, type_: str | tuple[str, ...], prop: str
    ) -> list[ResourceRecord]:
        """Resources of ``type_`` (a token or a tuple of tokens) whose input ``prop`` refers
        to ``target``."""
        types = (type_,) if isinstance(type_, str) else type_
        return [
            r for r in self.of_type(*types) if any(t.urn == target.urn for t in self.refs(r, prop))
        ]

    # -- deploy order --------------------------------------------------------------------
    def children_of(self, urn: str) -> list[ResourceRecord]:
        """The resources whose parent is ``urn``, in registration order."""
        return list(self._children.get(urn, []))

    def resources_under(self, urn: str) -> set[str]:
        """What a dependency on ``urn`` waits for: the resource itself when it is a custom
        resource, every custom resource below it when it is a component (the engine waits
        for a component's children); nothing for a URN not in the plan."""
        out: set[str] = set()
        todo, seen = [urn], set()
        while todo:
            current = todo.pop()
            record = self._by_urn.get(current)
            if record is None or current in seen:
                continue
            seen.add(current)
            if record.custom:
                out.add(current)
            else:
                todo.extend(child.urn for child in self._children.get(current, []))
        return out

    def dependencies_of(self, record: ResourceRecord) -> set[str]:
        """The URNs of the custom resources ``record`` waits for in a deploy: its
        ``dependsOn`` and the resources its inputs came from (property dependencies),
        components expanded (:meth:`resources_under`)."""
        urns = set(record.depends_on)
        for group in record.property_dependencies.values():
            urns.update(group)
        deps: set[str] = set()
        for urn in urns:
            deps |= self.resources_under(urn)
        deps.discard(record.urn)
        return deps

    def component_of(self, record: ResourceRecord) -> str | None:
        """The URN of the nearest component (non-custom ancestor below the stack)."""
        parent = record.parent
        while parent:
            rec = self._by_urn.get(parent)
            if rec is None or rec.type == STACK:
                return None
            if not rec.custom:
                return rec.urn
            parent = rec.parent
        return None

    # -- load balancing ------------------------------------------------------------------
    def load_balancer_of_listener(self, listener: ResourceRecord) -> ResourceRecord | None:
        """The load balancer a listener listens on (its ``loadBalancerArn``)."""
        found = self.refs(listener, "loadBalancerArn", *LOAD_BALANCERS)
        return found[0] if found else None

    def listener_of(self, rule: ResourceRecord) -> ResourceRecord | None:
        """The listener a listener rule belongs to (its ``listenerArn``)."""
        found = self.refs(rule, "listenerArn", *LISTENERS)
        return found[0] if found else None

    def rules_of(self, listener: ResourceRecord) -> list[ResourceRecord]:
        """The listener rules of a listener, in registration order."""
        return self.referrers(listener, LISTENER_RULES, "listenerArn")

    def forwarded_groups(self, record: ResourceRecord) -> list[ResourceRecord]:
        """The target groups a listener (its ``defaultActions``) or a listener rule (its
        ``actions``) forwards to, weighted forwards included."""
        prop = "actions" if record.type in LISTENER_RULES else "defaultActions"
        return self.refs(record, prop, *TARGET_GROUPS)

    def target_groups_of(self, service: ResourceRecord) -> list[ResourceRecord]:
        """The target groups an ECS service registers its tasks in (``loadBalancers``)."""
        return self.refs(service, "loadBalancers", *TARGET_GROUPS)

    def services_of(self, target_group: ResourceRecord) -> list[ResourceRecord]:
        """The ECS services that register their tasks in ``target_group``."""
        return self.referrers(target_group, ECS_SERVICE, "loadBalancers")

    def load_balancers_of(self, target_group: ResourceRecord) -> list[ResourceRecord]:
        """The load balancers a target group is attached to: those with a listener, or a
        listener rule, that forwards to it (AWS associates a target group with a load
        balancer through such an action). Registration order; empty for a target group no
        listener forwards to."""
        found: dict[str, ResourceRecord] = {}
        for listener in self.of_type(*LISTENERS):
            forwarders = [listener, *self.rules_of(listener)]
            if not any(
                tg.urn == target_group.urn for r in forwarders for tg in self.forwarded_groups(r)
            ):
                continue
            lb = self.load_balancer_of_listener(listener)
            if lb is not None:
                found.setdefault(lb.urn, lb)
        return list(found.values())

    # -- ECS -----------------------------------------------------------------------------
    def task_definition_of(self, service: ResourceRecord) -> ResourceRecord | None:
        """The task definition an ECS service (or a task target) runs: by ARN / id / family
        value or recorded dependency of its ``taskDefinition`` input."""
        ref = service.inputs.get("taskDefinition")
        candidates = self.of_type(ECS_TASK_DEFINITION)
        if isinstance(ref, str) and is_known(ref):
            for td in candidates:
                if ref in (td.outputs.get("arn"), td.outputs.get("arnWithoutRevision"), td.id):
                    return td
            family = _last(ref).split(":", 1)[0]
            for td in candidates:
                if family and family == (td.inputs.get("family") or td.outputs.get("family")):
                    return td
        deps = set(service.property_dependencies.get("taskDefinition", []))
        return next((td for td in candidates if td.urn in deps), None)

    def cluster_capacity_providers_of(
        self, service: ResourceRecord, prop: str = "cluster", cluster: Any = None
    ) -> list[ResourceRecord]:
        """The ``ecs.ClusterCapacityProviders`` of the cluster a service runs in (its
        ``cluster`` input; a schedule's: ``prop="target"``, ``cluster`` its target ARN):
        linked by the cluster's record, by name, or by a shared dependency of the name."""
        clusters = self.refs(service, prop, ECS_CLUSTER)
        cluster = service.inputs.get(prop) if cluster is None else cluster
        cluster_deps = set(service.property_dependencies.get(prop, []))
        found: list[ResourceRecord] = []
        for ccp in self.of_type(ECS_CLUSTER_CAPACITY_PROVIDERS):
            name = ccp.inputs.get("clusterName")
            linked = any(c in self.refs(ccp, "clusterName", ECS_CLUSTER) for c in clusters)
            same = is_known(cluster) and is_known(name) and _last(cluster) == _last(name)
            shared = bool(cluster_deps & set(ccp.property_dependencies.get("clusterName", [])))
            if linked or same or shared:
                found.append(ccp)
        return found

    def cluster_default_strategy(self, service: ResourceRecord) -> list[dict[str, Any]] | None:
        """The default capacity provider strategy (wire items) of the cluster a service
        runs in, or ``None`` when the plan sets none for it."""
        for ccp in self.cluster_capacity_providers_of(service):
            items = [i for i in _as_list(ccp.inputs.get("defaultCapacityProviderStrategies"))]
            dicts = [i for i in items if isinstance(i, dict)]
            if dicts:
                return dicts
        return None

    def wire_strategy_of(self, service: ResourceRecord) -> tuple[list[dict[str, Any]], str]:
        """The capacity provider strategy an ECS service runs with, as wire items, and where
        it comes from: the service's own strategy, else none with a launch type, else the
        cluster's default. Empty (with the reason) when the plan does not say."""
        own = [i for i in _as_list(service.inputs.get("capacityProviderStrategies"))]
        own_items = [i for i in own if isinstance(i, dict)]
        if own_items:
            return own_items, "the service's capacity provider strategy"
        launch_type = service.inputs.get("launchType")
        if launch_type:
            return [], f"launchType {launch_type}"
        default = self.cluster_default_strategy(service)
        if default:
            return default, "the cluster's default capacity provider strategy"
        return [], "no launch type, strategy or cluster default found"

    def capacity_strategy_of(
        self, service: ResourceRecord
    ) -> tuple[list[StrategyItem] | None, str]:
        """:meth:`wire_strategy_of` read into the one strategy model
        (``ecs.capacity.StrategyItem.from_wire``, shape only: a plan may hold providers
        that are not Fargate's). ``None`` items when a base or weight is not known."""
        from ..ecs.capacity import StrategyItem  # the one model of a strategy
        from ..errors import ValidationError

        wire, source = self.wire_strategy_of(service)
        try:
            return [StrategyItem.from_wire(item) for item in wire], source
        except ValidationError:
            return None, source + " (a base or weight is not known)"
