"""FC-NET-106: a service's target group reaches the port mapping ECS registers in it.

ECS registers the ``containerPort`` of each ``loadBalancers`` entry, which "must correspond to
a containerPort in the task definition" (ECS API reference, ``LoadBalancer``), and a port
mapping has one protocol. A ``TCP`` or ``TLS`` target group (and an ALB's ``HTTP``/``HTTPS``)
opens TCP connections to it, a ``UDP`` one sends datagrams, a ``TCP_UDP`` one both, which no
single mapping can declare (the table and its sources:
``ecs.network_load_balancing.TARGET_MAPPING_PROTOCOLS``). ``FargateService`` refuses the
mismatch at construction (``check_target_protocol``); this rule judges services made without
it. Container definitions or a target-group protocol unknown at preview are *unverified*.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..ecs.network_load_balancing import TARGET_MAPPING_PROTOCOLS
from ..model import Graph, ResourceRecord, is_known
from ..model.tokens import ECS_SERVICE, TARGET_GROUPS
from .model import Unverified, unseen
from .rules import _as_list, _containers, _rule

__all__: list[str] = []


def _mapping_protocol(task_def: ResourceRecord, container: Any, port: Any) -> str | None:
    """The protocol of ``container``'s port mapping ``port`` (``tcp`` when unset), or
    ``None`` when the task definition maps no such port."""
    for definition in _containers(task_def):
        if definition.get("name") != container:
            continue
        for mapping in _as_list(definition.get("portMappings")):
            if isinstance(mapping, dict) and mapping.get("containerPort") == port:
                return str(mapping.get("protocol") or "tcp")
    return None


def _pairs(record: ResourceRecord, graph: Graph) -> Iterator[tuple[dict[str, Any], ResourceRecord]]:
    """Each ``loadBalancers`` entry with the target group(s) of the plan it names: by ARN, or
    (one entry) every target group the service refers to (blue/green's two included)."""
    entries = [e for e in _as_list(record.inputs.get("loadBalancers")) if isinstance(e, dict)]
    groups = graph.target_groups_of(record)
    for entry in entries:
        named = graph.lookup(entry.get("targetGroupArn"), *TARGET_GROUPS)
        for group in named or (groups if len(entries) == 1 else []):
            yield entry, group


@_rule(
    "FC-NET-106",
    "error",
    ECS_SERVICE,
    "A service's target group protocol reaches the port mapping ECS registers in it",
    "map the container port with the protocol the target group carries (PortMapping "
    "`protocol`: 'udp' behind a UDP listener, 'tcp' behind TCP, TLS or an ALB), or give the "
    "target group (NetworkListener `protocol`) the mapping's protocol",
    needs_graph=True,
)
def _target_protocol(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    task_def = graph.task_definition_of(record)
    pairs = list(_pairs(record, graph))
    if task_def is None or not pairs:
        return
    raw = task_def.inputs.get("containerDefinitions")
    if raw is not None and not is_known(raw):
        yield unseen(f"the container definitions of {task_def.name!r}", raw)
        return
    for entry, group in pairs:
        protocol = group.inputs.get("protocol")
        if not (isinstance(protocol, str) and is_known(protocol)):
            yield Unverified(f"the protocol of target group {group.name!r} is not known")
            continue
        container, port = entry.get("containerName"), entry.get("containerPort")
        mapping = _mapping_protocol(task_def, container, port)
        reaches = TARGET_MAPPING_PROTOCOLS.get(protocol)
        if mapping is None or reaches is None or mapping in reaches:
            continue  # an unmapped port is ECS's own error; other protocols are not judged
        yield (
            f"registers {container!r} port {port}/{mapping} in the {protocol} target group "
            f"{group.name!r}, which reaches {' or '.join(reaches)} port mappings only"
        )
