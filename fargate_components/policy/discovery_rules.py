"""FC-NET-105: the private DNS namespace a service registers its tasks in (service discovery,
``serviceRegistries``) is one of the tasks' VPC.

Cloud Map "Creates a private namespace based on DNS, which is visible only inside a specified
Amazon VPC" (``CreatePrivateDnsNamespace``,
https://docs.aws.amazon.com/cloud-map/latest/api/API_CreatePrivateDnsNamespace.html): its
Route 53 private hosted zone answers only in that VPC, so a namespace created for another VPC
registers the tasks (nothing fails at deploy) while clients beside them never resolve
``<name>.<namespace>``. It passes when the plan associates the namespace's hosted zone with
the tasks' VPC (``aws.route53.ZoneAssociation``, Route 53 ``AssociateVPCWithHostedZone``).
``ServiceDiscovery`` takes the namespace by id, so construction can't compare it; the plan
can. A namespace the plan does not create (an id from another stack), or a VPC the plan can't
tell, is *unverified*.

Not judged: Service Connect namespaces. Its clients reach the callee through their Service
Connect proxy, which ECS configures from the namespace's registrations, not through the
namespace's DNS (the namespaces the library creates are HTTP namespaces, with no VPC).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Graph, ResourceRecord
from ..model.tokens import (
    DISCOVERY_SERVICE,
    ECS_SERVICE,
    PRIVATE_DNS_NAMESPACE,
    ROUTE53_ZONE_ASSOCIATION,
    SECURITY_GROUP,
)
from .exposure_rules import vpc_label, vpc_of
from .model import Unverified
from .rules import _rule

__all__: list[str] = []


def _tasks_vpc(record: ResourceRecord, graph: Graph) -> tuple[str, str] | None:
    """The VPC of the service's security groups, when they agree and the plan can tell."""
    vpcs = {vpc_of(g, graph) for g in graph.refs(record, "networkConfiguration", SECURITY_GROUP)}
    return vpcs.pop() if len(vpcs) == 1 else None


def _associated(namespace: ResourceRecord, vpc: tuple[str, str], graph: Graph) -> bool:
    """The plan associates the namespace's hosted zone with ``vpc``."""
    return any(
        namespace in graph.refs(assoc, "zoneId", PRIVATE_DNS_NAMESPACE)
        and vpc_of(assoc, graph) == vpc
        for assoc in graph.of_type(ROUTE53_ZONE_ASSOCIATION)
    )


@_rule(
    "FC-NET-105",
    "error",
    ECS_SERVICE,
    "The private DNS namespace a service registers in is one of its tasks' VPC",
    "create the namespace for the service's network (aws.servicediscovery.PrivateDnsNamespace "
    "`vpc=network.vpc_id`), or associate its hosted zone with that VPC "
    "(aws.route53.ZoneAssociation)",
    needs_graph=True,
)
def _namespace_vpc(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    registries = graph.refs(record, "serviceRegistries", DISCOVERY_SERVICE)
    if not registries:
        return
    mine = _tasks_vpc(record, graph)
    for registry in registries:
        namespaces = graph.refs(registry, "dnsConfig", PRIVATE_DNS_NAMESPACE)
        if not namespaces:
            yield Unverified(
                f"the namespace of {registry.name!r} is not a private DNS namespace of the "
                "plan: check that it is one of the tasks' VPC"
            )
            continue
        for namespace in namespaces:
            theirs = vpc_of(namespace, graph, "vpc")
            if mine is None or theirs is None:
                yield Unverified(
                    f"the VPC of namespace {namespace.name!r} or of the tasks is not in the plan"
                )
            elif theirs != mine and not _associated(namespace, mine, graph):
                yield (
                    f"registers its tasks ({vpc_label(mine, graph)}) in namespace "
                    f"{namespace.name!r} of {vpc_label(theirs, graph)}: its names resolve "
                    "only in that VPC"
                )
