"""FC-SC-001: the Service Connect names of a namespace are unique across its services.

AWS's rule (ECS API reference, ``ServiceConnectService.discoveryName`` and
``ServiceConnectClientAlias``,
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectClientAlias.html):
a ``discoveryName`` (default: the ``portName``) "must be unique within the Cloud Map
namespace", since ECS creates a Cloud Map service of that name, and each client alias's "name
and port mapping must be unique within the namespace" (an alias without ``dnsName`` is
``<discoveryName>.<namespace>``). ``FargateService`` refuses a clash at construction when
both namespaces are the same input; this rule checks the plan, where a namespace given as an
Output, by name in one service and by ARN in another, or by a raw ``aws.ecs.Service``, is
resolved to the Cloud Map namespace resource it names. The later service (registration order)
reports the clash, naming the earlier one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from ..model import Graph, ResourceRecord, is_known, truthy
from ..model.tokens import ECS_CLUSTER, ECS_SERVICE, HTTP_NAMESPACE, PRIVATE_DNS_NAMESPACE
from .model import Unverified
from .rules import _rule

__all__ = ["service_connect_conflicts"]

_NAMESPACES = (HTTP_NAMESPACE, PRIVATE_DNS_NAMESPACE)
_CACHE: WeakKeyDictionary[Graph, dict[str, list[str]]] = WeakKeyDictionary()


@dataclass(frozen=True)
class _Namespace:
    key: str
    """What identifies the namespace: its resource's URN, else the name or ARN given."""
    label: str
    """How a message names it."""
    name: str | None
    """Its name (for a default ``dnsName``), when the plan knows it."""
    in_plan: bool = False
    """Whether the plan creates it (else it is an existing namespace, other stacks' too)."""


def _first(value: Any) -> Any:
    """A wire object that may come as a one-element list."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _namespace_input(graph: Graph, service: ResourceRecord, config: dict[str, Any]) -> Any:
    """The service's namespace input, else its cluster's ``serviceConnectDefaults``."""
    given = config.get("namespace")
    if given:
        return given
    for cluster in graph.refs(service, "cluster", ECS_CLUSTER):
        defaults = _first(cluster.inputs.get("serviceConnectDefaults"))
        if isinstance(defaults, dict) and defaults.get("namespace"):
            return defaults["namespace"]
    return None


def _namespace(graph: Graph, service: ResourceRecord, config: dict[str, Any]) -> _Namespace | None:
    """The namespace a service's Service Connect configuration is in (None: not knowable)."""
    value = _namespace_input(graph, service, config)
    found = graph.lookup(value, *_NAMESPACES) if is_known(value) else []
    if not found and not is_known(value):
        found = graph.refs(service, "serviceConnectConfiguration", *_NAMESPACES)
    if len(found) == 1:
        name = found[0].inputs.get("name")
        return _Namespace(found[0].urn, repr(name), name if is_known(name) else None, True)
    if isinstance(value, str) and is_known(value):
        return _Namespace(value, repr(value), None if value.startswith("arn:") else value)
    return None


def _claims(entry: dict[str, Any], namespace: _Namespace) -> Iterator[tuple[str, str]]:
    """The (kind, name) pairs one Service Connect service entry claims in its namespace."""
    discovery = entry.get("discoveryName") or entry.get("portName")
    yield "discovery name", str(discovery)
    for alias in entry.get("clientAlias") or entry.get("clientAliases") or []:
        if not isinstance(alias, dict):
            continue
        dns = alias.get("dnsName") or (f"{discovery}.{namespace.name}" if namespace.name else None)
        if dns is not None:
            yield "client alias", f"{dns}:{alias.get('port')}"


def _unknown(entry: dict[str, Any]) -> bool:
    names = [entry.get("discoveryName"), entry.get("portName")]
    for alias in entry.get("clientAlias") or []:
        if isinstance(alias, dict):
            names += [alias.get("dnsName"), alias.get("port")]
    return any(not is_known(n) for n in names)


def _service_entries(service: ResourceRecord) -> list[dict[str, Any]]:
    config = _first(service.inputs.get("serviceConnectConfiguration"))
    if not isinstance(config, dict) or not truthy(config.get("enabled")):
        return []
    entries = config.get("services")
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _other_stacks(namespace: _Namespace, entries: list[dict[str, Any]]) -> Unverified:
    """What a plan can't check in a namespace it does not create: whether services of other
    stacks (or made by hand) already hold these discovery names."""
    names = sorted({str(e.get("discoveryName") or e.get("portName")) for e in entries})
    return Unverified(
        f"the namespace {namespace.label} is not created by this plan: whether services of "
        f"other stacks already claim the discovery name(s) {', '.join(map(repr, names))} in "
        "it can't be known offline (AWS refuses a second one: ServiceAlreadyExists); give "
        "each service a discovery name unique across the stacks sharing the namespace"
    )


def service_connect_conflicts(graph: Graph) -> dict[str, list[str]]:
    """FC-SC-001's problems by the URN of the ECS service that reports them (computed once
    per graph): a discovery name or client alias an earlier service of the same namespace
    already claims, or why the check could not be made.

    Example::

        # fragment: `plan` is yours (e.g. run_in_mocks(program))
        from fargate_components.model import Graph

        for urn, problems in service_connect_conflicts(Graph(plan)).items():
            print(urn, problems)
    """
    cached = _CACHE.get(graph)
    if cached is not None:
        return cached
    problems: dict[str, list[str]] = {}
    holders: dict[tuple[str, str, str], ResourceRecord] = {}
    for service in graph.of_type(ECS_SERVICE):
        entries = _service_entries(service)
        if not entries:
            continue
        config = _first(service.inputs.get("serviceConnectConfiguration"))
        namespace = _namespace(graph, service, config)
        mine = problems.setdefault(service.urn, [])
        if namespace is None or any(_unknown(e) for e in entries):
            mine.append(Unverified("its Service Connect namespace or names are unknown at preview"))
            continue
        if not namespace.in_plan:
            mine.append(_other_stacks(namespace, entries))
        for entry in entries:
            for kind, claimed in _claims(entry, namespace):
                holder = holders.setdefault((namespace.key, kind, claimed), service)
                if holder is not service:
                    why = " (ServiceAlreadyExists)" if kind == "discovery name" else ""
                    mine.append(
                        f"its Service Connect {kind} {claimed!r} is already claimed in the "
                        f"namespace {namespace.label} by {holder.name}: AWS refuses the second "
                        f"service{why}"
                    )
    _CACHE[graph] = problems
    return problems


@_rule(
    "FC-SC-001",
    "error",
    ECS_SERVICE,
    "Service Connect discovery names and client aliases are unique in their namespace",
    "give one of the services another `discoveryName` (it defaults to the port name) or "
    "client alias (`dnsName` and `port`): ServiceConnectServer(discovery_name=..., "
    "dns_name=..., port=...)",
    needs_graph=True,
)
def _unique_names(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    yield from service_connect_conflicts(graph).get(record.urn, [])
