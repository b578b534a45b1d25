"""FC-ECS-013: the capacity providers a service's strategy names are associated with its
cluster (an ECS service's, or the ECS target of an EventBridge Scheduler schedule: a
``ScheduledTask``'s).

"A capacity provider must be associated with a cluster before it can be included as part of
the default capacity provider strategy of the cluster or used in a capacity provider strategy
when calling the CreateService or RunTask actions" (ECS API reference, ``CreateCluster``,
``capacityProviders``: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html;
"The Fargate capacity providers are available to all accounts and only need to be associated
with a cluster to be used"). A ``FargateCluster`` always associates ``FARGATE`` and
``FARGATE_SPOT`` (and a ``CapacityStrategy`` names no other), so the library's own services
pass; this rule judges what construction can't: a cluster made without the component (its
``ecs.ClusterCapacityProviders`` in the plan), and a cluster the plan does not hold
(``FargateCluster.existing``, a StackReference ARN), whose providers no offline plan can
read: *unverified*, naming the providers to check.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Graph, ResourceRecord, is_known
from ..model.tokens import ECS_CLUSTER, ECS_SERVICE, SCHEDULE
from .model import Unverified, unseen
from .rules import _as_list, _rule

__all__: list[str] = []


def _placement(record: ResourceRecord) -> tuple[str, Any, Any]:
    """Where a service's (or an EventBridge Scheduler schedule's ECS target's) cluster and
    strategy are: ``(input holding the cluster, cluster value, strategy items)``."""
    if record.type != SCHEDULE:
        inputs = record.inputs
        return "cluster", inputs.get("cluster"), inputs.get("capacityProviderStrategies")
    target = record.inputs.get("target")
    target = target if isinstance(target, dict) else {}
    ecs = target.get("ecsParameters")
    items = ecs.get("capacityProviderStrategies") if isinstance(ecs, dict) else None
    return "target", target.get("arn"), items


def _named_providers(items: Any) -> list[str] | None:
    """The providers a strategy names (in order, once each), ``[]`` when it sends none,
    ``None`` when one is unknown at preview."""
    names: list[str] = []
    for item in _as_list(items):
        provider = item.get("capacityProvider") if isinstance(item, dict) else item
        if not (isinstance(provider, str) and is_known(provider)):
            return None
        if provider not in names:
            names.append(provider)
    return names


def _associated(ccp: ResourceRecord) -> set[str] | None:
    """The providers an ``ecs.ClusterCapacityProviders`` associates, ``None`` if unknown."""
    value = ccp.inputs.get("capacityProviders")
    items = _as_list(value)
    if not is_known(value) or not all(isinstance(p, str) and is_known(p) for p in items):
        return None
    return set(items)


def _cluster_label(value: Any) -> str:
    if value is None:
        return "'default' (the service names none)"
    return repr(value) if isinstance(value, str) and is_known(value) else "[unknown]"


@_rule(
    "FC-ECS-013",
    "error",
    (ECS_SERVICE, SCHEDULE),
    "The capacity providers a service's strategy names are associated with its cluster",
    "associate the providers with the cluster (aws.ecs.ClusterCapacityProviders "
    "`capacity_providers`; a FargateCluster associates FARGATE and FARGATE_SPOT), or name "
    "only those it has (FargateServiceArgs `capacity_strategy`, FargateCluster.existing "
    "`default_strategy`)",
    needs_graph=True,
)
def _providers_associated(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    prop, cluster, items = _placement(record)
    if record.type == SCHEDULE and cluster is None:
        return  # not an ECS target
    providers = _named_providers(items)
    if providers is None:
        yield unseen("a capacity provider of the service's strategy", "[unknown]")
        return
    if not providers:
        return  # a launch type, or the cluster's default (checked by ECS when it is set)
    associations = graph.cluster_capacity_providers_of(record, prop, cluster)
    if not associations and not graph.refs(record, prop, ECS_CLUSTER):
        yield Unverified(
            f"the cluster {_cluster_label(cluster)} is not in the plan: check that it has "
            f"the capacity provider(s) {', '.join(providers)} associated (ECS refuses a "
            "strategy naming one it hasn't)"
        )
        return
    associated: set[str] = set()
    for ccp in associations:
        found = _associated(ccp)
        if found is None:
            yield unseen(f"the capacity providers of {ccp.name!r}", "[unknown]")
            return
        associated |= found
    missing = [p for p in providers if p not in associated]
    if missing:
        has = ", ".join(sorted(associated)) or "none"
        yield (
            f"its capacity provider strategy names {', '.join(missing)}, which its cluster "
            f"does not have associated (associated: {has})"
        )
